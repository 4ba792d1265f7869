"""The env fixture gives a working, rolled-back environment."""


def test_env_reads_admin(env):
    admin = env["res.users"].browse(1)
    assert admin.login == "admin"
    assert admin.partner_id.name == "Administrator"


def test_env_changes_are_rolled_back_between_tests(env):
    env["res.partner"].create({"name": "Temporary"})
    assert env["res.partner"].search_count([("name", "=", "Temporary")]) == 1


def test_env_previous_test_left_nothing(env):
    assert env["res.partner"].search_count([("name", "=", "Temporary")]) == 0
