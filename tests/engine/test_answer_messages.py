"""A refused answer names the question as the facilitator sees it, in the session language."""

from __future__ import annotations

import pytest

FORM = """
| survey |
|        | type | name | label::Español (es) | label::English (en) | hint::Español (es) |
|        | date | session_date | Fecha de la sesión | Session date |  |
|        | integer | people | ¿Cuántas personas vinieron? | How many people came? |  |
|        | decimal | note_free |  |  | Solo el número |
|        | text | venue | Lugar de ${people} personas | Venue for ${people} |  |
|        | begin repeat | kids | Niños | Children |  |
|        | integer | age | Edad del niño o niña | Child's age |  |
|        | end repeat |  |  |  |  |
| settings |
|          | form_id | version | default_language |
|          | labels  | 1       | Español (es)     |
"""


def test_type_errors_name_the_label_in_the_session_language(make_form) -> None:
    session = make_form(FORM).new_session()
    with pytest.raises(ValueError) as caught:
        session.set("/data/session_date", "2026-13-40")
    message = str(caught.value)
    assert message == "La respuesta a «Fecha de la sesión» debe ser una fecha (AAAA-MM-DD)."
    assert "session_date" not in message
    with pytest.raises(ValueError, match="«¿Cuántas personas vinieron\\?» debe ser un número"):
        session.set("/data/people", "abc")
    session.language = "English (en)"
    with pytest.raises(ValueError) as caught:
        session.set("/data/people", "abc")
    assert str(caught.value) == (
        "The answer to “How many people came?” must be a whole number, not 'abc'."
    )
    with pytest.raises(ValueError, match="“Session date” must be a date"):
        session.set("/data/session_date", "yesterday")
    with pytest.raises(ValueError, match="“Child's age” must be a whole number"):
        session.set("/data/kids[1]/age", "ten")


def test_without_a_label_the_name_is_used_and_long_labels_are_shortened(make_form) -> None:
    session = make_form(FORM).new_session()
    with pytest.raises(ValueError, match="«note_free» debe ser un número"):
        session.set("/data/note_free", "x")
    node = session.node("/data/venue")
    session.set("/data/people", "12")
    assert session.question_label(node) == "Lugar de 12 personas"  # outputs filled in
    assert session.question_label(node, limit=10) == "Lugar de…"
