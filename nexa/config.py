"""Nexa's configuration: one immutable :class:`Config` built from four layers.

Each option is declared once in :data:`OPTIONS` (name, type, default, help,
command-line flag); the config file, the ``NEXA_*`` environment variables and the
command-line flags are all read through that table, and a test holds
``nexa.conf.example`` to it, so they cannot drift apart. The layers, lowest to highest precedence::

    defaults < config file ([options] section) < NEXA_<OPTION> env < command line

The defaults run a development server on SQLite with no other service, so a
fresh checkout works with no file at all. A value that cannot be used is a
:class:`~nexa.exceptions.ConfigError` naming where it came from (file, variable,
flag), the option and the value, at start-up rather than at first use.

    >>> config = load_config(env={}, search=False, cli={"http_port": 8070})
    >>> config.http_port, config.workers
    (8070, 0)
"""

from __future__ import annotations

import argparse
import configparser
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from nexa.exceptions import ConfigError, did_you_mean

OptionType = Literal["str", "int", "bool", "float", "path", "paths"]
"""How an option's text is read: ``paths`` is a comma-separated list of folders."""

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})
ENV_PREFIX = "NEXA_"
CONFIG_ENV_VAR = "NEXA_CONFIG"
"""Environment variable naming the config file; it is not an option itself."""


@dataclass(frozen=True)
class Option:
    """One configuration option, the single source of its name, type and default.

    ``default`` is a value, or a callable taking the environment mapping for the
    defaults that depend on it (``data_dir`` follows ``$XDG_DATA_HOME``); such a
    default is shown to users as ``default_doc``.
    """

    name: str
    type: OptionType
    default: Any
    help: str
    cli_flag: str
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    default_doc: str = ""

    @property
    def env_var(self) -> str:
        """The environment variable that sets this option (``NEXA_HTTP_PORT``)."""
        return ENV_PREFIX + self.name.upper()

    @property
    def default_text(self) -> str:
        """The default as written in a config file (what ``nexa.conf.example`` shows)."""
        return self.default_doc or format_value(self.default)

    def default_value(self, env: Mapping[str, str]) -> Any:
        """The default for this environment (computed defaults read ``env``)."""
        return self.default(env) if callable(self.default) else self.default


def repository_addons() -> tuple[Path, ...]:
    """The ``addons/`` folder of the Nexa source tree: the default ``addons_path``."""
    return (Path(__file__).resolve().parents[1] / "addons",)


def default_data_dir(env: Mapping[str, str]) -> Path:
    """``$XDG_DATA_HOME/nexa``, else ``~/.local/share/nexa`` (the XDG base directory rule)."""
    xdg = env.get("XDG_DATA_HOME", "")
    return Path(xdg) / "nexa" if xdg else Path("~/.local/share/nexa").expanduser()


def _option(name: str, type_: OptionType, default: Any, help_: str, **extra: Any) -> Option:
    return Option(name, type_, default, help_, "--" + name.replace("_", "-"), **extra)


# One line per option: name, type, default, help (and checks). Kept as a table on purpose.
# fmt: off
OPTIONS: tuple[Option, ...] = (
    _option("addons_path", "paths", repository_addons(),
            "Comma-separated folders holding addons; the first folder wins when two hold the same addon.",
            default_doc="<the addons/ folder of the Nexa source tree>"),
    _option("data_dir", "path", default_data_dir,
            "Where Nexa keeps SQLite databases, attachments and sessions.",
            default_doc="$XDG_DATA_HOME/nexa, else ~/.local/share/nexa"),
    _option("db_url", "str", "",
            "Empty: SQLite files in data_dir. postgresql://user@host:port[/dbname]: a PostgreSQL server "
            "(the optional database name is the default database)."),
    _option("db_name", "str", "", "The default database for commands and the server."),
    _option("db_pool_size", "int", 5, "Database connections kept open per process.", minimum=1),
    _option("dbfilter", "str", "",
            "Regular expression that database names must match to be listed and served; empty allows all."),
    _option("list_db", "bool", True, "Whether the database list and manager are available over HTTP."),
    _option("admin_passwd", "str", "admin",
            "Master password of the 'db' service (create, drop, back up databases); change it."),
    _option("http_interface", "str", "127.0.0.1", "Address the HTTP server listens on."),
    _option("http_port", "int", 8069, "Port the HTTP server listens on.", minimum=1),
    _option("workers", "int", 0, "Worker processes; 0 serves from threads in one process.", minimum=0),
    _option("max_request_size", "int", 64 * 1024 * 1024, "Largest request body accepted, in bytes.",
            minimum=1),
    _option("session_lifetime", "int", 7 * 24 * 3600, "Seconds an idle web session stays valid.",
            minimum=1),
    _option("proxy_mode", "bool", False,
            "Trust X-Forwarded-* headers (only behind a reverse proxy that sets them)."),
    _option("redis_url", "str", "",
            "redis://host:port/db for the shared cache, bus and jobs; empty keeps them in process."),
    _option("log_level", "str", "info", "Lowest level of log messages written.",
            choices=("debug", "info", "warning", "error", "critical")),
    _option("log_format", "str", "text", "Log lines as human text or as one JSON object per line.",
            choices=("text", "json")),
    _option("dev_mode", "bool", False, "Developer mode: reload code, verbose errors, unminified assets."),
    _option("without_demo", "bool", False, "Do not load demo data when installing addons."),
    _option("query_count_threshold", "int", 20,
            "Warn when one request runs more queries than this (N+1 detector); 0 turns it off.", minimum=0),
    _option("login_rate_limit", "int", 10,
            "Failed logins allowed per login and IP address in 15 minutes.", minimum=1),
    _option("server_wide_addons", "str", "base,web",
            "Comma-separated addons loaded by every server process whatever the database: their HTTP "
            "routes are served before any database is chosen (the login page, for instance)."),
    _option("max_cron_threads", "int", 1,
            "Threads of the threaded 'nexa-bin server' (without --workers) that run scheduled actions and "
            "jobs, as 'nexa-bin worker' does; 0 turns them off. With --workers, run 'nexa-bin worker' beside "
            "the server.", minimum=0),
    _option("poll_interval", "float", 5.0,
            "Seconds an idle 'nexa-bin worker' waits before looking for due jobs and crons again (without "
            "redis_url; with it, a new job wakes the worker at once).", minimum=0.01),
    _option("transient_age_limit", "float", 1.0,
            "Hours a transient (wizard) record is kept before the auto-vacuum deletes it.", minimum=0.0),
)
# fmt: on

OPTIONS_BY_NAME: Mapping[str, Option] = {option.name: option for option in OPTIONS}


@dataclass(frozen=True)
class Config:
    """The options of one Nexa process; build it with :func:`load_config`.

    Immutable so that every part of the process sees the same values; use
    :meth:`replace` for a modified copy (tests, sub-commands).
    """

    addons_path: tuple[Path, ...]
    data_dir: Path
    db_url: str
    db_name: str
    db_pool_size: int
    dbfilter: str
    list_db: bool
    admin_passwd: str
    http_interface: str
    http_port: int
    workers: int
    max_request_size: int
    session_lifetime: int
    proxy_mode: bool
    redis_url: str
    log_level: str
    log_format: str
    dev_mode: bool
    without_demo: bool
    query_count_threshold: int
    login_rate_limit: int
    server_wide_addons: str
    max_cron_threads: int
    poll_interval: float
    transient_age_limit: float

    def replace(self, **changes: Any) -> Config:
        """A copy with ``changes`` applied, checked like any other source."""
        values = self.as_dict()
        values.update(_coerce_all(changes, lambda name: "Config.replace()"))
        return Config(**values)

    def as_dict(self) -> dict[str, Any]:
        """Every option's value by name, in the order of :data:`OPTIONS`."""
        return {option.name: getattr(self, option.name) for option in OPTIONS}


def load_config(
    *,
    file: str | Path | None = None,
    env: Mapping[str, str] | None = None,
    cli: Mapping[str, Any] | None = None,
    search: bool = True,
) -> Config:
    """Build the :class:`Config` from defaults, a file, the environment and the command line.

    ``env`` defaults to ``os.environ``. ``file`` defaults to ``$NEXA_CONFIG``, else
    ``./nexa.conf``, else ``~/.nexarc`` when they exist; ``search=False`` reads no
    file unless one is given (tests use it to ignore the developer's own files).
    In ``cli``, keys are option names and ``None`` means "flag not given", so an
    ``argparse`` namespace built by :func:`add_cli_arguments` can be passed as
    ``vars(namespace)``.
    """
    env = os.environ if env is None else env
    values = {option.name: option.default_value(env) for option in OPTIONS}
    config_file = _find_config_file(file, env, search)
    if config_file is not None:
        values.update(_read_config_file(config_file))
    for option in OPTIONS:
        if option.env_var in env:
            source = f"environment variable {option.env_var}"
            values[option.name] = coerce(option, env[option.env_var], source)
    given = {name: value for name, value in (cli or {}).items() if value is not None}
    values.update(_coerce_all(given, lambda name: "command-line flag --" + name.replace("_", "-")))
    return Config(**values)


def add_cli_arguments(parser: argparse.ArgumentParser) -> None:
    """Add one ``--flag`` per option to ``parser``, so commands need not repeat the table.

    Every flag defaults to ``None`` ("not given") so lower layers keep their
    values; the text is checked by :func:`load_config` like the other sources.
    """
    group = parser.add_argument_group("configuration options")
    for option in OPTIONS:
        metavar = option.name.upper() if option.type != "bool" else "{true,false}"
        group.add_argument(
            option.cli_flag,
            dest=option.name,
            default=None,
            metavar=metavar,
            help=f"{option.help} (default: {option.default_text})",
        )


def format_value(value: Any) -> str:
    """Write a value the way the config file reads it back (lists comma-separated)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple | list):
        return ",".join(str(item) for item in value)
    return str(value)


def coerce(option: Option, value: Any, source: str) -> Any:
    """Turn ``value`` (text from a file, variable or flag, or a Python value) into the option's type.

    ``source`` names where the value came from; it leads the error message.
    """
    reader, expected = _READERS[option.type]
    try:
        result = reader(value)
    except (TypeError, ValueError):
        raise _bad_value(option, value, source, f", which is not {expected}") from None
    if option.choices:
        result = result.lower()
        if result not in option.choices:
            hint = f"; choose one of {', '.join(option.choices)}{did_you_mean(result, option.choices)}"
            raise _bad_value(option, value, source, hint)
    if option.minimum is not None and result < option.minimum:
        raise _bad_value(option, value, source, f"; it must be at least {option.minimum}")
    return result


def _bad_value(option: Option, value: Any, source: str, problem: str) -> ConfigError:
    return ConfigError(
        f"{source}: option {option.name!r} got {value!r}{problem}",
        source=source,
        option=option.name,
        value=value,
    )


def _read_str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(value)
    return value


def _read_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise TypeError(value)
    return int(value)


def _read_float(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise TypeError(value)
    return float(value)


def _read_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    word = _read_str(value).strip().lower()
    if word not in TRUE_WORDS | FALSE_WORDS:
        raise ValueError(value)
    return word in TRUE_WORDS


def _read_path(value: Any) -> Path:
    text = str(value).strip() if isinstance(value, str | Path) else ""
    if not text:
        raise ValueError(value)
    return Path(text).expanduser()


def _read_paths(value: Any) -> tuple[Path, ...]:
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        raise TypeError(value)
    return tuple(_read_path(item) for item in items if not isinstance(item, str) or item.strip())


_READERS: dict[str, tuple[Callable[[Any], Any], str]] = {
    "str": (_read_str, "a string"),
    "int": (_read_int, "a whole number"),
    "float": (_read_float, "a number"),
    "bool": (_read_bool, "a boolean (true/false, yes/no, on/off, 1/0)"),
    "path": (_read_path, "a non-empty path"),
    "paths": (_read_paths, "a comma-separated list of folders"),
}


def _coerce_all(values: Mapping[str, Any], source: Callable[[str], str]) -> dict[str, Any]:
    """Coerce option values given by name, rejecting unknown names with a suggestion.

    ``source(name)`` says where the value of option ``name`` came from.
    """
    result = {}
    for name, value in values.items():
        option = OPTIONS_BY_NAME.get(name)
        if option is None:
            raise _unknown_option(source(name), name, value)
        result[name] = coerce(option, value, source(name))
    return result


def _unknown_option(source: str, name: str, value: Any) -> ConfigError:
    return ConfigError(
        f"{source}: unknown option {name!r} = {value!r}{did_you_mean(name, OPTIONS_BY_NAME)}",
        source=source,
        option=name,
        value=value,
    )


def _find_config_file(file: str | Path | None, env: Mapping[str, str], search: bool) -> Path | None:
    """The config file to read: the one given, else the first that exists of the usual places."""
    if file is not None:
        return _existing(Path(file).expanduser(), "the config file given")
    if not search:
        return None
    if env.get(CONFIG_ENV_VAR):
        return _existing(Path(env[CONFIG_ENV_VAR]).expanduser(), f"environment variable {CONFIG_ENV_VAR}")
    for candidate in (Path("nexa.conf"), Path("~/.nexarc").expanduser()):
        if candidate.is_file():
            return candidate
    return None


def _existing(path: Path, source: str) -> Path:
    if not path.is_file():
        raise ConfigError(f"{source}: config file {str(path)!r} does not exist (or is not a file)")
    return path


def _read_config_file(path: Path) -> dict[str, Any]:
    """The typed values of the ``[options]`` section of an INI file.

    Interpolation is off: passwords and ``dbfilter`` patterns contain ``%``.
    """
    parser = configparser.ConfigParser(interpolation=None)
    no_section = ConfigError(
        f"config file {str(path)!r} has no [options] section; put the options under a line '[options]'",
        source=str(path),
    )
    try:
        parser.read_string(path.read_text(encoding="utf-8"), source=str(path))
    except configparser.MissingSectionHeaderError:
        raise no_section from None
    except (configparser.Error, OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"config file {str(path)!r} cannot be read: {exc}", source=str(path)) from None
    if not parser.has_section("options"):
        raise no_section
    values = {}
    for key, text in parser.items("options"):
        option = OPTIONS_BY_NAME.get(key)
        if option is None:
            raise _unknown_option(f"config file {str(path)!r}", key, text)
        values[key] = coerce(option, text, f"config file {str(path)!r}")
    return values
