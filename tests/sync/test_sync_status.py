"""The sync worker and status widget: the window keeps responding while a slow server syncs."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QWidget

from tests.sync.harness import CentralServer, Laptop
from tests.sync.proxy import Fault, FaultyProxy
from ui.sync_status import SyncController, SyncStatusWidget, attach_sync


@pytest.fixture
def status(qtbot, laptop: Laptop) -> Iterator[tuple[SyncController, SyncStatusWidget]]:
    """A main window with the status widget in its status area; the worker is stopped after."""
    window = QMainWindow()
    area = QWidget()  # stands in for MainWindow.status_area
    QHBoxLayout(area)
    window.statusBar().addPermanentWidget(area)
    controller = SyncController(laptop.client, window, periodic_ms=600_000, probe_ms=600_000)
    widget = SyncStatusWidget(controller)
    area.layout().addWidget(widget)
    qtbot.addWidget(window)
    window.show()
    yield controller, widget
    controller.shutdown()


def test_window_stays_responsive_during_a_sync_against_a_slow_server(
    qtbot, server: CentralServer, proxy: FaultyProxy, laptop: Laptop, status
) -> None:
    ids = [laptop.finalize_session(f"S{i}") for i in range(4)]
    proxy.add(Fault("slow", delay_s=0.4), method="POST", path="/submission", times=-1)
    controller, widget = status
    controller.refresh_queued()
    assert widget.queued_label.text() == "To send: 4"
    assert widget.last_label.text() == "Never synced"

    ticks: list[float] = []
    heartbeat = QTimer()
    heartbeat.setInterval(20)
    heartbeat.timeout.connect(lambda: ticks.append(time.monotonic()))
    heartbeat.start()
    with qtbot.waitSignal(controller.sync_finished, timeout=15_000) as finished:
        widget.sync_button.click()  # "Sync now"
        assert controller.running and not widget.sync_button.isEnabled()
        assert widget.progress_bar.isVisible()
        qtbot.waitUntil(lambda: controller.progress is not None and controller.progress.done >= 1)
    heartbeat.stop()
    # The sync took at least 4 x 0.4 s; the event loop kept ticking all along (a blocking sync
    # would leave one gap of 1.6 s or more; 0.5 s leaves room for a loaded machine).
    assert ticks[-1] - ticks[0] >= 1.5
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    assert max(gaps) < 0.5, f"the event loop stalled for {max(gaps):.2f} s"
    assert finished.args[0].sent == ids
    assert widget.queued_label.text() == "To send: 0"
    assert widget.last_label.text().startswith("Last sync: ")
    assert "Online" in widget.online_label.text() and not widget.progress_bar.isVisible()
    assert widget.sync_button.isEnabled() and not widget.error_label.isVisible()


def test_offline_then_back_online_syncs_by_itself(
    qtbot, server: CentralServer, proxy: FaultyProxy, laptop: Laptop, status
) -> None:
    first = laptop.finalize_session("Ana")
    controller, widget = status
    server.kill()
    with qtbot.waitSignal(controller.state_changed, timeout=10_000):
        controller.request_sync("start")
    qtbot.waitUntil(lambda: not controller.running, timeout=10_000)
    assert controller.online is False and "Offline" in widget.online_label.text()
    assert "Could not reach the server" in widget.error_label.text()
    assert widget.queued_label.text() == "To send: 1"
    server.start()
    # The periodic probe finds the server again and a sync follows without anyone asking.
    with qtbot.waitSignal(controller.sync_finished, timeout=15_000) as finished:
        controller.probe()
    assert finished.args[0].sent == [first]
    assert controller.online is True and widget.queued_label.text() == "To send: 0"


def test_revoked_device_shows_what_to_do_and_requests_do_not_pile_up(
    qtbot, server: CentralServer, proxy: FaultyProxy, laptop: Laptop, status
) -> None:
    laptop.finalize_session("Ana")
    server.revoke_all_devices()
    controller, widget = status
    proxy.add(Fault("slow", delay_s=0.5), method="HEAD", path="/submission")
    controller.request_sync("start")
    controller.request_sync("finalize")  # while running: remembered, run once afterwards
    controller.request_sync("button")
    qtbot.waitUntil(
        lambda: controller.error_kind == "paused" and not controller.running, timeout=15_000
    )
    assert "enrollment code" in widget.error_label.toolTip()
    assert proxy.seen["HEAD /submission"] == 1  # the second run stopped before the network


class FakeSessions(QObject):
    """Counts reloads, as the sessions list controller's reload() would refresh the list, and
    asks for a sync like its "Send again" does."""

    sync_requested = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.reloads = 0

    def reload(self) -> None:
        self.reloads += 1


class FacilitatorWindow(QMainWindow):
    """The parts of MainWindow attach_sync uses: status_area, session_finalized, sessions."""

    session_finalized = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.status_area = QWidget()
        self.sessions = FakeSessions()


def test_setup_dialog_enrolls_off_the_gui_thread_then_syncs(
    qtbot, server: CentralServer, tmp_path: Path
) -> None:
    machine = Laptop.open(tmp_path / "new-laptop")  # no address, not enrolled
    first = machine.finalize_session("Ana")
    window = FacilitatorWindow()
    QHBoxLayout(window.status_area)
    window.statusBar().addPermanentWidget(window.status_area)
    qtbot.addWidget(window)
    controller = attach_sync(window, machine.client)
    try:
        widget = window.findChild(SyncStatusWidget)
        assert widget is not None
        qtbot.waitUntil(lambda: controller.error_kind == "not_configured", timeout=10_000)
        # First run: a neutral state naming the button that exists, not a red error.
        assert not widget.error_label.isVisible() and not controller.configured
        assert "Not connected to a server — Server…" in widget.online_label.text()
        assert "checking" not in widget.online_label.text()
        assert widget.setup_button.text() == "Server…" and not widget.sync_button.isEnabled()
        dialog = widget.open_setup()
        dialog.url_edit.setText("not a url")
        dialog.buttons.accepted.emit()
        assert "http://" in dialog.message.text()
        dialog.url_edit.setText(server.url)
        dialog.code_edit.setText("WRONG-CODE")
        with qtbot.waitSignal(controller.signals.enrolled, timeout=10_000):
            dialog.buttons.accepted.emit()
        assert "not valid" in dialog.message.text() and dialog.isVisible()
        dialog.code_edit.setText(server.enrollment_code("Laptop de Ana"))
        with qtbot.waitSignal(controller.sync_finished, timeout=15_000) as finished:
            dialog.buttons.accepted.emit()
        assert finished.args[0].sent == [first]
        assert machine.client.vault.location(server.url) == "database"
        assert widget.queued_label.text() == "To send: 0" and not widget.error_label.isVisible()
        assert window.sessions.reloads >= 1  # the sessions list refreshed after the sync
        # Finalising a session triggers a sync by itself.
        second = machine.finalize_session("Berta")
        with qtbot.waitSignal(controller.sync_finished, timeout=15_000) as finished:
            window.session_finalized.emit(second)
        assert finished.args[0].sent == [second]
    finally:
        controller.shutdown()
        machine.close()


def test_states_render_in_the_language_of_the_moment(qtbot, laptop: Laptop, status) -> None:
    """Problems are kept as message keys: a language switch re-renders what is on screen."""
    from sync.messages import SyncMessage
    from ui import i18n

    controller, widget = status
    assert controller.configured and "checking" in widget.online_label.text()
    controller._on_failed("paused", SyncMessage("unauthorized", detail="device revoked"))
    assert "Sending paused" in widget.online_label.text()
    assert "no longer accepts this laptop" in widget.error_label.text()
    assert 'the "Server…" button' in widget.error_label.toolTip()
    assert "device revoked" in widget.error_label.toolTip()  # the server's words, verbatim
    assert widget.setup_button.isDefault()
    i18n.set_language("es")
    try:
        qtbot.waitUntil(lambda: "Envío en pausa" in widget.online_label.text(), timeout=3000)
        assert "ya no acepta esta computadora" in widget.error_label.text()
        assert "«Servidor…»" in widget.error_label.toolTip()
        assert "device revoked" in widget.error_label.toolTip()
        controller._on_failed("not_enrolled", SyncMessage("not_enrolled"))
        assert "Sin registrar" in widget.online_label.text()
        assert not widget.error_label.isVisible()
        controller._on_failed("offline", SyncMessage("network_unreachable", {"where": "x:1"}))
        assert "Sin conexión" in widget.online_label.text()
        assert widget.error_label.text().startswith("No se pudo llegar al servidor (x:1)")
        assert "#5f6368" in widget.error_label.styleSheet()  # offline is usual: grey, not red
    finally:
        i18n.set_language("en")
    qtbot.waitUntil(lambda: widget.error_label.text().startswith("Could not reach the server"))


def test_not_configured_reads_neutral_in_spanish(qtbot, tmp_path: Path) -> None:
    from ui import i18n

    machine = Laptop.open(tmp_path / "first-run")
    controller = SyncController(machine.client, None, periodic_ms=600_000, probe_ms=600_000)
    widget = SyncStatusWidget(controller)
    qtbot.addWidget(widget)
    i18n.set_language("es")
    try:
        qtbot.waitUntil(lambda: "Sin servidor" in widget.online_label.text(), timeout=3000)
        text = widget.online_label.text()
        assert "Sin servidor configurado — use «Servidor…» para configurarlo" in text
        assert "verificando" not in text and not widget.error_label.isVisible()
        assert widget.setup_button.text() == "Servidor…"
    finally:
        i18n.set_language("en")
        controller.shutdown()
        machine.close()
