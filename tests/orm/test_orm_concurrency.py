"""Optimistic concurrency, field by field (nexa.orm.concurrency): refuse only what would overwrite a change."""

from __future__ import annotations

import json

import pytest

from nexa.exceptions import ConflictError, ValidationError
from nexa.orm.env import SUPERUSER_ID, Environment
from nexa.rpc.dispatch import call_kw
from nexa.rpc.jsonrpc import encode_error

pytestmark = pytest.mark.addons("test_orm_depth")

FIELDS = ["reference", "priority", "partner_id", "tag_ids", "date_order"]


@pytest.fixture
def order(env):
    return env["test.depth.order"].create({"reference": "old", "priority": 1, "date_order": "2024-05-01"})


def read(order):
    [values] = order.read(FIELDS)
    return values


def versioned(order, seen, *names):
    key = f"{order._name},{order.id}"
    return order.with_context(write_versions={key: {name: seen[name] for name in names}})


def test_changes_to_other_fields_merge_without_error(order):
    seen = read(order)
    order.write({"priority": 7})  # someone else
    versioned(order, seen, "reference").write({"reference": "mine"})
    assert (order.reference, order.priority) == ("mine", 7)


def test_a_change_to_the_same_field_is_refused_with_old_theirs_and_mine(order):
    seen = read(order)
    order.write({"reference": "theirs"})
    with pytest.raises(ConflictError) as error:
        versioned(order, seen, "reference").write({"reference": "mine"})
    assert error.value.conflicts == {"reference": {"old": "old", "theirs": "theirs", "mine": "mine"}}
    assert error.value.record_ids == [order.id] and "reference" in str(error.value)


def test_only_the_fields_in_conflict_are_listed(order):
    seen = read(order)
    order.write({"reference": "theirs", "priority": 2})
    with pytest.raises(ConflictError) as error:
        versioned(order, seen, "reference", "date_order").write({"reference": "mine", "date_order": "2024-06-01"})
    assert list(error.value.conflicts) == ["reference"]


def test_an_unchanged_field_passes(order):
    seen = read(order)
    versioned(order, seen, "reference", "priority").write({"reference": "mine", "priority": 3})
    assert (order.reference, order.priority) == ("mine", 3)


def test_the_same_change_made_twice_is_no_conflict(order):
    seen = read(order)
    order.write({"reference": "same"})
    versioned(order, seen, "reference").write({"reference": "same"})
    assert order.reference == "same"


def test_many2one_versions_are_the_id_name_pairs_read_returns(env, order):
    ann, bob = env["res.partner"].create([{"name": "Ann"}, {"name": "Bob"}])
    order.write({"partner_id": ann.id})
    seen = read(order)
    order.write({"partner_id": bob.id})
    with pytest.raises(ConflictError) as error:
        versioned(order, seen, "partner_id").write({"partner_id": ann.id})
    assert error.value.conflicts["partner_id"] == {"old": [ann.id, "Ann"], "theirs": [bob.id, "Bob"],
                                                   "mine": ann.id}


def test_many2many_versions_are_lists_of_ids(env, order):
    red, blue = env["test.depth.tag"].create([{"name": "red"}, {"name": "blue"}])
    seen = read(order)
    order.write({"tag_ids": [red.id]})
    with pytest.raises(ConflictError) as error:
        versioned(order, seen, "tag_ids").write({"tag_ids": [(6, 0, [blue.id])]})
    assert error.value.conflicts["tag_ids"] == {"old": [], "theirs": [red.id], "mine": [blue.id]}


def test_dates_compare_as_dates(order):
    seen = read(order)
    order.write({"date_order": "2024-05-02"})
    with pytest.raises(ConflictError) as error:
        versioned(order, seen, "date_order").write({"date_order": "2024-05-03"})
    assert error.value.conflicts["date_order"] == {"old": "2024-05-01", "theirs": "2024-05-02", "mine": "2024-05-03"}


def test_fields_written_without_a_version_are_not_checked(order):
    seen = read(order)
    order.write({"reference": "theirs", "priority": 5})
    versioned(order, seen, "priority").write({"reference": "mine", "priority": 5})
    assert order.reference == "mine"


def test_a_refused_write_changes_nothing(env, order):
    seen = read(order)
    order.write({"reference": "theirs"})
    with pytest.raises(ConflictError):
        versioned(order, seen, "reference").write({"reference": "mine", "priority": 9})
    assert (order.reference, order.priority) == ("theirs", 1)


def test_several_records_report_each_conflict(env, order):
    other = env["test.depth.order"].create({"reference": "old"})
    both = order | other
    versions = {f"test.depth.order,{record.id}": {"reference": "old"} for record in both}
    both.write({"reference": "theirs"})
    with pytest.raises(ConflictError) as error:
        both.with_context(write_versions=versions).write({"reference": "mine"})
    assert error.value.record_ids == sorted(both.ids)
    assert set(error.value.context["records"]) == {str(order.id), str(other.id)}


def test_malformed_versions_are_refused(order):
    with pytest.raises(ValidationError, match="write_versions"):
        order.with_context(write_versions=["reference"]).write({"reference": "x"})


def test_the_conflict_reaches_rpc_clients_in_the_error_context(env, order):
    seen = read(order)
    order.write({"reference": "theirs"})
    context = {"write_versions": {f"test.depth.order,{order.id}": {"reference": seen["reference"]}}}
    with pytest.raises(ConflictError) as error:
        call_kw(env["test.depth.order"], "write", [[order.id], {"reference": "mine"}], {"context": context})
    data = json.loads(encode_error(1, error.value, debug=False))["error"]["data"]
    assert data["name"] == "nexa.exceptions.ConflictError"
    assert data["context"]["conflicts"] == {"reference": {"old": "old", "theirs": "theirs", "mine": "mine"}}


def test_a_write_committed_by_another_transaction_is_detected(nexa_runtime, nexa_databases):
    database = nexa_runtime.database(nexa_databases.get(("test_orm_depth",), tag="commit"))

    def run(work):
        with database.transaction() as transaction:
            return work(Environment(transaction, SUPERUSER_ID, {}, su=True))

    order_id = run(lambda env: env["test.depth.order"].create({"reference": "old"}).id)
    seen = run(lambda env: env["test.depth.order"].browse(order_id).read(["reference"])[0])
    run(lambda env: env["test.depth.order"].browse(order_id).write({"reference": "theirs"}))
    versions = {f"test.depth.order,{order_id}": {"reference": seen["reference"]}}
    with pytest.raises(ConflictError):
        run(lambda env: env["test.depth.order"].with_context(write_versions=versions).browse(order_id).write(
            {"reference": "mine"}))
    assert run(lambda env: env["test.depth.order"].browse(order_id).reference) == "theirs"


def test_two_simultaneous_writes_of_one_field_let_exactly_one_through(nexa_runtime, nexa_databases):
    """Both clients read "old" and save at the same moment: one wins, the other gets the conflict."""
    import threading

    from nexa.db.transaction import retrying

    database = nexa_runtime.database(nexa_databases.get(("test_orm_depth",), tag="commit"))
    order_id = retrying(database, lambda tx: Environment(tx, SUPERUSER_ID, {}, su=True)[
        "test.depth.order"].create({"reference": "old"}).id)
    versions = {f"test.depth.order,{order_id}": {"reference": "old"}}
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def save(value: str) -> None:
        def work(tx):
            env = Environment(tx, SUPERUSER_ID, {"write_versions": versions}, su=True)
            env["test.depth.order"].browse(order_id).write({"reference": value})

        barrier.wait()
        try:
            retrying(database, work)
            outcomes.append("saved")
        except ConflictError:
            outcomes.append("conflict")

    threads = [threading.Thread(target=save, args=(value,)) for value in ("ann", "bob")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict", "saved"]


def test_translated_fields_compare_in_the_context_language(env, order):
    french = order.with_context(lang="fr_FR")
    french.write({"note": "ancien"})
    [seen] = french.read(["note"])
    french.write({"note": "le leur"})
    with pytest.raises(ConflictError) as error:
        versioned(french, seen, "note").write({"note": "le mien"})
    assert error.value.conflicts["note"] == {"old": "ancien", "theirs": "le leur", "mine": "le mien"}
