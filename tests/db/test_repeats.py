"""The N+1 detector reports a statement shape repeated in one transaction, with the Python stack."""

from nexa.db.repeats import RepeatDetector
from nexa.testing.plugin import is_addon_test


def test_a_loop_of_single_record_searches_is_reported_with_its_caller(env):
    detector = RepeatDetector(threshold=5)
    env.transaction.observers.append(detector)
    partners = env["res.partner"].create([{"name": f"Loop {i}"} for i in range(8)])
    for partner in partners:
        env["res.partner"].search([("id", "=", partner.id)])  # the N+1 pattern: one query per record
    env.transaction.observers.remove(detector)
    repeats = detector.repeats
    assert len(repeats) == 1
    assert repeats[0].count == 8
    assert "FROM res_partner" in repeats[0].sql
    assert "test_repeats.py" in repeats[0].describe()


def test_prefetched_reads_are_not_reported(env):
    partners = env["res.partner"].create([{"name": f"Batch {i}"} for i in range(30)])
    env.cache.clear()
    detector = RepeatDetector(threshold=3)
    env.transaction.observers.append(detector)
    names = [partner.name for partner in partners.browse(partners.ids)]
    env.transaction.observers.remove(detector)
    assert len(names) == 30
    assert detector.repeats == []


def test_addon_tests_are_recognised_by_their_folder():
    assert is_addon_test("/repo/addons/sale/tests/test_order.py")
    assert not is_addon_test("/repo/tests/orm/test_crud.py")
    assert not is_addon_test("/repo/tests/addons/test_orm/models/thing.py")
