"""
Settings shared by every environment.

Everything that differs between machines is read from the environment
(twelve-factor, DESIGN §7). With nothing set, the portal runs on the embedded
defaults: SQLite, a local-memory cache, Celery tasks run eagerly and e-mail is
printed to the console. `.env.example` lists every variable.
"""

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import dj_database_url
from csp.constants import NONCE
from django.conf.locale import LANG_INFO

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env(name, default=None):
    value = os.environ.get(name)
    return default if value in (None, "") else value


def env_bool(name, default=False):
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = env(name)
    return default if value is None else int(value)


def env_list(name, default=()):
    value = env(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


# --- Core -----------------------------------------------------------------

SECRET_KEY = env("SECRET_KEY")  # dev/test provide a throwaway; production requires it
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # project apps
    "portal",
    "home",
    "guides",
    "faq",
    "newsletters",
    "referrals",
    # translations (wagtail_localize.locales replaces wagtail.locales; never both)
    "wagtail_localize",
    "wagtail_localize.locales",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # accounts and second factor
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    # permissions, forms
    "rules.apps.AutodiscoverRulesConfig",
    "crispy_forms",
    "crispy_bootstrap5",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "portal.middleware.RequestIDMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "referrals.middleware.AccountGuardMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.middleware.PathAwareCSPMiddleware",
    "portal.middleware.NoStoreForAuthenticatedMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "referrals.context_processors.notifications",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------

CACHE_URL = env("CACHE_URL") or env("REDIS_URL")
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "ern",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Celery -------------------------------------------------------------------

CELERY_BROKER_URL = env("CELERY_BROKER_URL")
# Without a broker, tasks run in-process at .delay() time: the embedded default.
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL is None
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND")
CELERY_TASK_ACKS_LATE = True  # a task whose worker dies is redelivered, not lost
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BEAT_SCHEDULE = {}  # apps add their periodic tasks in portal/celery.py

# Wagtail's own background tasks (reference index, file deletion) use
# django-tasks; the immediate backend keeps them in-process.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# --- E-mail -----------------------------------------------------------------


def _email_from_url(url):
    """Parse EMAIL_URL such as smtp://user:pass@host:587/?tls=1 or console://."""
    parsed = urlparse(url)
    options = {k: v[-1] for k, v in parse_qs(parsed.query).items()}
    scheme = parsed.scheme.lower()
    if scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if scheme == "file":
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": parsed.path or str(BASE_DIR / "var" / "mail"),
        }
    if scheme in {"smtp", "smtps", "submission"}:
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": parsed.hostname or "localhost",
            "EMAIL_PORT": parsed.port or (465 if scheme == "smtps" else 587 if scheme == "submission" else 25),
            "EMAIL_HOST_USER": unquote(parsed.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(parsed.password or ""),
            "EMAIL_USE_SSL": scheme == "smtps",
            "EMAIL_USE_TLS": scheme == "submission" or options.get("tls") in {"1", "true"},
            "EMAIL_TIMEOUT": int(options.get("timeout", 30)),
        }
    raise ValueError(f"Unsupported EMAIL_URL scheme: {scheme}")


globals().update(_email_from_url(env("EMAIL_URL", "console://")))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "ERN Portal <no-reply@localhost>")
SERVER_EMAIL = env("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# --- Authentication -----------------------------------------------------------

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False  # allauth handles resets (PITFALLS)
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"  # private pages send visitors to allauth, not Wagtail's form

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False  # we keep this session, end the others
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/ip,5/5m/key",
    "reset_password": "5/m/ip,3/5m/key",
    "signup": "20/h/ip",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_TOLERANCE = 1  # accept codes one 30-second step either side, no wider
ACCOUNT_ADAPTER = "referrals.adapters.PortalAccountAdapter"
MFA_ADAPTER = "referrals.adapters.EncryptingMFAAdapter"
USERSESSIONS_ADAPTER = "referrals.adapters.AuditedUserSessionsAdapter"
# Fernet keys (Fernet.generate_key()), comma-separated, newest first. Unset:
# a key derived from SECRET_KEY (development and tests only).
MFA_ENCRYPTION_KEYS = env_list("MFA_ENCRYPTION_KEYS")
# allauth forgets a used TOTP code after one period although the ±1 window
# accepts it for three; these forms remember it for the whole window.
MFA_FORMS = {
    "authenticate": "referrals.forms.SingleUseTOTPAuthenticateForm",
    "reauthenticate": "referrals.forms.SingleUseTOTPReauthenticateForm",
    "activate_totp": "referrals.forms.ActivateTOTPForm",
}
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300

# --- Sessions and cookies -------------------------------------------------------

SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 15 * 60)
SESSION_COOKIE_AGE = env_int("SESSION_MAX_AGE", 12 * 60 * 60)  # absolute cap
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True

# --- Security headers -----------------------------------------------------------

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Strict policy for public and clinical pages.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
# The Wagtail admin and wagtail-localize's editor need inline scripts and
# styles; a nonce would make browsers ignore 'unsafe-inline', so none here.
CONTENT_SECURITY_POLICY_ADMIN = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}
CSP_ADMIN_PATH_PREFIXES = ("/admin/",)

# --- Internationalisation -------------------------------------------------------

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
# The 24 official languages of the EU.
LANGUAGES = [
    ("bg", "Български"),
    ("cs", "Čeština"),
    ("da", "Dansk"),
    ("de", "Deutsch"),
    ("el", "Ελληνικά"),
    ("en", "English"),
    ("es", "Español"),
    ("et", "Eesti"),
    ("fi", "Suomi"),
    ("fr", "Français"),
    ("ga", "Gaeilge"),
    ("hr", "Hrvatski"),
    ("hu", "Magyar"),
    ("it", "Italiano"),
    ("lt", "Lietuvių"),
    ("lv", "Latviešu"),
    ("mt", "Malti"),
    ("nl", "Nederlands"),
    ("pl", "Polski"),
    ("pt", "Português"),
    ("ro", "Română"),
    ("sk", "Slovenčina"),
    ("sl", "Slovenščina"),
    ("sv", "Svenska"),
]
# Django ships no language info for Maltese, an official EU language; without
# it get_language_info("mt") fails. Registering it here is the documented way
# to add a language Django does not know.
LANG_INFO.setdefault("mt", {"bidi": False, "code": "mt", "name": "Maltese", "name_local": "Malti"})
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
# UI strings are translated for these; the others fall back to English.
UI_TRANSLATED_LANGUAGES = ["en", "de", "fr", "it", "es"]

# --- Static and media -----------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", BASE_DIR / "var" / "media"))
# Clinical files never live under MEDIA_ROOT: they are served only through
# permission-checked views.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", BASE_DIR / "var" / "private"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME")
# Clinical files go to the same bucket under this prefix, with a private ACL
# (referrals.models.cases.get_private_storage); never under a public URL.
AWS_PRIVATE_LOCATION = env("AWS_PRIVATE_LOCATION", "private")
if AWS_STORAGE_BUCKET_NAME:
    # S3-compatible object storage for uploads (django-storages), configured
    # by the AWS_* variables it documents.
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# --- Wagtail ----------------------------------------------------------------

WAGTAIL_SITE_NAME = env("WAGTAIL_SITE_NAME", "ERN Portal")
WAGTAILADMIN_BASE_URL = env("BASE_URL", "http://127.0.0.1:8000")
BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "txt", "csv", "xlsx", "pptx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Logging ------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "portal.logging.RequestIDFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["request_id"]},
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail.contrib.redirects": {"level": "WARNING"},
    },
}

# --- Accounts and access (referrals) ---

CELERY_BEAT_SCHEDULE["referrals-deactivate-expired-guests"] = {
    "task": "referrals.tasks.deactivate_expired_guests",
    "schedule": 60 * 60,  # hourly; each request also blocks an expired guest at once
}
CELERY_BEAT_SCHEDULE["referrals-remind-expiring-guests"] = {
    "task": "referrals.tasks.remind_expiring_guests",
    "schedule": 60 * 60,  # sends at most one reminder per guest and expiry date
}
ACCESS_REQUESTS_PER_PAGE = 25
AUDIT_EVENTS_PER_PAGE = 50

# --- Newsletters ---

NEWSLETTER_FROM_EMAIL = env("NEWSLETTER_FROM_EMAIL", DEFAULT_FROM_EMAIL)
# Link lifetimes in seconds: confirmation links are short-lived, unsubscribe
# links must outlive the gap between two issues.
NEWSLETTER_TOKEN_MAX_AGE = {
    "confirm": env_int("NEWSLETTER_CONFIRM_MAX_AGE", 3 * 24 * 60 * 60),
    "unsubscribe": env_int("NEWSLETTER_UNSUBSCRIBE_MAX_AGE", 400 * 24 * 60 * 60),
}
NEWSLETTER_SUBSCRIBE_RATE = env("NEWSLETTER_SUBSCRIBE_RATE", "5/h")  # per client IP
NEWSLETTER_BATCH_SIZE = env_int("NEWSLETTER_BATCH_SIZE", 100)
NEWSLETTER_PARALLEL_TASKS = env_int("NEWSLETTER_PARALLEL_TASKS", 2)
# A batch claimed longer ago than this belonged to a worker that died; must be
# well above the time one batch takes (see newsletters/sending.py).
NEWSLETTER_CLAIM_TIMEOUT = env_int("NEWSLETTER_CLAIM_TIMEOUT", 15 * 60)
NEWSLETTER_MAX_ATTEMPTS = env_int("NEWSLETTER_MAX_ATTEMPTS", 5)
CELERY_BEAT_SCHEDULE["newsletters-resume-stalled-sends"] = {
    "task": "newsletters.tasks.resume_stalled_sends",
    "schedule": 5 * 60,
}
CELERY_BEAT_SCHEDULE["newsletters-purge-unconfirmed"] = {
    "task": "newsletters.tasks.purge_unconfirmed_subscribers",
    "schedule": 60 * 60,
}

# --- Referrals from outside the network ---

REFERRAL_REQUEST_RATE = env("REFERRAL_REQUEST_RATE", "5/h")  # per client IP
REFERRAL_VERIFY_MAX_AGE = env_int("REFERRAL_VERIFY_MAX_AGE", 3 * 24 * 60 * 60)
REFERRAL_ANSWER_MAX_AGE = env_int("REFERRAL_ANSWER_MAX_AGE", 30 * 24 * 60 * 60)
REFERRALS_PER_PAGE = 25

# --- Contact form and helpdesk ---------------------------------------------------
# Accepted contact-form submissions per client IP ("count/period", see portal/ratelimit.py).
CONTACT_FORM_RATE_LIMIT = env("CONTACT_FORM_RATE_LIMIT", "5/10m")

# --- Clinical cases ---
# Fernet keys for patient identity (Fernet.generate_key()), comma-separated,
# newest first; rotate with `manage.py rotate_patient_keys`. Unset: a key
# derived from SECRET_KEY (development and tests only; production refuses).
PATIENT_DATA_KEYS = env_list("PATIENT_DATA_KEYS")
CONSENT_FORM_MAX_UPLOAD_SIZE = env_int("CONSENT_FORM_MAX_UPLOAD_SIZE", 20 * 1024 * 1024)
CASES_PER_PAGE = 25
CASE_ACCESS_LOG_PER_PAGE = 50

# --- Case documents and imaging (issue 7 §4) ---
# Size limits in bytes, by family: documents (PDF, DOCX, text, JPEG, PNG) and
# imaging (DICOM files and zip archives of a study).
CASE_DOCUMENT_MAX_SIZE = env_int("CASE_DOCUMENT_MAX_SIZE", 100 * 1024 * 1024)
CASE_IMAGING_MAX_SIZE = env_int("CASE_IMAGING_MAX_SIZE", 2 * 1024 * 1024 * 1024)
# Zip archives (DICOM studies, DOCX): members, total unpacked size and the
# compression ratio any member may have before the archive counts as a bomb.
CASE_ZIP_MAX_MEMBERS = env_int("CASE_ZIP_MAX_MEMBERS", 5000)
CASE_ZIP_MAX_UNCOMPRESSED_SIZE = env_int("CASE_ZIP_MAX_UNCOMPRESSED_SIZE", 4 * 1024 * 1024 * 1024)
CASE_ZIP_MAX_RATIO = env_int("CASE_ZIP_MAX_RATIO", 100)
# Chunked uploads: the largest chunk one request may carry; the browser sends this size.
CASE_UPLOAD_CHUNK_SIZE = env_int("CASE_UPLOAD_CHUNK_SIZE", 8 * 1024 * 1024)
# Where a completed upload is put together and checked (local disk, cleaned up after each file).
CASE_UPLOAD_WORK_DIR = env("CASE_UPLOAD_WORK_DIR")  # unset: the system's temporary directory
# Seconds after which a file still "being checked" counts as abandoned by a dead worker and is taken over.
CASE_UPLOAD_CLAIM_TIMEOUT = env_int("CASE_UPLOAD_CLAIM_TIMEOUT", 60 * 60)
# Seconds without a new chunk after which an unfinished upload is discarded, chunks and all.
CASE_UPLOAD_ABANDON_AFTER = env_int("CASE_UPLOAD_ABANDON_AFTER", 24 * 60 * 60)
CELERY_BEAT_SCHEDULE["referrals-tidy-uploads"] = {
    "task": "referrals.case_tasks.tidy_uploads",
    "schedule": 60 * 60,
}
# Virus scanning with ClamAV (clamd), used when either is set; off otherwise.
CLAMD_SOCKET = env("CLAMD_SOCKET")
CLAMD_HOST = env("CLAMD_HOST")
CLAMD_PORT = env_int("CLAMD_PORT", 3310)
CLAMD_TIMEOUT = env_int("CLAMD_TIMEOUT", 120)

# --- Expert panels (issue 7 §5) ---
# Days without an answer to an invitation, or without a contribution after
# accepting, before an expert is reminded (and the panel lead told); again
# after as many days.
PANEL_REMINDER_DAYS = env_int("PANEL_REMINDER_DAYS", 5)
PANEL_SUGGESTIONS = 20
DASHBOARD_PER_PAGE = 25
NOTIFICATIONS_PER_PAGE = 25
CASE_DOCUMENTS_PER_PAGE = 25
CELERY_BEAT_SCHEDULE["referrals-panel-reminders"] = {
    "task": "referrals.case_tasks.remind_panel_members",
    "schedule": 60 * 60,  # hourly; each expert is reminded at most once per PANEL_REMINDER_DAYS
}
CELERY_BEAT_SCHEDULE["referrals-invitation-digests"] = {
    "task": "referrals.case_tasks.send_invitation_digests",
    "schedule": 24 * 60 * 60,  # daily digest of routine invitations; urgent ones are e-mailed at once
}
