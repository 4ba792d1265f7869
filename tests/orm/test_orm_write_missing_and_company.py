"""Writing deleted records, and companies outside the user's allowed ones."""

from __future__ import annotations

import pytest

from nexa.exceptions import AccessError, MissingError


def test_write_of_a_deleted_record_is_a_missing_error(env):
    partner = env["res.partner"].create({"name": "gone"})
    partner.unlink()
    with pytest.raises(MissingError, match=r"res\.partner"):
        partner.write({"name": "x"})


def test_company_outside_allowed_is_refused(env):
    other = env["res.company"].create({"name": "Other Co"})
    user = env["res.users"].create({"name": "U", "login": "u_company_test"})
    restricted = env(user=user.id, su=False, context={"allowed_company_ids": [other.id]})
    with pytest.raises(AccessError, match=rf"\[{other.id}\]"):
        restricted.company  # noqa: B018
