"""``nexa-bin db``: create (base installed, admin password, demo, extra addons), drop, list, exists."""

from __future__ import annotations

from nexa.runtime import installed_addons


def _authenticates(cli_setup, db_name, password):
    with cli_setup.environment(db_name) as env:
        return env["res.users"]._authenticate("admin", password) is not None


def _installed(cli_setup, db_name):
    with cli_setup.runtime() as runtime, runtime.open(db_name).transaction() as tx:
        return installed_addons(tx.connection)


def _exists(cli_setup, db_name):
    with cli_setup.runtime() as runtime:
        return runtime.server.exists(db_name)


def test_create_installs_base_and_reports_it(cli, cli_setup, db_names):
    name = db_names()
    result = cli("db", "create", name, "--admin-password", "s3cret")
    assert result.status == 0, result.err
    assert result.out.strip().startswith(f"Created database {name}")
    assert set(_installed(cli_setup, name)) == {"base"}


def test_create_sets_the_admin_password(cli, cli_setup, db_names):
    name = db_names()
    cli("db", "create", name, "--admin-password", "s3cret")
    assert _authenticates(cli_setup, name, "s3cret")
    assert not _authenticates(cli_setup, name, "admin")


def test_create_without_password_keeps_admin_and_warns(cli, cli_setup, db_names):
    name = db_names()
    result = cli("db", "create", name)
    assert result.status == 0, result.err
    assert "warning: the 'admin' user's password is the default 'admin'" in result.err
    assert _authenticates(cli_setup, name, "admin")


def test_create_with_password_does_not_warn(cli, db_names):
    result = cli("db", "create", db_names(), "--admin-password", "s3cret")
    assert "warning" not in result.err


def test_create_refuses_an_empty_admin_password(cli, cli_setup, db_names):
    name = db_names()
    result = cli("db", "create", name, "--admin-password", "")
    assert result.status == 1
    assert "error: The admin password cannot be empty" in result.err
    assert not _exists(cli_setup, name)


def test_create_demo_loads_demo_data(cli, cli_setup, db_names):
    name = db_names()
    cli("db", "create", name, "--demo", "--admin-password", "x")
    with cli_setup.environment(name) as env:
        assert env.ref("base.res_partner_azure", raise_if_not_found=False)


def test_create_without_demo_has_no_demo_data(cli, cli_setup, database):
    with cli_setup.environment(database) as env:
        assert not env.ref("base.res_partner_azure", raise_if_not_found=False)


def test_create_with_installs_the_extra_addons_in_order(cli, cli_setup, db_names):
    name = db_names()
    result = cli("db", "create", name, "--admin-password", "x", "--with", "cli_notes_extra")
    assert result.status == 0, result.err
    assert "with base, cli_notes, cli_notes_extra" in result.out
    assert set(_installed(cli_setup, name)) == {"base", "cli_notes", "cli_notes_extra"}


def test_create_with_accepts_comma_separated_names(cli, cli_setup, db_names):
    name = db_names()
    cli("db", "create", name, "--admin-password", "x", "--with", "cli_notes,cli_notes_extra")
    assert set(_installed(cli_setup, name)) == {"base", "cli_notes", "cli_notes_extra"}


def test_create_with_unknown_addon_fails_and_drops_the_database(cli, cli_setup, db_names):
    name = db_names()
    result = cli("db", "create", name, "--with", "cli_note")
    assert result.status == 1
    assert "error: Addon 'cli_note' is not on the addons path (did you mean 'cli_notes'?)" in result.err
    assert "Traceback" not in result.err
    assert not _exists(cli_setup, name)


def test_create_failing_install_drops_the_half_created_database(cli, cli_setup, db_names):
    name = db_names()
    result = cli("db", "create", name, "--with", "cli_failing")
    assert result.status == 1
    assert "Unknown model 'cli.no_such_model'" in result.err
    assert not _exists(cli_setup, name)


def test_create_existing_database_is_an_error(cli, database):
    result = cli("db", "create", database)
    assert result.status == 1
    assert f"error: Database {database!r} already exists" in result.err


def test_create_refuses_an_invalid_name(cli):
    result = cli("db", "create", "bad name;")
    assert result.status == 1
    assert "error: Invalid database name 'bad name;'" in result.err


def test_create_without_name_is_an_argument_error(cli):
    result = cli("db", "create")
    assert result.status == 2
    assert "the following arguments are required: NAME" in result.err


def test_drop_removes_the_database(cli, cli_setup, database):
    result = cli("db", "drop", database)
    assert result.status == 0
    assert result.out.strip() == f"Dropped database {database}"
    assert not _exists(cli_setup, database)


def test_drop_refuses_without_a_name(cli, cli_setup, database):
    result = cli("db", "drop")
    assert result.status == 2
    assert _exists(cli_setup, database)


def test_drop_unknown_database_is_an_error(cli, db_names):
    name = db_names()
    result = cli("db", "drop", name)
    assert result.status == 1
    assert f"error: Database {name!r} does not exist" in result.err


def test_list_prints_one_database_a_line(cli, database):
    result = cli("db", "list")
    assert result.status == 0
    assert database in result.out.splitlines()


def test_exists_is_0_for_an_existing_database(cli, database):
    result = cli("db", "exists", database)
    assert (result.status, result.out) == (0, "")


def test_exists_is_1_for_a_missing_database(cli, db_names):
    result = cli("db", "exists", db_names())
    assert (result.status, result.out, result.err) == (1, "", "")
