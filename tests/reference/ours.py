"""The same scripts over our engine (app.engine Session), in the shape javarosa.Outcome has."""

from __future__ import annotations

from pathlib import Path

from app.engine import Form, load_form
from app.engine.instance import Node
from app.engine.session import Session
from tests.reference.javarosa import NodeState, Outcome, unescape

# The device properties the Java driver's property manager answers (ReferenceDriver.Properties).
PROPERTIES = {
    "deviceid": "reference-device",
    "username": "reference-user",
    "email": "reference@example.org",
    "phonenumber": "",
}


def load(xform: Path, media_dir: Path) -> Form:
    return load_form(xform.read_text(encoding="utf-8"), media_dir=media_dir)


def new_session(form: Form, last_saved: Path | None = None) -> Session:
    if last_saved is None:
        return form.new_session(properties=PROPERTIES)
    return form.new_session(properties=PROPERTIES, last_saved=last_saved.read_text("utf-8"))


def apply(session: Session, script: str) -> dict[str, str]:
    """Run the script's steps; a refused step is recorded by its line number, as the driver does."""
    errors: dict[str, str] = {}
    for number, line in enumerate(script.splitlines(), start=1):
        if not line:
            continue
        parts = line.split("\t")
        try:
            if parts[0] == "set":
                session.set(parts[1], unescape(parts[2]))
            elif parts[0] == "add":
                session.add_repeat(parts[1])
            elif parts[0] == "fix":  # the device's position comes (odk:setgeopoint)
                session.receive_position(unescape(parts[1]))
            else:
                raise ValueError(f"unknown step {parts[0]}")
        except Exception as exc:  # noqa: BLE001 - every refusal is a finding to compare
            errors[str(number)] = f"{type(exc).__name__}: {exc}"
    return errors


def run(form: Form, script: str, last_saved: Path | None = None) -> Outcome:
    outcome = Outcome()
    session = new_session(form, last_saved)
    outcome.errors = apply(session, script)
    _dump(session, session.root, outcome)
    session.stamp_end()  # the submission as finalised (to_xml itself is a pure read)
    outcome.xml = session.to_xml()
    return outcome


def _dump(session: Session, node: Node, outcome: Outcome) -> None:
    ref = session.ref(node)
    relevant = session.is_relevant(node)
    leaf = not node.children
    value = (node.text if relevant else session.stored_value(node)) if leaf else ""
    outcome.nodes[ref] = NodeState(
        relevant,
        session._required.get(node, False),
        session._valid.get(node, True),
        value,
    )
    for name, text in node.attrs.items():
        if name.startswith("xmlns"):
            continue
        outcome.nodes[f"{ref}/@{name}"] = NodeState(relevant, False, True, text)
    for child in node.children:
        _dump(session, child, outcome)
