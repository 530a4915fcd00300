"""Models of the clinical workspace, one module per concern, re-exported here."""

from .accounts import AccessRequest, ClinicianProfile, Role
from .audit import AuditAction, AuditEvent
from .cases import Case, CaseAccessLog, CaseStatus, ConsentPurpose, ConsentRecord, PanelMembership, Patient
from .discussion import Contribution, ContributionRevision, InformationRequest
from .documents import CaseDocument, DocumentType, DocumentUpload
from .notifications import CaseEvent, Notification
from .referral_requests import NationalContactPoint, ReferralCheckPage, ReferralRequest

__all__ = [
    "AccessRequest",
    "AuditAction",
    "AuditEvent",
    "Case",
    "CaseAccessLog",
    "CaseDocument",
    "CaseEvent",
    "CaseStatus",
    "ClinicianProfile",
    "ConsentPurpose",
    "ConsentRecord",
    "Contribution",
    "ContributionRevision",
    "DocumentType",
    "DocumentUpload",
    "InformationRequest",
    "Notification",
    "NationalContactPoint",
    "PanelMembership",
    "Patient",
    "ReferralCheckPage",
    "ReferralRequest",
    "Role",
]
