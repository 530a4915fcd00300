"""
The troubleshooting FAQ: one page holding ordered categories, each with ordered
questions and answers.

Categories and questions are clustered inline objects of the page (nested
InlinePanels), so editors reorder both in one edit screen and every change goes
through the page's revisions and moderation. Both are TranslatableMixin models,
which is what lets wagtail-localize extract and translate them with the page.
"""

import html
import json
import unicodedata

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.models import BasePage

ANSWER_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]
ANCHOR_MAX_LENGTH = 80
QUERY_MAX_LENGTH = 200

# Same escapes as Django's json_script: the JSON goes inside a <script>
# element, so "<", ">" and "&" from editor text must never appear literally.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def normalise_for_search(text):
    """Case- and accent-insensitive form of a text, so "Télé" matches "tele".

    faq/static/faq/faq-filter.js applies the same normalisation in the browser,
    so filtering with and without JavaScript gives the same result.
    """
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def plain_text(rich_text):
    """The visible text of stored rich text (tags dropped, entities decoded)."""
    return html.unescape(strip_tags(rich_text or "")).strip()


class FAQPage(BasePage):
    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        InlinePanel("categories", heading=_("Categories"), label=_("Category")),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("introduction"),
        index.RelatedFields(
            "categories",
            [
                index.SearchField("title"),
                index.RelatedFields("questions", [index.SearchField("question"), index.SearchField("answer")]),
            ],
        ),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("troubleshooting FAQ page")

    def clean(self):
        super().clean()
        self.localize_children()
        self.assign_question_anchors()

    def save(self, *args, **kwargs):
        # Drafts and translation copies are saved with only a minimal clean,
        # which skips clean() above; children need their locale and anchors anyway.
        self.localize_children()
        self.assign_question_anchors()
        return super().save(*args, **kwargs)

    def localize_children(self):
        """Put every category and question in the page's locale.

        Wagtail's copy_for_translation relocales only direct children, not the
        questions nested inside categories (wagtail/wagtail#14425), which then
        clash on (translation_key, locale) with the source page's questions.
        Children always share the page's language, so enforce it here.
        """
        if self.locale_id is None:
            return
        for category in self.categories.all():
            category.locale_id = self.locale_id
            for question in category.questions.all():
                question.locale_id = self.locale_id

    def assign_question_anchors(self):
        """Give every question an anchor that is unique on this page.

        Blank anchors are made from the question text; a clash (two questions
        with the same text, or an editor reusing an anchor) gets a numeric
        suffix rather than blocking the save. Runs from ``clean()`` (called by
        ``save_revision()``) and ``save()``, so anchors exist before the page
        or its revision is stored.
        """
        used = set()
        position = 0
        for category in self.categories.all():
            for question in category.questions.all():
                position += 1
                base = slugify(question.anchor or question.question)[: ANCHOR_MAX_LENGTH - 4].strip("-")
                base = base or f"question-{position}"
                candidate, suffix = base, 2
                while candidate in used:
                    candidate = f"{base}-{suffix}"
                    suffix += 1
                used.add(candidate)
                question.anchor = candidate

    def get_categories(self):
        """Categories with their questions, in editor order, in a fixed number of queries.

        On a page loaded from the database this is two queries however many
        questions there are; on a preview (built from a revision) the
        categories are already in memory and need none.
        """
        return list(self.categories.all().prefetch_related("questions"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        query = request.GET.get("q", "").strip()[:QUERY_MAX_LENGTH]
        categories = self.get_categories()
        sections = filter_categories(categories, query)
        context.update(
            {
                "faq_query": query,
                "faq_sections": sections,
                "faq_match_count": sum(len(questions) for _category, questions in sections),
                "faq_structured_data": structured_data_json(categories),
                "contact_url": self.get_contact_url(request),
            }
        )
        return context

    def get_contact_url(self, request):
        """URL of the live contact page in this page's language, if any, for the "Still stuck?" links."""
        from home.contact import ContactPage  # home imports nothing from faq; keep it that way

        contact_page = ContactPage.objects.live().public().filter(locale_id=self.locale_id).first()
        return contact_page.get_url(request=request) if contact_page else None


class FAQCategory(TranslatableMixin, Orderable, ClusterableModel):
    page = ParentalKey(FAQPage, on_delete=models.CASCADE, related_name="categories")
    title = models.CharField(_("title"), max_length=200)

    panels = [
        FieldPanel("title"),
        InlinePanel("questions", heading=_("Questions"), label=_("Question")),
    ]
    translatable_fields = [TranslatableField("title"), TranslatableField("questions")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("FAQ category")
        verbose_name_plural = _("FAQ categories")

    def __str__(self):
        return self.title


class FAQQuestion(TranslatableMixin, Orderable):
    category = ParentalKey(FAQCategory, on_delete=models.CASCADE, related_name="questions")
    question = models.CharField(_("question"), max_length=255)
    anchor = models.SlugField(
        _("anchor"),
        max_length=ANCHOR_MAX_LENGTH,
        blank=True,
        help_text=_(
            "The end of this question's link, for example no-push-notification for /en/faq/#no-push-notification. "
            "Made from the question when left blank. The same in every language."
        ),
    )
    answer = RichTextField(_("answer"), features=ANSWER_FEATURES)

    panels = [FieldPanel("question"), FieldPanel("answer"), FieldPanel("anchor")]
    # The anchor stays the same in every language, so a link to
    # /de/faq/#no-push-notification works like the English one.
    translatable_fields = [TranslatableField("question"), TranslatableField("answer"), SynchronizedField("anchor")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("FAQ question")
        verbose_name_plural = _("FAQ questions")

    def __str__(self):
        return self.question

    @property
    def answer_text(self):
        return plain_text(self.answer)

    def matches(self, normalised_query):
        haystack = normalise_for_search(f"{self.question} {self.answer_text}")
        return all(word in haystack for word in normalised_query.split())


def filter_categories(categories, query):
    """(category, [questions]) pairs whose questions match every word of ``query``.

    Matching is done in Python on the already-loaded questions, so filtering
    adds no queries. Categories left without a match are dropped.
    """
    normalised = normalise_for_search(query)
    sections = []
    for category in categories:
        questions = list(category.questions.all())
        if normalised:
            questions = [question for question in questions if question.matches(normalised)]
        if questions:
            sections.append((category, questions))
    return sections


def structured_data_json(categories):
    """schema.org FAQPage JSON-LD for every question on the page, safe inside <script>."""
    data = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": question.question,
                "acceptedAnswer": {"@type": "Answer", "text": question.answer_text},
            }
            for category in categories
            for question in category.questions.all()
        ],
    }
    return mark_safe(json.dumps(data, cls=DjangoJSONEncoder).translate(_JSON_SCRIPT_ESCAPES))  # noqa: S308 - escaped above
