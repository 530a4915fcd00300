"""The panel's discussion (issue 7 §6): contributions, their history, requests for information, and the case page."""

import hashlib

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from referrals.models import (
    AuditAction,
    AuditEvent,
    CaseAccessLog,
    CaseDocument,
    CaseEvent,
    CaseStatus,
    Contribution,
    ContributionRevision,
    DocumentType,
    InformationRequest,
    Notification,
    PanelMembership,
    Role,
)
from referrals.models.cases import CaseAccessAction
from referrals.services import discussion, panels
from referrals.services.cases import CaseTransitionError
from tests.referrals.factories import make_user

from .factories import (
    SENTINEL_BIRTH_DATE,
    SENTINEL_NAME,
    SENTINEL_NATIONAL_ID,
    SENTINEL_RECORD_NUMBER,
    World,
    add_panel_member,
    give_consent,
    make_case,
    make_patient,
)

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n% a test document\n%%EOF\n"


def make_document(case, *, by, description="MRI pelvis, October"):
    document = CaseDocument(
        case=case,
        description=description,
        file_type=DocumentType.PDF,
        content_type="application/pdf",
        size=len(PDF),
        sha256=hashlib.sha256(PDF).hexdigest(),
        uploaded_by=by,
    )
    document.file.save("document.pdf", ContentFile(PDF), save=False)
    document.save()
    return document


def _case_url(world):
    return reverse("referrals:case_detail", kwargs={"uuid": world.case.uuid})


def _page(client, world):
    response = client.get(_case_url(world))
    assert response.status_code == 200
    return response.content.decode()


# --- Contributions ----------------------------------------------------------------------------------


def test_panel_member_posts_a_contribution_referring_to_case_documents(world, mfa_client):
    mri = make_document(world.case, by=world.owner)
    make_document(world.case, by=world.owner, description="Voiding diagram")
    client = mfa_client(world.panel_member)
    response = client.post(
        reverse("referrals:contribution_new", kwargs={"uuid": world.case.uuid}),
        {"body": "I would advise a staged repair.\n\nSee the MRI.", "documents": [str(mri.uuid)]},
    )
    contribution = Contribution.objects.get()
    assert response["Location"] == _case_url(world) + f"#contribution-{contribution.uuid}"
    assert contribution.author == world.panel_member
    assert contribution.body == "<p>I would advise a staged repair.</p>\n\n<p>See the MRI.</p>"
    assert list(contribution.referenced_documents.all()) == [mri]
    page = _page(client, world)
    assert "I would advise a staged repair." in page
    assert reverse("referrals:document_detail", kwargs={"uuid": world.case.uuid, "document_uuid": mri.uuid}) in page
    assert "Centre B University Hospital" in page and "panel@example.org" in page
    event = AuditEvent.objects.get(action=AuditAction.CONTRIBUTION_POSTED)
    assert "staged" not in str(event.extra) and event.extra["documents"] == 1
    # The owner and the rest of the panel hear about it in the app only.
    assert Notification.objects.filter(event=CaseEvent.CONTRIBUTION_POSTED, recipient=world.owner).count() == 1
    assert Notification.objects.filter(event=CaseEvent.CONTRIBUTION_POSTED, recipient=world.panel_lead).count() == 1
    assert not Notification.objects.filter(event=CaseEvent.CONTRIBUTION_POSTED, recipient=world.panel_member).exists()
    assert mail.outbox == []


def test_a_document_of_another_case_cannot_be_referred_to(world, mfa_client):
    other_patient = make_patient(centre=world.centre_a, by=world.owner, full_name="Other Patient")
    other_case = make_case(patient=other_patient, owner=world.owner, area=world.area, status=CaseStatus.IN_REVIEW)
    foreign = make_document(other_case, by=world.owner, description="Someone else's scan")
    response = mfa_client(world.panel_member).post(
        reverse("referrals:contribution_new", kwargs={"uuid": world.case.uuid}),
        {"body": "My careful analysis of the scan", "documents": [str(foreign.uuid)]},
    )
    text = response.content.decode()
    assert response.status_code == 200  # the form again, with the text kept
    assert "My careful analysis of the scan" in text and "Only documents of this case can be referred to." in text
    assert "Someone else&#x27;s scan" not in text and "Someone else's scan" not in text
    assert not Contribution.objects.exists()
    with pytest.raises(ValidationError) as error:
        discussion.post_contribution(world.case, by=world.panel_member, body="Text", documents=[foreign])
    assert "documents" in error.value.error_dict
    assert not Contribution.objects.exists()


def test_scripts_and_event_handlers_never_reach_the_page(world, mfa_client):
    client = mfa_client(world.panel_member)
    client.post(
        reverse("referrals:contribution_new", kwargs={"uuid": world.case.uuid}),
        {
            "body": '<p onclick="steal()">Fine <strong>text</strong></p>'
            + "<script>alert(1)</script><img src=x onerror=alert(2)>"
        },
    )
    stored = Contribution.objects.get().body
    assert "<script" not in stored and "onerror" not in stored and "onclick" not in stored
    page = _page(client, world)
    assert "<p>Fine <strong>text</strong></p>" in page
    for bad in ("<script>alert", "onerror", "onclick", "steal()"):
        assert bad not in page
    # Even a row written past the model's save is cleaned when shown.
    Contribution.objects.update(body="<p>ok</p><script>alert(3)</script>")
    page = _page(client, world)
    assert "<p>ok</p>" in page and "alert(3)" not in page


def test_an_empty_or_only_markup_contribution_is_refused_with_the_form_again(world, mfa_client):
    response = mfa_client(world.panel_member).post(
        reverse("referrals:contribution_new", kwargs={"uuid": world.case.uuid}), {"body": "<script>x</script>"}
    )
    assert response.status_code == 200 and "Write your contribution." in response.content.decode()
    assert not Contribution.objects.exists()


@pytest.mark.parametrize("actor", ["owner", "colleague", "coordinator", "invited", "unrelated", "expired_guest"])
def test_only_accepted_panel_members_contribute(world, actor):
    with pytest.raises(PermissionDenied):
        discussion.post_contribution(world.case, by=getattr(world, actor), body="Text")
    assert not Contribution.objects.exists()


def test_contributing_outside_review_says_why_and_changes_nothing(mfa_client):
    world = World(status=CaseStatus.OUTCOME_DRAFTED)
    client = mfa_client(world.panel_member)
    url = reverse("referrals:contribution_new", kwargs={"uuid": world.case.uuid})
    response = client.post(url, {"body": "Late thought"}, follow=True)
    assert "open only while the case is in review" in response.content.decode()
    assert not Contribution.objects.exists()
    with pytest.raises(CaseTransitionError):
        discussion.post_contribution(world.case, by=world.panel_member, body="Late thought")


def test_editing_keeps_the_earlier_text_as_a_revision_and_the_history_shows_every_version(world, mfa_client, client):
    contribution = discussion.post_contribution(world.case, by=world.panel_member, body="First view")
    edit_url = reverse(
        "referrals:contribution_edit", kwargs={"uuid": world.case.uuid, "contribution_uuid": contribution.uuid}
    )
    author = mfa_client(world.panel_member)
    form = author.get(edit_url).content.decode()
    assert "&lt;p&gt;First view&lt;/p&gt;" in form
    author.post(edit_url, {"body": "Second view"})
    author.post(edit_url, {"body": "Third view"})
    contribution.refresh_from_db()
    assert contribution.body == "<p>Third view</p>" and contribution.edited_at is not None
    revisions = list(contribution.revisions.order_by("replaced_at"))
    assert [revision.body for revision in revisions] == ["<p>First view</p>", "<p>Second view</p>"]
    assert revisions[0].written_at == contribution.created_at
    assert revisions[1].written_at == revisions[0].replaced_at
    assert all(revision.replaced_by == world.panel_member for revision in revisions)
    events = AuditEvent.objects.filter(action=AuditAction.CONTRIBUTION_EDITED)
    assert events.count() == 2 and all("view" not in str(event.extra) for event in events)
    page = _page(author, world)
    assert "edited" in page and "History (2 earlier versions)" in page
    client.logout()
    history = (
        mfa_client(world.owner)
        .get(
            reverse(
                "referrals:contribution_history",
                kwargs={"uuid": world.case.uuid, "contribution_uuid": contribution.uuid},
            )
        )
        .content.decode()
    )
    for version in ("First view", "Second view", "Third view"):
        assert version in history
    entries = CaseAccessLog.objects.filter(actor=world.owner)
    assert [(entry.action, entry.object_id) for entry in entries] == [
        (CaseAccessAction.VIEW_CONTRIBUTION_HISTORY, str(contribution.uuid))
    ]


def test_the_history_of_a_contribution_cannot_be_rewritten(world):
    contribution = discussion.post_contribution(world.case, by=world.panel_member, body="First view")
    discussion.edit_contribution(contribution, by=world.panel_member, body="Second view")
    revision = contribution.revisions.get()
    revision.body = "<p>Something else</p>"
    for attempt in (revision.save, revision.delete, lambda: contribution.revisions.update(body=""),
                    lambda: contribution.revisions.all().delete()):  # fmt: skip
        with pytest.raises(TypeError):
            attempt()
    if connection.vendor == "postgresql":  # the trigger (CI runs on PostgreSQL)
        from django.db import DatabaseError, transaction

        for statement in ("UPDATE referrals_contributionrevision SET body = ''",
                          "DELETE FROM referrals_contributionrevision"):  # fmt: skip
            with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(statement)
    assert contribution.revisions.get().body == "<p>First view</p>"


def test_editing_can_change_the_documents_referred_to(world, mfa_client):
    mri, diagram = (make_document(world.case, by=world.owner, description=name) for name in ("MRI", "Diagram"))
    contribution = discussion.post_contribution(world.case, by=world.panel_member, body="View", documents=[mri])
    url = reverse(
        "referrals:contribution_edit", kwargs={"uuid": world.case.uuid, "contribution_uuid": contribution.uuid}
    )
    client = mfa_client(world.panel_member)
    form = client.get(url).content.decode()
    assert f'value="{mri.uuid}" class="form-check-input" id="id_contribution_documents_' in form
    assert form.count(" checked") == 1
    client.post(url, {"body": "View", "documents": [str(diagram.uuid)]})
    assert list(contribution.referenced_documents.all()) == [diagram]
    assert not ContributionRevision.objects.exists()  # the text did not change
    event = AuditEvent.objects.get(action=AuditAction.CONTRIBUTION_EDITED)
    assert event.extra["documents_changed"] is True and event.extra["text_changed"] is False


def test_an_edit_that_changes_nothing_writes_no_revision(world):
    contribution = discussion.post_contribution(world.case, by=world.panel_member, body="Same")
    discussion.edit_contribution(contribution, by=world.panel_member, body="Same")
    assert not ContributionRevision.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.CONTRIBUTION_EDITED).exists()


def test_only_the_author_edits_and_only_while_in_review(world):
    contribution = discussion.post_contribution(world.case, by=world.panel_member, body="Mine")
    for other in (world.panel_lead, world.owner, world.coordinator):
        with pytest.raises(PermissionDenied):
            discussion.edit_contribution(contribution, by=other, body="Not yours")
    world.case.status = CaseStatus.OUTCOME_DRAFTED
    world.case.save()
    with pytest.raises(CaseTransitionError):
        discussion.edit_contribution(contribution, by=world.panel_member, body="Too late")
    contribution.refresh_from_db()
    assert contribution.body == "<p>Mine</p>" and not ContributionRevision.objects.exists()


def test_the_case_page_counts_the_experts_who_have_contributed(world, mfa_client):
    # Accepted: panel member, panel lead and the (expired) guest: three.
    client = mfa_client(world.owner)
    assert "0 of 3 experts have contributed" in _page(client, world)
    discussion.post_contribution(world.case, by=world.panel_member, body="One")
    discussion.post_contribution(world.case, by=world.panel_member, body="Two, same expert")
    assert "1 of 3 experts have contributed" in _page(client, world)
    discussion.post_contribution(world.case, by=world.panel_lead, body="Three")
    page = _page(client, world)
    assert "2 of 3 experts have contributed" in page
    assert page.index("<p>One</p>") < page.index("<p>Two, same expert</p>") < page.index("<p>Three</p>")  # in order
    progress = panels.panel_progress(panels.panel_rows(world.case))
    assert (progress.contributed, progress.accepted) == (2, 3)


# --- Requests for more information ---------------------------------------------------------------------


def test_information_request_shows_the_awaiting_banner_until_the_owner_answers(
    world, mfa_client, client, django_capture_on_commit_callbacks
):
    member = mfa_client(world.panel_member)
    with django_capture_on_commit_callbacks(execute=True):
        response = member.post(
            reverse("referrals:information_request_new", kwargs={"uuid": world.case.uuid}),
            {"question": "Was a urethrogram done after the third repair?"},
        )
    assert response.status_code == 302
    request_ = InformationRequest.objects.get()
    assert Notification.objects.filter(event=CaseEvent.INFORMATION_REQUESTED, recipient=world.owner).count() == 1
    assert [message.to for message in mail.outbox] == [["owner@example.org"]]
    assert "Awaiting information from the referring clinician" in _page(member, world)
    client.logout()
    owner = mfa_client(world.owner)
    assert "Awaiting information from the referring clinician" in _page(owner, world)
    answer_url = reverse(
        "referrals:information_request_answer", kwargs={"uuid": world.case.uuid, "request_uuid": request_.uuid}
    )
    assert f'action="{answer_url}"' in _page(owner, world)  # answer from the case page
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        owner.post(answer_url, {"answer": "Yes, in March; it showed a distal stricture."})
    request_.refresh_from_db()
    assert (request_.answered_by, request_.is_open) == (world.owner, False)
    page = _page(owner, world)
    assert "Awaiting information from the referring clinician" not in page
    assert "Was a urethrogram done after the third repair?" in page
    assert "Yes, in March; it showed a distal stricture." in page
    assert "Answered by owner@example.org" in page
    told = set(
        Notification.objects.filter(event=CaseEvent.INFORMATION_ANSWERED).values_list("recipient__email", flat=True)
    )
    assert told == {"panel@example.org", "lead@example.org"}
    assert sorted(message.to[0] for message in mail.outbox) == ["lead@example.org", "panel@example.org"]
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {AuditAction.INFORMATION_REQUESTED, AuditAction.INFORMATION_ANSWERED} <= actions
    assert all("urethrogram" not in str(event.extra) and "stricture" not in str(event.extra)
               for event in AuditEvent.objects.all())  # fmt: skip


def test_an_answered_request_cannot_be_answered_again(world, mfa_client):
    request_ = discussion.request_information(world.case, by=world.panel_member, question="Any imaging?")
    discussion.answer_information_request(request_, by=world.colleague, answer="None.")
    with pytest.raises(CaseTransitionError):
        discussion.answer_information_request(request_, by=world.owner, answer="Changed my mind")
    url = reverse(
        "referrals:information_request_answer", kwargs={"uuid": world.case.uuid, "request_uuid": request_.uuid}
    )
    response = mfa_client(world.owner).post(url, {"answer": "Again"}, follow=True)
    assert "already been answered" in response.content.decode()
    request_.refresh_from_db()
    assert request_.answer == "None." and request_.answered_by == world.colleague


def test_only_the_panel_asks_and_only_the_owners_side_answers(world):
    for other in (world.owner, world.colleague, world.coordinator, world.invited):
        with pytest.raises(PermissionDenied):
            discussion.request_information(world.case, by=other, question="?")
    request_ = discussion.request_information(world.case, by=world.panel_lead, question="Any imaging?")
    for other in (world.panel_member, world.panel_lead, world.coordinator):
        with pytest.raises(PermissionDenied):
            discussion.answer_information_request(request_, by=other, answer="!")
    assert InformationRequest.objects.get().is_open


def test_an_empty_answer_shows_the_form_again(world, mfa_client):
    request_ = discussion.request_information(world.case, by=world.panel_member, question="Any imaging?")
    url = reverse(
        "referrals:information_request_answer", kwargs={"uuid": world.case.uuid, "request_uuid": request_.uuid}
    )
    response = mfa_client(world.owner).post(url, {"answer": "   "})
    assert response.status_code == 200 and "Any imaging?" in response.content.decode()
    assert InformationRequest.objects.get().is_open


def _answer_url(world, information_request):
    kwargs = {"uuid": world.case.uuid, "request_uuid": information_request.uuid}
    return reverse("referrals:information_request_answer", kwargs=kwargs)


# --- Nothing identifying or clinical leaves in notifications --------------------------------------------------


def test_notifications_and_emails_carry_no_identity_and_no_clinical_text(
    mfa_client, client, django_capture_on_commit_callbacks
):
    world = World(status=CaseStatus.SUBMITTED)
    world.case.urgency = "urgent"
    world.case.save()
    clinical = ["Staged repair with buccal graft", "Was a urethrogram done", "distal stricture", "Not my field today"]
    with django_capture_on_commit_callbacks(execute=True):
        expert = make_user(Role.MEMBER_CLINICIAN, centre=world.centre_c, email="expert@example.org")
        membership = panels.invite_expert(world.case, expert, by=world.coordinator)
        panels.accept_invitation(membership, by=expert)
        declining = panels.invite_expert(world.case, world.unrelated, by=world.owner)
        panels.decline_invitation(declining, by=world.unrelated, reason=clinical[3])
        panels.make_lead(membership, by=world.owner)
        discussion.post_contribution(world.case, by=expert, body=clinical[0])
        request_ = discussion.request_information(world.case, by=expert, question=clinical[1] + "?")
        discussion.answer_information_request(request_, by=world.owner, answer=clinical[2])
        panels.remove_member(PanelMembership.objects.get(case=world.case, user=world.panel_member), by=world.owner)
    patient = make_patient(centre=world.centre_a, by=world.owner)
    routine = make_case(patient=patient, owner=world.owner, area=world.area, status=CaseStatus.SUBMITTED)
    add_panel_member(routine, world.unrelated, status="invited")
    give_consent(patient, by=world.owner)
    assert panels.send_invitation_digests() >= 1
    assert len(mail.outbox) >= 8
    texts = [message.subject + "\n" + message.body for message in mail.outbox]
    for notification in Notification.objects.all():
        texts.append(str(notification.message))
    forbidden = [SENTINEL_NAME, SENTINEL_NATIONAL_ID, SENTINEL_RECORD_NUMBER, SENTINEL_BIRTH_DATE.isoformat(),
                 world.case.title, world.case.question, "Three failed repairs", *clinical]  # fmt: skip
    for text in texts:
        for value in forbidden:
            assert value not in text


# --- The case page's queries do not grow with the discussion ----------------------------------------------

# Measured on SQLite with a discussion in full swing: the page's base queries (test_queries.py) plus the
# panel (1), the contributions with their documents (2) and the requests (1); a panel member's page adds the
# documents to choose from and the contribute / request permission checks. Raise only with a reason.
OWNER_DETAIL_QUERIES = 28
PANEL_MEMBER_DETAIL_QUERIES = 29


def _count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _grow_discussion(world, size, offset):
    for index in range(size):
        expert = make_user(Role.MEMBER_CLINICIAN, centre=world.centre_b, email=f"expert{offset + index}@example.org")
        add_panel_member(world.case, expert)
        document = make_document(world.case, by=world.owner, description=f"Scan {offset + index}")
        contribution = discussion.post_contribution(world.case, by=expert, body=f"View {index}", documents=[document])
        discussion.edit_contribution(contribution, by=expert, body=f"View {index}, revised")
        discussion.request_information(world.case, by=expert, question=f"Question {index}")
        answered = discussion.request_information(world.case, by=expert, question=f"Answered {index}")
        discussion.answer_information_request(answered, by=world.owner, answer="Done")


@pytest.mark.parametrize(("role", "budget"), [("owner", OWNER_DETAIL_QUERIES),
                                              ("panel_member", PANEL_MEMBER_DETAIL_QUERIES)])  # fmt: skip
def test_case_page_queries_do_not_grow_with_contributions_members_or_requests(world, mfa_client, role, budget):
    _grow_discussion(world, 1, 0)
    client = mfa_client(getattr(world, role))
    url = _case_url(world)
    few = _count(client, url)
    _grow_discussion(world, 8, 100)
    many = _count(client, url)
    assert few == many
    assert many <= budget
