"""Every dashboard figure equals what a direct query of the data gives: SQL on the supervisor's
data file and the sessions' XML read with ElementTree, written here independently of
app/supervisor/dashboard.py, over sessions of the built-in focus-group guide sent through the
real server (an edited session counts once, as its newest version)."""

from __future__ import annotations

import sqlite3
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import date, timedelta

from app.supervisor.dashboard import figures
from tests.supervisor.conftest import PASSWORD, SUPERVISOR
from tests.supervisor.focus_groups import (
    FocusGroup,
    Person,
    mujeres_xform,
    publish_mujeres,
    send,
    session_xml,
)
from tests.sync.harness import CentralServer, Laptop

SMG = ("san_miguel", "san_miguel")
GROUPS = [
    FocusGroup(
        (*SMG, "smg_el_amate"),
        day="2026-11-30",
        people=[
            Person("P01", sex="mujer", age_band="18_24"),
            Person("P02", sex="mujer", age_band="30_44", group_type="familiares"),
            Person("P03", consent="no"),
        ],
    ),
    FocusGroup(
        (*SMG, "smg_el_amate"),
        day="2026-12-02",
        people=[Person("P01", sex="hombre", age_band="60_mas", group_type="retornados")],
    ),
    FocusGroup(
        (*SMG, "smg_el_brazo"),
        day="2026-12-08",
        people=[
            Person("P01"),
            Person("P02", sex="no_dice", age_band="15_17", guardian_consent="si"),
            # A minor without a guardian's permission: on the roster, never counted.
            Person("P03", sex="hombre", age_band="15_17", guardian_consent="no"),
        ],
    ),
    FocusGroup(
        (*SMG, "san_miguel_otra"),
        community_other="Lotificación Nueva",
        day="2026-12-09",
        people=[Person("P01", group_type="jovenes", age_band="15_17")],
    ),
]
NS = "{http://www.w3.org/2002/xforms}"


def direct(db_file, xform: str) -> dict[str, Counter]:
    """The figures straight from the data file: SQL for the rows, ElementTree for the XML."""
    conn = sqlite3.connect(db_file)
    rows = conn.execute(
        "SELECT instance_xml, submitted_at, review_state, instance_id FROM review_sessions"
        " WHERE is_current = 1"
    ).fetchall()
    queued = {r[0] for r in conn.execute("SELECT instance_id FROM review_outbox")}
    conn.close()
    out = {k: Counter() for k in ("community", "group", "sex", "age", "pgroup", "state", "week")}
    for xml, _submitted, state, instance_id in rows:
        root = ET.fromstring(xml)
        community = root.findtext("community")
        if community.endswith("_otra"):
            community = root.findtext("community_other")
        out["community"][community] += 1
        day = date.fromisoformat(root.findtext("session_date"))
        out["week"][(day - timedelta(days=day.weekday())).isoformat()] += 1
        out["state"]["queued" if instance_id in queued else state] += 1
        groups = set()
        for person in root.findall("participants"):
            if person.findtext("consent") != "si":
                continue
            if person.findtext("participation") != "participa":
                continue
            out["sex"][person.findtext("sex")] += 1
            out["age"][person.findtext("age_band")] += 1
            out["pgroup"][person.findtext("group_type")] += 1
            groups.add(person.findtext("group_type"))
        for group in groups:
            out["group"][group] += 1
    return out


def as_counter(rows) -> Counter:
    return Counter({key: n for key, _label, n in rows})


def test_dashboard_figures_equal_direct_queries(tmp_path, server: CentralServer, desk):
    publish_mujeres(server, tmp_path / "forms")
    laptop = Laptop.open(tmp_path / "laptop", server.url, timeout=10.0)
    laptop.client.enroll(server.enrollment_code("Laptop de Ana"))
    try:
        sent = send(laptop, GROUPS)
        desk.sign_in(server.url, SUPERVISOR, PASSWORD)
        desk.sync()
        # One session returned and corrected: only its newest version counts.
        desk.review(sent[0], "has_issues", "Falta una participante")
        desk.send_reviews()
        laptop.client.sync()
        fix_xml = session_xml(
            FocusGroup(
                (*SMG, "smg_el_amate"),
                day="2026-11-30",
                people=[Person("P01", age_band="18_24"), Person("P04", sex="hombre")],
            )
        )
        _correct(laptop, sent[0], fix_xml)
        desk.sync()
        desk.review(sent[1], "approved", None)  # queued, not sent: counts as "queued"
    finally:
        laptop.close()

    got = figures(desk.store, "es")
    want = direct(desk.store.path, mujeres_xform())
    assert got.sessions == 4 == sum(want["community"].values())
    assert as_counter(got.by_community) == want["community"]
    assert as_counter(got.by_group) == want["group"]
    assert as_counter(got.participants_by_sex) == want["sex"]
    assert as_counter(got.participants_by_age) == want["age"]
    assert as_counter(got.participants_by_group) == want["pgroup"]
    assert as_counter(got.review_states) == want["state"]
    assert as_counter(got.per_week) == want["week"]
    # Spot checks that the fixture says what we think it says.
    assert want["community"]["smg_el_amate"] == 2 and want["state"]["queued"] == 1
    assert want["sex"]["hombre"] == 2 and want["state"]["edited"] == 1
    assert want["age"]["15_17"] == 2  # P02 of El Brazo and P01 of the other community
    labels = {key: label for key, label, _n in got.by_community}
    assert labels["smg_el_amate"] == "Cantón El Amate"
    assert labels["Lotificación Nueva"] == "Lotificación Nueva"
    assert {k: lbl for k, lbl, _ in figures(desk.store, "en").participants_by_sex}["mujer"] == (
        "Woman"
    )
    # Communities of the choice list with no session: every listed one but the two visited.
    listed = _listed_communities(mujeres_xform())
    assert {v for v, _label in got.without_session} == listed - {"smg_el_amate", "smg_el_brazo"}


def _listed_communities(xform: str) -> set[str]:
    root = ET.fromstring(xform)
    for instance in root.iter(f"{NS}instance"):
        if instance.get("id") == "community":
            names = {item.findtext(f"{NS}name") for item in instance.iter(f"{NS}item")}
            return {n for n in names if not n.endswith("_otra")}
    raise AssertionError("no community list")


def _correct(laptop: Laptop, returned: str, xml: str) -> None:
    """The facilitator's correction: a new instanceID with meta/deprecatedID = the returned."""
    from app.engine import load_form

    session = load_form(mujeres_xform()).open_session(xml)
    session.renew_instance_id()
    import re

    fixed = re.sub(
        r"<deprecatedID>[^<]*</deprecatedID>",
        f"<deprecatedID>{returned}</deprecatedID>",
        session.to_xml(),
    )
    assert f"<deprecatedID>{returned}</deprecatedID>" in fixed
    form = load_form(mujeres_xform())
    laptop.store.submissions.create(
        session.instance_id, form.form_id, form.version, fixed, deprecated_id=returned
    )
    laptop.store.submissions.finalize(session.instance_id, fixed)
    assert laptop.client.sync().sent == [session.instance_id]
