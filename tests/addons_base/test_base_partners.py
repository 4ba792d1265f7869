"""res.partner and res.company of the base addon."""

from __future__ import annotations

import pytest


@pytest.fixture
def acme(env):
    return env["res.partner"].create({"name": "Acme", "is_company": True, "email": "info@acme.test"})


def test_a_contact_of_a_company_is_named_after_it(env, acme):
    contact = env["res.partner"].create({"name": "Ann", "parent_id": acme.id})
    assert contact.complete_name == "Acme, Ann" and contact.display_name == "Acme, Ann"


def test_renaming_the_company_renames_its_contacts(env, acme):
    contact = env["res.partner"].create({"name": "Ann", "parent_id": acme.id})
    acme.write({"name": "Acme Corp"})
    env.cache.clear()
    assert contact.complete_name == "Acme Corp, Ann"


def test_complete_name_is_stored_and_searchable(env, acme):
    contact = env["res.partner"].create({"name": "Ann", "parent_id": acme.id})
    assert env["res.partner"].search([("complete_name", "=", "Acme, Ann")]) == contact


def test_company_contacts_are_its_children(env, acme):
    contacts = env["res.partner"].create([{"name": n, "parent_id": acme.id} for n in ("Ann", "Bob")])
    assert acme.child_ids == contacts


def test_name_search_looks_in_the_email_too(env, acme):
    assert env["res.partner"].name_search("info@acme") == [(acme.id, "Acme")]


def test_archived_partners_are_hidden_from_searches(env, acme):
    acme.write({"active": False})
    assert not env["res.partner"].search([("name", "=", "Acme")])


def test_partner_tags_are_a_many2many(env, acme):
    tag = env["res.partner.category"].create({"name": "Customer"})
    acme.write({"category_id": [(4, tag.id)]})
    assert tag.partner_ids == acme


def test_the_main_company_has_a_partner_and_the_euro(env):
    company = env.ref("base.main_company")
    assert company.partner_id == env.ref("base.main_partner") and company.currency_id == env.ref("base.EUR")


def test_the_current_company_is_the_users(env):
    assert env.company == env.ref("base.main_company")


def test_creating_a_company_creates_its_partner(env):
    company = env["res.company"].create({"name": "Branch", "email": "branch@x.test"})
    partner = company.partner_id
    assert (partner.name, partner.is_company, partner.email, partner.company_id) == \
        ("Branch", True, "branch@x.test", company)


def test_renaming_a_company_renames_its_partner(env):
    company = env["res.company"].create({"name": "Branch"})
    company.write({"name": "Renamed Branch"})
    env.cache.clear()
    assert company.partner_id.name == "Renamed Branch"


def test_currencies_round_to_their_precision(env):
    euro = env.ref("base.EUR")
    assert (euro.decimal_places, euro.round(2.345)) == (2, 2.35)
