"""Multi-company, proven through the real ``/jsonrpc`` endpoint: company rules, allowed companies in the
context, consistency of links between companies, company-dependent values.

alice works in the main and the other company (main is current unless the
context's ``allowed_company_ids`` says otherwise); bob in the main company only;
stranger in the other company only.
"""

from __future__ import annotations

import pytest
from rpc_world import refused

pytestmark = pytest.mark.addons("test_security")

DOC = "test.security.doc"


# -- the standard company rules ------------------------------------------------------------------
def test_documents_of_another_company_are_hidden_until_it_is_allowed(world):
    records, domain = world.records, [("name", "like", world.tag)]
    assert records["foreign_doc"] not in world.rpc("alice")(DOC, "search", domain)
    both = world.rpc("alice", allowed_company_ids=[world.companies["main"], world.companies["other"]])
    assert records["foreign_doc"] in both(DOC, "search", domain)


def test_without_allowed_companies_every_company_of_the_user_applies(world):
    domain = [("name", "like", world.tag)]
    assert world.records["foreign_doc"] in world.rpc_without_companies("alice")(DOC, "search", domain)


def test_a_company_the_user_does_not_belong_to_cannot_be_allowed(world):
    error = refused(world.rpc("bob", allowed_company_ids=[world.companies["other"]]), DOC, "search", [])
    assert error.name == "odoo.exceptions.AccessError" and str(world.companies["other"]) in error.message


def test_partners_of_another_company_are_hidden(world):
    domain = [("id", "=", world.records["foreign_partner"])]
    assert world.rpc("bob")("res.partner", "search", domain) == []
    both = world.rpc("alice", allowed_company_ids=[world.companies["main"], world.companies["other"]])
    assert both("res.partner", "search", domain) == [world.records["foreign_partner"]]


def test_partners_of_internal_users_stay_visible_across_companies(world, look):
    with look() as env:
        stranger_partner = env["res.users"].browse(world.users["stranger"]).partner_id
        stranger_partner.write({"company_id": world.companies["other"]})
    assert world.rpc("bob")("res.partner", "search", [("id", "=", stranger_partner.id)]) == [stranger_partner.id]


def test_users_of_another_company_only_are_hidden(world):
    assert world.rpc("bob")("res.users", "search", [("id", "=", world.users["stranger"])]) == []
    assert world.rpc("bob")("res.users", "search", [("id", "=", world.users["alice"])]) == [world.users["alice"]]


def test_an_employee_sees_only_the_allowed_companies(world):
    found = world.rpc("bob")("res.company", "search", [("id", "in", list(world.companies.values()))])
    assert found == [world.companies["main"]]


# -- consistency of links ----------------------------------------------------------------------------
def test_a_record_cannot_link_to_a_record_of_another_company(world, look):
    both = world.rpc("alice", allowed_company_ids=[world.companies["main"], world.companies["other"]])
    name = f"cross-company {world.tag}"
    error = refused(both, DOC, "create", {"name": name, "company_id": world.companies["main"],
                                          "partner_id": world.records["foreign_partner"]})
    assert error.name == "odoo.exceptions.ValidationError" and "Incompatible companies" in error.message
    with look() as env:
        assert not env[DOC].search([("name", "=", name)])


def test_moving_a_record_to_another_company_checks_its_links(world, look):
    both = world.rpc("alice", allowed_company_ids=[world.companies["other"], world.companies["main"]])
    doc = both(DOC, "create", {"name": f"movable {world.tag}", "partner_id": world.records["foreign_partner"]})
    error = refused(both, DOC, "write", [doc], {"company_id": world.companies["main"]})
    assert "Incompatible companies" in error.message
    with look() as env:
        assert env[DOC].browse(doc).company_id.id == world.companies["other"]


def test_a_record_may_link_to_a_record_without_company(world):
    rpc = world.rpc("alice")
    partner = world.rpc("admin")("res.partner", "create", {"name": f"shared {world.tag}"})
    doc = rpc(DOC, "create", {"name": f"shared link {world.tag}", "partner_id": partner})
    assert rpc(DOC, "read", [doc], ["partner_id"])[0]["partner_id"][0] == partner


# -- company-dependent values --------------------------------------------------------------------------
def test_a_company_dependent_field_holds_one_value_per_company(world):
    main, other = world.companies["main"], world.companies["other"]
    in_main = world.rpc("alice", allowed_company_ids=[main, other])
    in_other = world.rpc("alice", allowed_company_ids=[other, main])
    doc = world.records["alice_doc"]
    in_main(DOC, "write", [doc], {"price": 5.0})
    assert in_other(DOC, "read", [doc], ["price"])[0]["price"] == 1.5  # the field's default
    in_other(DOC, "write", [doc], {"price": 7.0})
    assert in_main(DOC, "read", [doc], ["price"])[0]["price"] == 5.0
    assert in_other(DOC, "read", [doc], ["price"])[0]["price"] == 7.0


def test_searching_a_company_dependent_field_uses_the_current_company_value(world):
    main, other = world.companies["main"], world.companies["other"]
    doc = world.records["alice_doc"]
    world.rpc("alice", allowed_company_ids=[main, other])(DOC, "write", [doc], {"price": 5.0})
    domain = [("name", "like", world.tag), ("price", "=", 5.0)]
    assert world.rpc("alice", allowed_company_ids=[main, other])(DOC, "search", domain) == [doc]
    assert world.rpc("alice", allowed_company_ids=[other, main])(DOC, "search", domain) == []


def test_searching_the_default_of_a_company_dependent_field_finds_records_without_value(world):
    rpc = world.rpc("alice")
    doc = world.records["alice_doc"]
    rpc(DOC, "write", [doc], {"price": 9.0})
    found = set(rpc(DOC, "search", [("name", "like", world.tag), ("price", "=", 1.5)]))
    assert found == {world.records["locked_doc"]}


def test_a_company_dependent_link_must_belong_to_the_current_company(world, look):
    main, other = world.companies["main"], world.companies["other"]
    rpc = world.rpc("alice", allowed_company_ids=[main, other])
    error = refused(rpc, DOC, "write", [world.records["alice_doc"]], {"account_id": world.records["other_account"]})
    assert "Incompatible companies" in error.message
    rpc(DOC, "write", [world.records["alice_doc"]], {"account_id": world.records["main_account"]})
    assert rpc(DOC, "read", [world.records["alice_doc"]], ["account_id"])[0]["account_id"] == \
        [world.records["main_account"], f"main account {world.tag}"]


def test_fields_get_marks_company_dependent_fields(world):
    description = world.rpc("alice")(DOC, "fields_get", ["price", "name"])
    assert description["price"]["company_dependent"] is True and description["name"]["company_dependent"] is False
