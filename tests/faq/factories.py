"""Factories for the troubleshooting FAQ: a page with nested categories and questions."""

import wagtail_factories

from faq.models import FAQCategory, FAQPage, FAQQuestion


class FAQPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = FAQPage

    title = "Troubleshooting FAQ"
    slug = "faq"
    introduction = "Answers to common problems."


def question(text, answer="<p>An answer.</p>", anchor="", sort_order=0):
    return FAQQuestion(question=text, answer=answer, anchor=anchor, sort_order=sort_order)


def category(title, questions, sort_order=0):
    return FAQCategory(title=title, sort_order=sort_order, questions=list(questions))


def faq_page(parent, categories, **fields):
    """A published FAQ page under ``parent`` holding ``categories`` (built with category()/question())."""
    page = FAQPageFactory(parent=parent, categories=list(categories), **fields)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def many_questions_page(parent, count, slug):
    """A FAQ page with ``count`` questions spread over four categories."""
    categories = [
        category(f"Category {c}", [question(f"Question {c}-{q}", sort_order=q) for q in range(count // 4 + 1)], c)
        for c in range(4)
    ]
    # Trim to exactly ``count`` questions.
    remaining = count
    for cat in categories:
        kept = list(cat.questions.all())[: max(remaining, 0)]
        cat.questions = kept
        remaining -= len(kept)
    return faq_page(parent, categories, slug=slug, title=f"FAQ {slug}")
