"""ODK encrypted submissions: sealing a submission for a form's public key, and opening one.

Follows the ODK XForms "Encryption" sub-specification and what ODK Collect's EncryptionUtils
writes, so ODK Central (and Briefcase) decrypt what we send with their private key:

- a random AES-256 key per submission, wrapped with the form's RSA public key as
  RSA/NONE/OAEPWithSHA256AndMGF1Padding (SHA-256 for OAEP and for MGF1, as Collect's
  BouncyCastle does and Central's decryptor expects) -> ``base64EncryptedKey``;
- every file (media first, in the manifest's order, then ``submission.xml``) as
  AES/CFB/PKCS5Padding (PKCS#7 over 16-byte blocks, full-block CFB) with an IV seeded from
  md5(instanceID + key) and, before each file, one byte of the seed incremented at
  (file index mod 16);
- the manifest (the XML actually posted as ``xml_submission_file``) naming the ``.enc`` parts,
  with ``base64EncryptedElementSignature``: the RSA-wrapped md5 of form id, version, wrapped key,
  instance id and ``name::md5(plain file)`` of each file, each followed by a newline.

No Qt here; the server imports the opening half for supervisors who give the private key.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

import defusedxml.ElementTree as SafeET
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.decrepit.ciphers.modes import CFB
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms

MANIFEST_NS = "http://www.opendatakit.org/xforms/encrypted"
OPENROSA_NS = "http://openrosa.org/xforms"
SUBMISSION_NAME = "submission.xml"
ENCRYPTED_SUFFIX = ".enc"
KEY_BYTES = 32
IV_BYTES = 16
# What a manifest may list: real submissions have a handful of files; this bounds hostile ones.
MAX_MEDIA = 1000


class DecryptionError(ValueError):
    """The submission cannot be opened: wrong key or passphrase, or damaged/foreign parts."""


@dataclass(frozen=True)
class Part:
    """One file of a sealed submission as it is posted (name ends in .enc)."""

    name: str
    data: bytes


@dataclass(frozen=True)
class SealedSubmission:
    """What is sent: the manifest (the XML part) and the encrypted files, media first."""

    manifest: bytes
    parts: list[Part]


@dataclass(frozen=True)
class Manifest:
    form_id: str
    version: str | None
    encrypted_key: str
    instance_id: str
    media: list[str]  # .enc names, in encryption order
    xml_file: str
    signature: str | None


@dataclass(frozen=True)
class OpenedSubmission:
    """A decrypted submission: the submission XML, its media by plain name, and whether the
    manifest's signature matched what was decrypted."""

    xml: bytes
    media: list[tuple[str, bytes]]
    signature_ok: bool


_OAEP = padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None)


def public_key_from_form(base64_der: str) -> rsa.RSAPublicKey:
    """The RSA key of an XForm's ``<submission base64RsaPublicKey=...>`` (base64 of the DER
    SubjectPublicKeyInfo, as pyxform writes the XLSForm's ``public_key``). ValueError if it is
    not an RSA public key."""
    try:
        der = base64.b64decode(re.sub(r"\s+", "", base64_der), validate=True)
        key = serialization.load_der_public_key(der)
    except (ValueError, UnsupportedAlgorithm) as error:
        raise ValueError("The form's public key (base64RsaPublicKey) cannot be read.") from error
    if not isinstance(key, rsa.RSAPublicKey):
        raise ValueError("The form's public key (base64RsaPublicKey) is not an RSA key.")
    return key


def load_private_key(pem: bytes | str, passphrase: str | None) -> rsa.RSAPrivateKey:
    """The supervisor's private key from PEM (encrypted with ``passphrase``, or plain when it is
    None/empty). DecryptionError for a wrong passphrase or something that is not an RSA key;
    the passphrase is never put in the message."""
    data = pem.encode("utf-8") if isinstance(pem, str) else pem
    secret = passphrase.encode("utf-8") if passphrase else None
    try:
        key = serialization.load_pem_private_key(data, password=secret)
    except (ValueError, TypeError, UnsupportedAlgorithm) as error:
        raise DecryptionError(
            "The private key could not be opened: wrong passphrase, or not a PEM private key."
        ) from error
    if not isinstance(key, rsa.RSAPrivateKey):
        raise DecryptionError("The private key is not an RSA key.")
    return key


class _IvSeries:
    """IVs as Collect's getCipher() makes them: seed = md5(instanceID, key) (16 bytes); before
    file n (from 0) the seed's byte n mod 16 goes up by one (wrapping like a Java byte)."""

    def __init__(self, instance_id: str, key: bytes) -> None:
        self._seed = bytearray(hashlib.md5(instance_id.encode("utf-8") + key).digest())
        self._count = 0

    def next(self) -> bytes:
        index = self._count % IV_BYTES
        self._seed[index] = (self._seed[index] + 1) & 0xFF
        self._count += 1
        return bytes(self._seed)


def _encrypt(key: bytes, iv: bytes, plain: bytes) -> bytes:
    pad = IV_BYTES - len(plain) % IV_BYTES
    encryptor = Cipher(algorithms.AES(key), CFB(iv)).encryptor()
    return encryptor.update(plain + bytes([pad]) * pad) + encryptor.finalize()


def _decrypt(key: bytes, iv: bytes, data: bytes, name: str) -> bytes:
    decryptor = Cipher(algorithms.AES(key), CFB(iv)).decryptor()
    padded = decryptor.update(data) + decryptor.finalize()
    pad = padded[-1] if padded else 0
    if not 1 <= pad <= IV_BYTES or len(padded) < pad or padded[-pad:] != bytes([pad]) * pad:
        raise DecryptionError(f"{name} does not decrypt with this key (wrong key or damaged).")
    return padded[:-pad]


def _signature_source(
    form_id: str,
    version: str | None,
    encrypted_key: str,
    instance_id: str,
    files: Sequence[tuple[str, bytes]],
) -> bytes:
    lines = [form_id, *([version] if version else []), encrypted_key, instance_id]
    lines += [f"{name}::{hashlib.md5(data).hexdigest()}" for name, data in files]
    return "".join(f"{line}\n" for line in lines).encode("utf-8")


def seal_submission(
    *,
    form_id: str,
    version: str | None,
    instance_id: str,
    submission_xml: bytes,
    media: Sequence[tuple[str, bytes]],
    public_key: rsa.RSAPublicKey,
    deprecated_id: str | None = None,
) -> SealedSubmission:
    """Encrypt one submission for the form's public key. ``media`` in the order they go in the
    manifest (each name a plain file name; the XML itself must not be among them).

    ``deprecated_id``: a correction's meta/deprecatedID, also written in the manifest's meta
    (Collect never edits an encrypted submission, so it never writes one; ODK Central and our
    server read it there to file the correction as a new version of the one it replaces)."""
    version = version or None
    key = os.urandom(KEY_BYTES)
    encrypted_key = base64.b64encode(public_key.encrypt(key, _OAEP)).decode("ascii")
    ivs = _IvSeries(instance_id, key)
    files = [*media, (SUBMISSION_NAME, submission_xml)]
    parts = [Part(name + ENCRYPTED_SUFFIX, _encrypt(key, ivs.next(), data)) for name, data in files]
    source = _signature_source(form_id, version, encrypted_key, instance_id, files)
    signature = public_key.encrypt(hashlib.md5(source).digest(), _OAEP)
    version_attr = f" version={quoteattr(version)}" if version else ""
    deprecated = (
        f"<orx:deprecatedID>{escape(deprecated_id)}</orx:deprecatedID>" if deprecated_id else ""
    )
    media_xml = "".join(f"<media><file>{escape(part.name)}</file></media>\n" for part in parts[:-1])
    manifest = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>"
        f"<data xmlns={quoteattr(MANIFEST_NS)} id={quoteattr(form_id)}{version_attr}"
        ' encrypted="yes">'
        f"<base64EncryptedKey>{encrypted_key}</base64EncryptedKey>"
        f'<orx:meta xmlns:orx="{OPENROSA_NS}">'
        f"<orx:instanceID>{escape(instance_id)}</orx:instanceID>{deprecated}</orx:meta>\n"
        f"{media_xml}"
        f"<encryptedXmlFile>{SUBMISSION_NAME}{ENCRYPTED_SUFFIX}</encryptedXmlFile>"
        "<base64EncryptedElementSignature>"
        f"{base64.b64encode(signature).decode('ascii')}"
        "</base64EncryptedElementSignature></data>"
    )
    del key  # the raw key is not kept anywhere once the files are sealed (as the spec says)
    return SealedSubmission(manifest.encode("utf-8"), parts)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def is_manifest(xml: bytes | str) -> bool:
    """True when the XML's root carries encrypted="yes" (an encrypted submission's manifest).
    A cheap look at the start of the text; read_manifest does the real check."""
    head = xml[:4096].decode("utf-8", "replace") if isinstance(xml, bytes) else xml[:4096]
    match = re.search(r"<(?![?!])[^>]*>", head)
    return bool(match and re.search(r"\sencrypted\s*=\s*[\"']yes[\"']", match.group(0)))


def read_manifest(xml: bytes | str) -> Manifest:
    """The manifest's fields (matched by local name, as ODK Central reads it). ValueError if it
    is not an encrypted submission's manifest."""
    try:
        root = SafeET.fromstring(xml, forbid_dtd=True)
    except Exception as error:  # noqa: BLE001 - hostile or broken input: one answer for all
        raise ValueError(f"The encrypted submission's manifest cannot be read: {error}") from None
    if root.get("encrypted") != "yes":
        raise ValueError('The submission is not an encrypted one (no encrypted="yes").')

    def text(name: str) -> str | None:
        for element in root:
            if _local(element.tag) == name:
                return (element.text or "").strip()
        return None

    instance_id = next(
        (
            (e.text or "").strip()
            for meta in root
            if _local(meta.tag) == "meta"
            for e in meta
            if _local(e.tag) == "instanceID"
        ),
        "",
    )
    media = [
        (f.text or "").strip()
        for m in root
        if _local(m.tag) == "media"
        for f in m
        if _local(f.tag) == "file"
    ]
    encrypted_key, xml_file = text("base64EncryptedKey"), text("encryptedXmlFile")
    if not root.get("id") or not encrypted_key or not xml_file or not instance_id:
        raise ValueError("The encrypted submission's manifest misses a required element.")
    if len(media) > MAX_MEDIA:
        raise ValueError("The encrypted submission's manifest lists too many files.")
    return Manifest(
        form_id=root.get("id", ""),
        version=root.get("version") or None,
        encrypted_key=encrypted_key,
        instance_id=instance_id,
        media=media,
        xml_file=xml_file,
        signature=text("base64EncryptedElementSignature"),
    )


def open_submission(
    manifest_xml: bytes | str, parts: Mapping[str, bytes], private_key: rsa.RSAPrivateKey
) -> OpenedSubmission:
    """Decrypt a sealed submission with the private key: the submission XML and its media
    (names without .enc). DecryptionError for a wrong key, a missing part or damaged bytes."""
    try:
        manifest = read_manifest(manifest_xml)
    except ValueError as error:
        raise DecryptionError(str(error)) from None
    try:
        key = private_key.decrypt(base64.b64decode(manifest.encrypted_key), _OAEP)
    except ValueError as error:
        raise DecryptionError("The submission's key does not open with this private key.") from (
            error
        )
    if len(key) != KEY_BYTES:
        raise DecryptionError("The submission's key is not an AES-256 key.")
    ivs = _IvSeries(manifest.instance_id, key)
    files: list[tuple[str, bytes]] = []
    for name in [*manifest.media, manifest.xml_file]:
        if name not in parts:
            raise DecryptionError(f"The encrypted file {name} of this submission is missing.")
        plain_name = name[: -len(ENCRYPTED_SUFFIX)] if name.endswith(ENCRYPTED_SUFFIX) else name
        files.append((plain_name, _decrypt(key, ivs.next(), parts[name], name)))
    signature_ok = False
    if manifest.signature:
        source = _signature_source(
            manifest.form_id,
            manifest.version,
            manifest.encrypted_key,
            manifest.instance_id,
            files,
        )
        try:
            signed = private_key.decrypt(base64.b64decode(manifest.signature), _OAEP)
            signature_ok = signed == hashlib.md5(source).digest()
        except ValueError:
            signature_ok = False
    return OpenedSubmission(xml=files[-1][1], media=files[:-1], signature_ok=signature_ok)
