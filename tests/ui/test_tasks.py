"""run_in_background: work happens off the GUI thread, results and errors come back on it."""

from __future__ import annotations

import threading

from ui.tasks import run_in_background, task_manager


def test_result_arrives_on_the_gui_thread(qtbot) -> None:
    gui_thread = threading.get_ident()
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker"] = threading.get_ident()
        return 42

    def done(result: int) -> None:
        seen["result"] = result
        seen["callback"] = threading.get_ident()

    run_in_background(work, done)
    qtbot.waitUntil(lambda: "result" in seen, timeout=3000)
    assert seen["result"] == 42
    assert seen["worker"] != gui_thread
    assert seen["callback"] == gui_thread
    assert not task_manager().busy()


def test_errors_reach_on_error_not_on_done(qtbot) -> None:
    got: list[BaseException] = []

    def work() -> None:
        raise ValueError("survey sheet, row 7, column 'type': unknown question type 'integr'")

    run_in_background(work, lambda _r: got.append(AssertionError("done called")), got.append)
    qtbot.waitUntil(lambda: bool(got), timeout=3000)
    assert isinstance(got[0], ValueError)
    assert "row 7" in str(got[0])


def test_writes_run_one_at_a_time_in_order(qtbot) -> None:
    order: list[int] = []
    threads: set[int] = set()

    def write(n: int) -> int:
        threads.add(threading.get_ident())
        order.append(n)
        return n

    delivered: list[int] = []
    for n in range(20):
        run_in_background(lambda n=n: write(n), delivered.append, writes=True)
    qtbot.waitUntil(lambda: len(delivered) == 20, timeout=3000)
    assert order == list(range(20))
    assert len(threads) == 1
