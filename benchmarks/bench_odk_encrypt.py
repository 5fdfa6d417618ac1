"""Finalize cost of an ODK-encrypted submission against a plain one.

    .venv/bin/python benchmarks/bench_odk_encrypt.py [--sessions 30] [--photo-kb 500]

Setup: a fresh plain data folder with two copies of one interview form (four questions, a
photo): one whose settings carry a public_key (a 2048-bit RSA key made here), one without.
Each run fills a session of each (the same answers, one photo of --photo-kb random bytes) and
times ActiveSession.finalize() alone, alternating plain and encrypted so both see the same
machine noise.

Measured (milliseconds, median and p95 over --sessions runs of each kind):
  plain      finalize: validate, stamp end, one SQLite transaction (status, outbox)
  encrypted  the same plus sealing (random AES-256 key wrapped with RSA-OAEP, AES-CFB of the
             XML and the photo, manifest and signature) and writing the sealed parts
  seal only  app.odk_encryption.seal_submission on the same XML and photo, outside the store
"""

from __future__ import annotations

import argparse
import base64
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cryptography.hazmat.primitives import serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import rsa  # noqa: E402

from app.config import load_config  # noqa: E402
from app.odk_encryption import public_key_from_form, seal_submission  # noqa: E402
from app.workspace import Workspace  # noqa: E402

TEMPLATE = ROOT / "tests" / "fixtures" / "odk_encrypted" / "encuesta_cifrada.md"
STORY = "Nos detuvieron en la frontera y pasamos tres días sin comida ni agua. " * 20


def forms(folder: Path) -> str:
    """Writes the encrypted and the plain form into folder; returns the public key (base64)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    der = key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    public = base64.b64encode(der).decode("ascii")
    text = TEMPLATE.read_text(encoding="utf-8")
    old_key = text.rsplit("|", 2)[-2].strip()
    (folder / "cifrada.md").write_text(text.replace(old_key, public), encoding="utf-8")
    plain = text.replace("| public_key |", "|").replace(f" {old_key} |", "")
    plain = plain.replace("entrevista_cifrada", "entrevista_plana")
    (folder / "plana.md").write_text(plain, encoding="utf-8")
    return public


def finalize_one(ws: Workspace, form_id: str, profile_id: str, photo: Path) -> float:
    active = ws.start_session(form_id, facilitator=profile_id)
    active.answer("/data/nombre", "Lucía Pérez")
    active.answer("/data/relato", STORY)
    active.answer("/data/retorno", "no")
    active.attach("/data/foto", photo)
    start = time.perf_counter()
    assert active.finalize() == []
    return (time.perf_counter() - start) * 1000


def summary(label: str, times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"{label:<22} median {statistics.median(times):7.2f} ms   p95 {p95:7.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--photo-kb", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-odk-") as tmp:
        folder = Path(tmp)
        (folder / "forms").mkdir()
        public = forms(folder / "forms")
        ws = Workspace.open(load_config(folder / "data"), forms_folder=folder / "forms")
        profile = ws.create_profile("Ana Martínez")
        ws.choose_profile(profile.id)
        photo = folder / "foto.jpg"
        data = os.urandom(args.photo_kb * 1024)
        photo.write_bytes(data)
        plain: list[float] = []
        sealed: list[float] = []
        for _ in range(args.sessions):
            plain.append(finalize_one(ws, "entrevista_plana", profile.id, photo))
            sealed.append(finalize_one(ws, "entrevista_cifrada", profile.id, photo))
        key = public_key_from_form(public)
        xml = ("<data>" + STORY + "</data>").encode()
        seal_only = []
        for _ in range(args.sessions):
            start = time.perf_counter()
            seal_submission(
                form_id="f",
                version="1",
                instance_id="uuid:x",
                submission_xml=xml,
                media=[("foto.jpg", data)],
                public_key=key,
            )
            seal_only.append((time.perf_counter() - start) * 1000)
        ws.close()
    print(f"finalize, {args.sessions} sessions of each, photo {args.photo_kb} KiB:")
    print(summary("plain finalize", plain))
    print(summary("encrypted finalize", sealed))
    print(summary("seal only", seal_only))
    ratio = statistics.median(sealed) / statistics.median(plain)
    print(f"encrypted / plain median: {ratio:.2f}x")


if __name__ == "__main__":
    main()
