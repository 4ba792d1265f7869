"""Config: defaults < file < NEXA_* environment < command line, every bad value named with its source."""

from __future__ import annotations

import argparse
import dataclasses
import re
from pathlib import Path

import pytest

from nexa.config import OPTIONS, Config, add_cli_arguments, load_config
from nexa.exceptions import ConfigError

REPOSITORY = Path(__file__).resolve().parents[1]


def write_conf(folder: Path, text: str, name: str = "nexa.conf") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def defaults(**kwargs) -> Config:
    """The configuration with no file, no environment and the given command-line values."""
    return load_config(env={}, search=False, **kwargs)


def config_error(**kwargs) -> ConfigError:
    with pytest.raises(ConfigError) as caught:
        load_config(**{"env": {}, "search": False, **kwargs})
    return caught.value


def test_defaults_are_the_documented_values():
    config = defaults()
    assert config.as_dict() | {"addons_path": None, "data_dir": None} == {
        "addons_path": None, "data_dir": None, "db_url": "", "db_name": "", "db_pool_size": 5, "dbfilter": "",
        "list_db": True, "admin_passwd": "admin", "http_interface": "127.0.0.1", "http_port": 8069,
        "workers": 0, "max_request_size": 64 * 1024 * 1024, "session_lifetime": 7 * 24 * 3600,
        "proxy_mode": False, "redis_url": "", "log_level": "info", "log_format": "text", "dev_mode": False,
        "without_demo": False, "query_count_threshold": 20, "login_rate_limit": 10, "max_cron_threads": 1,
        "server_wide_addons": "base,web", "poll_interval": 5.0, "transient_age_limit": 1.0,
    }  # fmt: skip


def test_default_addons_path_is_the_repository_addons_folder():
    assert defaults().addons_path == (REPOSITORY / "addons",)


def test_default_data_dir_is_under_local_share_without_xdg_data_home():
    assert defaults().data_dir == Path.home() / ".local/share/nexa"


def test_default_data_dir_follows_xdg_data_home(tmp_path):
    config = load_config(env={"XDG_DATA_HOME": str(tmp_path)}, search=False)
    assert config.data_dir == tmp_path / "nexa"


def test_config_has_one_attribute_per_option_in_the_same_order():
    assert [field.name for field in dataclasses.fields(Config)] == [option.name for option in OPTIONS]


def test_every_option_has_a_flag_named_after_it():
    assert all(option.cli_flag == "--" + option.name.replace("_", "-") for option in OPTIONS)


def test_the_config_file_overrides_defaults(tmp_path):
    path = write_conf(tmp_path, "[options]\nhttp_port = 9000\nlist_db = no\n")
    config = load_config(file=path, env={})
    assert (config.http_port, config.list_db) == (9000, False)


def test_the_environment_overrides_the_config_file(tmp_path):
    path = write_conf(tmp_path, "[options]\nhttp_port = 9000\n")
    assert load_config(file=path, env={"NEXA_HTTP_PORT": "9001"}).http_port == 9001


def test_the_command_line_overrides_the_environment():
    config = load_config(env={"NEXA_HTTP_PORT": "9001"}, search=False, cli={"http_port": "9002"})
    assert config.http_port == 9002


def test_command_line_values_of_none_mean_not_given():
    config = load_config(env={"NEXA_WORKERS": "3"}, search=False, cli={"workers": None})
    assert config.workers == 3


def test_nexa_config_names_the_file_to_read(tmp_path):
    path = write_conf(tmp_path, "[options]\nworkers = 4\n", name="custom.conf")
    assert load_config(env={"NEXA_CONFIG": str(path)}).workers == 4


def test_nexa_conf_in_the_current_folder_is_read(tmp_path, monkeypatch):
    write_conf(tmp_path, "[options]\nworkers = 5\n")
    monkeypatch.chdir(tmp_path)
    assert load_config(env={}).workers == 5


def test_nexarc_in_the_home_folder_is_read_when_there_is_no_nexa_conf(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    write_conf(home, "[options]\nworkers = 6\n", name=".nexarc")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(tmp_path)
    assert load_config(env={}).workers == 6


def test_nexa_conf_wins_over_nexarc(tmp_path, monkeypatch):
    write_conf(tmp_path, "[options]\nworkers = 7\n", name=".nexarc")
    write_conf(tmp_path, "[options]\nworkers = 5\n")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    assert load_config(env={}).workers == 5


def test_search_false_reads_no_file(tmp_path, monkeypatch):
    write_conf(tmp_path, "[options]\nworkers = 5\n")
    monkeypatch.chdir(tmp_path)
    assert load_config(env={}, search=False).workers == 0


def test_a_missing_config_file_given_explicitly_is_an_error(tmp_path):
    error = config_error(file=tmp_path / "nope.conf")
    assert f"config file '{tmp_path / 'nope.conf'}' does not exist" in str(error)


def test_a_missing_file_named_by_nexa_config_names_the_variable(tmp_path):
    with pytest.raises(ConfigError, match=r"environment variable NEXA_CONFIG: config file .*nope\.conf"):
        load_config(env={"NEXA_CONFIG": str(tmp_path / "nope.conf")})


def test_an_unknown_key_in_the_file_names_file_key_value_and_the_closest_option(tmp_path):
    path = write_conf(tmp_path, "[options]\nhttp_prot = 9000\n")
    error = config_error(file=path)
    assert (
        str(error) == f"config file '{path}': unknown option 'http_prot' = '9000' (did you mean 'http_port'?)"
    )


def test_a_file_without_an_options_section_is_an_error(tmp_path):
    path = write_conf(tmp_path, "http_port = 9000\n")
    assert f"config file '{path}' has no [options] section" in str(config_error(file=path))


def test_a_file_that_is_not_ini_names_the_file_and_the_line(tmp_path):
    path = write_conf(tmp_path, "[options]\nworkers = 1\nworkers = 2\n")
    assert f"config file '{path}' cannot be read: While reading from '{path}' [line  3]" in str(
        config_error(file=path)
    )


def test_a_file_with_only_other_sections_is_an_error(tmp_path):
    path = write_conf(tmp_path, "[server]\nhttp_port = 9000\n")
    assert "has no [options] section" in str(config_error(file=path))


def test_a_wrong_type_in_the_file_names_the_file_the_option_and_the_value(tmp_path):
    path = write_conf(tmp_path, "[options]\nworkers = many\n")
    error = config_error(file=path)
    assert str(error) == f"config file '{path}': option 'workers' got 'many', which is not a whole number"


def test_a_wrong_type_in_the_environment_names_the_variable():
    error = config_error(env={"NEXA_PROXY_MODE": "maybe"})
    assert str(error).startswith("environment variable NEXA_PROXY_MODE: option 'proxy_mode' got 'maybe'")
    assert "which is not a boolean" in str(error)


def test_a_wrong_type_on_the_command_line_names_the_flag():
    error = config_error(cli={"http_port": "eighty"})
    assert (
        str(error)
        == "command-line flag --http-port: option 'http_port' got 'eighty', which is not a whole number"
    )


def test_an_error_keeps_source_option_and_value_as_details():
    assert config_error(cli={"http_port": "eighty"}).details == {
        "source": "command-line flag --http-port",
        "option": "http_port",
        "value": "eighty",
    }


def test_an_unknown_command_line_option_suggests_the_closest_one():
    error = config_error(cli={"workrs": 2})
    assert str(error) == "command-line flag --workrs: unknown option 'workrs' = 2 (did you mean 'workers'?)"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("yes", True), ("On", True), ("1", True), ("off", False), ("False", False), ("0", False)],
)
def test_boolean_words_are_read(text, expected):
    assert load_config(env={"NEXA_DEV_MODE": text}, search=False).dev_mode is expected


def test_addons_path_is_a_comma_separated_list_of_folders_with_tilde_expanded():
    config = load_config(env={"NEXA_ADDONS_PATH": "/srv/addons, ~/my_addons,"}, search=False)
    assert config.addons_path == (Path("/srv/addons"), Path.home() / "my_addons")


def test_a_value_outside_the_choices_lists_them_with_the_closest():
    error = config_error(cli={"log_level": "warn"})
    assert "choose one of debug, info, warning, error, critical (did you mean 'warning'?)" in str(error)


def test_choices_are_case_insensitive():
    assert defaults(cli={"log_format": "JSON"}).log_format == "json"


def test_a_number_below_the_minimum_is_an_error():
    assert "option 'http_port' got '0'; it must be at least 1" in str(
        config_error(env={"NEXA_HTTP_PORT": "0"})
    )


def test_percent_signs_in_the_file_are_read_literally(tmp_path):
    path = write_conf(tmp_path, "[options]\nadmin_passwd = 100%secret\n")
    assert load_config(file=path, env={}).admin_passwd == "100%secret"


def test_empty_data_dir_is_an_error():
    assert "which is not a non-empty path" in str(config_error(env={"NEXA_DATA_DIR": " "}))


def test_replace_returns_a_changed_copy_and_keeps_the_original():
    config = defaults()
    changed = config.replace(workers=2, dev_mode="true")
    assert (changed.workers, changed.dev_mode, config.workers, config.dev_mode) == (2, True, 0, False)


def test_replace_checks_types():
    with pytest.raises(ConfigError, match=r"Config\.replace\(\): option 'workers' got 'two'"):
        defaults().replace(workers="two")


def test_replace_refuses_an_unknown_option_with_a_suggestion():
    with pytest.raises(
        ConfigError, match="unknown option 'http_ports' = 1 \\(did you mean 'http_port'\\?\\)"
    ):
        defaults().replace(http_ports=1)


def test_config_is_immutable():
    with pytest.raises(dataclasses.FrozenInstanceError):
        defaults().workers = 3  # type: ignore[misc]


def test_as_dict_lists_every_option_in_order():
    assert list(defaults().as_dict()) == [option.name for option in OPTIONS]


def test_cli_arguments_built_from_options_feed_load_config():
    parser = argparse.ArgumentParser()
    add_cli_arguments(parser)
    namespace = parser.parse_args(["--http-port", "8070", "--proxy-mode", "true"])
    config = load_config(env={}, search=False, cli=vars(namespace))
    assert (config.http_port, config.proxy_mode, config.workers) == (8070, True, 0)


def test_the_example_file_lists_exactly_the_options_with_their_defaults():
    text = (REPOSITORY / "nexa.conf.example").read_text(encoding="utf-8")
    listed = dict(re.findall(r"^;(\w+) =[ ]?(.*)$", text, flags=re.MULTILINE))
    assert listed == {option.name: option.default_text for option in OPTIONS}


def test_the_example_file_reads_back_as_the_defaults_once_uncommented(tmp_path):
    text = (REPOSITORY / "nexa.conf.example").read_text(encoding="utf-8")
    computed = {option.name for option in OPTIONS if option.default_doc}
    lines = [line[1:] for line in text.splitlines() if re.match(r"^;\w+ =", line)]
    active = [line for line in lines if line.split(" =")[0] not in computed]
    path = write_conf(tmp_path, "[options]\n" + "\n".join(active) + "\n")
    assert load_config(file=path, env={}) == defaults()
