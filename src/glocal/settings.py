"""Glocal's one settings module, driven by GLOCAL_* environment variables (see .env.example)."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

from glocal import env
from glocal.env import ConfigurationError
from glocal.mailurl import email_settings

BASE_DIR = Path(__file__).resolve().parent

GLOCAL_ENV = env.choice("GLOCAL_ENV", ("development", "production", "test"), "development")
PRODUCTION = GLOCAL_ENV == "production"
GLOCAL_HOME = env.path("GLOCAL_HOME", "./var")

# Production fails closed: no default secret and no debug pages.
SECRET_KEY = env.string("GLOCAL_SECRET_KEY")
if SECRET_KEY is None:
    if PRODUCTION:
        raise ConfigurationError(
            "GLOCAL_SECRET_KEY (or GLOCAL_SECRET_KEY_FILE) must be set when GLOCAL_ENV=production"
        )
    SECRET_KEY = "insecure-development-key-never-use-in-production"
DEBUG = False if PRODUCTION else env.boolean("GLOCAL_DEBUG", GLOCAL_ENV == "development")

ALLOWED_HOSTS = env.string_list(
    "GLOCAL_ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"]
)
CSRF_TRUSTED_ORIGINS = env.string_list("GLOCAL_CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env.string("GLOCAL_SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    # Before the admin, so that Glocal's registration/ pages (password reset) win over its own.
    "glocal.core",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "glocal.places",
    "glocal.orgs",
    "glocal.easyja.web",
    "glocal.notices",
    "glocal.delivery",
    "glocal.partners",
    "glocal.plans",
    "glocal.trade",
    "glocal.desk",
    "glocal.events",
    "glocal.markets",
    "glocal.network",
    "django_htmx",
    # Serves Swagger UI's files for /api/v1/docs from the application instead of a CDN.
    "ninja",
    "axes",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "glocal.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "glocal.orgs.middleware.ActorMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "glocal.urls"
WSGI_APPLICATION = "glocal.wsgi.application"

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
                "glocal.orgs.context_processors.organisations",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env.string("GLOCAL_DATABASE_URL", f"sqlite:///{GLOCAL_HOME / 'glocal.sqlite3'}"),
        conn_max_age=env.integer("GLOCAL_DATABASE_CONN_MAX_AGE", 60 if PRODUCTION else 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Django's SQLite, with writers queueing on a lock file (see glocal/core/sqlite/base.py).
    DATABASES["default"]["ENGINE"] = "glocal.core.sqlite"
    # WAL lets the web process read while the worker writes; the timeout rides out short locks.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # Refuses a locked-out user and address before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "public:home"

LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("Japanese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "glocal_language"
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("GLOCAL_STATIC_ROOT", str(GLOCAL_HOME / "static"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

globals().update(
    email_settings(env.string("GLOCAL_EMAIL_URL", f"file://{GLOCAL_HOME / 'mail'}") or "")
)
DEFAULT_FROM_EMAIL = env.string("GLOCAL_DEFAULT_FROM_EMAIL", "Glocal <glocal@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if env.boolean("GLOCAL_TASKS_IMMEDIATE", GLOCAL_ENV == "test")
        else "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# Delivery of notices to subscribers (see glocal.delivery.outbox).
OUTBOX_BATCH = env.integer("GLOCAL_OUTBOX_BATCH", 100)
OUTBOX_STALE_SECONDS = env.integer("GLOCAL_OUTBOX_STALE_SECONDS", 300)
OUTBOX_MAX_ATTEMPTS = env.integer("GLOCAL_OUTBOX_MAX_ATTEMPTS", 5)
OUTBOX_SENDERS = env.integer("GLOCAL_OUTBOX_SENDERS", 4)
# How often every worker looks for deliveries nobody is working on (a killed planner or sender).
OUTBOX_SWEEP_SECONDS = env.integer("GLOCAL_OUTBOX_SWEEP_SECONDS", 60)
OUTBOX_PLAN_CHUNK = env.integer("GLOCAL_OUTBOX_PLAN_CHUNK", 2000)

# The consultation desk (see glocal.desk): years after a case closes that the resident's
# details are kept, and the public form's limit of messages per address and hour.
DESK_RETENTION_YEARS = env.integer("GLOCAL_DESK_RETENTION_YEARS", 3)
DESK_FORM_PER_HOUR = env.integer("GLOCAL_DESK_FORM_PER_HOUR", 5)

# Behind a TLS-terminating reverse proxy in production. Forwarded headers (the scheme, and the
# client's address for the audit log) are believed only from these peers; see orgs.actors.
FORWARDED_ALLOW_IPS = env.ip_networks("GLOCAL_FORWARDED_ALLOW_IPS", ["127.0.0.1"])
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if PRODUCTION else None
SECURE_SSL_REDIRECT = env.boolean("GLOCAL_SSL_REDIRECT", PRODUCTION)
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_HSTS_SECONDS = env.integer("GLOCAL_HSTS_SECONDS", 31536000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Login throttling (django-axes), on the staff login and the admin's alike. Failures count per
# user name *and* client address together: someone guessing from one address locks only that
# address out for that user, so the real user logging in from elsewhere is not locked out by an
# attacker. The price: an attacker with many addresses gets LIMIT guesses per address.
AXES_FAILURE_LIMIT = env.integer("GLOCAL_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env.integer("GLOCAL_LOGIN_COOLOFF_MINUTES", 15))
if AXES_FAILURE_LIMIT < 1 or AXES_COOLOFF_TIME.total_seconds() < 60:
    raise ConfigurationError(
        "GLOCAL_LOGIN_FAILURE_LIMIT and GLOCAL_LOGIN_COOLOFF_MINUTES must be at least 1"
    )
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The same address as the audit log: forwarded headers only from the proxies trusted there.
AXES_CLIENT_IP_CALLABLE = "glocal.orgs.actors.client_ip"
AXES_LOCKOUT_CALLABLE = "glocal.core.auth.lockout_response"
AXES_RESET_ON_SUCCESS = True
# Successful logins are not kept (a table of who logged in from where that never shrinks);
# failed attempts are, until their cool-off ends.
AXES_DISABLE_ACCESS_LOG = True
# Password-reset mails (glocal.core.auth.PasswordResetView): at most so many per address and per
# client address in a window, so the reset form cannot flood a mailbox in the platform's name.
PASSWORD_RESET_MAILS_PER_ADDRESS = env.integer("GLOCAL_PASSWORD_RESET_MAILS_PER_ADDRESS", 3)
PASSWORD_RESET_MAILS_PER_CLIENT = env.integer("GLOCAL_PASSWORD_RESET_MAILS_PER_CLIENT", 10)
PASSWORD_RESET_LIMIT_WINDOW = 60 * env.integer("GLOCAL_PASSWORD_RESET_WINDOW_MINUTES", 60)

# Content-Security-Policy (django-csp): only the application's own scripts, styles, fonts and
# images. Inline <script>/<style> blocks need nonce="{{ request.csp_nonce }}". Images may be
# data: URLs because Swagger UI's stylesheet draws its icons with them.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 500

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.string("GLOCAL_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Page-by-page progress of PDF reports and font subsetting: noise in the log.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # axes: its start-up banner and a line per login; failures and lockouts are warnings.
        "axes": {"level": "WARNING"},
    },
}
