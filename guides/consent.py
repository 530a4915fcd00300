"""Looking up consent forms for other apps (the clinical workspace links consent records to them)."""

from django.conf import settings
from django.db.models import Case, IntegerField, Value, When

from .models import ConsentFormDocument


def current_consent_form(language_code):
    """The current consent form entry for a language, or None.

    The entries are synchronised to every translation of the consent forms
    page; the copy on the page in the site's default language is the one
    editors maintain, so it is preferred.
    """
    return (
        ConsentFormDocument.objects.filter(language=language_code, is_current=True, page__live=True)
        .select_related("document", "page")
        .annotate(
            source_first=Case(
                When(page__locale__language_code=settings.LANGUAGE_CODE, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("source_first", "-issued_on", "pk")
        .first()
    )
