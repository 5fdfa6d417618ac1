"""An XLSForm whose settings carry public_key: pyxform puts it on <submission>, the engine loads
the form and keeps the key, `form check` says it is encrypted."""

from __future__ import annotations

import subprocess
import sys

from app.engine import load_form
from app.odk_encryption import public_key_from_form
from app.xlsform import xlsform_to_xform
from tests.encryption.keys import FORM, PUBLIC_BASE64, private_key


def test_public_key_goes_through_pyxform_and_loads():
    xml = xlsform_to_xform(FORM)
    assert f'base64RsaPublicKey="{PUBLIC_BASE64}"' in xml
    form = load_form(FORM)
    assert form.form_id == "entrevista_cifrada" and form.version == "2026120701"
    assert form.definition.public_key == PUBLIC_BASE64
    key = public_key_from_form(form.definition.public_key)
    assert key.public_numbers() == private_key().public_key().public_numbers()
    session = form.new_session()
    assert session.prompts()  # it can be filled in like any other form


def test_plain_form_has_no_key():
    plain = FORM.parents[3] / "forms" / "evaluacion_necesidades.md"
    assert load_form(plain).definition.public_key is None


def test_form_check_says_encrypted():
    done = subprocess.run(
        [sys.executable, "main.py", "form", "check", str(FORM)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Encrypted:    yes" in done.stdout


def test_unreadable_key_is_refused_at_load(tmp_path):
    broken = tmp_path / "roto.md"
    broken.write_text(
        FORM.read_text(encoding="utf-8").replace(PUBLIC_BASE64, PUBLIC_BASE64[:60]),
        encoding="utf-8",
    )
    try:
        load_form(broken)
    except ValueError as error:
        assert "public key" in str(error)
    else:
        raise AssertionError("a truncated public key was accepted")
