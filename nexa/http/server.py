"""Running the application: werkzeug's threaded server, or gunicorn with worker processes."""

from __future__ import annotations

import logging
import os
import threading
from typing import Any

from nexa.orm.env import SUPERUSER_ID

_logger = logging.getLogger("nexa.server")


def warn_about_defaults(runtime: Any) -> list[str]:
    """Log (and return) a warning for each default password in use: master password, admin users.

    Only the databases this server serves (``dbfilter``) are looked at, and each is
    closed again: a server must not keep connections to databases it never serves
    (they would block their ``DROP DATABASE``), nor hand them to forked workers.
    """
    from nexa.exceptions import AccessDenied
    from nexa.rpc.services.base import RpcCall

    warnings = []
    if runtime.config.admin_passwd == "admin":
        warnings.append("The master password (admin_passwd) is the default 'admin': set it in nexa.conf")
    served = RpcCall(runtime)
    for name in runtime.server.list()[:20]:
        try:
            served.allowed_database(name)
        except AccessDenied:
            continue
        try:
            with runtime.environment(name) as env:
                if env["res.users"].browse(SUPERUSER_ID)._check_password("admin"):
                    warnings.append(f"Database {name!r}: user 'admin' still has the default password 'admin'")
        except Exception:  # a database that is not a Nexa database, or not reachable: not our business here
            continue
        finally:
            runtime.forget(name)
    for warning in warnings:
        _logger.warning(warning)
    return warnings


def make_application(runtime: Any) -> Any:
    from nexa.http.app import Application

    return Application(runtime)


def serve_threaded(runtime: Any, *, reload: bool = False) -> None:
    """Serve with werkzeug's threaded server (``--dev`` reloads on code changes)."""
    from werkzeug.serving import run_simple

    config = runtime.config
    application = make_application(runtime)
    warn_about_defaults(runtime)
    # werkzeug logs each request at INFO whatever the configured level (its logger has none set);
    # nexa.http.access already logs requests at INFO, so werkzeug keeps to warnings and errors
    logging.getLogger("werkzeug").setLevel(max(logging.WARNING, logging.getLogger().getEffectiveLevel()))
    if not reload or os.environ.get("WERKZEUG_RUN_MAIN") == "true":  # the reloader's child serves, not its parent
        name = config.db_name or runtime.url_db_name  # the database the server is bound to, as `worker` does
        start_background_workers(runtime, config.max_cron_threads, [name] if name else None)
    _logger.info("Nexa serving on http://%s:%s", config.http_interface, config.http_port)
    run_simple(config.http_interface, config.http_port, application, threaded=True, use_reloader=reload,
               use_debugger=False)


def start_background_workers(runtime: Any, count: int, databases: list[str] | None = None) -> list[Any]:
    """``count`` daemon threads running crons and jobs beside the threaded server (Odoo's cron threads).

    Each is a :class:`~nexa.jobs.worker.Worker` over every database the server serves; they
    claim work with the same locks as separate ``nexa-bin worker`` processes, so both can run.
    """
    from nexa.jobs.worker import Worker

    workers = [Worker(runtime, databases) for _ in range(count)]
    for number, worker in enumerate(workers, 1):
        threading.Thread(target=worker.run_forever, name=f"nexa-cron-{number}", daemon=True).start()
    return workers


def serve_workers(config: Any, workers: int) -> None:
    """Serve with gunicorn and ``workers`` processes (each builds its own runtime after the fork)."""
    try:
        from gunicorn.app.base import BaseApplication
    except ImportError:
        from nexa.exceptions import ConfigError

        raise ConfigError("--workers needs gunicorn: pip install 'nexa[production]'") from None

    class NexaGunicorn(BaseApplication):
        def load_config(self) -> None:
            self.cfg.set("bind", f"{config.http_interface}:{config.http_port}")
            self.cfg.set("workers", workers)
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("threads", 4)
            self.cfg.set("accesslog", None)
            self.cfg.set("timeout", 120)

        def load(self) -> Any:
            from nexa.runtime import Runtime

            return make_application(Runtime(config))

    from nexa.runtime import Runtime

    warn_about_defaults(Runtime(config))
    NexaGunicorn().run()
