"""
Detect text that looks like it identifies a patient.

Referral requests come from outside the network before any consent is
recorded, so they must not carry patient identifiers. This detector rejects
text with an e-mail address, a phone number, a national identification
number, or a person's name next to a birth date. It is a heuristic safety net,
not a guarantee: the form also tells the clinician plainly not to include any.

Clinical text is full of numbers (lab values, codes, years, ages), so each
pattern is deliberately narrow; ``tests/referrals/test_identifiers.py`` keeps
a list of realistic texts that must pass.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class IdentifierFinding:
    kind: str
    message: str


# Local part: any RFC 5322 atext character (letters, digits, !#$%&'*+-/=?^_`{|}~ and dots).
EMAIL_RE = re.compile(r"[^\s@<>()\[\],;:\"]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)

# A run of digits written like a phone number; PHONE_DIGITS decides whether it is one.
PHONE_CANDIDATE_RE = re.compile(r"(?<![\w/.,])(?:\+|00)?\(?\d[\d\s.\-/()]{6,}\d(?![\w/])")
PHONE_SEPARATOR_RE = re.compile(r"[\s.\-/()]")


def _is_phone_number(candidate):
    """International numbers (+ or 00) and national numbers starting with 0 written with
    separators or as a 10-digit mobile number; 8 to 15 digits in all (E.164 allows 15)."""
    digits = re.sub(r"\D", "", candidate.removeprefix("00"))
    if not 8 <= len(digits) <= 15:
        return False
    if candidate.startswith(("+", "00")):
        return True
    if candidate.lstrip("(").startswith("0"):
        return bool(PHONE_SEPARATOR_RE.search(candidate.strip())) or len(digits) == 10
    return False


NATIONAL_ID_PATTERNS = [
    # Italian codice fiscale
    re.compile(r"\b[A-Z]{6}\d{2}[A-EHLMPR-T]\d{2}[A-Z]\d{3}[A-Z]\b", re.IGNORECASE),
    # Spanish DNI / NIE
    re.compile(r"\b\d{8}-?[A-HJ-NP-TV-Z]\b"),
    re.compile(r"\b[XYZ]-?\d{7}-?[A-HJ-NP-TV-Z]\b"),
    # French NIR (sécurité sociale): 1 or 2, then 12 digits, optional 2-digit key, spaces allowed
    re.compile(
        r"\b[12][\s.]?\d{2}[\s.]?(?:0[1-9]|1[0-2]|[2-9]\d)[\s.]?(?:\d{2}|2[AB])[\s.]?\d{3}[\s.]?\d{3}(?:[\s.]?\d{2})?\b"
    ),
    # Nordic personal numbers: YYMMDD-XXXX / DDMMYY-XXXX (also with +), YYYYMMDD-XXXX
    re.compile(r"\b(?:\d{2})?\d{6}[-+]\d{4}\b"),
    # Belgian national register number: YY.MM.DD-XXX.XX
    re.compile(r"\b\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}\b"),
    # Any other long unbroken run of digits (BSN 9, PESEL/Steuer-ID 11, …): identifiers, not measurements
    re.compile(r"(?<![\d.,])\d{9,13}(?![\d.,])"),
]

DATE_RE = re.compile(
    r"""\b(?:
        (?:0?[1-9]|[12]\d|3[01])[./\-](?:0?[1-9]|1[0-2])[./\-](?:19|20)\d{2}          # 12/03/1985, 1.3.1985
      | (?:19|20)\d{2}-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])                  # 1985-03-12
      | (?:0?[1-9]|[12]\d|3[01])\.?\s+(?:jan|feb|m[aä]r|apr|ma[iy]|jun|jul|aug|sep|o[ck]t|nov|de[cz]|
            januar|februar|märz|juni|juli|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|
            novembre|décembre|gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|
            dicembre|enero|febrero|abril|mayo|junio|julio|septiembre|octubre|noviembre|diciembre)[a-z]*\.?,?\s+(?:19|20)\d{2}
    )\b""",
    re.VERBOSE | re.IGNORECASE,
)

BIRTH_KEYWORDS_RE = re.compile(
    r"\b(?:born|b\.|dob|d\.o\.b\.?|date\s+of\s+birth|birth\s*date|geb\.?|geboren|né|née|nato|nata|nacido|nacida|"
    r"fecha\s+de\s+nacimiento|data\s+di\s+nascita|date\s+de\s+naissance|geburtsdatum)\b",
    re.IGNORECASE,
)

# Two name-like words in a row: "Maria Rossi", "J. Smith", "van der Berg" is caught by its capitalised part.
NAME_RE = re.compile(r"\b(?:[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’-]+|[A-Z]\.)\s+[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’-]{1,}\b")

# Capitalised words that start clinical phrases, not names.
NOT_NAMES = {
    word.lower()
    for word in """
    Patient Patients Mr Mrs Ms Dr Prof Male Female Boy Girl Child Infant Baby Surgery Operation Closure Repair
    Follow Followup Diagnosis Diagnosed Referral Referred Admission Discharge Treatment Therapy Imaging
    Biopsy Scan Ultrasound MRI CT Histology Pathology Hospital University Clinic Centre Center Department
    January February March April May June July August September October November December Monday Tuesday
    Wednesday Thursday Friday Saturday Sunday The A An In On At Since After Before Last First Second Third
    Bladder Exstrophy Hypospadias Posterior Urethral Valves Anorectal Malformation Penile Testicular Cancer
    Urachal Adrenal Tumour Tumor Neurogenic Interstitial Cystitis Complex Stricture Fistula Urothelial
    Carcinoma Upper Tract Disorders Sex Development Question Questions Urgent Routine Age Aged Year Years
    """.split()
}

MESSAGES = {
    "email": _("It contains an e-mail address."),
    "phone": _("It contains what looks like a phone number."),
    "national_id": _("It contains what looks like a national identification number."),
    "name_and_birth_date": _("It contains what looks like a person's name next to a date of birth."),
}

WINDOW = 40


def _looks_like_name(text):
    for match in NAME_RE.finditer(text):
        words = [word.strip(".") for word in match.group(0).split()]
        if not any(word.lower() in NOT_NAMES for word in words):
            return True
    return False


def find_identifiers(text):
    """Return the kinds of identifier found in ``text`` (empty when it looks clean)."""
    if not text:
        return []
    findings = []
    if EMAIL_RE.search(text):
        findings.append("email")
    without_emails = EMAIL_RE.sub(" ", text)
    # Dates are checked below on their own; a date alone is neither a phone
    # number nor an identifier.
    without_dates = DATE_RE.sub(" ", without_emails)
    candidates = (match.group(0).strip() for match in PHONE_CANDIDATE_RE.finditer(without_emails))
    if any(_is_phone_number(candidate) for candidate in candidates if not DATE_RE.fullmatch(candidate)):
        findings.append("phone")
    if any(pattern.search(without_dates) for pattern in NATIONAL_ID_PATTERNS):
        findings.append("national_id")
    for date in DATE_RE.finditer(without_emails):
        before = without_emails[max(0, date.start() - WINDOW) : date.start()]
        after = without_emails[date.end() : date.end() + WINDOW]
        if BIRTH_KEYWORDS_RE.search(before) or _looks_like_name(before) or _looks_like_name(after):
            findings.append("name_and_birth_date")
            break
    return findings


def identifier_messages(text):
    return [IdentifierFinding(kind, str(MESSAGES[kind])) for kind in find_identifiers(text)]
