"""``python -m tools.bench.cpu`` runs Nexa's workloads (answers checked) and reports a rate for each (no speed is
asserted)."""

from tools.bench import cpu


def test_every_workload_gets_a_cpu_rate(capsys):
    assert cpu.main(["--records", "200", "--runs", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(" per CPU second: ")[0] for line in lines] == [
        "W1 records", "W2a searches", "W2b searches", "W3 records", "W4 writes"]
    assert all(float(line.rsplit(": ", 1)[1].replace(",", "")) > 0 for line in lines)
