"""Company-dependent fields (values in ir.property) and company consistency, in the ORM (rolled-back ``env``)."""

from __future__ import annotations

import pytest

from nexa.exceptions import ModelDefinitionError, ValidationError
from nexa.orm import fields
from nexa.security.company_values import attach

pytestmark = pytest.mark.addons("test_security")


@pytest.fixture
def companies(env):
    main = env.ref("base.main_company")
    other = env["res.company"].create({"name": "Values Co"})
    env.user.write({"company_ids": [(4, other.id)]})
    return main, other


def in_company(records, company, *others):
    return records.with_context(allowed_company_ids=[company.id, *(c.id for c in others)])


def test_a_value_is_kept_per_company(env, companies):
    main, other = companies
    doc = env["test.security.doc"].create({"name": "priced"})
    in_company(doc, main).price = 4.0
    in_company(doc, other, main).price = 6.0
    assert (in_company(doc, main).price, in_company(doc, other, main).price) == (4.0, 6.0)


def test_the_value_follows_a_company_switch_in_the_same_transaction(env, companies):
    main, other = companies
    doc = env["test.security.doc"].create({"name": "switch"})
    in_company(doc, main).price = 4.0
    assert in_company(doc, main).price == 4.0
    assert in_company(doc, other, main).price == 1.5


def test_a_company_default_comes_before_the_global_default(env, companies):
    main, other = companies
    Property = env["ir.property"]
    Property.create({"model": "test.security.doc", "name": "price", "value_float": 2.5})
    Property.create({"model": "test.security.doc", "name": "price", "company_id": other.id, "value_float": 3.5})
    doc = env["test.security.doc"].create({"name": "defaults"})
    assert in_company(doc, main).price == 2.5
    assert in_company(doc, other, main).price == 3.5


def test_the_field_default_applies_when_no_value_exists(env, companies):
    doc = env["test.security.doc"].create({"name": "plain"})
    assert doc.price == 1.5 and doc.read(["price"])[0]["price"] == 1.5


def test_deleting_a_record_deletes_its_values(env, companies):
    doc = env["test.security.doc"].create({"name": "gone", "price": 8.0})
    doc.unlink()
    assert not env["ir.property"].search([("model", "=", "test.security.doc"), ("res_id", "=", doc.id)])


def test_a_company_dependent_value_is_not_copied(env, companies):
    doc = env["test.security.doc"].create({"name": "original", "price": 8.0})
    assert doc.copy().price == 1.5


def test_only_simple_types_can_be_company_dependent(env):
    field = fields.Json(company_dependent=True)
    field.bind("test.security.doc", "blob", "test_security")
    with pytest.raises(ModelDefinitionError, match="blob \\(json\\) cannot be company_dependent"):
        attach(type("Fake", (), {"_name": "test.security.doc"}), field)


def test_company_consistency_is_checked_in_superuser_code_too(env, companies):
    _main, other = companies
    partner = env["res.partner"].create({"name": "Elsewhere", "company_id": other.id})
    with pytest.raises(ValidationError, match="Incompatible companies"), env.transaction.savepoint():
        env["test.security.doc"].create({"name": "mixed", "partner_id": partner.id})


def test_a_company_dependent_link_is_checked_against_the_current_company(env, companies):
    main, other = companies
    account = env["test.security.account"].create({"name": "Other account", "company_id": other.id})
    doc = env["test.security.doc"].create({"name": "linked"})
    in_company(doc, other, main).account_id = account
    with pytest.raises(ValidationError, match="Incompatible companies"), env.transaction.savepoint():
        in_company(doc, main).account_id = account
