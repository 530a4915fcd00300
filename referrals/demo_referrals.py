"""Demo content for referrals: the eligibility check page, national contact points, sample requests."""

from datetime import timedelta

from django.utils import timezone

from home.demo import home_page
from home.network import ExpertiseArea
from portal.demo import DEMO_LANGUAGES, get_or_create_child, locale, translate

from .models.referral_requests import NationalContactPoint, ReferralCheckPage, ReferralRequest
from .referral_demo_translations import REFER_PAGE_TRANSLATIONS

CONTACT_POINTS = [
    ("NL", "National contact point for ERNs, Ministry of Health (demo)", "ncp-nl@demo.example", "+31 70 000 0000"),
    ("DE", "Nationale Kontaktstelle für ERN (Demo)", "ncp-de@demo.example", "+49 30 000 0000"),
    ("FR", "Point de contact national pour les ERN (démo)", "ncp-fr@demo.example", "+33 1 00 00 00 00"),
    ("IT", "Punto di contatto nazionale per le ERN (demo)", "ncp-it@demo.example", "+39 06 0000 0000"),
    ("ES", "Punto de contacto nacional para las ERN (demo)", "ncp-es@demo.example", "+34 91 000 00 00"),
]

SAMPLE_REQUESTS = [
    # (country, area name, question, urgency, reason, days ago, status)
    ("PT", "Bladder exstrophy", "11-year-old girl after failed primary closure: options for continence surgery?",
     "routine", "", 12, "new"),
    ("GR", "Penile cancer", "Man in his sixties with pT3 penile cancer and bulky inguinal nodes: neoadjuvant "
     "chemotherapy first?", "urgent", "Rapid nodal progression over four weeks.", 2, "new"),
    ("PL", "Complex urethral stricture", "Panurethral stricture after hypospadias repairs in childhood; two failed "
     "grafts. Which reconstruction?", "routine", "", 30, "info_requested"),
    ("RO", "", "Teenager with recurrent urinary retention and an unclear neurological cause: within the network's "
     "scope?", "routine", "", 5, "new"),
]  # fmt: skip


def build(context):
    home = home_page()
    page = get_or_create_child(
        home,
        ReferralCheckPage,
        "refer",
        title="Refer a patient",
        show_in_menus=True,
        search_description="Check in a few steps whether the network can advise on your patient, then send a "
        "referral request to the coordinator.",
    )
    for code in DEMO_LANGUAGES:
        translate(page, code, REFER_PAGE_TRANSLATIONS.get(code, {}))

    english = locale("en")
    for country, name, email, phone in CONTACT_POINTS:
        NationalContactPoint.objects.update_or_create(
            country=country, locale=english, defaults={"name": name, "email": email, "phone": phone}
        )

    now = timezone.now()
    for country, area_name, question, urgency, reason, days_ago, status in SAMPLE_REQUESTS:
        if ReferralRequest.objects.filter(clinical_question=question).exists():
            continue
        area = ExpertiseArea.objects.filter(locale=english, name=area_name).select_related("workstream").first()
        created = now - timedelta(days=days_ago)
        ReferralRequest.objects.create(
            clinician_name=f"Demo referrer ({country})",
            email=f"referrer-{country.lower()}@demo.example",
            hospital=f"Regional hospital ({country}, demo)",
            country=country,
            specialty="Urology",
            expertise_area=area,
            workstream=area.workstream if area else None,
            condition_unsure=area is None,
            clinical_question=question,
            urgency=urgency,
            urgency_reason=reason,
            eligibility_outcome="eligible" if area else "needs_review",
            status=status,
            created_at=created,
            verified_at=created + timedelta(hours=1),
            decision_message="Please summarise the imaging of the urethra." if status == "info_requested" else "",
        )
