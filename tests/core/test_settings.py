"""Production mode refuses to start without a secret key and an explicit database."""

import os
import subprocess
import sys

import pytest


def _start(**env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("YINGJI_") and k != "DATABASE_URL"}
    code = "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='yingji.settings'; django.setup(); print('ok')"
    return subprocess.run([sys.executable, "-c", code], env={**clean, **env}, capture_output=True, text=True)


@pytest.mark.parametrize(
    "env, missing",
    [
        ({"YINGJI_MODE": "production", "DATABASE_URL": "postgres://x@127.0.0.1/y"}, "YINGJI_SECRET_KEY"),
        ({"YINGJI_MODE": "production", "YINGJI_SECRET_KEY": "k" * 50}, "DATABASE_URL"),
    ],
)
def test_production_refuses_to_start_without_its_settings(env, missing, tmp_path):
    result = _start(YINGJI_VAR_DIR=str(tmp_path), **env)
    assert result.returncode != 0 and missing in result.stderr


def test_production_starts_with_both(tmp_path):
    result = _start(
        YINGJI_MODE="production",
        YINGJI_SECRET_KEY="k" * 50,
        YINGJI_VAR_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3",
    )
    assert result.returncode == 0, result.stderr


def test_demo_mode_is_the_default(tmp_path):
    result = _start(YINGJI_VAR_DIR=str(tmp_path))
    assert result.returncode == 0 and result.stdout.strip() == "ok"


def test_unknown_mode_is_refused(tmp_path):
    result = _start(YINGJI_MODE="staging", YINGJI_VAR_DIR=str(tmp_path))
    assert result.returncode != 0 and "YINGJI_MODE" in result.stderr
