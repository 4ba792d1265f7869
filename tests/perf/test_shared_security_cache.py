"""Access data cached across transactions is forgotten whenever it changes (nexa/security/access.py).

Two ``Runtime`` objects on one database stand for two server processes: what one commits
(a group given or taken, a rule added, a password changed) must be enforced by the other
from its next request on, and by the same process at once; what is rolled back must
never be seen.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from nexa.exceptions import AccessDenied, AccessError
from nexa.orm import Command
from nexa.runtime import Runtime
from nexa.security import credentials

pytestmark = pytest.mark.addons("test_security")

PASSWORD = "shared-cache-password"


@pytest.fixture
def other_process(nexa_runtime: Runtime) -> Iterator[Runtime]:
    """A second runtime on the same databases: another worker process, as far as caches go."""
    runtime = Runtime(nexa_runtime.config)
    yield runtime
    runtime.close()


@pytest.fixture
def user(nexa_runtime: Runtime, rpc_database: str) -> int:
    """An internal user without any document right, committed."""
    tag = uuid.uuid4().hex[:8]
    with nexa_runtime.environment(rpc_database) as env:
        return env["res.users"].create({"name": f"cache {tag}", "login": f"cache_{tag}", "password": PASSWORD,
                                        "groups_id": [Command.set([env.ref("base.group_user").id])]}).id


def can_read_documents(runtime: Runtime, database: str, uid: int) -> bool:
    with runtime.environment(database, uid=uid, su=False) as env:
        try:
            env["test.security.doc"].search([])
        except AccessError:
            return False
        return True


def set_reader(runtime: Runtime, database: str, uid: int, *, reader: bool) -> None:
    with runtime.environment(database) as env:
        group = env.ref("test_security.group_doc_reader").id
        env["res.users"].browse(uid).write({"groups_id": [Command.link(group) if reader else Command.unlink(group)]})


def statements_of(runtime: Runtime, database: str, uid: int, count_queries: Any) -> list[str]:
    with runtime.environment(database, uid=uid, su=False) as env, count_queries(env) as log:
        env["test.security.doc"].check_access_rights("read", raise_exception=False)
    return log.statements


def test_rights_are_loaded_once_per_process(nexa_runtime, rpc_database, user, count_queries):
    first = statements_of(nexa_runtime, rpc_database, user, count_queries)
    second = statements_of(nexa_runtime, rpc_database, user, count_queries)
    assert any("ir_model_access" in statement for statement in first)
    assert second == []


def test_a_group_given_by_another_process_counts_from_the_next_request(nexa_runtime, other_process, rpc_database,
                                                                       user):
    assert not can_read_documents(nexa_runtime, rpc_database, user)
    set_reader(other_process, rpc_database, user, reader=True)
    assert can_read_documents(nexa_runtime, rpc_database, user)


def test_a_group_taken_by_another_process_counts_from_the_next_request(nexa_runtime, other_process, rpc_database,
                                                                       user):
    set_reader(nexa_runtime, rpc_database, user, reader=True)
    assert can_read_documents(nexa_runtime, rpc_database, user)
    set_reader(other_process, rpc_database, user, reader=False)
    assert not can_read_documents(nexa_runtime, rpc_database, user)


def test_a_group_given_by_this_process_counts_at_once(nexa_runtime, rpc_database, user):
    assert not can_read_documents(nexa_runtime, rpc_database, user)
    set_reader(nexa_runtime, rpc_database, user, reader=True)
    assert can_read_documents(nexa_runtime, rpc_database, user)


def test_a_change_rolled_back_is_never_shared(nexa_runtime, rpc_database, user):
    assert not can_read_documents(nexa_runtime, rpc_database, user)
    database = nexa_runtime.database(rpc_database)
    transaction = database.open_transaction()
    try:
        from nexa.orm.env import Environment

        env = Environment(transaction, 1, {}, su=True)
        env["res.users"].browse(user).write({"groups_id": [Command.link(env.ref("test_security.group_doc_reader").id)]})
        assert env(user=user, su=False)["test.security.doc"].check_access_rights("read", raise_exception=False)
    finally:
        transaction.rollback()
        transaction.close()
    assert not can_read_documents(nexa_runtime, rpc_database, user)


def test_a_rule_added_by_another_process_filters_the_next_search(nexa_runtime, other_process, rpc_database, user):
    set_reader(nexa_runtime, rpc_database, user, reader=True)
    tag = uuid.uuid4().hex[:8]
    with nexa_runtime.environment(rpc_database) as env:
        doc = env["test.security.doc"].create({"name": f"shared doc {tag}", "owner_id": user})
    with nexa_runtime.environment(rpc_database, uid=user, su=False) as env:
        assert env["test.security.doc"].search([("id", "=", doc.id)]).ids == [doc.id]
    with other_process.environment(rpc_database) as env:
        env["ir.rule"].create({"name": f"hide {tag}", "model_id": env.ref("test_security.model_test_security_doc").id,
                               "domain_force": f"[('name', '!=', 'shared doc {tag}')]"})
    with nexa_runtime.environment(rpc_database, uid=user, su=False) as env:
        assert env["test.security.doc"].search([("id", "=", doc.id)]).ids == []


def test_a_password_changed_by_another_process_ends_the_cached_check(nexa_runtime, other_process, rpc_database,
                                                                     user):
    with nexa_runtime.environment(rpc_database) as env:
        assert credentials.check(env, user, PASSWORD) == user
    with nexa_runtime.environment(rpc_database) as env:
        assert credentials.check(env, user, PASSWORD) == user  # from the cache now
    with other_process.environment(rpc_database) as env:
        env["res.users"].browse(user).write({"password": "another-password-entirely"})
    with nexa_runtime.environment(rpc_database) as env, pytest.raises(AccessDenied):
        credentials.check(env, user, PASSWORD)


def test_a_user_archived_by_another_process_is_refused_at_the_next_call(nexa_runtime, other_process, rpc_database,
                                                                        user):
    with nexa_runtime.environment(rpc_database) as env:
        assert credentials.check(env, user, PASSWORD) == user
    with other_process.environment(rpc_database) as env:
        env["res.users"].browse(user).write({"active": False})
    with nexa_runtime.environment(rpc_database) as env, pytest.raises(AccessDenied):
        credentials.check(env, user, PASSWORD)


def test_a_change_committed_here_counts_for_transactions_opened_without_reading_the_signal(nexa_runtime,
                                                                                         rpc_database, user):
    from nexa.orm.env import Environment

    database = nexa_runtime.database(rpc_database)

    def allowed() -> bool:
        transaction = database.open_transaction()  # no Runtime.database(): the signal is not read again
        try:
            env = Environment(transaction, user, {}, su=False)
            return env["test.security.doc"].check_access_rights("read", raise_exception=False)
        finally:
            transaction.close()

    assert not allowed()
    transaction = database.open_transaction()
    try:
        env = Environment(transaction, 1, {}, su=True)
        env["res.users"].browse(user).write({"groups_id": [Command.link(env.ref("test_security.group_doc_reader").id)]})
        transaction.commit()
    finally:
        transaction.close()
    assert allowed()


def test_a_company_archived_by_another_process_leaves_the_users_companies(nexa_runtime, other_process,
                                                                          rpc_database):
    tag = uuid.uuid4().hex[:8]
    with nexa_runtime.environment(rpc_database) as env:
        main = env.ref("base.main_company").id
        other = env["res.company"].create({"name": f"Branch {tag}"}).id
        uid = env["res.users"].create({"name": f"two companies {tag}", "login": f"two_{tag}", "password": PASSWORD,
                                       "company_id": main, "company_ids": [Command.set([main, other])],
                                       "groups_id": [Command.set([env.ref("base.group_user").id])]}).id

    def companies() -> list[int]:
        with nexa_runtime.environment(rpc_database, uid=uid, su=False) as env:
            return env.companies.ids

    assert companies() == [main, other]
    with other_process.environment(rpc_database) as env:
        env["res.company"].browse(other).write({"active": False})
    assert companies() == [main]
