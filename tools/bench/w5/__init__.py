"""W5: the JSON-RPC load client, the raw limit's server, and the server lifecycle shared by all systems."""
