"""Sessions of the built-in focus-group guide (grupo_focal_mujeres) filled through the engine,
sent by a real laptop to the real server: what the supervisor's cache and dashboard read."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from app.config import resource_path
from app.engine import load_form
from sync.server.forms import publish_form
from tests.sync.harness import PROJECT, CentralServer, Laptop

FORM_FILE = "grupo_focal_mujeres.md"


@lru_cache(maxsize=1)
def mujeres_xform() -> str:
    from app.xlsform import xlsform_to_xform

    return xlsform_to_xform(Path(resource_path("forms")) / FORM_FILE)


@dataclass
class Person:
    code: str
    consent: str = "si"
    sex: str = "mujer"
    age_band: str = "30_44"
    group_type: str = "mujeres"
    guardian_consent: str = ""  # asked of a 15-17 year old: "no" means not taking part


@dataclass
class FocusGroup:
    community: tuple[str, str, str]  # department, municipality, community (choice values)
    day: str = "2026-11-30"
    facilitator: str = "Ana Martínez"
    people: list[Person] = field(default_factory=list)
    notes: str = "Se habló de la iluminación del parque."
    quote: str = "De noche no salimos."
    themes: str = "inseguridad espacios_seguros"
    community_other: str = ""


def session_xml(group: FocusGroup) -> str:
    """A finalised instance of the guide (the engine sets every answer, so it is valid XML of
    this form; required answers not needed here are left out)."""
    form = load_form(mujeres_xform())
    session = form.new_session("Español (es)")
    department, municipality, community = group.community
    session.set("/data/department", department)
    session.set("/data/municipality", municipality)
    session.set("/data/community", community)
    if group.community_other:
        session.set("/data/community_other", group.community_other)
    session.set("/data/session_date", group.day)
    session.set("/data/venue", "Casa comunal")
    session.set("/data/facilitator", group.facilitator)
    session.set("/data/note_taker", "Berta")
    for number, person in enumerate(group.people, 1):
        if number > 1:
            session.add_repeat("/data/participants")
        ref = f"/data/participants[{number}]"
        session.set(f"{ref}/participant_code", person.code)
        session.set(f"{ref}/consent", person.consent)
        if person.consent == "si":
            session.set(f"{ref}/sex", person.sex)
            session.set(f"{ref}/age_band", person.age_band)
            session.set(f"{ref}/group_type", person.group_type)
            if person.guardian_consent:
                session.set(f"{ref}/guardian_consent", person.guardian_consent)
    session.set("/data/espacios/espacios_discussion", group.notes)
    session.set("/data/espacios/espacios_quotes[1]/quote_text", group.quote)
    if group.people:
        session.set("/data/espacios/espacios_quotes[1]/quote_participant", group.people[0].code)
    session.set("/data/espacios/espacios_themes", group.themes)
    return session.to_xml()


def publish_mujeres(server: CentralServer, folder: Path) -> tuple[str, str]:
    """Publish the guide into the test project; returns (form id, version)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "mujeres.xml"
    path.write_text(mujeres_xform(), encoding="utf-8")
    published = publish_form(server.db, PROJECT, path, [])
    return str(published["form_id"]), str(published["version"])


def send(laptop: Laptop, groups: list[FocusGroup]) -> list[str]:
    """Finalise these sessions on the laptop and send them; returns their instanceIDs."""
    form = load_form(mujeres_xform())
    laptop.store.forms.add(form.form_id, form.version, form.title, mujeres_xform())
    sent = []
    for group in groups:
        xml = session_xml(group)
        instance_id = load_form(mujeres_xform()).open_session(xml).instance_id
        laptop.store.submissions.create(instance_id, form.form_id, form.version, xml)
        laptop.store.submissions.finalize(instance_id, xml)
        sent.append(instance_id)
    report = laptop.client.sync()
    assert sorted(report.sent) == sorted(sent), report
    return sent


def new_id() -> str:
    return f"uuid:{uuid.uuid4()}"
