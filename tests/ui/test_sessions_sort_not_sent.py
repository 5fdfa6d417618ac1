"""Sessions list: clicking a column title sorts in the store (one page read, not every row), the
order is remembered with the header, and the Status filter's "Not sent" shows refused sessions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt

from tests.ui.test_sessions_list import add_sessions
from ui import i18n
from ui.sessions_controller import NOT_SENT, SessionsController
from ui.sessions_model import PAGE_SIZE, SessionsModel
from ui.sessions_view import SessionsView
from ui.workspace_access import WorkspaceAccess


class CountingAccess(WorkspaceAccess):
    """The real WorkspaceAccess, noting which pages the list asked for."""

    def __init__(self, workspace) -> None:
        super().__init__(workspace)
        self.pages: list[tuple[str, int]] = []

    def page(self, where, offset, limit):
        self.pages.append((where.sort, offset))
        return super().page(where, offset, limit)


def sessions_list(qtbot, workspace) -> tuple[SessionsView, SessionsController, CountingAccess]:
    view = SessionsView()
    qtbot.addWidget(view)
    access = CountingAccess(workspace)
    controller = SessionsController(view, access)
    view.resize(1200, 600)
    view.show()
    qtbot.waitExposed(view)
    return view, controller, access


def click_title(qtbot, view: SessionsView, column: str) -> None:
    header = view.table.horizontalHeader()
    section = SessionsModel.COLUMNS.index(column)
    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def test_sorting_by_community_reads_one_page_in_the_stores_order(qtbot, workspace) -> None:
    add_sessions(workspace, 300)
    view, controller, access = sessions_list(qtbot, workspace)
    model, header = controller.model, view.table.horizontalHeader()
    community = SessionsModel.COLUMNS.index("community")
    assert header.isSortIndicatorShown()
    assert header.sortIndicatorSection() == SessionsModel.COLUMNS.index("updated")

    access.pages.clear()
    click_title(qtbot, view, "community")
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        community,
        Qt.SortOrder.AscendingOrder,
    )
    assert access.pages == [("community", 0)]  # one page: the other 100 rows stay unread
    assert model.rowCount() == PAGE_SIZE < model.total() == 300
    everything = workspace.list_sessions(None, 0, 1000)
    expected = sorted(
        sorted(everything, key=lambda r: (r.updated_at, r.instance_id), reverse=True),
        key=lambda r: r.community,
    )[:PAGE_SIZE]
    shown = [model.row_at(n).instance_id for n in range(model.rowCount())]
    assert shown == [r.instance_id for r in expected]
    assert model.index(0, community).data() == "Chinameca"

    click_title(qtbot, view, "community")  # again: Z to A
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert model.index(0, community).data() == "Zacatecoluca"
    assert access.pages[-1] == ("community", 0) and len(access.pages) == 2


def test_the_sync_column_does_not_sort_and_the_order_is_remembered(qtbot, workspace) -> None:
    add_sessions(workspace, 20)
    view, controller, access = sessions_list(qtbot, workspace)
    header = view.table.horizontalHeader()
    click_title(qtbot, view, "facilitator")
    facilitator = SessionsModel.COLUMNS.index("facilitator")
    assert header.sortIndicatorSection() == facilitator
    access.pages.clear()
    click_title(qtbot, view, "sync")
    assert header.sortIndicatorSection() == facilitator and access.pages == []

    # The next sessions list (the app started again) opens in the same order.
    controller.save_state()
    again, other, _ = sessions_list(qtbot, workspace)
    assert again.table.horizontalHeader().sortIndicatorSection() == facilitator
    assert other.current_filter().sort == "facilitator"
    assert not other.current_filter().descending


def refused_and_waiting(workspace) -> tuple[str, str]:
    add_sessions(workspace, 9)  # every third finalized: three in the outbox
    waiting = [e.instance_id for e in workspace.store.outbox.list()]
    refused, retrying = waiting[0], waiting[1]
    later = datetime.now(UTC) + timedelta(minutes=10)
    workspace.store.outbox.mark_failed(retrying, "503 Service Unavailable", later)
    workspace.store.outbox.mark_failed(refused, "400: form not on the server", None)
    return refused, retrying


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_status_filter_not_sent_lists_only_refused_sessions(qtbot, workspace, language) -> None:
    refused, _retrying = refused_and_waiting(workspace)
    i18n.set_language(language)
    try:
        view, controller, access = sessions_list(qtbot, workspace)
        choice = view.status_filter.findData(NOT_SENT)
        assert view.status_filter.itemText(choice) == (
            "Not sent" if language == "en" else "No enviada"
        )
        view.status_filter.setCurrentIndex(choice)
        assert controller.current_filter().not_sent
        assert controller.current_filter().status is None
        model = controller.model
        assert model.total() == 1 and model.row_at(0).instance_id == refused
        assert model.index(0, 0).data() == view.status_filter.itemText(choice)  # its badge
        view.status_filter.setCurrentIndex(view.status_filter.findData("queued"))
        assert model.total() == 2  # "Waiting to send" still has both that failed
    finally:
        i18n.set_language("en")
