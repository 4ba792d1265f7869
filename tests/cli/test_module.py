"""``nexa-bin module``: install, upgrade, uninstall and list addons of the -d database."""

from __future__ import annotations


def _lines_of(table, name):
    return [line.split() for line in table.splitlines() if line.split()[:1] == [name]]


def test_install_prints_the_addons_installed_in_order(cli, database):
    result = cli("-d", database, "module", "install", "cli_notes_extra")
    assert result.status == 0, result.err
    assert result.out.strip() == f"Installed in {database}: cli_notes, cli_notes_extra"


def test_install_of_installed_addons_says_so(cli, database):
    cli("-d", database, "module", "install", "cli_notes")
    result = cli("-d", database, "module", "install", "cli_notes")
    assert result.status == 0
    assert result.out.strip() == f"Nothing to install in {database}: cli_notes already installed"


def test_install_demo_loads_the_addon_demo_data(cli, cli_setup, database):
    cli("-d", database, "module", "install", "cli_notes", "--demo")
    with cli_setup.environment(database) as env:
        assert env["cli.note"].search([]).mapped("name") == ["Demo note"]


def test_install_follows_the_database_demo_setting_by_default(cli, cli_setup, database):
    cli("-d", database, "module", "install", "cli_notes")
    with cli_setup.environment(database) as env:
        assert env["cli.note"].search_count([]) == 0


def test_install_unknown_addon_suggests_a_name(cli, database):
    result = cli("-d", database, "module", "install", "cli_nots")
    assert result.status == 1
    assert "error: Addon 'cli_nots' is not on the addons path (did you mean 'cli_notes'?)" in result.err
    assert "Traceback" not in result.err


def test_install_without_database_is_an_error(cli):
    result = cli("module", "install", "cli_notes")
    assert result.status == 1
    assert "error: No database given: pass -d NAME" in result.err


def test_install_on_missing_database_is_an_error(cli, db_names):
    name = db_names()
    result = cli("-d", name, "module", "install", "cli_notes")
    assert result.status == 1
    assert f"error: Database {name!r} does not exist; create it with 'nexa-bin db create {name}'" in result.err


def test_install_without_names_is_an_argument_error(cli, database):
    assert cli("-d", database, "module", "install").status == 2


def test_upgrade_upgrades_the_dependent_addons_too(cli, database):
    cli("-d", database, "module", "install", "cli_notes_extra")
    result = cli("-d", database, "module", "upgrade", "cli_notes")
    assert result.status == 0, result.err
    assert result.out.strip() == f"Upgraded in {database}: cli_notes, cli_notes_extra"


def test_upgrade_of_an_addon_not_installed_is_an_error(cli, database):
    result = cli("-d", database, "module", "upgrade", "cli_notes")
    assert result.status == 1
    assert "error: Cannot upgrade cli_notes: not installed" in result.err


def test_uninstall_removes_the_dependent_addons_too(cli, database):
    cli("-d", database, "module", "install", "cli_notes_extra")
    result = cli("-d", database, "module", "uninstall", "cli_notes")
    assert result.status == 0, result.err
    assert result.out.strip() == f"Uninstalled from {database}: cli_notes, cli_notes_extra"
    listing = cli("-d", database, "module", "list", "--installed")
    assert "cli_notes" not in listing.out


def test_uninstall_base_is_refused(cli, database):
    result = cli("-d", database, "module", "uninstall", "base")
    assert result.status == 1
    assert "error: The base addon cannot be uninstalled" in result.err


def test_list_without_database_shows_available_addons(cli):
    result = cli("module", "list")
    assert result.status == 0
    assert result.out.splitlines()[0].split() == ["NAME", "STATE", "VERSION", "SUMMARY"]
    assert _lines_of(result.out, "cli_notes") == [["cli_notes", "available", "1.0", "Notes", "for", "the", "CLI",
                                                   "tests"]]


def test_list_with_database_shows_its_states(cli, database):
    cli("-d", database, "module", "install", "cli_notes")
    result = cli("-d", database, "module", "list")
    assert _lines_of(result.out, "cli_notes")[0][:3] == ["cli_notes", "installed", "1.0"]
    assert _lines_of(result.out, "cli_notes_extra")[0][:2] == ["cli_notes_extra", "uninstalled"]


def test_list_installed_shows_only_installed_addons(cli, database):
    result = cli("-d", database, "module", "list", "--installed")
    names = [line.split()[0] for line in result.out.splitlines()[2:]]
    assert names == ["base"]


def test_list_installed_needs_a_database(cli):
    result = cli("module", "list", "--installed")
    assert result.status == 1
    assert "error: module list --installed needs a database" in result.err


def test_list_shows_installed_addons_missing_from_the_path(cli, database):
    from nexa.config import repository_addons

    cli("-d", database, "module", "install", "cli_notes")
    result = cli("--addons-path", str(repository_addons()[0]), "-d", database, "module", "list", "--installed")
    assert result.status == 0, result.err
    row = " ".join(_lines_of(result.out, "cli_notes")[0])
    assert row == "cli_notes installed 1.0 (missing: not on the addons path)"
