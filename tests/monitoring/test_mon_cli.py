"""`yingji ingest` hands every option to the ingest command (argparse would otherwise take `--simulate` as its own)."""

import pytest

from yingji.cli import main


def test_yingji_ingest_passes_its_options_on(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["ingest", "--help"])
    assert stopped.value.code == 0
    out = capsys.readouterr().out
    assert "--simulate" in out and "--storm" in out and "--client-id" in out


@pytest.mark.parametrize("value", ["0", "17", "二"])
def test_yingji_ingest_refuses_a_number_of_processes_it_cannot_run(value, capsys):
    assert main(["ingest", "--processes", value]) == 1
    assert "--processes 应为 1–16 的整数" in capsys.readouterr().err
