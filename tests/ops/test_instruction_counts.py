"""``python -m benchmarks instructions``: reads callgrind's totals, refuses what it
cannot do with a clear message rather than a traceback."""

import pytest

from benchmarks import instructions


def test_totals_reads_the_instruction_count(tmp_path):
    dump = tmp_path / "callgrind.out.1.1"
    dump.write_text(
        "# callgrind format\nversion: 1\nevents: Ir\n"
        "fn=(1) main\n0 12\nsummary: 487500000\ntotals: 487500000\n"
    )
    assert instructions.totals(dump) == 487_500_000


def test_a_dump_without_totals_is_an_error(tmp_path):
    dump = tmp_path / "empty.1"
    dump.write_text("events: Ir\n")
    with pytest.raises(ValueError, match="no totals"):
        instructions.totals(dump)


def test_without_valgrind_it_says_what_to_install(monkeypatch, capsys):
    monkeypatch.setattr(instructions.shutil, "which", lambda name: None)
    with pytest.raises(SystemExit):
        instructions.main(["--claims", "10"])
    assert "needs valgrind" in capsys.readouterr().err


def test_requests_must_be_positive(capsys):
    with pytest.raises(SystemExit):
        instructions.main(["--requests", "0"])
    assert "--requests must be at least 1" in capsys.readouterr().err
