"""The one settings module, configured from the environment (see README, «Настройка»).

The embedded default (no variables set) runs on SQLite and local files in ``var/``;
``PROTOKOL_ENV=production`` makes the secret key, hosts and PostgreSQL mandatory.
"""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from protokol.project.env import env_bool, env_int, env_list, env_path, env_required, env_str

PROTOKOL_ENV = env_str("PROTOKOL_ENV", "development")
if PROTOKOL_ENV not in {"development", "production", "test"}:
    raise ImproperlyConfigured(
        f"PROTOKOL_ENV={PROTOKOL_ENV!r}: допустимы development, production или test."
    )
PRODUCTION = PROTOKOL_ENV == "production"

# The repository (or installation) root: src/protokol/project/settings.py → three levels up.
BASE_DIR = Path(__file__).resolve().parents[3]
DATA_DIR = env_path("PROTOKOL_DATA_DIR", Path.cwd() / "var")
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _embedded_secret_key() -> str:
    """A key generated once and kept in the data folder, so sessions survive restarts."""
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


if PRODUCTION:
    SECRET_KEY = env_required("SECRET_KEY", "в production ключ задаётся явно")
else:
    SECRET_KEY = env_str("SECRET_KEY") or _embedded_secret_key()

DEBUG = env_bool("DEBUG", not PRODUCTION)
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

DATABASE_URL = env_str("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'protokol.sqlite3'}"
if PRODUCTION and not DATABASE_URL.startswith("postgres"):
    raise ImproperlyConfigured("В production DATABASE_URL должен указывать на PostgreSQL.")
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60), conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server and the task worker read while the other writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "protokol.core",
    "protokol.regions",
    "protokol.workcalendar",
    "protokol.organizations",
    "protokol.accounts",
    "protokol.protocols",
    "protokol.assignments",
    "protokol.notifications",
    "protokol.publication",
    "protokol.dashboards",
    "protokol.exports",
    "protokol.api",
    # Listed so the API docs page uses ninja's packaged Swagger UI, never a CDN.
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # DEBUG's tracebacks for staff only: everyone else gets the Russian error pages.
    "protokol.core.errorpages.StaffOnlyDebugPages",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes requires: it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "protokol.project.urls"
WSGI_APPLICATION = "protokol.project.wsgi.application"
ASGI_APPLICATION = "protokol.project.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "protokol.core.context_processors.navigation",
                "protokol.notifications.context_processors.unread",
            ],
        },
    },
]

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTHENTICATION_BACKENDS = [
    # Counts failed logins and locks out guessing (per user name and address).
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lockout that cannot be aimed (accounts/lockout.py): a user name is locked from one
# address only; an address failing for many names is throttled on its own. Both limits
# are budgets (login_failures, login_failures_per_address).
AXES_HANDLER = "protokol.accounts.lockout.LockoutHandler"
AXES_FAILURE_LIMIT = "protokol.accounts.lockout.failure_limit"
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "protokol.core.client.client_address"
# Reverse proxies in front of the application (core/client.py): 0 trusts no
# X-Forwarded-For. Production runs behind a load balancer (it already trusts its
# X-Forwarded-Proto below), hence one by default there.
PROTOKOL_PROXY_COUNT = env_int("PROTOKOL_PROXY_COUNT", 1 if PRODUCTION else 0)
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Civil servants share offices: an idle session ends after the working day.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский")]
TIME_ZONE = "Europe/Moscow"
USE_I18N = True
USE_TZ = True
# Word-form dates as ГОСТ Р 7.0.97 writes them: «23 октября 2024 г.».
DATE_FORMAT = "j E Y г."
DATETIME_FORMAT = "j E Y г. H:i"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"

STATIC_URL = "static/"
STATIC_ROOT = env_path("STATIC_ROOT", DATA_DIR / "static")
MEDIA_ROOT = env_path("MEDIA_ROOT", DATA_DIR / "media")
MEDIA_URL = "media/"

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if env_str("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Протокол <protokol@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# Content Security Policy: only this server's scripts, styles and images; no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Background work (imports, notifications, reminders) on Django's tasks API with the
# database-backed queue: no broker to run; `protokol db_worker` executes the tasks.
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Resource budgets: every limit an untrusted input is held to lives here, one key each,
# read through protokol.core.budgets.budget() (README, «Бюджеты»). Sizes are in bytes,
# set in MB from the environment; a request that exceeds one is refused in Russian.
_MB = 1024 * 1024
# key: (environment variable, default, unit the variable is given in)
PROTOKOL_BUDGET_VARIABLES: dict[str, tuple[str, int, int]] = {
    # An imported protocol: file size, and characters of text after reading it.
    "import_bytes": ("PROTOKOL_MAX_UPLOAD_MB", 20, _MB),
    "import_text_chars": ("PROTOKOL_MAX_IMPORT_TEXT_CHARS", 2_000_000, 1),
    # Report attachments: one file, all files of one report (interim reports included),
    # and what one region may upload in a Moscow day.
    "attachment_bytes": ("PROTOKOL_MAX_ATTACHMENT_MB", 25, _MB),
    "report_attachments_bytes": ("PROTOKOL_MAX_REPORT_ATTACHMENTS_MB", 50, _MB),
    "region_daily_upload_bytes": ("PROTOKOL_REGION_DAILY_UPLOAD_MB", 500, _MB),
    # Entries of a DOCX/XLSX/ODT attachment's ZIP directory: reading it costs memory per
    # entry (a real document has tens to hundreds).
    "attachment_zip_entries": ("PROTOKOL_MAX_ATTACHMENT_ZIP_ENTRIES", 10_000, 1),
    # Report answers: a text answer, a number as typed (before it is parsed).
    "answer_text_chars": ("PROTOKOL_MAX_ANSWER_CHARS", 10_000, 1),
    "number_input_chars": ("PROTOKOL_MAX_NUMBER_CHARS", 40, 1),
    # Excel uploads: the file, its sheet and shared strings uncompressed, rows, columns, a cell.
    "xlsx_upload_bytes": ("PROTOKOL_MAX_XLSX_MB", 10, _MB),
    "xlsx_uncompressed_bytes": ("PROTOKOL_MAX_XLSX_UNCOMPRESSED_MB", 50, _MB),
    "xlsx_rows": ("PROTOKOL_MAX_XLSX_ROWS", 20_000, 1),
    "xlsx_columns": ("PROTOKOL_MAX_XLSX_COLUMNS", 100, 1),
    "xlsx_cell_chars": ("PROTOKOL_MAX_XLSX_CELL_CHARS", 10_000, 1),
    # …and the shape of its zip archive: the book's other XML parts unpacked (openpyxl
    # turns styles into objects, ~1 s and 28 MB per MB; Excel's 64 000 formats fit in 4 MB),
    # parts (a book has about ten; a flood of tiny entries costs memory before anything is
    # unpacked), and how far one part may be compressed — a sheet deflates 15–45 times,
    # a zip bomb about a thousand (Apache POI refuses beyond 100 too).
    "xlsx_book_part_bytes": ("PROTOKOL_MAX_XLSX_PART_MB", 5, _MB),
    "xlsx_zip_entries": ("PROTOKOL_MAX_XLSX_ENTRIES", 1_000, 1),
    "xlsx_compression_ratio": ("PROTOKOL_MAX_XLSX_COMPRESSION_RATIO", 100, 1),
    # JSON bodies of the API: nesting depth.
    "json_depth": ("PROTOKOL_MAX_JSON_DEPTH", 20, 1),
    # Failed logins within the cool-off (AXES_COOLOFF_MINUTES): of one user name from one
    # address, and from one address whatever the user names (accounts/lockout.py).
    "login_failures": ("AXES_FAILURE_LIMIT", 5, 1),
    "login_failures_per_address": ("PROTOKOL_LOGIN_FAILURES_PER_ADDRESS", 20, 1),
}
PROTOKOL_BUDGETS: dict[str, int] = {
    key: env_int(variable, default) * unit
    for key, (variable, default, unit) in PROTOKOL_BUDGET_VARIABLES.items()
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * _MB
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * _MB

# The department that sends protocols: the author block of its letters (ГОСТ Р 7.0.97).
# Line breaks in the ministry's name are kept, as its letterhead sets them.
PROTOKOL_LETTERHEAD = {
    "ministry": env_str(
        "PROTOKOL_MINISTRY",
        "МИНИСТЕРСТВО ПРОСВЕЩЕНИЯ\nРОССИЙСКОЙ ФЕДЕРАЦИИ\n(МИНПРОСВЕЩЕНИЯ РОССИИ)",
    ),
    "department": env_str(
        "PROTOKOL_DEPARTMENT",
        "Департамент государственной политики в сфере среднего профессионального образования "
        "и профессионального обучения Минпросвещения России",
    ),
    "address": env_str("PROTOKOL_DEPARTMENT_ADDRESS", "Люсиновская ул., д. 51, Москва, 115093"),
    "phone": env_str("PROTOKOL_DEPARTMENT_PHONE", "(495) 587-01-10, доб. 3350"),
    "email": env_str("PROTOKOL_DEPARTMENT_EMAIL", "d05@edu.gov.ru"),
}
PROTOKOL_GROUP_ADDRESSEE = (
    "Руководителям органов исполнительной власти субъектов Российской Федерации, "
    "осуществляющих государственное управление в сфере образования"
)
PROTOKOL_CHAIR_POSITION = env_str("PROTOKOL_CHAIR_POSITION", "Председательствующий")

# Reminders before a due date, in working days (DOMAIN.md; configurable per installation).
PROTOKOL_REMINDER_DAYS = [int(d) for d in env_list("PROTOKOL_REMINDER_DAYS", ["7", "3", "1"])]
# The address people open the system at: links in e-mails (a worker has no request to ask).
PROTOKOL_SITE_URL = env_str("PROTOKOL_SITE_URL", "http://127.0.0.1:8000")
# Dashboard figures over a national year take hundreds of milliseconds to aggregate
# (bench/bench_national.py); they are kept this long per user scope. 0 turns it off.
PROTOKOL_DASHBOARD_CACHE_SECONDS = env_int("PROTOKOL_DASHBOARD_CACHE_SECONDS", 60)
# Extension requests later than this many days after signing are flagged «exceptional».
PROTOKOL_EXTENSION_NORMAL_DAYS = env_int("PROTOKOL_EXTENSION_NORMAL_DAYS", 10)

# Records-management defaults (DOMAIN.md §1); a setting because practice varies by body.
PROTOKOL_URGENT_DAYS = env_int("PROTOKOL_URGENT_DAYS", 3)
PROTOKOL_PROMPT_DAYS = env_int("PROTOKOL_PROMPT_DAYS", 10)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Libraries that narrate routine work at INFO: PDF font subsetting, dictionary loading.
    "loggers": {
        "fontTools": {"level": "WARNING"},
        "pymorphy3": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
