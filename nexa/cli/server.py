"""``nexa-bin server``: serve the HTTP API and web client (werkzeug, or gunicorn with --workers)."""

from __future__ import annotations

import argparse

from nexa.cli.command import Command
from nexa.hooks import hookimpl
from nexa.runtime import Runtime


class Server(Command):
    """Serve HTTP: the external API (/jsonrpc, /xmlrpc), the web client (/web) and /health.

    Options named as Odoo's. Without --workers, one process serves requests from
    threads (werkzeug); --dev also reloads the code when a file changes. With
    --workers N, gunicorn runs N worker processes (install the "production" extra).
    The options given here override the configuration file and environment.
    """

    name = "server"
    help = "serve the HTTP API and the web client"

    def configure(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--http-port", dest="server_http_port", type=int, metavar="PORT",
                            help="port to listen on (default: http_port, 8069)")
        parser.add_argument("--http-interface", dest="server_http_interface", metavar="ADDRESS",
                            help="address to listen on (default: http_interface, 127.0.0.1)")
        parser.add_argument("--workers", dest="server_workers", type=int, metavar="N",
                            help="gunicorn worker processes (default: workers, 0 = threaded werkzeug)")
        parser.add_argument("--dev", action="store_true", help="developer mode: reload on code changes")

    def run(self, args: argparse.Namespace, runtime: Runtime) -> int:
        from nexa.http.server import serve_threaded, serve_workers

        changes = {key: value for key, value in (
            ("http_port", args.server_http_port), ("http_interface", args.server_http_interface),
            ("workers", args.server_workers)) if value is not None}
        if args.dev:
            changes["dev_mode"] = True
        config = runtime.config.replace(**changes)
        if config.workers:
            serve_workers(config, config.workers)
        else:
            serve_threaded(Runtime(config), reload=config.dev_mode)
        return 0


@hookimpl
def nexa_cli_commands() -> list[Command]:
    return [Server()]
