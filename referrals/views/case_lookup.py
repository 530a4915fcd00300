"""How every case-scoped view finds its objects: through the access rules, so an outsider gets 404.

A case is always looked up in ``Case.objects.visible_to(user)``; objects that
belong to a case (documents, contributions, memberships) are then looked up
within that case. Who may *do* something on a visible case is a ``rules``
permission (403 when missing).
"""

from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from ..models import Case, Patient

WORKSPACE = "referrals.enter_workspace"


def visible_case(request, uuid, queryset=None):
    queryset = queryset if queryset is not None else Case.objects.all()
    return get_object_or_404(queryset.visible_to(request.user), uuid=uuid)


def case_with_details(request, uuid):
    return visible_case(
        request, uuid, Case.objects.select_related("patient__owner_centre", "owner", "expertise_area__workstream")
    )


def require(request, permission, obj=None):
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied


def patient_for(request, uuid):
    try:
        uuid = UUID(str(uuid))
    except ValueError:
        raise Http404 from None
    patient = Patient.objects.select_related("owner_centre").filter(uuid=uuid).first()
    # Outside the owner's centre a patient does not exist.
    if patient is None or not request.user.has_perm("referrals.view_patient", patient):
        raise Http404
    return patient


def form_errors_to(form, error):
    """Put a service's ValidationError on the form: on its field when it names one, else on the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def messages_from(request, error):
    from django.contrib import messages

    for message in error.messages:
        messages.error(request, message)
