"""App configuration: erasure counting, the editors' send permission, and resuming sends on worker start."""

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate
from django.utils.translation import gettext_lazy as _


class NewslettersConfig(AppConfig):
    name = "newsletters"
    verbose_name = _("Newsletters")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from celery.signals import worker_ready

        from . import signals

        post_delete.connect(signals.count_erased_subscriber, sender=self.get_model("Subscriber"))
        post_migrate.connect(signals.grant_editor_permissions, sender=self)
        worker_ready.connect(signals.resume_sends_on_worker_start, weak=False)
