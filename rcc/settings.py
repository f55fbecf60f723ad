"""The one settings module: every knob comes from the environment.

Defaults are the safe ones (DEBUG off, HTTPS on). ``make demo`` turns on
``DEBUG`` and ``DEMO_MODE`` explicitly; production refuses ``DEMO_MODE``.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from rcc.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)
DEMO_MODE = env_bool("DEMO_MODE", default=False)
if DEMO_MODE and not DEBUG:
    raise ImproperlyConfigured("DEMO_MODE is for local demos only and needs DEBUG=1.")

_INSECURE_DEV_KEY = "insecure-development-key-only-for-debug-and-tests"
SECRET_KEY = env_str("SECRET_KEY", _INSECURE_DEV_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
if not DEBUG and (SECRET_KEY == _INSECURE_DEV_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 random characters in production.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

# HTTPS-only behaviour (redirect, HSTS, Secure and __Host- cookies). On by default;
# a plain-HTTP local demo or test run turns it off through DEBUG.
SECURE_TRANSPORT = env_bool("SECURE_TRANSPORT", default=not DEBUG)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "rcc",
    "rcc.geography",
    "providers",
    "placements",
    "sufficiency",
    "fostering",
    "demo",  # last: the demo data's orchestrator imports every app
]

MIDDLEWARE = [
    "rcc.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "rcc.middleware.SessionTimeoutMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "rcc.middleware.MFARequiredMiddleware",
    "rcc.middleware.StaffNoStoreMiddleware",
    "rcc.middleware.DemoErrorPagesMiddleware",  # the GOV.UK 404 and 500 pages in the demo
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "rcc.urls"
WSGI_APPLICATION = "rcc.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "rcc.jinja.environment",
            "autoescape": True,
            "context_processors": ["rcc.context_processors.layout"],
        },
    },
    {
        # Django's own templates: the admin and the password-reset email.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates" / "django"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Fails soft: with Redis down a read is a miss and a write is dropped (rcc/cache.py).
            "BACKEND": "rcc.cache.FailSoftRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "rcc"),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
elif DEBUG:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    # Rate limits (rcc/ratelimit.py) count in the cache: a per-process cache would let each
    # web worker allow the full limit, so a production service needs the shared one.
    raise ImproperlyConfigured(
        "REDIS_URL must be set when DEBUG is off: rate limits are shared between processes "
        "through it."
    )

# The DfE 903 rule engine's own virtualenv (pandas < 2): make .venv-903/.installed.
VALIDATOR_903_PYTHON = Path(env_str("VALIDATOR_903_PYTHON", str(BASE_DIR / ".venv-903/bin/python")))

# Celery: with no broker, tasks run eagerly in-process (the demo default).
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CELERY_TASK_TIME_LIMIT = 60 * 30
CELERY_TASK_SOFT_TIME_LIMIT = 60 * 25
# Unacknowledged tasks of a worker that died come back after the visibility timeout, which
# must outlast the longest task (30 min); resilience tests shorten it to see the redelivery.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 60 * 60 * 2),
    # A web request publishing to a dead broker gives up within half a second; the work
    # waits in the outbox (rcc/outbox.py) instead of holding the request (C36).
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TIMEZONE = "Europe/London"
# Workers log through LOGGING below (JSON, redacted), not Celery's own plain-text format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

AUTH_USER_MODEL = "rcc.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account:login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "account:login"
PASSWORD_RESET_TIMEOUT = 60 * 60

# Lockout: 5 failures of one account from one address lock that pair for 30 minutes.
# Keyed on the pair so that one council office behind a shared NAT address cannot
# lock out all of its colleagues, and an attacker elsewhere cannot lock a user out.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"  # counts survive a Redis outage
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"  # the sign-in form posts the email as "username"
AXES_LOCKOUT_TEMPLATE = "account/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_IPWARE_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
AXES_SENSITIVE_PARAMETERS = ["password", "otp_token", "token"]

OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "RCC placements")

# Sessions: rotate at sign-in (Django does), end at logout, idle and absolute limits.
SESSION_IDLE_TIMEOUT = timedelta(minutes=env_int("SESSION_IDLE_MINUTES", 30))
SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=env_int("SESSION_ABSOLUTE_HOURS", 8))
SESSION_COOKIE_AGE = int(SESSION_ABSOLUTE_TIMEOUT.total_seconds())
# In the database, never only in Redis: a cache outage must not sign everyone out (ADR 0011).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = SECURE_TRANSPORT
CSRF_COOKIE_SECURE = SECURE_TRANSPORT
if SECURE_TRANSPORT:
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
CSRF_FAILURE_VIEW = "rcc.views.pages.csrf_failure"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env_str(
            "STATICFILES_BACKEND",  # the resilience tests skip compression to start faster
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "no-reply@rcc.example")
# GOV.UK Notify: when a key is set, notifications go through Notify with one template whose
# body is ((body)) and subject ((subject)); otherwise through EMAIL_BACKEND.
NOTIFY_API_KEY = env_str("NOTIFY_API_KEY", "")
NOTIFY_TEMPLATE_ID = env_str("NOTIFY_TEMPLATE_ID", "")
# GOV.UK Notify's API; tests point it at a local server that answers like Notify.
NOTIFY_BASE_URL = env_str("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
if NOTIFY_API_KEY and not NOTIFY_TEMPLATE_ID:
    raise ImproperlyConfigured("NOTIFY_TEMPLATE_ID must be set with NOTIFY_API_KEY.")

REST_FRAMEWORK = {
    # Machine clients only: an API key in the Authorization header, never a session cookie.
    "DEFAULT_AUTHENTICATION_CLASSES": ["rcc.api.auth.ApiKeyAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 100,  # endpoints use rcc.api.Pages, which also clamps page_size
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
# Requests per API key per minute (rcc.api.PerKeyThrottle); over it, 429 with Retry-After.
API_REQUESTS_PER_MINUTE = env_int("API_REQUESTS_PER_MINUTE", 240)
if API_REQUESTS_PER_MINUTE < 1:
    raise ImproperlyConfigured("API_REQUESTS_PER_MINUTE must be at least 1.")
SPECTACULAR_SETTINGS = {
    "TITLE": "RCC placements API",
    "DESCRIPTION": "Market, referral journey, forecasts, fostering, regional aggregates and "
    "SSDA903 exports for RCC staff, councils, providers and DfE. Authenticate with "
    "`Authorization: Api-Key <key>`; keys are issued by platform administrators.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "ENUM_NAME_OVERRIDES": {"SettingTypeEnum": "providers.models.SettingType"},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "rcc.api.schema.document_error_responses",  # 400/401/403/404/429 on every operation
    ],
}

LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "rcc.logging.RequestIdFilter"}},
    "formatters": {"json": {"()": "rcc.logging.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # Each task's arguments ride on its success line; failures (ERROR) are still logged.
        "celery.app.trace": {"level": "WARNING"},
    },
}

# Documents attached to referrals: a dedicated storage outside the web root (never served by
# whitenoise), downloaded only through a view that checks access. DOCUMENTS_BACKEND may name
# any Django storage class, e.g. "storages.backends.s3.S3Storage" (django-storages, configured
# by its own AWS_* settings); the file system's directory is DOCUMENTS_ROOT.
DOCUMENTS_BACKEND = env_str("DOCUMENTS_BACKEND", "django.core.files.storage.FileSystemStorage")
DOCUMENTS_ROOT = Path(env_str("DOCUMENTS_ROOT", str(BASE_DIR / "var" / "documents")))
DOCUMENT_MAX_BYTES = env_int("DOCUMENT_MAX_BYTES", 10 * 1024 * 1024)
if DOCUMENTS_BACKEND.endswith("FileSystemStorage"):
    _documents_options: dict = {"location": str(DOCUMENTS_ROOT)}
else:  # django-storages' S3Storage: a private bucket; credentials from the AWS_* environment
    _documents_options = {
        "bucket_name": env_str("DOCUMENTS_BUCKET", ""),
        "endpoint_url": env_str("DOCUMENTS_ENDPOINT_URL", "") or None,
        "region_name": env_str("DOCUMENTS_REGION", "") or None,
        "default_acl": "private",
        "file_overwrite": False,
    }
STORAGES["documents"] = {"BACKEND": DOCUMENTS_BACKEND, "OPTIONS": _documents_options}
