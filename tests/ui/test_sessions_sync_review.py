"""The sessions list says why a session stands where it does (refused, retry time, supervisor's
comment) in a visible column, and offers Send again / Correct and resubmit where they apply."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow

from app.config import load_config
from app.workspace import Workspace
from sync.messages import SyncMessage
from tests.test_workspace import taller
from ui.sessions_controller import SessionsController
from ui.sessions_model import SessionsModel, StatusRole, clock_time
from ui.sessions_view import SessionsView
from ui.workspace_access import WorkspaceAccess

SYNC = SessionsModel.COLUMNS.index("sync")
STATUS = SessionsModel.COLUMNS.index("status")


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    forms = tmp_path / "forms"
    forms.mkdir()
    (forms / "taller.md").write_text(taller(), encoding="utf-8")
    with Workspace.open(load_config(tmp_path / "data"), forms_folder=forms) as workspace:
        yield workspace


def finalized(ws: Workspace, age: str = "40") -> str:
    active = ws.start_session("taller", language="en")
    for ref, value in (
        ("/data/community", "perquin"),
        ("/data/age", age),
        ("/data/participants[1]/participant_code", "P1"),
    ):
        active.answer(ref, value)
    assert active.finalize() == []
    return active.instance_id


class Window(QMainWindow):
    """The sessions list in a window (attach_sync wires sync_requested; see tests/sync)."""

    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.view = SessionsView()
        self.setCentralWidget(self.view)
        self.sessions = SessionsController(self.view, WorkspaceAccess(ws))


@pytest.fixture
def window(qtbot, ws: Workspace) -> Window:
    main = Window(ws)
    qtbot.addWidget(main)
    main.resize(1366, 600)
    main.show()
    qtbot.waitExposed(main)
    return main


def row_of(controller: SessionsController, instance_id: str) -> int:
    model = controller.model
    return next(n for n in range(model.rowCount()) if model.row_at(n).instance_id == instance_id)


def cell(controller: SessionsController, instance_id: str, column: int = SYNC) -> str:
    return controller.model.index(row_of(controller, instance_id), column).data()


def test_the_column_shows_refusals_retry_times_and_the_supervisors_comment(
    window: Window, ws: Workspace
) -> None:
    refused, retrying, returned, approved = (finalized(ws) for _ in range(4))
    draft = ws.start_session("taller").instance_id
    ws.store.outbox.mark_failed(
        refused, "The server does not know this questionnaire (is it published there?).", None
    )
    soon = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(minutes=7)
    ws.store.outbox.mark_failed(retrying, "The server is busy and asked to wait.", soon)
    for instance_id in (returned, approved):
        ws.store.outbox.mark_sent(instance_id)
    ws.store.submissions.set_review(returned, "has_issues", "Falta la edad de P2")
    ws.store.submissions.set_review(approved, "approved", "Muy completa")
    controller = window.sessions
    controller.reload()
    model = controller.model

    assert model.headerData(SYNC, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) == (
        "Sync / review"
    )
    assert cell(controller, refused) == (
        "Refused by the server: The server does not know this questionnaire "
        "(is it published there?)."
    )
    assert cell(controller, refused, STATUS) == "Not sent"
    assert model.index(row_of(controller, refused), STATUS).data(StatusRole) == "failed"
    assert cell(controller, retrying).startswith(f"Will retry at {clock_time(soon.isoformat())} — ")
    assert "The server is busy" in cell(controller, retrying)
    if soon.astimezone().date() == datetime.now().astimezone().date():
        assert len(clock_time(soon.isoformat())) <= 8  # a time of day only: "14:05", "2:05 PM"
    assert cell(controller, retrying, STATUS) == "Waiting to send"
    assert cell(controller, returned) == "Returned for correction: Falta la edad de P2"
    assert cell(controller, approved) == "Supervisor: Muy completa"
    assert cell(controller, draft) == ""
    # The whole reason is in the tooltip too, for a narrow column.
    tooltip = model.index(row_of(controller, refused), SYNC).data(Qt.ItemDataRole.ToolTipRole)
    assert "published there" in tooltip
    # The column is really on screen, not hidden behind a tooltip.
    assert not window.view.table.isColumnHidden(SYNC)
    assert window.view.table.columnWidth(SYNC) > 250


def test_structured_reasons_render_in_the_interface_language(window: Window, ws: Workspace) -> None:
    refused = finalized(ws)
    stored = SyncMessage("refused_404").to_json()
    ws.store.outbox.mark_failed(refused, stored, None)
    window.sessions.reload()
    text = cell(window.sessions, refused)
    assert text.startswith("Refused by the server: ") and "{" not in text
    assert "questionnaire" in text


def test_send_again_requeues_the_refused_session_and_asks_for_a_sync(
    qtbot, window: Window, ws: Workspace
) -> None:
    waiting = finalized(ws)
    refused = finalized(ws)
    ws.store.outbox.mark_failed(refused, "The server could not read this session.", None)
    controller, view = window.sessions, window.view
    controller.reload()

    view.table.selectRow(row_of(controller, waiting))
    assert not view.send_again_action.isEnabled() and not view.send_again_button.isEnabled()
    assert not view.correct_action.isEnabled()
    view.table.selectRow(row_of(controller, refused))
    assert view.send_again_action.isEnabled() and view.send_again_button.isEnabled()
    assert view.send_again_action in view.table.actions()  # in the context menu
    assert view.table.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu

    view.table.setFocus()
    with qtbot.waitSignal(controller.sync_requested) as asked:
        qtbot.keyClick(view.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert asked.args == ["send_again"]
    entry = ws.outbox_entries([refused])[refused]
    assert entry.next_attempt_at is not None  # due now: the next sync sends it
    assert [e.instance_id for e in ws.store.outbox.due()] == [waiting, refused]
    assert cell(controller, refused) == "Will be sent at the next sync"
    assert controller.current_row().instance_id == refused


def test_correct_and_resubmit_opens_an_editable_copy(qtbot, window: Window, ws: Workspace) -> None:
    returned = finalized(ws)
    ws.store.outbox.mark_sent(returned)
    ws.store.submissions.set_review(returned, "has_issues", "La edad no cuadra")
    controller, view = window.sessions, window.view
    controller.reload()
    view.table.selectRow(row_of(controller, returned))
    assert view.correct_action.isEnabled() and view.correct_button.isEnabled()
    assert not view.send_again_action.isEnabled()

    view.table.setFocus()
    with qtbot.waitSignal(controller.open_requested) as opened:
        qtbot.keyClick(view.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    draft = opened.args[0]
    assert draft.status == "draft" and draft.deprecated_id == returned
    fix = ws.resume(draft.instance_id)
    assert not fix.is_read_only and fix.value("/data/age") == "40"
    assert f"<deprecatedID>{returned}</deprecatedID>" in fix.session.to_xml()
    # Asking again from the list opens the same correction, never a second one.
    view.table.selectRow(row_of(controller, returned))
    with qtbot.waitSignal(controller.open_requested) as again:
        view.correct_button.click()
    assert again.args[0].instance_id == draft.instance_id
    assert ws.count_sessions() == 2


def test_a_header_saved_before_the_new_column_gives_way_to_the_defaults(
    qtbot, ws: Workspace
) -> None:
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QTableView

    from ui import settings as ui_settings

    old = QTableView()
    qtbot.addWidget(old)
    old.setModel(QStandardItemModel(0, 6))
    for column in range(6):
        old.setColumnWidth(column, 220)
    ui_settings.write(ui_settings.SESSIONS_HEADER, old.horizontalHeader().saveState())

    main = Window(ws)
    qtbot.addWidget(main)
    main.resize(1366, 600)
    main.show()
    qtbot.waitExposed(main)
    table = main.view.table
    assert table.columnWidth(0) == 140  # the defaults, not the old state
    assert table.columnWidth(SYNC) > 250
    # Saved now with this set of columns, it comes back.
    table.setColumnWidth(2, 321)
    main.sessions.save_state()
    again = Window(ws)
    qtbot.addWidget(again)
    assert again.view.table.columnWidth(2) == 321


def test_a_sent_session_says_sent_and_when(window: Window, ws: Workspace) -> None:
    sent = finalized(ws)
    ws.store.outbox.mark_sent(sent)
    controller = window.sessions
    controller.reload()
    sent_at = controller.model.row_at(row_of(controller, sent)).sent_at
    assert sent_at
    assert cell(controller, sent) == f"Sent {clock_time(sent_at)}"
