"""app.odk_encryption against the spec: an independent decryptor (spec_decryptor.py) reads what
we seal byte for byte; wrong keys fail; the manifest has Collect's shape; the signature holds."""

from __future__ import annotations

import base64
import hashlib
import os
import xml.etree.ElementTree as ET

import pytest

from app.odk_encryption import (
    MANIFEST_NS,
    OPENROSA_NS,
    DecryptionError,
    load_private_key,
    open_submission,
    public_key_from_form,
    read_manifest,
    seal_submission,
)
from tests.encryption import spec_decryptor
from tests.encryption.keys import PASSPHRASE, PRIVATE_PEM, PUBLIC_BASE64, other_private_key
from tests.encryption.keys import private_key as the_private_key

INSTANCE = "uuid:5b9cf8d1-106f-4004-844f-c072d76762ed"
XML = (
    '<data id="entrevista_cifrada" version="2026120701"><nombre>Lucía Pérez</nombre>'
    "<relato>Nos detuvieron en la frontera</relato><foto>foto-1.jpg</foto>"
    f"<meta><instanceID>{INSTANCE}</instanceID></meta></data>"
).encode()
PHOTO = os.urandom(70_001)  # not a multiple of 16: padding is exercised
AUDIO = b"0123456789abcdef" * 3  # exactly three blocks: a whole block of padding


def seal(media=(("foto-1.jpg", PHOTO), ("audio-2.m4a", AUDIO)), version="2026120701"):
    return seal_submission(
        form_id="entrevista_cifrada",
        version=version,
        instance_id=INSTANCE,
        submission_xml=XML,
        media=list(media),
        public_key=public_key_from_form(PUBLIC_BASE64),
    )


def test_independent_decryptor_reads_byte_identical_xml_and_media():
    sealed = seal()
    parts = {p.name: p.data for p in sealed.parts}
    independent = spec_decryptor.decrypt(sealed.manifest, parts, the_private_key())
    ours = open_submission(sealed.manifest, parts, the_private_key())
    assert independent["xml"] == ours.xml == XML
    assert independent["media"] == dict(ours.media) == {"foto-1.jpg": PHOTO, "audio-2.m4a": AUDIO}
    assert independent["signature_ok"] and ours.signature_ok


def test_every_file_has_its_own_iv_and_the_parts_hide_the_answers():
    sealed = seal(media=[("a.txt", XML), ("b.txt", XML)])
    datas = [p.data for p in sealed.parts]
    # Same plaintext three times, three different ciphertexts (the IV moves on per file).
    assert len({d[:16] for d in datas}) == 3
    for data in [sealed.manifest, *datas]:
        assert b"Per" not in data and "Pérez".encode() not in data and b"frontera" not in data
    assert [p.name for p in sealed.parts] == ["a.txt.enc", "b.txt.enc", "submission.xml.enc"]
    # PKCS#7 over 16-byte blocks: ciphertext is the next multiple of 16 above the plaintext.
    assert len(datas[-1]) == (len(XML) // 16 + 1) * 16


def test_two_seals_of_one_submission_use_different_keys():
    one, two = seal(), seal()
    assert read_manifest(one.manifest).encrypted_key != read_manifest(two.manifest).encrypted_key
    assert one.parts[-1].data != two.parts[-1].data


def test_manifest_has_collects_shape():
    sealed = seal()
    assert sealed.manifest.startswith(b"<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>")
    root = ET.fromstring(sealed.manifest)
    assert root.tag == f"{{{MANIFEST_NS}}}data"
    assert root.attrib == {"id": "entrevista_cifrada", "version": "2026120701", "encrypted": "yes"}
    children = [child.tag for child in root]
    assert children == [
        f"{{{MANIFEST_NS}}}base64EncryptedKey",
        f"{{{OPENROSA_NS}}}meta",
        f"{{{MANIFEST_NS}}}media",
        f"{{{MANIFEST_NS}}}media",
        f"{{{MANIFEST_NS}}}encryptedXmlFile",
        f"{{{MANIFEST_NS}}}base64EncryptedElementSignature",
    ]
    assert root.find(f"{{{OPENROSA_NS}}}meta/{{{OPENROSA_NS}}}instanceID").text == INSTANCE
    files = [e.text for e in root.iter(f"{{{MANIFEST_NS}}}file")]
    assert files == ["foto-1.jpg.enc", "audio-2.m4a.enc"]
    assert root.find(f"{{{MANIFEST_NS}}}encryptedXmlFile").text == "submission.xml.enc"
    # A 2048-bit RSA block, base64: 344 characters.
    assert len(root.find(f"{{{MANIFEST_NS}}}base64EncryptedKey").text) == 344


def test_signature_is_the_rsa_wrapped_md5_of_the_spec_string():
    sealed = seal()
    manifest = read_manifest(sealed.manifest)
    source = (
        f"entrevista_cifrada\n2026120701\n{manifest.encrypted_key}\n{INSTANCE}\n"
        f"foto-1.jpg::{hashlib.md5(PHOTO).hexdigest()}\n"
        f"audio-2.m4a::{hashlib.md5(AUDIO).hexdigest()}\n"
        f"submission.xml::{hashlib.md5(XML).hexdigest()}\n"
    )
    signed = spec_decryptor.rsa_oaep_sha256_decrypt(
        the_private_key(), base64.b64decode(manifest.signature)
    )
    assert signed == hashlib.md5(source.encode()).digest()


def test_no_version_leaves_the_attribute_and_its_line_out():
    sealed = seal(media=[], version="")
    assert "version" not in ET.fromstring(sealed.manifest).attrib
    parts = {p.name: p.data for p in sealed.parts}
    assert spec_decryptor.decrypt(sealed.manifest, parts, the_private_key())["signature_ok"]


def test_wrong_private_key_fails_and_tampering_is_seen():
    sealed = seal()
    parts = {p.name: p.data for p in sealed.parts}
    with pytest.raises(DecryptionError):
        open_submission(sealed.manifest, parts, other_private_key())
    tampered = dict(parts)
    photo = bytearray(parts["foto-1.jpg.enc"])
    photo[100] ^= 0xFF
    tampered["foto-1.jpg.enc"] = bytes(photo)
    opened = open_submission(sealed.manifest, tampered, the_private_key())
    assert not opened.signature_ok and opened.xml == XML
    missing = {k: v for k, v in parts.items() if k != "audio-2.m4a.enc"}
    with pytest.raises(DecryptionError, match="missing"):
        open_submission(sealed.manifest, missing, the_private_key())


def test_private_key_needs_its_passphrase():
    assert load_private_key(PRIVATE_PEM, PASSPHRASE).key_size == 2048
    with pytest.raises(DecryptionError) as error:
        load_private_key(PRIVATE_PEM, "no-es-esta")
    assert "no-es-esta" not in str(error.value)
    with pytest.raises(DecryptionError):
        load_private_key(b"-----BEGIN NOTHING-----", PASSPHRASE)


def test_unreadable_public_key_is_refused():
    with pytest.raises(ValueError, match="public key"):
        public_key_from_form("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A")


def test_more_than_sixteen_files_wrap_the_iv_index_as_the_spec_says():
    media = [(f"foto-{n}.jpg", os.urandom(n * 5 + 1)) for n in range(18)]
    sealed = seal(media=media)
    parts = {p.name: p.data for p in sealed.parts}
    independent = spec_decryptor.decrypt(sealed.manifest, parts, the_private_key())
    assert independent["media"] == dict(media) and independent["xml"] == XML
    assert independent["signature_ok"]
