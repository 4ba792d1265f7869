"""res.users of the base addon: a contact that logs in, with a hashed password and groups."""

from __future__ import annotations

import pytest

from nexa.exceptions import AccessError, ValidationError
from nexa.security.passwords import verify_password


@pytest.fixture
def user(env):
    return env["res.users"].create({"name": "Ann Smith", "login": "ann", "email": "ann@example.com",
                                    "password": "correct horse"})


def test_a_user_is_a_contact_created_with_it(env, user):
    assert user.partner_id.name == "Ann Smith" and user.partner_id.email == "ann@example.com"


def test_the_password_is_stored_hashed_never_in_clear(env, user):
    stored = user.sudo().password_hash
    assert stored.startswith("$pbkdf2-sha512$") and "correct horse" not in stored
    assert verify_password("correct horse", stored)


def test_two_users_with_the_same_password_get_different_hashes(env, user):
    other = env["res.users"].create({"name": "Bob", "login": "bob", "password": "correct horse"})
    assert other.sudo().password_hash != user.sudo().password_hash


def test_the_password_field_always_reads_empty(env, user):
    assert user.password is False and user.read(["password"])[0]["password"] is False


def test_the_hash_cannot_be_read_by_a_user(env, user):
    with pytest.raises(AccessError, match="password_hash"):
        user.with_user(user).read(["password_hash"])


def test_the_hash_is_not_in_a_users_default_read(env, user):
    assert "password_hash" not in user.with_user(user).read()[0]


def test_authenticate_with_the_right_password_gives_the_user_id(env, user):
    assert env["res.users"]._authenticate("ann", "correct horse") == user.id


def test_authenticate_with_a_wrong_password_gives_nothing(env, user):
    assert env["res.users"]._authenticate("ann", "wrong") is None


def test_changing_the_password_replaces_the_hash(env, user):
    user.write({"password": "battery staple"})
    assert env["res.users"]._authenticate("ann", "battery staple") == user.id
    assert env["res.users"]._authenticate("ann", "correct horse") is None


def test_archived_users_cannot_log_in(env, user):
    user.write({"active": False})
    assert env["res.users"]._authenticate("ann", "correct horse") is None


def test_the_admin_of_the_base_data_logs_in_with_admin(env):
    assert env["res.users"]._authenticate("admin", "admin") == env.ref("base.user_admin").id


def test_new_users_are_internal_users_of_the_main_company(env, user):
    assert user.has_group("base.group_user") and not user.share
    assert user.company_id == env.ref("base.main_company") and user.company_ids == user.company_id


def test_groups_imply_their_implied_groups(env):
    admin = env.ref("base.user_admin")
    assert admin.has_group("base.group_erp_manager") and admin.has_group("base.group_user")


def test_logins_are_unique(env, user):
    with pytest.raises(ValidationError, match="Another user already has this login"), env.transaction.savepoint():
        env["res.users"].create({"name": "Ann Again", "login": "ann"})


def test_login_is_required(env):
    with pytest.raises(ValidationError, match=r"\(res\.users\.login\) is required"):
        env["res.users"].create({"name": "No Login"})


def test_context_get_gives_the_users_language_and_timezone(env, user):
    user.partner_id.write({"lang": "fr_FR", "tz": "Europe/Brussels"})
    assert user.with_user(user).context_get() == {"lang": "fr_FR", "tz": "Europe/Brussels", "uid": user.id}
