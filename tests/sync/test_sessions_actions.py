"""From the sessions list, against the real server: a refused session is sent again once its
cause is fixed, and a returned session is corrected and resubmitted (meta/deprecatedID), each
ending on the server exactly once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.backends.fail import Keyring as NoKeyring
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QWidget

from app.config import load_config
from app.workspace import Workspace
from sync.client import SyncClient
from sync.credentials import TokenVault
from sync.http import HttpClient
from sync.server.forms import publish_form
from tests.sync.harness import FORM_ID, FORM_VERSION, PROJECT, XFORM, CentralServer
from ui.sessions_controller import SessionsController
from ui.sessions_view import SessionsView
from ui.sync_status import attach_sync
from ui.workspace_access import WorkspaceAccess

LATE_FORM = "visita_tarde"  # on the laptop before the coordinator publishes it
LATE_XFORM = XFORM.replace(f'id="{FORM_ID}"', f'id="{LATE_FORM}"')


class FacilitatorWindow(QMainWindow):
    """What attach_sync needs of the main window, around the real sessions list."""

    session_finalized = Signal(str)

    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.view = SessionsView()
        self.setCentralWidget(self.view)
        self.sessions = SessionsController(self.view, WorkspaceAccess(ws))
        self.status_area = QWidget()
        QHBoxLayout(self.status_area)
        self.statusBar().addPermanentWidget(self.status_area)


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    forms = tmp_path / "no-builtins"
    forms.mkdir()
    with Workspace.open(load_config(tmp_path / "laptop"), forms_folder=forms) as workspace:
        workspace.store.forms.add(FORM_ID, FORM_VERSION, "Visita", XFORM)
        workspace.store.forms.add(LATE_FORM, FORM_VERSION, "Visita tarde", LATE_XFORM)
        yield workspace


def finalize(ws: Workspace, form_id: str, name: str) -> str:
    active = ws.start_session(form_id)
    active.answer("/data/nombre", name)
    assert active.finalize() == []
    return active.instance_id


def row_of(controller: SessionsController, instance_id: str) -> int:
    model = controller.model
    return next(n for n in range(model.rowCount()) if model.row_at(n).instance_id == instance_id)


def sync_text(controller: SessionsController, instance_id: str) -> str:
    column = controller.model.COLUMNS.index("sync")
    return controller.model.index(row_of(controller, instance_id), column).data()


def test_send_again_and_correct_from_the_list_reach_the_server_once(
    qtbot, tmp_path: Path, server: CentralServer, ws: Workspace
) -> None:
    early = finalize(ws, FORM_ID, "Ana")
    late = finalize(ws, LATE_FORM, "Berta")
    client = SyncClient(
        ws.sync_ledger(),
        vault=TokenVault(ws.store.settings, ws.store.path, backend=NoKeyring()),
        http=HttpClient(timeout=(5.0, 5.0)),
    )
    client.enroll(server.enrollment_code("Laptop de Ana"), server.url)
    window = FacilitatorWindow(ws)
    qtbot.addWidget(window)
    window.resize(1366, 600)
    window.show()
    controller = window.sessions
    sync = attach_sync(window, client)
    try:
        with qtbot.waitSignal(sync.sync_finished, timeout=20_000) as first:
            pass
        assert first.args[0].sent == [early]
        assert late in first.args[0].refused
        assert sync_text(controller, late).startswith("Refused by the server: ")
        assert "questionnaire" in sync_text(controller, late)

        # The coordinator publishes the form; the facilitator sends the session again.
        form_file = tmp_path / "late.xml"
        form_file.write_text(LATE_XFORM, encoding="utf-8")
        publish_form(server.db, PROJECT, form_file, [])
        view = window.view
        view.table.selectRow(row_of(controller, late))
        assert view.send_again_action.isEnabled()
        view.table.setFocus()
        with qtbot.waitSignal(sync.sync_finished, timeout=20_000) as again:
            qtbot.keyClick(view.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
        assert again.args[0].sent == [late]
        assert ws.store.submissions.get(late).status == "sent"

        # The supervisor returns the first one; the next sync brings the comment to the list.
        server.review(early, "has_issues", "Escriba el nombre completo")
        with qtbot.waitSignal(sync.sync_finished, timeout=20_000):
            sync.request_sync("button")
        assert sync_text(controller, early) == (
            "Returned for correction: Escriba el nombre completo"
        )
        view.table.selectRow(row_of(controller, early))
        with qtbot.waitSignal(controller.open_requested) as opened:
            view.correct_button.click()
        draft = opened.args[0]
        fix = ws.resume(draft.instance_id)
        fix.answer("/data/nombre", "Ana María López")
        assert fix.finalize() == []
        with qtbot.waitSignal(sync.sync_finished, timeout=20_000) as resent:
            window.session_finalized.emit(fix.instance_id)
        assert resent.args[0].sent == [fix.instance_id]
    finally:
        sync.shutdown()
        client.http.close()

    counts = server.submission_counts()
    assert counts[late] == 1 and counts[fix.instance_id] == 1 and counts[early] == 1
    corrected = server.xml(fix.instance_id) or ""
    assert f"<deprecatedID>{early}</deprecatedID>" in corrected
    assert "Ana María López" in corrected
