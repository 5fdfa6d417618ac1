"""Reviewing offline on the real widgets: with the server down a review is recorded at once,
shown as queued in the list and the status bar, and sent exactly once when the server is back;
a review the server holds back (someone reviewed meanwhile) says why and can be withdrawn."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from sync.backoff import MAX_DELAY_S
from sync.server import accounts
from tests.supervisor.conftest import PASSWORD, SUPERVISOR, open_desk
from tests.supervisor.test_desk import review_events
from tests.sync.harness import PROJECT, CentralServer, Laptop
from ui.supervisor.page import SupervisorPage


@pytest.fixture
def server(tmp_path: Path) -> Iterator[CentralServer]:
    central = CentralServer(tmp_path / "server")
    accounts.create_user(central.db, SUPERVISOR, PASSWORD, "supervisor", [PROJECT])
    central.start()
    yield central
    central.stop()


@pytest.fixture
def page(qtbot, tmp_path: Path, server: CentralServer) -> Iterator[SupervisorPage]:
    laptop = Laptop.open(tmp_path / "laptop", server.url, timeout=10.0)
    laptop.client.enroll(server.enrollment_code("Laptop de Ana"))
    laptop.finalize_session("Ana", photo=b"\xff\xd8 foto de la casa comunal")
    laptop.client.sync()
    laptop.close()
    store, desk = open_desk(tmp_path / "supervisor")
    desk.sign_in(server.url, SUPERVISOR, PASSWORD)
    shown = SupervisorPage(desk)
    qtbot.addWidget(shown)
    shown.resize(1366, 740)
    shown.show()
    with qtbot.waitSignal(shown.sync.finished, timeout=30_000):
        shown.enter()
    with qtbot.waitSignal(shown.review.detail_shown, timeout=20_000):
        shown.review_view.table.selectRow(0)
    yield shown
    qtbot.waitUntil(lambda: not shown.sync.running, timeout=30_000)
    shown.leave()
    store.close()


def test_an_offline_review_is_queued_and_sent_once(qtbot, page: SupervisorPage, server):
    review, detail, sync = page.review, page.review_view.detail, page.sync
    session = review.current.instance_id
    server.kill()
    with qtbot.waitSignal(sync.failed, timeout=30_000):
        qtbot.mouseClick(detail.approve_button, Qt.MouseButton.LeftButton)
    assert review.model.row_at(0).shown_state == "queued"
    assert review.model.index(0, 0).data() == "Review queued"
    qtbot.waitUntil(lambda: review.current.queued_state == "approved")
    assert "queued" in detail.state.text()
    assert "Offline" in sync.label.text() and "1 review waiting to be sent" in sync.label.text()
    assert detail.withdraw_button.isVisible()

    server.start()
    page.desk.clock = lambda: datetime.now(UTC) + timedelta(seconds=MAX_DELAY_S + 60)
    with qtbot.waitSignal(sync.finished, timeout=30_000):
        qtbot.mouseClick(sync.button, Qt.MouseButton.LeftButton)
    assert review_events(server, session) == [("approved", None)]
    assert review.model.row_at(0).shown_state == "approved"
    assert "waiting" not in sync.label.text()
    with qtbot.waitSignal(sync.finished, timeout=30_000):
        qtbot.mouseClick(sync.button, Qt.MouseButton.LeftButton)
    assert review_events(server, session) == [("approved", None)]


def test_a_held_review_says_what_to_do_and_can_be_withdrawn(qtbot, page: SupervisorPage, server):
    review, detail, sync = page.review, page.review_view.detail, page.sync
    session = review.current.instance_id
    server.review(session, "approved", None)  # another supervisor, meanwhile
    qtbot.keyClicks(detail.comment, "Duplicada")
    with qtbot.waitSignal(sync.finished, timeout=30_000):
        qtbot.mouseClick(detail.reject_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(review.current.queued_error), timeout=20_000)
    qtbot.waitUntil(detail.action_message.isVisible)
    assert "changed on the server" in detail.action_message.text()
    assert review_events(server, session) == [("approved", None)]
    with qtbot.waitSignal(review.detail_shown, timeout=20_000):
        qtbot.mouseClick(detail.withdraw_button, Qt.MouseButton.LeftButton)
    assert page.desk.queued_reviews() == []
    assert not detail.withdraw_button.isVisible()


def test_a_file_opens_in_the_systems_viewer_from_the_cache_offline(
    qtbot, page: SupervisorPage, server, monkeypatch
):
    from PySide6.QtCore import QUrl

    from ui.supervisor import review_controller

    opened: list[str] = []
    # The system's viewer is the edge: record what would be opened.
    monkeypatch.setattr(
        review_controller.QDesktopServices,
        "openUrl",
        staticmethod(lambda url: opened.append(QUrl(url).toLocalFile()) or True),
    )
    detail = page.review_view.detail
    assert [b.text() for b in detail.file_buttons] == ["Open foto_señora.jpg (Foto)"]
    qtbot.mouseClick(detail.file_buttons[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=20_000)
    assert Path(opened[0]).read_bytes() == b"\xff\xd8 foto de la casa comunal"
    server.kill()  # cached now: it opens again without the server
    qtbot.mouseClick(detail.file_buttons[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(opened) == 2, timeout=20_000)
    assert Path(opened[1]).read_bytes() == b"\xff\xd8 foto de la casa comunal"
