"""Sync messages: every key renders in Spanish and English, and stored reasons survive as keys."""

from __future__ import annotations

import re

import pytest

from sync import messages
from sync.messages import CATALOGUE, SyncMessage, parse_stored, render_stored
from sync.urls import ServerAddress, ServerAddressError

SAMPLE = {
    "status": 500,
    "where": "http://10.0.0.2:8765",
    "error": "Boom",
    "form": "visita",
    "file": "mapa.png",
    "count": 3,
    "address": "10.0.0.2",
    "scheme": "ftp",
    "limit": 10,
    "version": "2026",
    "xform_form": "otra",
    "xform_version": "1",
    "fingerprint": "AB:CD",
}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_key_renders_in_both_languages(key: str) -> None:
    names = set(re.findall(r"{(\w+)}", CATALOGUE[key]["en"]))
    assert names == set(re.findall(r"{(\w+)}", CATALOGUE[key]["es"])), key
    message = SyncMessage(key, {n: SAMPLE[n] for n in names if n != "detail"}, "the detail")
    english, spanish = message.render("en"), message.render("es")
    assert english and spanish and (english != spanish or key == "text")
    assert "{" not in english.replace("{detail}", "") and "{" not in spanish
    assert "the detail" in english and "the detail" in spanish  # server words kept verbatim
    if key != "text":
        assert english.endswith("The server said: the detail")
        assert spanish.endswith("El servidor dijo: the detail")


def test_messages_name_the_button_that_exists() -> None:
    for key in ("not_configured", "not_enrolled", "unauthorized"):
        assert '"Server…" button' in SyncMessage(key).render("en")
        assert "«Servidor…»" in SyncMessage(key).render("es")
    assert all("Settings" not in t["en"] for t in CATALOGUE.values())


def test_stored_reason_renders_later_in_either_language() -> None:
    stored = messages.refused(409, "instanceID exists").to_json()
    assert parse_stored(stored) == SyncMessage("refused_409", {}, "instanceID exists")
    assert render_stored(stored, "en").startswith("The server already holds a different version")
    assert render_stored(stored, "Español (es)").startswith("El servidor ya tiene otra versión")
    assert "no se reintenta automáticamente" in render_stored(stored, "es_SV")
    assert render_stored(messages.server_trouble(503, "").to_json(), "es").startswith(
        "El servidor tuvo un problema (HTTP 503)"
    )


def test_old_plain_text_reasons_and_unknown_keys_still_show() -> None:
    assert render_stored("The server had a problem (HTTP 500).", "es") == (
        "The server had a problem (HTTP 500)."
    )
    assert render_stored("{not json", "en") == "{not json"
    assert render_stored('{"key": "from_a_newer_version", "params": {}}', "es")
    assert render_stored(None, "es") == "" and render_stored("", "en") == ""


def test_plural_and_exceptions_carry_messages() -> None:
    assert messages.sessions_refused(1).render("es") == (
        "El servidor rechazó 1 sesión; vea la lista de sesiones."
    )
    assert "2 sessions refused" in messages.sessions_refused(2).render("en")
    with pytest.raises(ServerAddressError) as caught:
        ServerAddress.parse("ftp://x.org")
    assert "no con ftp://" in messages.of(caught.value).render("es")
    assert str(caught.value) == caught.value.sync_message.render("en")
    assert messages.of(ValueError("raw")).render("es") == "raw"
