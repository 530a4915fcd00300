"""The workspace dashboard: each section holds exactly the right cases for each role, with counts, filters,
sorting and pagination, and never shows identity or, to an invitee, the case title."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from referrals.models import CaseAccessLog, CaseStatus, Contribution, InformationRequest, PanelMembership, Role
from referrals.services.consent import withdraw_consent
from tests.referrals.factories import make_area, make_user

from .factories import (
    SENTINEL_NAME,
    SENTINEL_NATIONAL_ID,
    SENTINEL_RECORD_NUMBER,
    add_panel_member,
    give_consent,
    make_case,
    make_patient,
)

pytestmark = pytest.mark.django_db

URL = reverse("referrals:workspace")
REFERENCE = re.compile(r"CASE-[0-9A-F]{8}")
NAV_ITEM = re.compile(r'\?section=(\w+)"(?: aria-current="page")?>\s*[^<]*<span class="badge[^"]*">(\d+)</span>')
CLINICIAN_SECTIONS = ["mine", "panel", "invitations", "contribution", "information", "all"]


class Scene:
    """The World plus the cases that tell the sections apart."""

    def __init__(self, world):
        self.world = w = world
        # The owner's own draft: theirs, nobody else's (not even the coordinator's).
        self.draft = make_case(patient=w.patient, owner=w.owner, area=w.area, title="Owner draft")
        # A colleague's case at centre A: the owner manages it too (same centre).
        colleague_patient = make_patient(centre=w.centre_a, by=w.colleague, full_name="Colleague Patient")
        give_consent(colleague_patient, by=w.colleague)
        self.colleague_case = make_case(
            patient=colleague_patient, owner=w.colleague, area=w.area, status=CaseStatus.SUBMITTED, title="Colleague"
        )
        # Another centre's case in review, with the panel member on it (and already contributing).
        other_patient = make_patient(centre=w.centre_c, by=w.unrelated, full_name="Other Patient")
        give_consent(other_patient, by=w.unrelated)
        self.other_case = make_case(
            patient=other_patient, owner=w.unrelated, area=w.area, status=CaseStatus.IN_REVIEW, title="Other centre"
        )
        add_panel_member(self.other_case, w.panel_member)
        Contribution.objects.create(case=self.other_case, author=w.panel_member, body="<p>My view.</p>")
        # The owner's side owes the panel an answer on the world's case.
        InformationRequest.objects.create(case=w.case, requested_by=w.panel_lead, question="Any imaging?")


@pytest.fixture
def scene(world):
    return Scene(world)


def _get(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


def _listed(content):
    """References in the listed table, in order."""
    if "<tbody>" not in content:
        return []
    body = content.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return REFERENCE.findall(body)


def _counts(content):
    return {key: int(count) for key, count in NAV_ITEM.findall(content)}


def _sections(client):
    return {section: set(_listed(_get(client, section=section))) for section in _counts(_get(client))}


def _refs(*cases):
    return {case.reference for case in cases}


def test_owner_sees_own_and_centre_cases_and_the_open_information_request(scene, mfa_client):
    w = scene.world
    sections = _sections(mfa_client(w.owner))
    assert sections == {
        "mine": _refs(w.case, scene.draft, scene.colleague_case),
        "panel": set(),
        "invitations": set(),
        "contribution": set(),
        "information": _refs(w.case),
        "all": _refs(w.case, scene.draft, scene.colleague_case),
    }


def test_colleague_at_the_owners_centre_manages_the_centres_cases_too(scene, mfa_client):
    w = scene.world
    sections = _sections(mfa_client(w.colleague))
    assert sections["mine"] == _refs(w.case, scene.draft, scene.colleague_case)
    assert sections["information"] == _refs(w.case)
    assert sections["panel"] == set() and sections["contribution"] == set()


def test_panel_member_sees_panel_cases_and_those_still_awaiting_a_contribution(scene, mfa_client):
    w = scene.world
    sections = _sections(mfa_client(w.panel_member))
    assert sections == {
        "mine": set(),
        "panel": _refs(w.case, scene.other_case),
        "invitations": set(),
        "contribution": _refs(w.case),  # already contributed to the other case
        "information": set(),
        "all": _refs(w.case, scene.other_case),
    }


def test_panel_lead_sees_the_case_on_the_panel_and_awaiting_contribution(scene, mfa_client):
    w = scene.world
    sections = _sections(mfa_client(w.panel_lead))
    assert sections["panel"] == sections["contribution"] == sections["all"] == _refs(w.case)
    assert sections["mine"] == sections["information"] == sections["invitations"] == set()


def test_invited_expert_sees_only_the_invitation_linking_to_the_invitation_page_without_title(scene, mfa_client):
    w = scene.world
    client = mfa_client(w.invited)
    sections = _sections(client)
    assert sections["invitations"] == _refs(w.case)
    assert all(not refs for key, refs in sections.items() if key != "invitations")
    content = _get(client, section="invitations")
    assert reverse("referrals:panel_invitation", kwargs={"uuid": w.case.uuid}) in content
    assert 'href="{}"'.format(reverse("referrals:case_detail", kwargs={"uuid": w.case.uuid})) not in content
    assert w.case.title not in content
    assert w.patient.pseudonym not in content
    assert "Hypospadias" in content  # the expertise area is shown


def test_unrelated_clinician_sees_only_their_own_case_and_empty_sections_say_so(scene, mfa_client):
    w = scene.world
    client = mfa_client(w.unrelated)
    sections = _sections(client)
    assert sections["mine"] == sections["all"] == _refs(scene.other_case)
    assert sections["panel"] == sections["invitations"] == set()
    assert w.case.reference not in _get(client, section="all")
    assert "No invitations are waiting for your answer." in _get(client, section="invitations")


def test_coordinator_has_the_all_cases_section_with_every_submitted_case_and_no_drafts(scene, mfa_client):
    w = scene.world
    client = mfa_client(w.coordinator)
    content = _get(client)
    assert list(_counts(content)) == ["all"]
    assert set(_listed(content)) == _refs(w.case, scene.colleague_case, scene.other_case)
    assert scene.draft.reference not in content
    assert reverse("referrals:coordination") in content
    assert reverse("referrals:patient_new") not in content  # coordinators do not enrol patients


def test_expired_guest_is_sent_to_sign_in(world, mfa_client):
    response = mfa_client(world.expired_guest).get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ["owner", "colleague", "panel_member", "panel_lead", "invited", "unrelated"])
def test_every_count_matches_its_list(scene, mfa_client, role):
    client = mfa_client(getattr(scene.world, role))
    counts = _counts(_get(client))
    assert list(counts) == CLINICIAN_SECTIONS
    for section, count in counts.items():
        assert len(_listed(_get(client, section=section))) == count, section


def test_all_counts_show_at_once_and_the_selected_section_is_marked_current(scene, mfa_client):
    content = _get(mfa_client(scene.world.owner), section="information")
    assert _counts(content) == {"mine": 3, "panel": 0, "invitations": 0, "contribution": 0, "information": 1, "all": 3}
    assert re.findall(r'\?section=(\w+)" aria-current="page"', content) == ["information"]
    assert '<nav aria-label="Sections of the workspace"' in content


def test_panel_case_leaves_every_section_when_care_consent_is_withdrawn(scene, mfa_client):
    w = scene.world
    withdraw_consent(w.care_consent, by=w.owner)
    sections = _sections(mfa_client(w.panel_member))
    assert w.case.reference not in set().union(*sections.values())
    assert sections["panel"] == _refs(scene.other_case)


def test_contributing_takes_the_case_out_of_awaiting_my_contribution(scene, mfa_client):
    w = scene.world
    client = mfa_client(w.panel_member)
    assert w.case.reference in _listed(_get(client, section="contribution"))
    Contribution.objects.create(case=w.case, author=w.panel_member, body="<p>Agreed.</p>")
    assert _listed(_get(client, section="contribution")) == []
    assert w.case.reference in _listed(_get(client, section="panel"))


def test_awaiting_contribution_holds_only_cases_in_review(scene, mfa_client):
    w = scene.world
    w.case.status = CaseStatus.OUTCOME_DRAFTED
    w.case.save()
    client = mfa_client(w.panel_member)
    assert w.case.reference not in _listed(_get(client, section="contribution"))
    assert w.case.reference in _listed(_get(client, section="panel"))


def test_answering_the_request_takes_the_case_out_of_information_requested(scene, mfa_client):
    w = scene.world
    InformationRequest.objects.filter(case=w.case).update(
        answer="Yes, attached.", answered_by=w.owner, answered_at=timezone.now()
    )
    assert _listed(_get(mfa_client(w.owner), section="information")) == []


def test_invitations_wait_only_on_submitted_or_reviewed_cases_with_care_consent(scene, mfa_client):
    w = scene.world
    client = mfa_client(w.invited)
    for status in ("draft", "closed", "withdrawn", "rejected"):
        w.case.status = status
        w.case.save()
        assert _listed(_get(client, section="invitations")) == [], status
    w.case.status = CaseStatus.SUBMITTED
    w.case.save()
    assert _listed(_get(client, section="invitations")) == [w.case.reference]
    withdraw_consent(w.care_consent, by=w.owner)
    assert _listed(_get(client, section="invitations")) == []


def test_answered_invitations_leave_the_section(scene, mfa_client):
    w = scene.world
    PanelMembership.objects.filter(case=w.case, user=w.invited).update(status=PanelMembership.Status.DECLINED)
    assert _listed(_get(mfa_client(w.invited), section="invitations")) == []


def test_an_unknown_section_falls_back_to_the_first_one(scene, mfa_client):
    content = _get(mfa_client(scene.world.coordinator), section="mine")
    assert re.findall(r'\?section=(\w+)" aria-current="page"', content) == ["all"]


# --- Filters, sorting, pagination -----------------------------------------------------------


def test_filters_by_status_urgency_and_expertise_area(scene, mfa_client):
    w = scene.world
    urgent = make_case(patient=w.patient, owner=w.owner, area=w.area, status="in_review", urgency="urgent")
    other_area = make_area("Posterior urethral valves")
    elsewhere = make_case(patient=w.patient, owner=w.owner, area=other_area, status="submitted", title="Valves")
    client = mfa_client(w.owner)
    assert set(_listed(_get(client, section="mine", status="in_review"))) == _refs(w.case, urgent)
    assert _listed(_get(client, section="mine", urgency="urgent")) == [urgent.reference]
    area_key = str(other_area.translation_key)
    assert _listed(_get(client, section="mine", area=area_key)) == [elsewhere.reference]
    assert _listed(_get(client, section="mine", area=area_key, status="in_review")) == []
    assert "No cases match these filters." in _get(client, section="mine", area=area_key, status="in_review")


@pytest.mark.parametrize(
    "query",
    [lambda case: case.reference, lambda case: case.reference.lower(), lambda case: case.uuid.hex[:5]],
    ids=["reference", "lowercase", "hex-prefix"],
)
def test_free_text_finds_a_case_by_its_reference(scene, mfa_client, query):
    w = scene.world
    assert _listed(_get(mfa_client(w.owner), section="all", q=query(scene.colleague_case))) == [
        scene.colleague_case.reference
    ]


def test_free_text_finds_cases_by_words_of_the_title(scene, mfa_client):
    w = scene.world
    client = mfa_client(w.owner)
    assert _listed(_get(client, section="all", q="draft owner")) == [scene.draft.reference]
    assert _listed(_get(client, section="all", q="stricture  repair")) == [w.case.reference]
    assert _listed(_get(client, section="all", q="nothing like this")) == []


def test_free_text_on_invitations_matches_the_reference_but_never_the_hidden_title(scene, mfa_client):
    w = scene.world
    client = mfa_client(w.invited)
    assert _listed(_get(client, section="invitations", q="stricture")) == []
    assert _listed(_get(client, section="invitations", q=w.case.reference)) == [w.case.reference]


def test_the_search_reaches_only_cases_the_user_can_see(scene, mfa_client):
    content = _get(mfa_client(scene.world.unrelated), section="all", q="stricture")
    assert _listed(content) == []


def _owner_cases_in_order(scene):
    w = scene.world
    return [w.case, scene.draft, scene.colleague_case]


def test_sorts_by_reference_both_ways(scene, mfa_client):
    client = mfa_client(scene.world.owner)
    expected = sorted(case.reference for case in _owner_cases_in_order(scene))
    assert _listed(_get(client, section="mine", sort="reference", order="asc")) == expected
    assert _listed(_get(client, section="mine", sort="reference", order="desc")) == expected[::-1]


def test_sorts_by_urgency_status_and_dates(scene, mfa_client):
    w = scene.world
    urgent = make_case(patient=w.patient, owner=w.owner, area=w.area, status="draft", urgency="urgent")
    client = mfa_client(w.owner)
    assert _listed(_get(client, section="mine", sort="urgency", order="desc"))[0] == urgent.reference
    assert _listed(_get(client, section="mine", sort="urgency", order="asc"))[-1] == urgent.reference
    # Life-cycle order, not the alphabet: draft < submitted < in review.
    by_status = _listed(_get(client, section="mine", sort="status", order="asc"))
    assert by_status.index(scene.draft.reference) < by_status.index(scene.colleague_case.reference)
    assert by_status.index(scene.colleague_case.reference) < by_status.index(w.case.reference)
    assert _listed(_get(client, section="mine", sort="created", order="asc"))[0] == w.case.reference
    assert _listed(_get(client, section="mine", sort="created", order="desc"))[0] == urgent.reference


@pytest.mark.parametrize(
    "params",
    [
        {"sort": "patient__full_name"},
        {"sort": "-updated_at"},
        {"sort": "title; DROP TABLE referrals_case"},
        {"order": "sideways"},
        {"sort": "patient__full_name", "order": "asc"},
    ],
)
def test_an_invalid_sort_is_ignored_and_the_default_order_used(scene, mfa_client, params):
    client = mfa_client(scene.world.owner)
    default = _listed(_get(client, section="mine"))
    content = _get(client, section="mine", **params)
    if "order" in params and params["order"] == "asc":
        # The valid half is kept: default key (last updated), ascending.
        assert _listed(content) == default[::-1]
    else:
        assert _listed(content) == default
    assert len(default) == 3


def test_an_invalid_filter_is_dropped_and_the_others_still_apply(scene, mfa_client):
    client = mfa_client(scene.world.owner)
    content = _get(client, section="mine", status="nonsense", urgency="routine", area="not-a-key")
    assert len(_listed(content)) == 3


def test_default_order_is_last_updated_first(scene, mfa_client):
    w = scene.world
    scene.draft.title = "Owner draft, edited"
    scene.draft.save()
    assert _listed(_get(mfa_client(w.owner), section="mine"))[0] == scene.draft.reference


def _add_owner_cases(world, count, **fields):
    cases = []
    for index in range(count):
        cases.append(
            make_case(patient=world.patient, owner=world.owner, area=world.area, title=f"Extra {index}", **fields)
        )
    return cases


def test_paginates_and_the_page_links_keep_section_filters_and_sort(world, mfa_client, settings):
    settings.DASHBOARD_PER_PAGE = 4
    _add_owner_cases(world, 9, status="in_review")  # 10 in review in all
    client = mfa_client(world.owner)
    first = _get(client, section="mine", status="in_review", sort="reference", order="asc", q="e")
    assert len(_listed(first)) == 4
    assert "Page 1 of 3" in first
    next_link = re.search(r'<a class="page-link" href="([^"]+)">Next', first).group(1).replace("&amp;", "&")
    assert next_link.startswith("?")
    for part in ("section=mine", "status=in_review", "sort=reference", "order=asc", "q=e", "page=2"):
        assert part in next_link.split("?", 1)[1].split("&"), part
    second = client.get(URL + next_link).content.decode()
    assert "Page 2 of 3" in second
    third = _listed(client.get(URL + next_link.replace("page=2", "page=3")).content.decode())
    all_refs = _listed(first) + _listed(second) + third
    assert len(all_refs) == 10 and all_refs == sorted(all_refs)


def test_page_links_carry_a_search_with_spaces_and_symbols_back_exactly(world, mfa_client, settings):
    settings.DASHBOARD_PER_PAGE = 1
    for index in range(3):
        make_case(patient=world.patient, owner=world.owner, area=world.area, title=f"Größe #%+ & extra = {index}")
    client = mfa_client(world.owner)
    first = _get(client, section="mine", q="größe  #%+ & extra =")
    assert "Page 1 of 3" in first
    next_link = re.search(r'<a class="page-link" href="([^"]+)">Next', first).group(1).replace("&amp;", "&")
    second = client.get(URL + next_link).content.decode()
    assert "Page 2 of 3" in second
    assert _listed(second) and _listed(second) != _listed(first)


def test_a_page_number_past_the_end_shows_the_last_page(world, mfa_client, settings):
    settings.DASHBOARD_PER_PAGE = 2
    _add_owner_cases(world, 3)
    content = _get(mfa_client(world.owner), section="mine", page="99")
    assert "Page 2 of 2" in content


# --- The page itself ------------------------------------------------------------------------


def test_the_page_has_one_heading_a_caption_and_a_label_on_every_filter(scene, mfa_client):
    content = _get(mfa_client(scene.world.owner), section="mine")
    assert content.count("<h1") == 1
    assert "<caption>My cases: 3 cases</caption>" in content
    for name in ("section", "q", "status", "urgency", "area", "sort", "order"):
        assert f'<label class="form-label" for="id_{name}">' in content, name
        assert f'id="id_{name}"' in content, name


def test_you_box_shows_role_centre_enrol_button_and_no_coordination_link_for_a_member(world, mfa_client):
    content = _get(mfa_client(world.owner))
    assert "owner@example.org" in content and "Member clinician" in content
    assert "Centre A University Hospital" in content
    assert reverse("referrals:patient_new") in content
    assert reverse("referrals:coordination") not in content


def test_you_box_shows_when_guest_access_ends(world, mfa_client):
    guest = make_user(Role.GUEST_CLINICIAN, guest_days=10, email="guest@example.org")
    content = _get(mfa_client(guest))
    expiry = timezone.localdate() + datetime.timedelta(days=10)
    assert "Guest access until" in content and date_format(expiry, "DATE_FORMAT") in content
    assert reverse("referrals:patient_new") in content  # an accepted guest presents their own patients


def test_the_dashboard_shows_the_unread_notification_count(world, mfa_client):
    from referrals.models import CaseEvent
    from referrals.services.notifications import notify

    notify(world.case, CaseEvent.DOCUMENT_ADDED, to=[world.panel_member, world.owner])
    notify(world.case, CaseEvent.CONTRIBUTION_POSTED, to=[world.owner])
    content = _get(mfa_client(world.owner))
    assert "2 unread notifications" in content


def test_the_dashboard_shows_no_identity_in_any_section(scene, mfa_client, client):
    for role in ("owner", "colleague", "panel_member", "invited", "coordinator"):
        client.logout()
        user_client = mfa_client(getattr(scene.world, role))
        for section in _counts(_get(user_client)):
            content = _get(user_client, section=section)
            for sentinel in (SENTINEL_NAME, SENTINEL_NATIONAL_ID, SENTINEL_RECORD_NUMBER):
                assert sentinel not in content, (role, section)
            assert "Colleague Patient" not in content and "Other Patient" not in content


def test_the_dashboard_writes_no_access_log_entry(scene, mfa_client):
    client = mfa_client(scene.world.owner)
    for section in CLINICIAN_SECTIONS:
        _get(client, section=section)
    assert CaseAccessLog.objects.count() == 0


def test_the_old_case_list_address_opens_the_all_cases_section(scene, mfa_client):
    w = scene.world
    client = mfa_client(w.panel_member)
    response = client.get(reverse("referrals:case_list"), {"sort": "reference", "order": "asc"})
    content = response.content.decode()
    assert re.findall(r'\?section=(\w+)" aria-current="page"', content) == ["all"]
    assert _listed(content) == sorted(_refs(w.case, scene.other_case))
