"""Groups, categories and user types; how rights and rules combine, in the ORM (rolled-back ``env``)."""

from __future__ import annotations

import time

import pytest

from nexa.exceptions import AccessError, ValidationError

pytestmark = pytest.mark.addons("test_security")


def new_user(env, login, *groups):
    return env["res.users"].create({"name": login, "login": login,
                                    "groups_id": [(6, 0, [env.ref(xmlid).id for xmlid in groups])]})


# -- groups and categories -------------------------------------------------------------------------------
def test_implied_groups_are_followed_transitively(env):
    user = new_user(env, "manager_t", "test_security.group_doc_manager")
    assert user.has_group("test_security.group_doc_reader") and user.has_group("base.group_user")


def test_groups_belong_to_applications(env):
    assert env.ref("base.group_system").category_id == env.ref("base.module_category_administration")
    assert env.ref("test_security.group_doc_user").full_name == "Security Documents / User"


def test_a_group_cannot_imply_itself_through_others(env):
    reader, manager = env.ref("test_security.group_doc_reader"), env.ref("test_security.group_doc_manager")
    with pytest.raises(ValidationError, match="implies itself"), env.transaction.savepoint():
        reader.write({"implied_ids": [(4, manager.id)]})


# -- user types ------------------------------------------------------------------------------------------------
def test_a_new_user_is_an_internal_user(env):
    user = new_user(env, "internal_t", "test_security.group_doc_user")
    assert user.user_type == "internal" and not user.share


def test_setting_the_user_type_swaps_the_type_group(env):
    user = new_user(env, "portal_t", "base.group_user")
    user.write({"user_type": "portal"})
    assert user.user_type == "portal" and user.share
    assert user.has_group("base.group_portal") and not user.has_group("base.group_user")


def test_a_user_cannot_be_internal_and_portal_at_once(env):
    user = new_user(env, "both_t", "base.group_portal")
    with pytest.raises(ValidationError, match="exclusive category 'User types'"), env.transaction.savepoint():
        user.write({"groups_id": [(4, env.ref("test_security.group_doc_user").id)]})


def test_searching_by_user_type_follows_implied_groups(env):
    internal = new_user(env, "implied_t", "test_security.group_doc_reader")
    portal = new_user(env, "portal_search_t", "base.group_portal")
    found = env["res.users"].search([("user_type", "=", "internal"), ("id", "in", [internal.id, portal.id])])
    assert found == internal


# -- rights and rules in one transaction ---------------------------------------------------------------------------
def test_a_right_granted_in_the_transaction_is_seen_at_once(env):
    user = new_user(env, "late_right_t", "base.group_user")
    tags = env["test.security.tag"].with_user(user)
    assert not tags.check_access_rights("read", raise_exception=False)
    user.write({"groups_id": [(4, env.ref("test_security.group_doc_reader").id)]})
    assert tags.check_access_rights("read", raise_exception=False)


def test_global_rules_intersect_and_group_rules_unite(env):
    main = env.ref("base.main_company")
    other = env["res.company"].create({"name": "Rules Co"})
    manager = new_user(env, "rules_manager_t", "test_security.group_doc_manager")
    manager.write({"company_ids": [(4, other.id)]})
    Doc = env["test.security.doc"]
    mine = Doc.create({"name": "rules mine", "owner_id": manager.id, "company_id": main.id})
    theirs = Doc.create({"name": "rules theirs", "owner_id": env.uid, "company_id": main.id})
    foreign = Doc.create({"name": "rules foreign", "owner_id": manager.id, "company_id": other.id})
    found = Doc.with_user(manager).with_context(allowed_company_ids=[main.id]).search([("name", "like", "rules ")])
    assert found == (mine | theirs)  # the manager rule unites; the company rule still hides foreign
    assert foreign not in found


def test_a_rule_may_use_the_time(env):
    model = env["ir.model"].search([("model", "=", "test.security.tag")])
    env["ir.rule"].create({"name": "this year", "model_id": model.id,
                           "domain_force": "[('name', '!=', time.strftime('%Y'))]"})
    user = new_user(env, "time_t", "test_security.group_doc_manager")
    year = env["test.security.tag"].create({"name": time.strftime("%Y")})
    assert year not in env["test.security.tag"].with_user(user).search([])


def test_a_rule_with_a_broken_domain_is_refused_when_saved(env):
    model = env["ir.model"].search([("model", "=", "test.security.tag")])
    with pytest.raises(ValidationError, match="Invalid domain"), env.transaction.savepoint():
        env["ir.rule"].create({"name": "typo", "model_id": model.id, "domain_force": "[('nmae', '=', 1)]"})


def test_a_user_may_not_search_a_field_of_another_group(env):
    user = new_user(env, "search_secret_t", "test_security.group_doc_user")
    with pytest.raises(AccessError, match="secret_note"):
        env["test.security.doc"].with_user(user).search([("secret_note", "=", "x")])


def test_nobody_may_search_an_internal_field(env):
    admin = env.ref("base.user_admin")
    with pytest.raises(AccessError, match="password_hash"):
        env["res.users"].with_user(admin).search([("password_hash", "like", "$pbkdf2%")])
