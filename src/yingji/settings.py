"""Django settings, read from environment variables only.

YINGJI_MODE=demo (the default) gives safe development defaults and shows a "演示模式" banner.
YINGJI_MODE=production refuses to start without a strong YINGJI_SECRET_KEY and DATABASE_URL, with DEBUG, and
on SQLite unless YINGJI_ALLOW_SQLITE_IN_PRODUCTION=1 (docs/security.md, "Hardening").
"""

import math
import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("YINGJI_VAR_DIR", Path.cwd() / "var"))

MODE = os.environ.get("YINGJI_MODE", "demo")
if MODE not in {"demo", "production"}:
    raise ImproperlyConfigured("YINGJI_MODE must be 'demo' or 'production'")
DEMO_MODE = MODE == "demo"


def secret_key_weakness(key: str) -> str:
    """Why a production secret is too weak, or "" (at least 50 characters and about 192 bits of variety)."""
    if len(key) < 50:
        return f"YINGJI_SECRET_KEY is too short ({len(key)} characters, at least 50)"
    if len(key) * math.log2(max(len(set(key)), 1)) < 192:
        return f"YINGJI_SECRET_KEY has too little variety ({len(set(key))} distinct characters)"
    return ""


SECRET_KEY = os.environ.get("YINGJI_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEMO_MODE:
        raise ImproperlyConfigured("production mode needs YINGJI_SECRET_KEY")
    SECRET_KEY = "demo-only-insecure-key-do-not-use-in-production"
elif not DEMO_MODE and secret_key_weakness(SECRET_KEY):
    raise ImproperlyConfigured(secret_key_weakness(SECRET_KEY) + "; make one with: python -c "
                               "'import secrets; print(secrets.token_urlsafe(48))'")

if not DEMO_MODE and not os.environ.get("DATABASE_URL"):
    raise ImproperlyConfigured("production mode needs an explicit DATABASE_URL")

# The audit chain's HMAC keys live outside the database: the current one in YINGJI_AUDIT_KEY or in
# YINGJI_AUDIT_KEY_DIR/<id>.key, older ones (rotation) in that directory. See docs/security.md, "Audit trail".
AUDIT_KEY_ID = os.environ.get("YINGJI_AUDIT_KEY_ID", "k1")
AUDIT_KEY = os.environ.get("YINGJI_AUDIT_KEY", "")
AUDIT_KEY_DIR = Path(os.environ["YINGJI_AUDIT_KEY_DIR"]) if os.environ.get("YINGJI_AUDIT_KEY_DIR") else None
_audit_key = AUDIT_KEY.strip()
if not _audit_key and AUDIT_KEY_DIR and (AUDIT_KEY_DIR / f"{AUDIT_KEY_ID}.key").is_file():
    _audit_key = (AUDIT_KEY_DIR / f"{AUDIT_KEY_ID}.key").read_text().strip()
if not DEMO_MODE and len(_audit_key) < 32:
    raise ImproperlyConfigured("production mode needs an audit key of at least 32 characters: YINGJI_AUDIT_KEY, or "
                               "YINGJI_AUDIT_KEY_DIR holding <YINGJI_AUDIT_KEY_ID>.key")
AUDIT_ANCHOR_DIR = Path(os.environ.get("YINGJI_AUDIT_ANCHOR_DIR", VAR_DIR / "audit-anchors"))
AUDIT_ARCHIVE_DIR = Path(os.environ.get("YINGJI_AUDIT_ARCHIVE_DIR", VAR_DIR / "audit-archive"))
AUDIT_ANCHOR_SYSLOG = os.environ.get("YINGJI_AUDIT_ANCHOR_SYSLOG", "")  # host:port (UDP), optional
AUDIT_ANCHOR_WEBHOOK = os.environ.get("YINGJI_AUDIT_ANCHOR_WEBHOOK", "")  # URL receiving each anchor, optional
AUDIT_ANCHOR_SECONDS = int(os.environ.get("YINGJI_AUDIT_ANCHOR_SECONDS", "600"))
AUDIT_SEAL_BOUND_SECONDS = int(os.environ.get("YINGJI_AUDIT_SEAL_BOUND_SECONDS", "600"))
AUDIT_RETENTION_MONTHS = int(os.environ.get("YINGJI_AUDIT_RETENTION_MONTHS", "6"))  # 等保: never below 6

DEBUG = env_bool("YINGJI_DEBUG", False)
if DEBUG and not DEMO_MODE:
    raise ImproperlyConfigured("YINGJI_DEBUG is refused in production mode (it shows code and settings to anyone)")
ALLOWED_HOSTS = env_list("YINGJI_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEMO_MODE else "")
CSRF_TRUSTED_ORIGINS = env_list("YINGJI_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "csp",
    "bootstrap",
    "yingji.core",
    "yingji.demo",
    "yingji.channels",
    "yingji.resources",
    "yingji.incidents",
    "yingji.plans",
    "yingji.alerts",
    "yingji.duty",
    "yingji.prevention",
    "yingji.monitoring",
    "yingji.enforcement",
    "yingji.census",
    "yingji.community",
    "yingji.drills",
    "yingji.exchange",
    "yingji.video",
    "yingji.consultation",
    "yingji.services",
    "yingji.onemap",
    "yingji.indicators",
    "yingji.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "yingji.core.middleware.RequestContextMiddleware",
    "yingji.core.middleware.SessionIdleTimeoutMiddleware",
    "yingji.core.accounts_middleware.PasswordChangeRequiredMiddleware",
]

ROOT_URLCONF = "yingji.urls"
ASGI_APPLICATION = "yingji.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "yingji.web.context.shell",
            ],
        },
    },
]

# SQLite (WAL) is the embedded default; DATABASE_URL selects PostgreSQL in production.
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    # An empty DATABASE_URL (as a shell's `DATABASE_URL= make …` leaves it) means the default, as no variable does.
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'yingji.sqlite3'}",
        conn_max_age=int(os.environ.get("YINGJI_DB_CONN_MAX_AGE", "0")),
    )
}
SQLITE = DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
if SQLITE and not DEMO_MODE and not env_bool("YINGJI_ALLOW_SQLITE_IN_PRODUCTION", False):
    raise ImproperlyConfigured("production mode expects PostgreSQL; to run on SQLite anyway (one small office, "
                               "one process) set YINGJI_ALLOW_SQLITE_IN_PRODUCTION=1")
if SQLITE:
    # Writers queue on a file lock beside the database and are served in turn (core/sqlite_backend).
    DATABASES["default"]["ENGINE"] = "yingji.core.sqlite_backend"
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;",
        "transaction_mode": "IMMEDIATE",
    }
    # Tests run on an in-memory database, as Django's own SQLite backend does by default: pytest-django only knows
    # that default by the engine's name, and would send each xdist worker to a file "test_<path>_gw0" otherwise.
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
elif env_bool("YINGJI_DB_POOL", not DEMO_MODE):
    # A pool of connections per web process (psycopg_pool): a surge of requests reuses connections instead of
    # opening one each (PostgreSQL refuses clients beyond max_connections). YINGJI_DB_POOL_SIZE per process.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1, "max_size": int(os.environ.get("YINGJI_DB_POOL_SIZE", "10")), "timeout": 30}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = ["yingji.core.auth.RoleBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "login"

# 等保 2.0 level-3 habits: password complexity, lockout, session timeout.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "yingji.core.passwords.ComplexityValidator"},
]
LOGIN_LOCKOUT_THRESHOLD = int(os.environ.get("YINGJI_LOGIN_LOCKOUT_THRESHOLD", "5"))
LOGIN_LOCKOUT_MINUTES = int(os.environ.get("YINGJI_LOGIN_LOCKOUT_MINUTES", "15"))
# Login page attempts per minute (core/accounts_login.py): per address (an office behind one NAT address logs in at
# shift change) and per username. The browser suite, one address signing in as a few demo users, raises them.
LOGIN_RATE_PER_ADDRESS = os.environ.get("YINGJI_LOGIN_RATE_PER_ADDRESS", "60/min")
LOGIN_RATE_PER_USERNAME = os.environ.get("YINGJI_LOGIN_RATE_PER_USERNAME", "10/min")
SESSION_IDLE_TIMEOUT_SECONDS = int(os.environ.get("YINGJI_SESSION_IDLE_TIMEOUT", "1800"))
SESSION_COOKIE_AGE = 12 * 3600
API_TOKEN_TTL_HOURS = int(os.environ.get("YINGJI_TOKEN_TTL_HOURS", "12"))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("YINGJI_SECURE_COOKIES", not DEMO_MODE)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# HSTS in production (sent on HTTPS requests only). Subdomains are left out unless asked for: the bureau's other
# hosts under the same domain may still be plain HTTP.
SECURE_HSTS_SECONDS = int(os.environ.get("YINGJI_HSTS_SECONDS", "0" if DEMO_MODE else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("YINGJI_HSTS_INCLUDE_SUBDOMAINS", False)
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto (and strips it from clients), so that HSTS and
# secure redirects know the request was HTTPS.
if env_bool("YINGJI_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# A time "occurred" or "received" may be this far ahead of the server clock (clock skew), not more.
FUTURE_TOLERANCE_SECONDS = int(os.environ.get("YINGJI_FUTURE_TOLERANCE_SECONDS", "120"))
# Monitoring: raw sensor readings are kept this many days (never fewer than 8; the hourly and daily aggregates stay),
# dead letters this many (monitoring/retention.py, run daily by the worker).
MONITORING_RAW_RETENTION_DAYS = int(os.environ.get("YINGJI_MONITORING_RETENTION_DAYS", "90"))
MONITORING_DEAD_LETTER_RETENTION_DAYS = int(os.environ.get("YINGJI_MONITORING_DEAD_LETTER_DAYS", "90"))

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["yingji.formats"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"
# The largest attachment accepted (core/attachments.py). MEDIA_ROOT is never served: downloads go through a view.
ATTACHMENT_MAX_BYTES = int(os.environ.get("YINGJI_ATTACHMENT_MAX_BYTES", str(10 * 1024 * 1024)))
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEMO_MODE


def _xstatic_dirs():
    """Leaflet and its marker cluster come from the xstatic pip packages (no CDN, no pasted code)."""
    import xstatic.pkg.leaflet as leaflet
    import xstatic.pkg.leaflet_markercluster as markercluster

    return [("leaflet", leaflet.BASE_DIR), ("leaflet-markercluster", markercluster.BASE_DIR)]


STATICFILES_DIRS = _xstatic_dirs()

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "yingji.core.api_auth.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["yingji.core.api_permissions.ModelPermissions"],
    # JSON bodies are bounded in size and depth (core/parsers.py); the form parsers are DRF's own.
    "DEFAULT_PARSER_CLASSES": [
        "yingji.core.parsers.JSONParser",
        "yingji.core.parsers.FormParser",
        "yingji.core.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "yingji.core.api_base.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "yingji.core.api_errors.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"public_report": "10/hour", "login": "20/min"},
    # Rate limits count the connection's own address; behind N trusted reverse proxies set YINGJI_NUM_PROXIES=N.
    # (DRF's default trusts a client-supplied X-Forwarded-For, so a client could pick a new address per request.)
    "NUM_PROXIES": int(os.environ.get("YINGJI_NUM_PROXIES", "0")),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Yingji 应急 API",
    "DESCRIPTION": "智慧应急综合应用平台 API. Token: POST /api/auth/token/ then 'Authorization: Token <token>'.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI assets come from the drf-spectacular-sidecar package: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # The same choices appear under several field names; one named enum each keeps the schema warning-free.
    "ENUM_NAME_OVERRIDES": {
        "RegionLevelEnum": "yingji.core.models.regions.RegionLevel",
        "IncidentGradeEnum": "yingji.incidents.choices.GRADE_CHOICES",
        "PatrolStateEnum": "yingji.prevention.models.patrols.PatrolState",
        "IncomingStateEnum": ["active", "updated", "cancelled"],  # alerts' received-CAP state (a plain list)
        "ListStatusEnum": "yingji.prevention.models.criteria.ListStatus",  # criteria and check lists
    },
}

# Rate limits (public reports, API login) live in the cache: with several web processes it must be shared, or each
# process counts alone. YINGJI_CACHE_URL=redis://host:6379/1 selects Redis; `yingji serve` refuses several processes
# in production without it (cli.py).
CACHE_URL = os.environ.get("YINGJI_CACHE_URL", "").strip()
if CACHE_URL and not CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured("YINGJI_CACHE_URL must be a redis://, rediss:// or unix:// address")
CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL,
                      "KEY_PREFIX": "yingji"} if CACHE_URL else
          {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Map base tiles: none by default (offline networks). Set e.g. a 天地图 or intranet tile server URL.
# The address people reach this site at, for absolute links sent out by SMS/e-mail (acknowledgement links).
PUBLIC_URL = os.environ.get("YINGJI_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")

MAP_TILE_URL = os.environ.get("YINGJI_TILE_URL", "")
MAP_TILE_ATTRIBUTION = os.environ.get("YINGJI_TILE_ATTRIBUTION", "")


def tile_source(url: str) -> list[str]:
    """The CSP source of a Leaflet tile URL: https://t{s}.example.cn/{z}/{x}/{y}.png → https://*.example.cn."""
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return []
    labels = parts.netloc.split(".")
    if "{" in labels[0]:
        labels[0] = "*"
    return [f"{parts.scheme}://{'.'.join(labels)}"]


# Content-Security-Policy on every response (django-csp): scripts only from this site or with the request's
# nonce; no inline event handlers. Styles keep 'unsafe-inline' (style= attributes, Leaflet). docs/security.md.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", *tile_source(MAP_TILE_URL)],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "media-src": [SELF, "blob:"],  # video: hls.js feeds the <video> through Media Source Extensions (blob:)
        "object-src": [NONE],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    },
}

# Overrides for the configurable ([S]/[?]) values of yingji.standards, as JSON.
YINGJI_STANDARDS = os.environ.get("YINGJI_STANDARDS", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("YINGJI_LOG_LEVEL", "WARNING")},
}
