"""Object-level access to every document and upload URL of a case, for every role the rules distinguish.

Same encoding as test_access.py: 200/201 = allowed; 403 = can open the case but not do this; 404 = the case
(or the object) does not exist for this user; L = signed out (expired guest); R = allowed,
then sent on. The case is in review at centre A with care consent.
"""

import io
import json

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from referrals.models import CaseAccessLog, CaseDocument, DocumentUpload

from .access_matrix import LOGIN, REDIRECT, assert_answer, body_of, matrix_cases, matrix_ids, user_for
from .factories import SENTINEL_NAME, SENTINEL_NATIONAL_ID

pytestmark = pytest.mark.django_db

L, R = LOGIN, REDIRECT

# url name → (method, expected per role in ROLES order)
EXPECTED = {
    "document_new": ("get", [200, 200, 403, 403, 404, 404, L, 403, 404, 200]),
    "upload_create": ("post", [201, 201, 403, 403, 404, 404, L, 403, 404, 201]),
    "upload_chunk": ("get", [200, 404, 403, 403, 404, 404, L, 403, 404, 200]),
    "upload_complete": ("post", [400, 404, 403, 403, 404, 404, L, 403, 404, 400]),
    "document_detail": ("get", [200, 200, 200, 200, 404, 404, L, 200, 404, 200]),
    "document_download": ("get", [200, 200, 200, 200, 404, 404, L, 200, 404, 200]),
    "document_preview": ("get", [200, 200, 200, 200, 404, 404, L, 200, 404, 200]),
    "document_delete": ("get", [R, R, 403, 403, 404, 404, L, 403, 404, R]),
}
CASES = matrix_cases(EXPECTED)
# Pages that show case content write one access-log entry when allowed; the JSON upload protocol shows none.
LOGGED = {"document_new", "document_detail", "document_download", "document_preview"}


def _png():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("L", (8, 8), 128).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def documented_world(world):
    document = CaseDocument(
        case=world.case, description="Renal ultrasound", file_type="png", content_type="image/png",
        size=10, sha256="0" * 64, uploaded_by=world.owner,
    )  # fmt: skip
    document.file.save("document.png", ContentFile(_png()), save=False)
    document.preview.save("preview.png", ContentFile(_png()), save=False)
    document.save()
    world.document = document
    world.upload = DocumentUpload.objects.create(
        case=world.case, created_by=world.owner, description="MRI", declared_size=100
    )
    return world


def _url(world, name):
    kwargs = {"uuid": world.case.uuid}
    if name in {"upload_chunk", "upload_complete"}:
        kwargs["upload_uuid"] = world.upload.uuid
    if name.startswith("document_") and name != "document_new":
        kwargs["document_uuid"] = world.document.uuid
    return reverse(f"referrals:{name}", kwargs=kwargs)


@pytest.mark.parametrize(("url_name", "role", "expected"), CASES, ids=matrix_ids(CASES))
def test_document_urls_answer_each_role_as_the_rules_say(documented_world, mfa_client, url_name, role, expected):
    world = documented_world
    user = user_for(world, role)
    client = mfa_client(user)
    method, _row = EXPECTED[url_name]
    url = _url(world, url_name)
    if url_name == "upload_create":
        response = client.post(
            url, json.dumps({"size": 100, "name": "a.pdf", "description": "Report"}), content_type="application/json"
        )
    else:
        response = getattr(client, method)(url)
    assert_answer(response, expected)
    body = body_of(response)
    if expected in (403, 404, L):
        assert b"Renal ultrasound" not in body and world.case.title.encode() not in body
    for sentinel in (SENTINEL_NAME, SENTINEL_NATIONAL_ID):
        assert sentinel.encode() not in body
    logged = CaseAccessLog.objects.filter(actor=user)
    if expected == 200 and url_name in LOGGED:
        assert logged.count() == 1
    else:
        assert logged.count() == 0
