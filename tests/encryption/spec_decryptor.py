"""An independent decryptor of ODK encrypted submissions, written from the ODK XForms
"Encryption" specification's text only (it does not import app.odk_encryption): RSA with the
raw private exponent and OAEP/MGF1-SHA256 unpadding by hand, AES-CFB built from the AES block
function, PKCS#7 unpadding, the IV series and the signature as the spec lists them."""

from __future__ import annotations

import base64
import hashlib
import xml.etree.ElementTree as ET

from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


def _mgf1_sha256(seed: bytes, length: int) -> bytes:
    out = b""
    counter = 0
    while len(out) < length:
        out += hashlib.sha256(seed + counter.to_bytes(4, "big")).digest()
        counter += 1
    return out[:length]


def rsa_oaep_sha256_decrypt(key: rsa.RSAPrivateKey, data: bytes) -> bytes:
    numbers = key.private_numbers()
    n, d = numbers.public_numbers.n, numbers.d
    k = (n.bit_length() + 7) // 8
    em = pow(int.from_bytes(data, "big"), d, n).to_bytes(k, "big")
    h = 32
    assert em[0] == 0, "OAEP: first byte not zero"
    masked_seed, masked_db = em[1 : 1 + h], em[1 + h :]
    seed = bytes(a ^ b for a, b in zip(masked_seed, _mgf1_sha256(masked_db, h), strict=True))
    db = bytes(a ^ b for a, b in zip(masked_db, _mgf1_sha256(seed, k - h - 1), strict=True))
    assert db[:h] == hashlib.sha256(b"").digest(), "OAEP: label hash differs (wrong key?)"
    rest = db[h:].lstrip(b"\x00")
    assert rest[:1] == b"\x01", "OAEP: no 0x01 separator"
    return rest[1:]


def aes_cfb128_decrypt(key: bytes, iv: bytes, data: bytes) -> bytes:
    block = Cipher(algorithms.AES(key), modes.ECB()).encryptor()
    out = bytearray()
    previous = iv
    for start in range(0, len(data), 16):
        chunk = data[start : start + 16]
        stream = block.update(previous)
        out += bytes(a ^ b for a, b in zip(chunk, stream, strict=False))
        previous = chunk
    return bytes(out)


def unpad_pkcs7(data: bytes) -> bytes:
    pad = data[-1]
    assert 1 <= pad <= 16 and data[-pad:] == bytes([pad]) * pad, "bad PKCS#7 padding"
    return data[:-pad]


def decrypt(manifest: bytes, files: dict[str, bytes], key: rsa.RSAPrivateKey) -> dict:
    """{'xml': bytes, 'media': {plain name: bytes}, 'signature_ok': bool}."""
    root = ET.fromstring(manifest)

    def find(name: str) -> ET.Element:
        return next(e for e in root.iter() if e.tag.rsplit("}", 1)[-1] == name)

    encrypted_key = find("base64EncryptedKey").text or ""
    instance_id = find("instanceID").text or ""
    media = [e.text or "" for e in root.iter() if e.tag.rsplit("}", 1)[-1] == "file"]
    xml_file = find("encryptedXmlFile").text or ""
    aes_key = rsa_oaep_sha256_decrypt(key, base64.b64decode(encrypted_key))
    seed = bytearray(hashlib.md5(instance_id.encode() + aes_key).digest())
    plain: list[tuple[str, bytes]] = []
    for counter, name in enumerate([*media, xml_file]):
        seed[counter % 16] = (seed[counter % 16] + 1) % 256
        data = unpad_pkcs7(aes_cfb128_decrypt(aes_key, bytes(seed), files[name]))
        plain.append((name.removesuffix(".enc"), data))
    lines = [root.get("id") or ""]
    if root.get("version"):
        lines.append(root.get("version") or "")
    lines += [encrypted_key, instance_id]
    lines += [f"{name}::{hashlib.md5(data).hexdigest()}" for name, data in plain]
    digest = hashlib.md5(("\n".join(lines) + "\n").encode()).digest()
    signature = find("base64EncryptedElementSignature").text or ""
    signed = rsa_oaep_sha256_decrypt(key, base64.b64decode(signature))
    return {"xml": plain[-1][1], "media": dict(plain[:-1]), "signature_ok": signed == digest}
