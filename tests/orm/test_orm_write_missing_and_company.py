import pytest
from nexa.exceptions import MissingError, AccessError

def test_write_of_a_deleted_record_is_a_missing_error(env):
    p = env["res.partner"].create({"name": "gone"}); p.unlink()
    with pytest.raises(MissingError):
        p.write({"name": "x"})

def test_company_outside_allowed_is_refused(env):
    other = env["res.company"].create({"name": "Other Co"})
    user = env["res.users"].create({"name": "U", "login": "u_company_test"})
    with pytest.raises(AccessError):
        env(user=user.id, su=False, context={"allowed_company_ids": [other.id]}).company
