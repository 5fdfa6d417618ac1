"""The supervisor's export from the cache writes the same file as the server's export of the same
sessions: sessions of the built-in focus-group guide sent through the real server, one returned
and corrected (an edit), one approved, pulled into the cache and exported."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from app.export import ExportCancelled, ExportOptions, export_to_file
from app.supervisor.desk import FormNotCached, SupervisorDesk
from sync.server.export_source import DatabaseSubmissions, find_export_form
from tests.supervisor.conftest import PASSWORD, SUPERVISOR
from tests.supervisor.focus_groups import FocusGroup, Person, publish_mujeres, send, session_xml
from tests.supervisor.test_dashboard import _correct
from tests.sync.harness import CentralServer, Laptop

SMG = ("san_miguel", "san_miguel")
GROUPS = [
    FocusGroup((*SMG, "smg_el_amate"), people=[Person("P01"), Person("P02")]),
    FocusGroup((*SMG, "smg_el_brazo"), people=[Person("P01", sex="hombre")]),
    FocusGroup((*SMG, "smg_el_brazo"), day="2026-12-02", people=[Person("P01")]),
]


def pulled_sessions(server: CentralServer, laptop: Laptop, desk: SupervisorDesk, folder: Path):
    """Three sessions sent and pulled; the first returned and corrected, the second approved.
    Returns (form id, the sessions' keys, the correction's instanceID)."""
    form_id, _version = publish_mujeres(server, folder)
    sent = send(laptop, GROUPS)
    desk.sign_in(server.url, SUPERVISOR, PASSWORD)
    desk.sync()
    desk.review(sent[0], "has_issues", "Falta una participante")
    desk.send_reviews()
    laptop.client.sync()
    fixed = FocusGroup((*SMG, "smg_el_amate"), people=[Person("P01"), Person("P03")])
    _correct(laptop, sent[0], session_xml(fixed))
    desk.sync()
    desk.review(sent[1], "approved", None)
    desk.sync()  # the approval goes out, and comes back as the server's state
    correction = next(
        r.instance_id for r in desk.versions(sent[0]) if r.is_current and r.deprecated_id
    )
    return form_id, sent, correction


def csv_tables(path: Path) -> dict[str, list[dict[str, str]]]:
    with zipfile.ZipFile(path) as archive:
        return {
            name: list(csv.DictReader(io.TextIOWrapper(archive.open(name), encoding="utf-8-sig")))
            for name in archive.namelist()
        }


def test_cache_export_matches_the_servers(
    server: CentralServer, laptop: Laptop, desk: SupervisorDesk, tmp_path: Path
) -> None:
    form_id, sent, correction = pulled_sessions(server, laptop, desk, tmp_path / "publish")
    assert desk.export_forms() == [(form_id, "Grupo focal con mujeres")]

    ours = tmp_path / "desk.csv.zip"
    summary = desk.export(form_id, ours, ExportOptions(format="csv"))
    assert summary.submissions == 3
    tables = csv_tables(ours)
    main = {row["KEY"]: row for row in tables[f"{form_id}.csv"]}
    assert set(main) == set(sent)  # the corrected session keeps its first instanceID
    edited = main[sent[0]]
    assert edited["meta-instanceID"] == correction and edited["Edits"] == "1"
    assert edited["ReviewState"] == "edited"
    assert main[sent[1]]["ReviewState"] == "approved" and main[sent[1]]["Edits"] == "0"
    assert main[sent[2]]["ReviewState"] == "" and main[sent[2]]["session_date"] == "2026-12-02"
    assert {row["SubmitterName"] for row in main.values()} == {"Laptop de Ana"}
    people = tables[f"{form_id}-participants.csv"]
    codes = sorted(r["participant_code"] for r in people if r["PARENT_KEY"] == sent[0])
    assert codes == ["P01", "P03"]  # the correction's roster, under the first key
    assert {r["PARENT_KEY"] for r in people} == set(sent)

    # The server's own export of the same sessions: the same tables, row for row.
    project = desk.get(sent[1]).project_id
    form = find_export_form(server.db, project, form_id)
    theirs = tmp_path / "server.csv.zip"
    export_to_file(
        theirs, form.xml, DatabaseSubmissions(server.db, project, form_id), ExportOptions()
    )
    server_tables = csv_tables(theirs)
    assert server_tables.keys() == tables.keys()
    for name, rows in tables.items():
        assert sorted(rows, key=lambda r: r["KEY"]) == sorted(
            server_tables[name], key=lambda r: r["KEY"]
        ), name

    approved = tmp_path / "aprobadas.xlsx"
    options = ExportOptions(format="xlsx", approved_only=True, labels=True, language="es")
    assert desk.export(form_id, approved, options).submissions == 1
    book = openpyxl.load_workbook(approved, read_only=True)
    sheet = book.worksheets[0]
    header, *rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert row["KEY"] == sent[1] and row["ReviewState"] == "approved"
    assert "Cantón El Brazo" in rows[0]  # labels, in Spanish
    book.close()


def test_cancelled_or_unknown_form_leaves_no_file(
    server: CentralServer, laptop: Laptop, desk: SupervisorDesk, tmp_path: Path
) -> None:
    form_id, _sent, _correction = pulled_sessions(server, laptop, desk, tmp_path / "publish")
    target = tmp_path / "out" / "export.csv.zip"
    target.parent.mkdir()
    seen: list[tuple[int, int]] = []
    with pytest.raises(ExportCancelled):
        desk.export(
            form_id,
            target,
            ExportOptions(),
            progress=lambda done, total: seen.append((done, total)),
            cancelled=lambda: bool(seen),
        )
    assert seen == [(0, 3)]
    assert list(target.parent.iterdir()) == []
    with pytest.raises(FormNotCached):
        desk.export("no_such_form", target, ExportOptions())
    assert list(target.parent.iterdir()) == []
