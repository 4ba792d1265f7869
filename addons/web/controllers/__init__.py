"""HTTP endpoints of the web addon: ``pages`` (HTML), ``assets`` (what the shell loads), ``actions`` (JSON)."""
