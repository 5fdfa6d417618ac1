"""The review round trip through the real server, with the supervisor on the real widgets:
the facilitator sends a session; the supervisor signs in from the start screen and returns it
with a comment; the facilitator pulls the comment and resubmits a correction; the supervisor
sees what changed and approves the new version. Each review is one event on the server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.backends.fail import Keyring as NoKeyring
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.config import load_config
from app.supervisor.desk import SupervisorDesk
from app.workspace import Workspace
from sync.client import SyncClient
from sync.credentials import TokenVault
from sync.http import HttpClient
from sync.server import accounts, schema
from tests.supervisor.conftest import PASSWORD, SUPERVISOR, quick_http
from tests.sync.harness import FORM_ID, FORM_VERSION, PROJECT, XFORM, CentralServer
from ui.main_window import MainWindow


@pytest.fixture
def server(tmp_path: Path) -> Iterator[CentralServer]:
    central = CentralServer(tmp_path / "server")
    accounts.create_user(central.db, SUPERVISOR, PASSWORD, "supervisor", [PROJECT])
    central.start()
    yield central
    central.stop()


def open_workspace(folder: Path) -> Workspace:
    forms = folder / "forms"
    forms.mkdir(parents=True)
    ws = Workspace.open(load_config(folder / "data"), forms_folder=forms)
    ws.store.forms.add(FORM_ID, FORM_VERSION, "Visita a la comunidad", XFORM)
    return ws


def events(server: CentralServer, instance_id: str) -> list[tuple[str, str | None, str]]:
    s, ev, u = schema.submissions, schema.review_events, schema.users
    with server.db.read() as conn:
        rows = conn.execute(
            select(ev.c.state, ev.c.comment, u.c.username)
            .select_from(ev.join(s, ev.c.submission_pk == s.c.id).join(u, ev.c.user_id == u.c.id))
            .where(s.c.instance_id == instance_id)
            .order_by(ev.c.id)
        )
        return [(r[0], r[1], r[2]) for r in rows]


def test_return_correct_resubmit_approve(qtbot, tmp_path: Path, server: CentralServer) -> None:
    # The facilitator finalises a session and sends it with the real sync client.
    field = open_workspace(tmp_path / "facilitator")
    client = SyncClient(
        field.sync_ledger(),
        vault=TokenVault(field.store.settings, field.store.path, backend=NoKeyring()),
        http=HttpClient(timeout=(5.0, 10.0)),
    )
    client.enroll(server.enrollment_code("Laptop de Ana"), server.url)
    active = field.start_session(FORM_ID, language="es")
    active.answer("/data/nombre", "Ana")
    assert active.finalize() == []
    first = active.instance_id
    assert client.sync().sent == [first]

    # The supervisor signs in from the start screen of the desktop app.
    office = open_workspace(tmp_path / "supervisor")
    window = MainWindow(office)
    window.supervisor_desk = SupervisorDesk(
        office.store,
        vault=TokenVault(office.store.settings, office.store.path, backend=NoKeyring()),
        http_factory=quick_http(),
    )
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    try:
        qtbot.mouseClick(window.start_view.supervisor_button, Qt.MouseButton.LeftButton)
        dialog = window.sign_in_dialog
        qtbot.keyClicks(dialog.server, server.url)
        qtbot.keyClicks(dialog.username, SUPERVISOR)
        qtbot.keyClicks(dialog.password, "wrong password")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "not right" in dialog.message.text(), timeout=30_000)
        dialog.password.clear()
        qtbot.keyClicks(dialog.password, PASSWORD)
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.supervisor_page is not None, timeout=30_000)
        page = window.supervisor_page
        assert window.stack.currentWidget() is page
        review = page.review
        qtbot.waitUntil(lambda: review.model.total() == 1, timeout=30_000)
        assert "Synced at" in page.sync.label.text()

        # The detail: labels of the questionnaire, never XML; return it with a comment.
        detail = page.review_view.detail
        with qtbot.waitSignal(review.detail_shown, timeout=20_000):
            page.review_view.table.selectRow(0)
        assert detail.title.text().startswith("Visita a la comunidad")
        shown = [w.text() for w in detail.body.findChildren(type(detail.title))]
        assert "Name" in shown and "Ana" in shown
        assert not any("<" in text for text in shown)
        qtbot.mouseClick(detail.issues_button, Qt.MouseButton.LeftButton)
        assert "what to correct" in detail.action_message.text()  # a comment is required
        assert events(server, first) == []
        qtbot.keyClicks(detail.comment, "Escriba el nombre completo")
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        with qtbot.waitSignal(page.sync.finished, timeout=30_000):
            qtbot.keyClick(detail.comment, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
        assert events(server, first) == [("has_issues", "Escriba el nombre completo", SUPERVISOR)]
        qtbot.waitUntil(lambda: review.current and review.current.review_state == "has_issues")

        # The facilitator gets the comment and resubmits a correction.
        client.sync()
        assert field.store.submissions.get(first).review_comment == "Escriba el nombre completo"
        fix = field.start_correction(first)
        fix.answer("/data/nombre", "Ana María López")
        assert fix.finalize() == []
        assert client.sync().sent == [fix.instance_id]

        # The supervisor syncs, sees the new version with the change marked, and approves it.
        with qtbot.waitSignal(page.sync.finished, timeout=30_000):
            qtbot.mouseClick(page.sync.button, Qt.MouseButton.LeftButton)
        assert review.model.total() == 1  # the list shows the newest version only
        assert review.model.row_at(0).instance_id == fix.instance_id
        with qtbot.waitSignal(review.detail_shown, timeout=20_000):
            page.review_view.table.selectRow(0)
            page.review_view.table.selectRow(0)
        changes = detail.tables["changes"]

        def shown_changes() -> dict[str, list[str]]:
            return {
                changes.item(r, 0).text(): [changes.item(r, c).text() for c in range(1, 4)]
                for r in range(changes.rowCount())
                if not changes.isRowHidden(r)
            }

        assert shown_changes() == {"Name": ["Ana", "Ana María López", "changed"]}
        detail.only_changed.setChecked(False)  # every answer, the changed one still marked
        assert shown_changes()["Name"] == ["Ana", "Ana María López", "changed"]
        assert shown_changes()["Comentario"] == ["", "", ""]
        history = detail.tables["history"]
        assert history.item(0, 3).text() == "Escriba el nombre completo"
        with qtbot.waitSignal(page.sync.finished, timeout=30_000):
            qtbot.mouseClick(detail.approve_button, Qt.MouseButton.LeftButton)
        assert events(server, fix.instance_id) == [("approved", None, SUPERVISOR)]
        assert events(server, first) == [("has_issues", "Escriba el nombre completo", SUPERVISOR)]

        # The start screen offers to go straight back in, as whom; no second sign-in.
        qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
        assert window.stack.currentWidget() is window.start_view
        button = window.start_view.supervisor_button
        assert button.text() == f"&Supervisor: continue as {SUPERVISOR}"
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert window.stack.currentWidget() is page
        qtbot.waitUntil(lambda: not page.sync.running, timeout=30_000)

        # Signing out forgets the token and goes back to the start screen; the cache stays.
        qtbot.mouseClick(page.sign_out_button, Qt.MouseButton.LeftButton)
        assert window.stack.currentWidget() is window.start_view
        qtbot.waitUntil(lambda: window.supervisor_desk.account() is None, timeout=20_000)
        assert office.store.review_cache.count() == 1
        window.show_start()
        assert button.text() == "&Supervisor sign-in…"
    finally:
        if window.supervisor_page is not None:
            window.supervisor_page.leave()
        client.http.close()
        window.close()
        office.close()
        field.close()
