"""Two copies of the app on one data folder: the second does not open the store, it asks the first
to come to the front; a copy that holds the folder but does not answer is explained. Real lock
files and local sockets; the second copy is also a real second process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ui.single_instance import Claim, SingleInstance, guard_data_folder, server_name

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def first(tmp_path: Path):
    instance = SingleInstance(tmp_path)
    assert instance.claim() is Claim.OWNER
    yield instance
    instance.release()


def test_the_second_copy_asks_the_first_to_show_itself(qtbot, tmp_path: Path, first) -> None:
    with qtbot.waitSignal(first.show_requested, timeout=10_000):
        assert SingleInstance(tmp_path).claim() is Claim.ASKED_FIRST


def test_a_second_process_on_the_same_folder_does_not_start(qtbot, tmp_path: Path, first) -> None:
    script = (
        "import sys; from PySide6.QtCore import QCoreApplication; app = QCoreApplication([]);"
        "from ui.single_instance import SingleInstance;"
        "print(SingleInstance(sys.argv[1]).claim().value)"
    )
    shown: list[bool] = []
    first.show_requested.connect(lambda: shown.append(True))
    process = subprocess.Popen(
        [sys.executable, "-c", script, str(tmp_path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    # The first copy answers from its event loop: keep it turning while the second one runs.
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=60_000)
    assert process.stdout is not None
    assert process.stdout.read().strip() == "asked_first"
    qtbot.waitUntil(lambda: shown == [True], timeout=10_000)


def test_another_folder_is_another_app(tmp_path: Path, first) -> None:
    other = tmp_path / "other"
    other.mkdir()
    assert server_name(other) != server_name(tmp_path)
    second = SingleInstance(other)
    assert second.claim() is Claim.OWNER
    second.release()


def test_after_the_first_copy_quits_the_next_one_owns_the_folder(tmp_path: Path) -> None:
    first = SingleInstance(tmp_path)
    assert first.claim() is Claim.OWNER
    first.release()
    again = SingleInstance(tmp_path)
    assert again.claim() is Claim.OWNER
    again.release()


def test_a_copy_that_holds_the_folder_but_does_not_answer_is_explained(
    dialogs, tmp_path: Path, first
) -> None:
    assert first._server is not None
    first._server.close()  # alive, holding the lock, but no longer answering
    assert guard_data_folder(tmp_path) is None
    title, message, _ = dialogs.errors[0]
    assert title == "Encuentro is already running"
    assert "did not answer" in message
