"""ODK-encrypted submissions on the server: stored as they came (the manifest as the XML, the
.enc files as attachments) and opened only for a supervisor who sends the private key (PEM) and
its passphrase with the request.

    POST /api/v1/submissions/{instanceID}/decrypt   {"private_key": PEM, "passphrase": "..."}
         the submission as GET /api/v1/submissions/{instanceID} gives it, with "xml" the
         decrypted submission, "encrypted": true, "signature_ok" and "files": [{name, size,
         sha256, base64}] (its decrypted media). 400 when the key does not open (wrong
         passphrase, not a PEM RSA key), 422 when this submission does not decrypt with it.
    POST /api/v1/projects/{pid}/forms/{formID}/export   the same key fields plus the export's
         options (export_api.py): encrypted submissions are decrypted into the file.

The key and passphrase live only for the request: never logged (pydantic SecretStr keeps them
out of reprs; refusals never quote them), never stored, and nothing decrypted is cached.
"""

from __future__ import annotations

import base64
import hashlib
import unicodedata
from collections.abc import Callable
from typing import Annotated, Any

from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field, SecretStr
from sqlalchemy import select

from app.odk_encryption import (
    DecryptionError,
    is_manifest,
    load_private_key,
    open_submission,
    read_manifest,
)
from sync.server import review, schema
from sync.server.accounts import Principal
from sync.server.db import Database
from sync.server.deps import caller, database
from sync.server.errors import Refused

router = APIRouter(prefix="/api/v1")
a = schema.submission_attachments
MAX_INT = 2**31 - 1


class PrivateKey(BaseModel):
    """The supervisor's private key for one request (ODK Central's "passphrase" step)."""

    private_key: SecretStr = Field(max_length=20_000)
    passphrase: SecretStr = Field(default=SecretStr(""), max_length=1000)

    def load(self) -> rsa.RSAPrivateKey:
        try:
            return load_private_key(
                self.private_key.get_secret_value(), self.passphrase.get_secret_value() or None
            )
        except DecryptionError:
            raise Refused(
                400,
                "the private key could not be opened: check the passphrase, and that the file "
                "is the project's PEM private key",
            ) from None


def sealed_parts(conn: Any, submission_pk: int, xml: str) -> dict[str, bytes]:
    """The stored .enc files a manifest names, by name."""
    manifest = read_manifest(xml)
    names = [unicodedata.normalize("NFC", n) for n in [*manifest.media, manifest.xml_file]]
    rows = conn.execute(
        select(a.c.name, a.c.data).where(a.c.submission_pk == submission_pk, a.c.name.in_(names))
    )
    return {row.name: bytes(row.data) for row in rows}


def opener(key: rsa.RSAPrivateKey) -> Callable[[Any, int, str, str], str]:
    """(conn, submission_pk, stored xml, instance id) -> the submission XML, decrypted when it
    is a manifest (the export's way in). 422 naming the submission when it does not open."""

    def open_one(conn: Any, submission_pk: int, xml: str, instance_id: str) -> str:
        if not is_manifest(xml):
            return xml
        try:
            opened = open_submission(xml, sealed_parts(conn, submission_pk, xml), key)
            return opened.xml.decode("utf-8")
        except (DecryptionError, UnicodeDecodeError):
            raise Refused(
                422,
                f"submission {instance_id} does not decrypt with this key (another project's "
                "key, or its encrypted files have not all arrived)",
            ) from None

    return open_one


@router.post("/submissions/{instance_id}/decrypt")
def decrypt_submission(
    instance_id: str,
    body: PrivateKey,
    db: Annotated[Database, Depends(database)],
    principal: Annotated[Principal, Depends(caller)],
    project_id: Annotated[int | None, Query(ge=1, le=MAX_INT)] = None,
) -> dict[str, Any]:
    """One submission decrypted with the supervisor's key (supervisors and admins only)."""
    if principal.is_device:
        raise Refused(403, "devices cannot decrypt submissions")
    key = body.load()
    record = review.get_submission(db, principal, instance_id, project_id)
    if not is_manifest(record["xml"]):
        return {**record, "encrypted": False, "signature_ok": None, "files": []}
    with db.read() as conn:
        pk = review.visible_submission_pk(conn, principal, instance_id, project_id)
        parts = sealed_parts(conn, pk, record["xml"])
    try:
        opened = open_submission(record["xml"], parts, key)
    except DecryptionError as error:
        raise Refused(422, f"submission {instance_id} does not decrypt: {error}") from None
    files = [
        {
            "name": name,
            "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
            "base64": base64.b64encode(data).decode("ascii"),
        }
        for name, data in opened.media
    ]
    return {
        **record,
        "xml": opened.xml.decode("utf-8", "replace"),
        "encrypted": True,
        "signature_ok": opened.signature_ok,
        "files": files,
    }
