"""Supervisor mode and ODK-encrypted sessions: the cache keeps them as the server does (the
manifest as the session's XML, the .enc files as its attachments); they are read only while
the supervisor has given the project's private key, which lives in memory for this run of the
app (never stored) and is forgotten at sign-out. What is decrypted is used and dropped: the
answers are shown, compared and exported, never written back to the cache."""

from __future__ import annotations

from collections.abc import Callable

from cryptography.hazmat.primitives.asymmetric import rsa

from app.export import ExportError
from app.odk_encryption import (
    DecryptionError,
    OpenedSubmission,
    is_manifest,
    load_private_key,
    open_submission,
    read_manifest,
)


class SessionEncrypted(ExportError):
    """The session is ODK-encrypted and no private key was given (or it does not open it)."""


class SealedReader:
    """Opens encrypted sessions with the supervisor's key. ``file_bytes(instance_id, name)``
    gives a stored .enc file (from the cache, downloading it once when missing)."""

    def __init__(self, file_bytes: Callable[[str, str], bytes]) -> None:
        self._file_bytes = file_bytes
        self._key: rsa.RSAPrivateKey | None = None

    @property
    def has_key(self) -> bool:
        return self._key is not None

    def use_key(self, pem: bytes, passphrase: str) -> None:
        """Keep the private key in memory; DecryptionError (wrong passphrase, not a key)."""
        self._key = load_private_key(pem, passphrase or None)

    def forget_key(self) -> None:
        self._key = None

    def open(self, instance_id: str, manifest_xml: str) -> OpenedSubmission:
        """The decrypted session; SessionEncrypted without a key or with the wrong one."""
        if self._key is None:
            raise SessionEncrypted(
                f"session {instance_id} is encrypted: give the project's private key "
                "(Private key…) to read and export it"
            )
        manifest = read_manifest(manifest_xml)
        names = [*manifest.media, manifest.xml_file]
        parts = {name: self._file_bytes(instance_id, name) for name in names}
        try:
            return open_submission(manifest_xml, parts, self._key)
        except DecryptionError as error:
            raise SessionEncrypted(f"session {instance_id} does not open: {error}") from None

    def xml(self, instance_id: str, stored_xml: str) -> str:
        """The session's XML in clear (a plain session's as it is)."""
        if not is_manifest(stored_xml):
            return stored_xml
        return self.open(instance_id, stored_xml).xml.decode("utf-8")
