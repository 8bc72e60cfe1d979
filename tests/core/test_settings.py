"""Production mode refuses to start without its settings, or with settings that would be unsafe (issue 12, §4)."""

import os
import subprocess
import sys

import pytest

STRONG_KEY = "Vq3-xR8_Lm2pZt7aKc9Wn4bYe6Hs1Jd5Gf0Uo_Pi8Tr3Qw7Ex2Cv6Bn9Mk4Lj1Hg5Fd0Sa"
AUDIT_KEY = "audit-test-key-0123456789abcdefghijklmnopqrstuvwxyz"


def _clean_env(**env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("YINGJI_") and k != "DATABASE_URL"}
    return {**clean, **env}


def _start(*lines, **env):
    code = "; ".join(["import django, os", "os.environ['DJANGO_SETTINGS_MODULE']='yingji.settings'", "django.setup()",
                      "from django.conf import settings", *(lines or ["print('ok')"])])
    return subprocess.run([sys.executable, "-c", code], env=_clean_env(**env), capture_output=True, text=True)


def _production(tmp_path, **env):
    return {"YINGJI_MODE": "production", "YINGJI_SECRET_KEY": STRONG_KEY, "YINGJI_AUDIT_KEY": AUDIT_KEY,
            "YINGJI_VAR_DIR": str(tmp_path), "DATABASE_URL": "postgres://x@127.0.0.1/y", **env}


@pytest.mark.parametrize(
    "env, missing",
    [
        ({"YINGJI_MODE": "production", "DATABASE_URL": "postgres://x@127.0.0.1/y"}, "YINGJI_SECRET_KEY"),
        ({"YINGJI_MODE": "production", "YINGJI_SECRET_KEY": STRONG_KEY}, "DATABASE_URL"),
    ],
)
def test_production_refuses_to_start_without_its_settings(env, missing, tmp_path):
    result = _start(YINGJI_VAR_DIR=str(tmp_path), YINGJI_AUDIT_KEY=AUDIT_KEY, **env)
    assert result.returncode != 0 and missing in result.stderr


def test_production_starts_with_both(tmp_path):
    result = _start(**_production(tmp_path))
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("key, reason", [
    ("x", "too short"),
    ("k" * 50, "too little variety"),
    ("changeme" * 8, "too little variety"),
    ("0123456789" * 5, "too little variety"),
])
def test_production_refuses_a_weak_secret(key, reason, tmp_path):
    result = _start(**_production(tmp_path, YINGJI_SECRET_KEY=key))
    assert result.returncode != 0 and "YINGJI_SECRET_KEY" in result.stderr and reason in result.stderr


def test_a_generated_hex_secret_is_strong_enough(tmp_path):
    hex_key = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"  # secrets.token_hex(32)
    result = _start(**_production(tmp_path, YINGJI_SECRET_KEY=hex_key))
    assert result.returncode == 0, result.stderr


def test_production_refuses_debug(tmp_path):
    result = _start(**_production(tmp_path, YINGJI_DEBUG="1"))
    assert result.returncode != 0 and "YINGJI_DEBUG" in result.stderr


def test_production_refuses_sqlite_unless_asked_for_explicitly(tmp_path):
    sqlite = f"sqlite:///{tmp_path}/db.sqlite3"
    refused = _start(**_production(tmp_path, DATABASE_URL=sqlite))
    assert refused.returncode != 0 and "YINGJI_ALLOW_SQLITE_IN_PRODUCTION" in refused.stderr
    allowed = _start(**_production(tmp_path, DATABASE_URL=sqlite, YINGJI_ALLOW_SQLITE_IN_PRODUCTION="1"))
    assert allowed.returncode == 0, allowed.stderr


def test_production_sends_hsts_and_secure_cookies_by_default(tmp_path):
    shown = "print(settings.SECURE_HSTS_SECONDS, settings.SECURE_HSTS_INCLUDE_SUBDOMAINS, " \
            "settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE)"
    production = _start(shown, **_production(tmp_path))
    assert production.stdout.split() == ["31536000", "False", "True", "True"], production.stderr
    demo = _start(shown, YINGJI_VAR_DIR=str(tmp_path))
    assert demo.stdout.split() == ["0", "False", "False", "False"], demo.stderr


def test_a_tile_server_is_allowed_in_the_image_policy(tmp_path):
    shown = "print(' '.join(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']))"
    result = _start(shown, YINGJI_VAR_DIR=str(tmp_path), YINGJI_TILE_URL="https://t{s}.tiles.example.cn/{z}/{x}/{y}.png")
    assert "https://*.tiles.example.cn" in result.stdout.split(), result.stderr


def test_demo_mode_is_the_default(tmp_path):
    result = _start(YINGJI_VAR_DIR=str(tmp_path))
    assert result.returncode == 0 and result.stdout.strip() == "ok"


def test_unknown_mode_is_refused(tmp_path):
    result = _start(YINGJI_MODE="staging", YINGJI_VAR_DIR=str(tmp_path))
    assert result.returncode != 0 and "YINGJI_MODE" in result.stderr


@pytest.mark.parametrize("command", [["load-demo"], ["demo", "--port", "1"], ["manage", "load_demo"]])
def test_demo_data_is_refused_in_production(command, tmp_path):
    database = tmp_path / "db.sqlite3"
    env = _production(tmp_path, DATABASE_URL=f"sqlite:///{database}", YINGJI_ALLOW_SQLITE_IN_PRODUCTION="1")
    result = subprocess.run([sys.executable, "-m", "yingji.cli", *command], env=_clean_env(**env),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "生产模式" in result.stderr and "演示数据" in result.stderr
    if command[0] != "manage":  # the refusal comes before anything touches the database
        assert not database.exists() or database.stat().st_size == 0


def test_rate_limit_counts_are_shared_between_processes_through_the_cache_url(tmp_path):
    """With YINGJI_CACHE_URL two processes see one count (the real Redis); without it each process counts alone."""
    key = f"test-shared-{os.getpid()}-{tmp_path.name}"
    bump = ["from django.core.cache import cache", f"cache.add('{key}', 0, 60)", f"print(cache.incr('{key}'))"]
    shared = {"YINGJI_VAR_DIR": str(tmp_path), "YINGJI_CACHE_URL": "redis://127.0.0.1:6379/15"}
    assert [_start(*bump, **shared).stdout.strip() for _ in range(2)] == ["1", "2"]
    assert [_start(*bump, YINGJI_VAR_DIR=str(tmp_path)).stdout.strip() for _ in range(2)] == ["1", "1"]
    assert "YINGJI_CACHE_URL" in _start(YINGJI_VAR_DIR=str(tmp_path), YINGJI_CACHE_URL="memcached://x").stderr


def test_several_production_processes_are_refused_without_a_shared_cache(tmp_path):
    serve = ["from yingji.cli import refuse_unshared_cache", "refuse_unshared_cache(1)", "print('one ok')",
             "refuse_unshared_cache(4)", "print('four ok')"]
    alone = _start(*serve, **_production(tmp_path))
    assert alone.stdout.split() == ["one", "ok"] and "YINGJI_CACHE_URL" in alone.stderr
    shared = _start(*serve, **_production(tmp_path, YINGJI_CACHE_URL="redis://127.0.0.1:6379/15"))
    assert shared.stdout.split() == ["one", "ok", "four", "ok"], shared.stderr


def test_an_empty_database_url_means_the_embedded_default(tmp_path):
    result = _start("print(settings.DATABASES['default']['NAME'])", DATABASE_URL="", YINGJI_VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr  # was KeyError: 'ENGINE'
    assert result.stdout.strip() == str(tmp_path / "yingji.sqlite3")
