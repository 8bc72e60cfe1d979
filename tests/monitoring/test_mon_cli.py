"""`yingji ingest` hands every option to the ingest command (argparse would otherwise take `--simulate` as its own)."""

import pytest

from yingji.cli import main


def test_yingji_ingest_passes_its_options_on(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["ingest", "--help"])
    assert stopped.value.code == 0
    out = capsys.readouterr().out
    assert "--simulate" in out and "--storm" in out and "--client-id" in out
