"""Models of the clinical workspace, one module per concern, re-exported here."""

from .accounts import AccessRequest, ClinicianProfile, Role
from .audit import AuditAction, AuditEvent
from .cases import Case, CaseAccessLog, CaseStatus, ConsentPurpose, ConsentRecord, PanelMembership, Patient
from .referral_requests import NationalContactPoint, ReferralCheckPage, ReferralRequest

__all__ = [
    "AccessRequest",
    "AuditAction",
    "AuditEvent",
    "Case",
    "CaseAccessLog",
    "CaseStatus",
    "ClinicianProfile",
    "ConsentPurpose",
    "ConsentRecord",
    "NationalContactPoint",
    "PanelMembership",
    "Patient",
    "ReferralCheckPage",
    "ReferralRequest",
    "Role",
]
