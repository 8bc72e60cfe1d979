"""The demo district, built once and copied for every test database (docs/architecture.md, "Test suite and its
time budget").

A template is a database on which `migrate` and the `load_demo` command have run, as `yingji load-demo` does.
Its name carries a hash of what shapes it: the yingji source (models, migrations, demo data), the installed
packages, the YINGJI_* variables the source reads, and the password hasher. The demo is written relative to the
clock ("an incident 40 minutes ago"), so a template older than MAX_AGE_SECONDS, or from another day, is built
again. SQLite templates are files under var/test-templates/; PostgreSQL templates are databases named
<database>_tpl_<hash>. One lock covers building and copying, so parallel pytest workers (and parallel runs)
build a template once and never copy a half-built one.

Run as a script (`python tests/dbtemplate.py build [--fast-passwords]`) it builds the database at DATABASE_URL.
"""

import fcntl
import hashlib
import importlib.metadata
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "yingji"
TEMPLATES = ROOT / "var" / "test-templates"
MAX_AGE_SECONDS = 3600
LOCAL_TIME = ZoneInfo("Asia/Shanghai")
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
RUN = os.environ.get("PYTEST_XDIST_TESTRUNUID") or uuid.uuid4().hex  # one id for all workers of a pytest run
PG_FAMILY_LENGTH = 38  # <database>_tpl_<16 hex>_new stays within PostgreSQL's 63-character names


def fingerprint(env: dict, fast_passwords: bool) -> str:
    digest = hashlib.sha256()
    mentioned: set[bytes] = set()
    for path in sorted(SOURCE.rglob("*.py")):
        text = path.read_bytes()
        digest.update(str(path.relative_to(SOURCE)).encode() + b"\0" + text + b"\0")
        mentioned.update(re.findall(rb"YINGJI_[A-Z0-9_]+", text))
    names = [*sorted(name.decode() for name in mentioned if name != b"YINGJI_VAR_DIR"), "DJANGO_SETTINGS_MODULE"]
    packages = sorted(f"{dist.metadata['Name']}=={dist.version}" for dist in importlib.metadata.distributions())
    shaping = {"env": {name: env.get(name) for name in names}, "packages": packages, "python": sys.version,
               "fast_passwords": fast_passwords}
    digest.update(json.dumps(shaping, sort_keys=True).encode())
    return digest.hexdigest()[:16]


def _needs_build(meta: dict | None, rebuild: bool) -> bool:
    """rebuild (pytest --create-db) builds once per run; otherwise only a missing or stale template is built."""
    if not meta:
        return True
    if rebuild and meta.get("run") != RUN:
        return True
    return not _fresh(meta["built_at"])


def _fresh(built_at: float) -> bool:
    now = time.time()
    same_day = datetime.fromtimestamp(built_at, LOCAL_TIME).date() == datetime.fromtimestamp(now, LOCAL_TIME).date()
    return same_day and 0 <= now - built_at < MAX_AGE_SECONDS


def _meta() -> dict:
    return {"built_at": time.time(), "run": RUN}


def _build(database_url: str, env: dict, fast_passwords: bool) -> None:
    """Migrate and load the demo into database_url, in a process of its own."""
    with tempfile.TemporaryDirectory() as var_dir:
        build_env = {"DJANGO_SETTINGS_MODULE": "yingji.settings", **env, "DATABASE_URL": database_url,
                     "YINGJI_VAR_DIR": var_dir}
        command = [sys.executable, __file__, "build", *(["--fast-passwords"] if fast_passwords else [])]
        result = subprocess.run(command, env=build_env, cwd=ROOT, capture_output=True, text=True)
    if result.returncode:
        raise RuntimeError(f"building the demo template failed:\n{result.stdout[-2000:]}\n{result.stderr[-6000:]}")


# ---- SQLite --------------------------------------------------------------------------------------

@contextmanager
def _locked(path: Path):
    with open(path, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _read_meta(path: Path) -> dict | None:
    sidecar = path.with_suffix(".json")
    return json.loads(sidecar.read_text()) if path.exists() and sidecar.exists() else None


@contextmanager
def sqlite_template(env: dict | None = None, *, fast_passwords: bool = False, rebuild: bool = False):
    """The path of a fresh SQLite template file, locked while the caller copies it."""
    env = dict(os.environ if env is None else env)
    TEMPLATES.mkdir(parents=True, exist_ok=True)
    path = TEMPLATES / f"demo-{fingerprint(env, fast_passwords)}.sqlite3"
    with _locked(TEMPLATES / ".lock"):
        if _needs_build(_read_meta(path), rebuild):
            _remove_stale_files()
            building = path.with_suffix(".building")
            _build(f"sqlite:///{building}", env, fast_passwords)
            database = sqlite3.connect(building)
            database.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, ready to copy
            database.close()
            for side in building.parent.glob(f"{building.name}.sequences*"):  # core.sequences' side database
                side.unlink()
            os.replace(building, path)
            path.with_suffix(".json").write_text(json.dumps(_meta()))
        yield path


def _remove_stale_files() -> None:
    """Templates past their age, and what a build that died left behind (nothing builds while the lock is held)."""
    for path in TEMPLATES.glob("demo-*.building*"):
        path.unlink()
    for path in TEMPLATES.glob("demo-*.sqlite3"):
        meta = _read_meta(path)
        if not meta or not _fresh(meta["built_at"]):
            path.unlink(missing_ok=True)
            path.with_suffix(".json").unlink(missing_ok=True)


def copy_sqlite_file(target: Path, env: dict | None = None, *, fast_passwords: bool = False) -> None:
    """A fresh copy of the demo database at target (for a subprocess's own SQLite file)."""
    with sqlite_template(env, fast_passwords=fast_passwords) as template:
        shutil.copyfile(template, target)


def _backup(template: Path, target: sqlite3.Connection) -> None:
    source = sqlite3.connect(f"file:{template}?mode=ro", uri=True)
    try:
        source.backup(target)
    finally:
        source.close()


# ---- PostgreSQL ----------------------------------------------------------------------------------

def with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


@contextmanager
def postgres_template(url: str, env: dict | None = None, *, fast_passwords: bool = False, rebuild: bool = False):
    """(admin connection, template name) of a fresh PostgreSQL template for the database at url, locked while the
    caller runs `CREATE DATABASE … TEMPLATE` (copy_postgres)."""
    import psycopg

    env = dict(os.environ if env is None else env)
    family = urlsplit(url).path.lstrip("/")[:PG_FAMILY_LENGTH]
    name = f"{family}_tpl_{fingerprint(env, fast_passwords)}"
    with psycopg.connect(with_database(url, "postgres"), autocommit=True) as admin:
        admin.execute("SELECT pg_advisory_lock(hashtext(%s))", [f"yingji demo template {family}"])
        if _needs_build(_pg_meta(admin, name), rebuild):
            _drop_stale_databases(admin, family)
            building = f"{name}_new"
            _drop(admin, building)
            admin.execute(_sql("CREATE DATABASE {}", building))
            _build(with_database(url, building), env, fast_passwords)
            _drop(admin, name)
            admin.execute(_sql("ALTER DATABASE {} RENAME TO {}", building, name))
            admin.execute(_sql("COMMENT ON DATABASE {} IS ", name) + _literal(json.dumps(_meta())))
        yield admin, name


def copy_postgres(admin, template: str, target: str) -> None:
    _drop(admin, target)
    admin.execute(_sql("CREATE DATABASE {} TEMPLATE {}", target, template))


def drop_postgres(url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(with_database(url, "postgres"), autocommit=True) as admin:
        _drop(admin, name)


def _pg_meta(admin, name: str) -> dict | None:
    row = admin.execute("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
                        [name]).fetchone()
    try:
        return json.loads(row[0]) if row and row[0] else None
    except ValueError:
        return None


def _drop_stale_databases(admin, family: str) -> None:
    pattern = family.replace("_", r"\_") + r"\_tpl\_%"
    for (name,) in admin.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [pattern]).fetchall():
        meta = _pg_meta(admin, name)
        if not meta or not _fresh(meta["built_at"]):
            _drop(admin, name)


def _drop(admin, name: str) -> None:
    admin.execute(_sql("DROP DATABASE IF EXISTS {} WITH (FORCE)", name))


def _sql(statement: str, *names: str):
    from psycopg import sql

    return sql.SQL(statement).format(*(sql.Identifier(name) for name in names))


def _literal(text: str):
    from psycopg import sql

    return sql.Literal(text)


# ---- the test database of a pytest process -----------------------------------------------------

def create_test_database(connection, *, rebuild: bool = False) -> str:
    """Django's create_test_db, with the tables and the demo copied from the template instead of migrated and
    loaded; returns the old database name for connection.creation.destroy_test_db."""
    from django.conf import settings

    old_name = connection.settings_dict["NAME"]
    test_name = connection.creation._get_test_db_name()
    if connection.vendor == "postgresql":
        with postgres_template(os.environ["DATABASE_URL"], fast_passwords=True, rebuild=rebuild) as (admin, name):
            copy_postgres(admin, name, test_name)
    elif connection.vendor != "sqlite":
        raise RuntimeError(f"no demo template for {connection.vendor}")
    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = test_name
    connection.settings_dict["NAME"] = test_name
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        with sqlite_template(fast_passwords=True, rebuild=rebuild) as template:
            _backup(template, connection.connection)
    return old_name


def _build_here(fast_passwords: bool) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yingji.settings")
    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from yingji.core.context import acting

    if fast_passwords:  # as the tests hash (tests/conftest.py): full-strength hashing would dominate the run
        settings.PASSWORD_HASHERS = FAST_HASHERS
    call_command("migrate", interactive=False, verbosity=0, run_syncdb=True)
    with acting(source="demo"):
        call_command("load_demo", stdout=io.StringIO())


if __name__ == "__main__":
    if sys.argv[1:2] != ["build"]:
        sys.exit(__doc__)
    _build_here(fast_passwords="--fast-passwords" in sys.argv)
