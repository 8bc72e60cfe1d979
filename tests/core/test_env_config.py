"""App settings from JSON environment variables: overrides apply, and a bad value stops the start-up with the
variable's name instead of failing later in the middle of a report."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from yingji.core.env_config import from_environment
from yingji.incidents.config import IncidentsConfig, get_config


def test_overrides_apply_over_the_defaults(monkeypatch):
    monkeypatch.setenv("YINGJI_INCIDENTS", '{"report_jump_ratio": 2.0}')
    config = from_environment(IncidentsConfig, "YINGJI_INCIDENTS")
    assert config.report_jump_ratio == 2.0 and config.duplicate_radius_m == get_config().duplicate_radius_m


@pytest.mark.parametrize("raw", ['{"report_jump": 2}', "[1, 2]", "{not json"])
def test_an_unknown_key_or_bad_json_names_the_variable(monkeypatch, raw):
    monkeypatch.setenv("YINGJI_INCIDENTS", raw)
    with pytest.raises(ImproperlyConfigured, match="YINGJI_INCIDENTS is not valid"):
        from_environment(IncidentsConfig, "YINGJI_INCIDENTS")


@pytest.mark.parametrize("variable", ["YINGJI_INCIDENTS", "YINGJI_DUTY"])
def test_the_platform_refuses_to_start_with_a_bad_setting(variable, tmp_path):
    env = {**os.environ, variable: '{"no_such_setting": 1}', "YINGJI_VAR_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    result = subprocess.run([sys.executable, "-m", "yingji.cli", "manage", "check"], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0 and f"{variable} is not valid" in result.stderr
