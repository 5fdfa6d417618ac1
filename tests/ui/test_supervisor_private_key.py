"""Review tab and an ODK-encrypted session: it says the session is encrypted; Private key… (the
file and passphrase dialogs are the edge replaced here) with a wrong passphrase says so, with
the right one the answers show."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.encryption.keys import PASSPHRASE, PRIVATE_PEM
from tests.encryption.test_supervisor_sealed import NAME, send_sealed_session
from tests.encryption.test_supervisor_sealed import server as server  # noqa: F401 - fixture
from tests.supervisor.conftest import PASSWORD, SUPERVISOR, open_desk
from ui import dialogs
from ui.supervisor.review_controller import ReviewController
from ui.supervisor.review_view import ReviewView


def texts(view: ReviewView) -> list[str]:
    detail = view.detail
    return [w.text() for w in detail.body.findChildren(type(detail.title))]


def test_private_key_opens_the_encrypted_session(qtbot, server, tmp_path, monkeypatch):  # noqa: F811
    instance_id, _photo = send_sealed_session(server, tmp_path)
    store, desk = open_desk(tmp_path / "supervisor")
    try:
        desk.sign_in(server.url, SUPERVISOR, PASSWORD)
        desk.sync()
        view = ReviewView()
        qtbot.addWidget(view)
        controller = ReviewController(view, desk)
        view.show()
        with qtbot.waitSignal(controller.detail_shown, timeout=20_000):
            assert controller.select(instance_id)
        assert any("encrypted for the project" in t for t in texts(view))
        assert NAME not in texts(view)

        errors: list[str] = []
        monkeypatch.setattr(dialogs, "show_error", lambda _p, title, _m, *_a: errors.append(title))
        monkeypatch.setattr(dialogs, "ask_private_key", lambda _p: (PRIVATE_PEM, "no-es-esta"))
        qtbot.mouseClick(view.key_button, Qt.MouseButton.LeftButton)
        assert errors == ["The private key could not be opened"]

        monkeypatch.setattr(dialogs, "ask_private_key", lambda _p: (PRIVATE_PEM, PASSPHRASE))
        with qtbot.waitSignal(controller.detail_shown, timeout=20_000):
            qtbot.mouseClick(view.key_button, Qt.MouseButton.LeftButton)
        assert NAME in texts(view)
    finally:
        desk.sign_out()
        store.close()
