"""
The Celery application, wired the standard way for Django.

Each app declares its tasks with ``@shared_task`` in its own ``tasks.py``;
``autodiscover_tasks`` finds them. Configuration comes from Django settings
prefixed ``CELERY_``. Without ``CELERY_BROKER_URL`` tasks run eagerly.
Callers enqueue with ``task.delay_on_commit(...)`` so a task never runs
against rows that were rolled back.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
