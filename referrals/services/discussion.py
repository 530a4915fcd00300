"""The panel's discussion (issue 7 §6): contributions, their edits, and requests for more information.

All of it happens while the case is in review: accepted panel members post
and edit contributions and ask the owner's side for information; the owner's
side answers. Contribution text is sanitised (``Contribution.save``) and only
ever reaches the audit trail as a count, never as text; notifications say
only that something happened.
"""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.html import linebreaks, strip_tags
from django.utils.translation import gettext as _

from ..audit import record_event
from ..models import (
    AuditAction,
    Case,
    CaseDocument,
    CaseEvent,
    CaseStatus,
    Contribution,
    ContributionRevision,
    InformationRequest,
)
from ..models.cases import sanitise_summary
from .cases import CaseTransitionError
from .notifications import notify

# Anything that looks like a tag: without one, the text is plain and its line breaks should survive.
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def _lock_case_in_review(case):
    case.status = Case.objects.select_for_update().only("status").get(pk=case.pk).status
    if case.status != CaseStatus.IN_REVIEW:
        raise CaseTransitionError(
            _("The panel's discussion is open only while the case is in review."), code="not_in_review"
        )


def clean_body(body):
    """Sanitised contribution HTML; plain text gets paragraphs. Raises ValidationError when nothing is left."""
    body = (body or "").strip()
    if body and not _TAG.search(body):
        body = linebreaks(body, autoescape=True)
    body = sanitise_summary(body)
    if not strip_tags(body).strip():
        raise ValidationError({"body": _("Write your contribution.")}, code="empty")
    return body


def _documents_of(case, documents):
    """The CaseDocument rows of ``case`` for ``documents`` (rows or uuids); refuses any of another case."""
    uuids = {str(getattr(document, "uuid", document)) for document in documents or ()}
    if not uuids:
        return []
    found = list(CaseDocument.objects.filter(case_id=case.pk, uuid__in=uuids))
    if len(found) != len(uuids):
        raise ValidationError(
            {"documents": _("Only documents of this case can be referred to.")}, code="foreign_document"
        )
    return found


def post_contribution(case, *, by, body, documents=(), request=None):
    if not by.has_perm("referrals.contribute", case):
        raise PermissionDenied
    with transaction.atomic():
        _lock_case_in_review(case)
        body = clean_body(body)
        documents = _documents_of(case, documents)
        contribution = Contribution.objects.create(case=case, author=by, body=body)
        contribution.referenced_documents.set(documents)
        record_event(
            AuditAction.CONTRIBUTION_POSTED, actor=by, target=contribution, request=request,
            case=str(case.uuid), documents=len(documents),
        )  # fmt: skip
        notify(case, CaseEvent.CONTRIBUTION_POSTED, actor=by)
    return contribution


def edit_contribution(contribution, *, by, body, documents=None, request=None):
    """The author changes their contribution; the text it had is kept as a ContributionRevision.

    ``documents=None`` leaves the referenced documents as they are. An edit
    that changes nothing writes nothing.
    """
    if not by.has_perm("referrals.edit_contribution", contribution):
        raise PermissionDenied
    case = contribution.case
    with transaction.atomic():
        _lock_case_in_review(case)
        contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
        body = clean_body(body)
        current_documents = set(contribution.referenced_documents.values_list("pk", flat=True))
        new_documents = None if documents is None else _documents_of(case, documents)
        documents_changed = new_documents is not None and {d.pk for d in new_documents} != current_documents
        text_changed = body != contribution.body
        if not text_changed and not documents_changed:
            return contribution
        now = timezone.now()
        if text_changed:
            ContributionRevision.objects.create(
                contribution=contribution,
                body=contribution.body,
                written_at=contribution.edited_at or contribution.created_at,
                replaced_at=now,
                replaced_by=by,
            )
            contribution.body = body
            # "Edited" is about the text: a changed list of documents is in the audit trail.
            contribution.edited_at = now
            contribution.save(update_fields=["body", "edited_at"])
        if documents_changed:
            contribution.referenced_documents.set(new_documents)
        record_event(
            AuditAction.CONTRIBUTION_EDITED, actor=by, target=contribution, request=request,
            case=str(case.uuid), text_changed=text_changed, documents_changed=documents_changed,
        )  # fmt: skip
    return contribution


def request_information(case, *, by, question, request=None):
    """A panel member asks the owner's side for more; the case shows it as awaiting them until answered."""
    if not by.has_perm("referrals.request_information", case):
        raise PermissionDenied
    question = (question or "").strip()
    with transaction.atomic():
        _lock_case_in_review(case)
        if not question:
            raise ValidationError({"question": _("Write what the panel needs to know.")}, code="empty")
        information_request = InformationRequest.objects.create(case=case, requested_by=by, question=question)
        record_event(
            AuditAction.INFORMATION_REQUESTED, actor=by, target=information_request, request=request,
            case=str(case.uuid),
        )  # fmt: skip
        notify(case, CaseEvent.INFORMATION_REQUESTED, actor=by)
    return information_request


def answer_information_request(information_request, *, by, answer, request=None):
    case = information_request.case
    if not by.has_perm("referrals.answer_information_request", case):
        raise PermissionDenied
    answer = (answer or "").strip()
    with transaction.atomic():
        _lock_case_in_review(case)
        information_request = InformationRequest.objects.select_for_update().get(pk=information_request.pk)
        if not information_request.is_open:
            raise CaseTransitionError(_("This request has already been answered."), code="answered")
        if not answer:
            raise ValidationError({"answer": _("Write your answer.")}, code="empty")
        information_request.answer = answer
        information_request.answered_by = by
        information_request.answered_at = timezone.now()
        information_request.save(update_fields=["answer", "answered_by", "answered_at"])
        record_event(
            AuditAction.INFORMATION_ANSWERED, actor=by, target=information_request, request=request,
            case=str(case.uuid),
        )  # fmt: skip
        notify(case, CaseEvent.INFORMATION_ANSWERED, actor=by)
    return information_request


# --- Reading -----------------------------------------------------------------------------------------


def contributions_for_page(case):
    """The case's contributions in order, with author and centre, referenced documents and ``revision_count``.

    Two queries, however many contributions or documents.
    """
    return (
        case.contributions.select_related("author__clinician_profile__member_centre")
        .prefetch_related(
            Prefetch("referenced_documents", queryset=CaseDocument.objects.defer("metadata").order_by("uploaded_at"))
        )
        .annotate(revision_count=Count("revisions"))
        .order_by("created_at", "pk")
    )


def information_requests_for_page(case):
    return case.information_requests.select_related("requested_by", "answered_by").order_by("created_at", "pk")
