"""Issue 7 item 4 (engine part): a form nesting groups thousands deep is a form error, not a
RecursionError, wherever a form is read: import (XLSForm, XForm), pull and session start (both
load through load_form), and answers restored from the store."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.engine import FormError, load_form
from app.engine.xmlread import MAX_NESTING


def deep_markdown(depth: int) -> str:
    rows = ["| survey |", "| | type | name | label |"]
    rows += [f"| | begin group | g{i} | G{i} |" for i in range(depth)]
    rows.append("| | text | q | Q |")
    rows += ["| | end group | | |"] * depth
    rows += ["| settings |", "| | form_id | version |", "| | deep | 1 |"]
    return "\n".join(rows) + "\n"


def deep_xform(depth: int) -> str:
    paths = ["/data" + "".join(f"/g{j}" for j in range(i + 1)) for i in range(depth)]
    instance = "".join(f"<g{i}>" for i in range(depth)) + "<q/>"
    instance += "".join(f"</g{i}>" for i in reversed(range(depth)))
    body = "".join(f'<group ref="{p}"><label>G</label>' for p in paths)
    leaf = f"{paths[-1]}/q"
    body += f'<input ref="{leaf}"><label>Q</label></input>' + "</group>" * depth
    return f"""<?xml version="1.0"?>
<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml">
<h:head><h:title>deep</h:title><model>
<instance><data id="deep" version="1">{instance}</data></instance>
<bind nodeset="{leaf}" type="string"/>
</model></h:head><h:body>{body}</h:body></h:html>"""


def test_a_3000_deep_xform_is_a_form_error_as_text_and_as_a_file(tmp_path: Path) -> None:
    xml = deep_xform(3000)
    with pytest.raises(FormError, match="levels deep.*flatten the form's groups"):
        load_form(xml)
    file = tmp_path / "deep.xml"
    file.write_text(xml, encoding="utf-8")
    with pytest.raises(FormError, match=f"up to {MAX_NESTING} groups"):
        load_form(file)


def test_a_3000_deep_xlsform_is_a_form_error_naming_the_row(tmp_path: Path) -> None:
    file = tmp_path / "deep.md"
    file.write_text(deep_markdown(3000), encoding="utf-8")
    with pytest.raises(FormError) as caught:
        load_form(file)
    message = str(caught.value)
    assert f"row {MAX_NESTING + 2}" in message and "groups" in message
    assert "Recursion" not in message


def test_saved_answers_nested_3000_deep_are_refused_too() -> None:
    form = load_form(deep_xform(3))
    with pytest.raises(FormError, match="levels deep"):
        form.open_session(deep_xform(3000).split("<instance>")[1].split("</instance>")[0])


def test_the_deepest_form_accepted_works_everywhere(tmp_path: Path) -> None:
    # The limit is below every recursive walk's limit: at MAX_NESTING all of them still work.
    for form in (load_form(deep_xform(MAX_NESTING)), _from_markdown(tmp_path, MAX_NESTING)):
        leaf = next(p.ref for p in form.new_session().prompts() if p.ref.endswith("/q"))
        session = form.new_session()
        session.set(leaf, "hola")
        reopened = form.open_session(session.to_xml())
        assert reopened.value(leaf) == "hola"
        assert reopened.validate() == []


def _from_markdown(tmp_path: Path, depth: int):
    file = tmp_path / f"deep{depth}.md"
    file.write_text(deep_markdown(depth), encoding="utf-8")
    return load_form(file)
