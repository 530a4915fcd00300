"""Production: refuses to start without SECRET_KEY and ALLOWED_HOSTS."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env, env_bool, env_int, env_list

DEBUG = False

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in the environment for production.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [f"https://{host}" for host in ALLOWED_HOSTS])

DEMO_DATA_ALLOWED = False

# Second-factor secrets are encrypted with these Fernet keys (newest first). A
# key derived from SECRET_KEY would lock everyone out when SECRET_KEY changes.
if not env("MFA_ENCRYPTION_KEYS"):
    raise ImproperlyConfigured("MFA_ENCRYPTION_KEYS must be set in the environment for production.")

# TLS is terminated by the load balancer, which sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the load balancer probes over plain HTTP
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)  # one year
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True

# Patient identity is encrypted with these keys; a key derived from SECRET_KEY is not acceptable here.
PATIENT_DATA_KEYS_DERIVED_ALLOWED = False
if not PATIENT_DATA_KEYS:  # noqa: F405
    raise ImproperlyConfigured("PATIENT_DATA_KEYS must be set in the environment for production.")
