"""Local development: `make run`. Embedded defaults unless the environment says otherwise."""

from .base import *  # noqa: F403
from .base import env, env_bool

DEBUG = env_bool("DEBUG", True)
# A throwaway key for local use only; production refuses to start without one.
SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")  # noqa: S105
ALLOWED_HOSTS = ["*"]
DEMO_DATA_ALLOWED = True
