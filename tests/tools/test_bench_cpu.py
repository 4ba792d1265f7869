"""``python -m tools.bench.cpu`` runs Nexa's workloads and reports a rate for each (no speed is asserted)."""

from tools.bench import cpu


def test_every_workload_gets_a_cpu_rate(capsys):
    assert cpu.main(["--records", "200"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(" per CPU second: ")[0] for line in lines] == [
        "W1 create, records", "W2b indexed equality, searches", "W3 read pages of 500, records",
        "W4 single-record write, writes"]
    assert all(float(line.rsplit(": ", 1)[1].replace(",", "")) > 0 for line in lines)
