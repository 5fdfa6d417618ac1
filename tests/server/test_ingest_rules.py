"""Ingest rules added by the hardening review (issue 7, items 13 and 14) and keyset listing, on
SQLite and PostgreSQL: files only as the answers name them, nothing added after review, the
instanceID scoped per project, one instanceID per submission, an edit keeps its form."""

from __future__ import annotations

import hashlib
import uuid
import xml.etree.ElementTree as ET

from sqlalchemy import func, select

from sync.server import accounts, schema
from sync.server.db import Database, utc_now
from sync.server.migrations import migrate
from tests.server.conftest import FORM_XML, Pilot, instance_of, publish_xml, submission_xml

RESPONSE_NS = "{http://openrosa.org/http/response}"


def reason(response) -> str:
    return ET.fromstring(response.content).findtext(f"{RESPONSE_NS}message") or ""


def rows(pilot: Pilot, instance_id: str) -> list:
    s = schema.submissions
    with pilot.db.read() as conn:
        return conn.execute(select(s).where(s.c.instance_id == instance_id)).all()


def attachment_names(pilot: Pilot, instance_id: str) -> list[str]:
    s, a = schema.submissions, schema.submission_attachments
    with pilot.db.read() as conn:
        return sorted(
            conn.execute(
                select(a.c.name)
                .join(s, a.c.submission_pk == s.c.id)
                .where(s.c.instance_id == instance_id)
            ).scalars()
        )


def review(pilot: Pilot, instance_id: str, state: str, token: str | None = None):
    return pilot.client.post(
        f"/api/v1/submissions/{instance_id}/review",
        headers=pilot.auth(token or pilot.supervisor_token),
        json={"state": state, "comment": "revisado"},
    )


def test_a_file_no_answer_names_is_refused_on_the_first_send_too(pilot: Pilot) -> None:
    xml = submission_xml(photo="foto.jpg")
    response = pilot.submit(xml, {"foto.jpg": b"foto", "otro.exe": b"MZ"})
    assert response.status_code == 400
    assert "otro.exe" in reason(response) and "not named" in reason(response)
    assert rows(pilot, instance_of(xml)) == []  # nothing stored half-way
    assert pilot.submit(xml, {"foto.jpg": b"foto"}).status_code == 201
    again = pilot.submit(xml, {"extra.jpg": b"x"})
    assert again.status_code == 400 and "extra.jpg" in reason(again)
    assert attachment_names(pilot, instance_of(xml)) == ["foto.jpg"]


def test_a_reviewed_submission_takes_no_new_files_but_resends_are_still_acknowledged(
    pilot: Pilot,
) -> None:
    xml = submission_xml(photo="foto.jpg", audio=("voz.m4a",))
    assert pilot.submit(xml, {"foto.jpg": b"foto"}).status_code == 201
    assert review(pilot, instance_of(xml), "approved").status_code == 200
    late = pilot.submit(xml, {"voz.m4a": b"audio"})
    assert late.status_code == 409
    assert "already reviewed (approved)" in reason(late) and "voz.m4a" in reason(late)
    assert attachment_names(pilot, instance_of(xml)) == ["foto.jpg"]
    (row,) = rows(pilot, instance_of(xml))
    assert row.review_state == "approved"
    # The device lost the first 201 and sends what the server already has: still acknowledged.
    for files in (None, {"foto.jpg": b"foto"}):
        same = pilot.submit(xml, files)
        assert same.status_code == 201 and same.headers["x-encuentro-submission"] == "duplicate"
    # Before any review, a named file that has not arrived is still taken (split uploads).
    other = submission_xml(photo="foto.jpg", audio=("voz.m4a",))
    assert pilot.submit(other, {"foto.jpg": b"foto"}).status_code == 201
    assert pilot.submit(other, {"voz.m4a": b"audio"}).status_code == 201
    assert attachment_names(pilot, instance_of(other)) == ["foto.jpg", "voz.m4a"]


def test_has_issues_and_rejected_also_close_the_submission_to_new_files(pilot: Pilot) -> None:
    for state in ("has_issues", "rejected"):
        xml = submission_xml(photo="foto.jpg")
        assert pilot.submit(xml).status_code == 201
        assert review(pilot, instance_of(xml), state).status_code == 200
        late = pilot.submit(xml, {"foto.jpg": b"foto"})
        assert late.status_code == 409 and state in reason(late)
        assert attachment_names(pilot, instance_of(xml)) == []


def other_project_device(pilot: Pilot) -> str:
    publish_xml(pilot.db, "Otro", pilot.tmp / "otro")
    return pilot.enroll(project="Otro", name="Laptop de Otro")["token"]


def test_an_instance_id_of_another_project_answers_as_an_unknown_one(pilot: Pilot) -> None:
    (pilot.tmp / "otro").mkdir()
    outsider = other_project_device(pilot)
    mine = submission_xml(community="Chalatenango", photo="foto.jpg")
    instance_id = instance_of(mine)
    assert pilot.submit(mine, {"foto.jpg": b"mia"}).status_code == 201
    unknown = pilot.submit(submission_xml(community="Otra"), token=outsider)
    # Same instanceID, different answers, another project: exactly what an unknown id gets.
    theirs = pilot.submit(
        submission_xml(instance_id, community="Otra", photo="foto.jpg"),
        {"foto.jpg": b"suya"},
        token=outsider,
    )
    assert theirs.status_code == unknown.status_code == 201
    assert theirs.headers["x-encuentro-submission"] == "created"
    assert reason(theirs) == reason(unknown)
    stored = {row.project_id: row for row in rows(pilot, instance_id)}
    assert set(stored) == {pilot.project_id, stored[max(stored)].project_id} and len(stored) == 2
    assert "Chalatenango" in stored[pilot.project_id].xml  # the first copy is untouched
    s, a = schema.submissions, schema.submission_attachments
    with pilot.db.read() as conn:
        photo = conn.execute(
            select(a.c.data)
            .join(s, a.c.submission_pk == s.c.id)
            .where(s.c.project_id == pilot.project_id, s.c.instance_id == instance_id)
        ).scalar_one()
    assert photo == b"mia"
    # Each device reads its own; an admin who sees both names the project.
    mine_read = pilot.client.get(f"/api/v1/submissions/{instance_id}", headers=pilot.auth())
    assert "Chalatenango" in mine_read.json()["xml"]
    admin = pilot.auth(pilot.admin_token)
    ambiguous = pilot.client.get(f"/api/v1/submissions/{instance_id}", headers=admin)
    assert ambiguous.status_code == 409 and "project_id" in ambiguous.json()["detail"]
    chosen = pilot.client.get(
        f"/api/v1/submissions/{instance_id}", headers=admin, params={"project_id": max(stored)}
    )
    assert chosen.status_code == 200 and "Otra" in chosen.json()["xml"]


def test_two_instance_ids_are_refused(pilot: Pilot) -> None:
    xml = submission_xml().replace(
        b"</orx:meta>", f"<orx:instanceID>uuid:{uuid.uuid4()}</orx:instanceID></orx:meta>".encode()
    )
    response = pilot.submit(xml)
    assert response.status_code == 400 and "more than one meta/instanceID" in reason(response)
    empty_second = submission_xml().replace(
        b"</orx:meta>", b"<orx:instanceID></orx:instanceID></orx:meta>"
    )
    assert pilot.submit(empty_second).status_code == 400
    with pilot.db.read() as conn:
        assert conn.execute(select(func.count()).select_from(schema.submissions)).scalar() == 0


def test_an_edit_may_not_switch_to_another_form(pilot: Pilot) -> None:
    other_form = pilot.tmp / "otra_forma.xml"
    other_form.write_text(
        FORM_XML.replace("{version}", "1").replace('id="grupo_focal"', 'id="otra_forma"'),
        encoding="utf-8",
    )
    from sync.server import forms

    forms.publish_form(pilot.db, "Piloto", other_form)
    original = submission_xml()
    assert pilot.submit(original).status_code == 201
    switch = submission_xml(deprecated_id=instance_of(original), form_id="otra_forma")
    response = pilot.submit(switch)
    assert response.status_code == 409 and "an edit keeps its form" in reason(response)
    (row,) = rows(pilot, instance_of(original))
    assert row.is_current and row.review_state == "received"
    assert rows(pilot, instance_of(switch)) == []
    same_form = submission_xml(deprecated_id=instance_of(original), community="editada")
    assert pilot.submit(same_form).status_code == 201


def test_a_revoked_token_fails_on_the_next_submission_even_when_remembered(pilot: Pilot) -> None:
    assert pilot.submit(submission_xml()).status_code == 201  # the token is now remembered
    from sync.server.security import token_digest

    accounts.revoke_token(pilot.db, token_digest(pilot.device_token))
    refused = pilot.submit(submission_xml())
    assert refused.status_code == 401
    with pilot.db.read() as conn:
        assert conn.execute(select(func.count()).select_from(schema.submissions)).scalar() == 1


def test_a_version_1_database_with_data_migrates_to_per_project_instance_ids(db_url: str) -> None:
    db = Database(db_url)
    try:
        assert migrate(db, up_to=1) == 1
        with db.write() as conn:
            project = conn.execute(
                schema.projects.insert().values(name="P", created_at=utc_now())
            ).inserted_primary_key[0]
            form_pk = conn.execute(
                schema.forms.insert().values(
                    project_id=project,
                    form_id="f",
                    version="1",
                    title="F",
                    xml="<x/>",
                    md5="0" * 32,
                    binary_paths="[]",
                    created_at=utc_now(),
                )
            ).inserted_primary_key[0]
            pk = conn.execute(
                schema.submissions.insert().values(
                    instance_id="uuid:1",
                    root_id="uuid:1",
                    is_current=True,
                    project_id=project,
                    form_pk=form_pk,
                    xml="<data/>",
                    xml_sha256="0" * 64,
                    attachments_expected=1,
                    received_at=utc_now(),
                    review_state="approved",
                )
            ).inserted_primary_key[0]
            conn.execute(
                schema.submission_attachments.insert().values(
                    submission_pk=pk,
                    name="a.jpg",
                    content_type="image/jpeg",
                    size=3,
                    sha256=hashlib.sha256(b"abc").hexdigest(),
                    received_at=utc_now(),
                    data=b"abc",
                )
            )
            conn.execute(
                schema.review_events.insert().values(submission_pk=pk, state="approved", at="x")
            )
        migrate(db)
        other = accounts.create_project(db, "Q")
        with db.write() as conn:
            (kept,) = conn.execute(select(schema.submissions)).all()
            assert (kept.id, kept.instance_id, kept.review_state) == (pk, "uuid:1", "approved")
            data = conn.execute(select(schema.submission_attachments.c.data)).scalar_one()
            assert data == b"abc"
            # The same instanceID in another project is now a row of its own.
            conn.execute(
                schema.submissions.insert().values(
                    {**{k: v for k, v in kept._mapping.items() if k != "id"}, "project_id": other}
                )
            )
        with db.write() as conn:
            conn.execute(  # foreign keys still lead to the (rebuilt) submissions table
                schema.submission_attachments.insert().values(
                    submission_pk=pk,
                    name="b.jpg",
                    content_type="image/jpeg",
                    size=1,
                    sha256="0" * 64,
                    received_at=utc_now(),
                    data=b"b",
                )
            )
        try:
            with db.write() as conn:
                conn.execute(
                    schema.submission_attachments.insert().values(
                        submission_pk=999_999,
                        name="c.jpg",
                        content_type="image/jpeg",
                        size=1,
                        sha256="0" * 64,
                        received_at=utc_now(),
                        data=b"c",
                    )
                )
        except Exception as error:  # IntegrityError on both databases
            assert "foreign key" in str(error).lower()
        else:
            raise AssertionError("an attachment of no submission was accepted")
    finally:
        db.dispose()


def insert_many(pilot: Pilot, count: int, received_at: str | None = None) -> None:
    """Rows straight into the table (the listing reads them; ingest is tested elsewhere)."""
    with pilot.db.read() as conn:
        form_pk = conn.execute(select(schema.forms.c.id)).scalar()
    rows = []
    for i in range(count):
        instance_id = f"uuid:{uuid.uuid4()}"
        rows.append(
            {
                "instance_id": instance_id,
                "root_id": instance_id,
                "is_current": True,
                "project_id": pilot.project_id,
                "form_pk": form_pk,
                "device_id": pilot.device_id,
                "xml": f"<data>{i}</data>",
                "xml_sha256": "0" * 64,
                "attachments_expected": 0,
                "received_at": received_at or utc_now(),
                "review_state": "received",
            }
        )
    with pilot.db.write() as conn:
        conn.execute(schema.submissions.insert(), rows)


def test_listing_pages_by_keyset_newest_first_and_stable_under_ties(pilot: Pilot) -> None:
    insert_many(pilot, 120, received_at="2026-12-01T10:00:00.000000+00:00")  # all tied
    insert_many(pilot, 130)
    s = schema.submissions
    for token in (pilot.supervisor_token, pilot.device_token, pilot.admin_token):
        with pilot.db.read() as conn:
            expected = list(
                conn.execute(
                    select(s.c.instance_id).order_by(s.c.received_at.desc(), s.c.id.desc())
                ).scalars()
            )
        seen, after, pages = [], None, 0
        while True:
            params = {"limit": 100} | ({"after": after} if after else {})
            page = pilot.client.get("/api/v1/submissions", headers=pilot.auth(token), params=params)
            assert page.status_code == 200, page.text
            body = page.json()
            assert body["total"] == (len(expected) if after is None else None)  # page 1 only
            seen += [item["instance_id"] for item in body["items"]]
            pages += 1
            after = body["next"]
            if after is None:
                break
            # A submission arriving meanwhile does not shift the pages already read.
            if pages == 1:
                insert_many(pilot, 1)
        assert seen == expected and pages == 3
    first = pilot.client.get(
        "/api/v1/submissions", headers=pilot.auth(), params={"total": "false", "limit": 5}
    ).json()
    assert first["total"] is None and len(first["items"]) == 5 and first["next"]
    counted = pilot.client.get(
        "/api/v1/submissions",
        headers=pilot.auth(),
        params={"total": "true", "after": first["next"], "limit": 5},
    ).json()
    assert counted["total"] == 253 and counted["items"][0]["instance_id"] != first["items"][-1]
    for bad in ("x", "bm90IGEgY3Vyc29y", "MjAyNi0xMi0wMVQxMDowMDowMC4wMDAwMDArMDA6MDB8MA"):
        refused = pilot.client.get(
            "/api/v1/submissions", headers=pilot.auth(), params={"after": bad}
        )
        assert refused.status_code == 400 and "after" in refused.json()["detail"]
    # offset paging still works as before
    old_style = pilot.client.get(
        "/api/v1/submissions", headers=pilot.auth(), params={"offset": 250, "limit": 100}
    ).json()
    assert old_style["total"] == 253 and len(old_style["items"]) == 3 and old_style["next"] is None
