"""Settings for the Celery worker the integration test starts: the test settings, but real SMTP and no eager tasks.

portal/settings/test.py pins the in-memory mail backend; the worker must talk
to the test's SMTP sink (EMAIL_URL) instead.
"""

from portal.settings.base import _email_from_url, env
from portal.settings.test import *  # noqa: F403

globals().update(_email_from_url(env("EMAIL_URL", "console://")))
CELERY_TASK_ALWAYS_EAGER = False
