"""Correcting a returned session: the supervisor's comment stays in sight above the questionnaire,
in the interface language, and a session without a review shows no banner."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui import i18n

COMMENT = "Falta la edad de la participante P3 y el lugar de reunión"


def returned_session(workspace, profile) -> str:
    """A session finalized, sent, and returned by the supervisor with a comment."""
    active = workspace.start_session("grupo_focal_mujeres", facilitator=profile, language="es")
    store = workspace.store
    store.submissions.finalize(
        active.instance_id, store.submissions.get(active.instance_id).instance_xml
    )
    store.outbox.mark_sent(active.instance_id)
    store.submissions.set_review(active.instance_id, "has_issues", COMMENT)
    return active.instance_id


def enter(qtbot, window) -> None:
    qtbot.keyClicks(window.start_view.new_name, "Ana")
    qtbot.keyClick(window.start_view.new_name, Qt.Key.Key_Return)


def select(window, instance_id: str) -> None:
    model = window.sessions.model
    row = next(n for n in range(model.rowCount()) if model.row_at(n).instance_id == instance_id)
    window.sessions_view.table.selectRow(row)


def test_the_supervisors_comment_is_above_the_correction(qtbot, window, workspace) -> None:
    enter(qtbot, window)
    returned = returned_session(workspace, window.profile)
    window.sessions.reload()
    window.show_tab(window.sessions_view)
    select(window, returned)
    with qtbot.waitSignal(window.runner_opened, timeout=5000):
        qtbot.keyClick(
            window.sessions_view.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier
        )
    banner = window.review_banner
    assert not window.runner.readonly  # the editable correction, not the returned copy
    assert banner.isVisible()
    assert banner.text() == f"Returned for correction. The supervisor says: {COMMENT}"
    assert banner.geometry().bottom() <= window.runner.geometry().top()  # above, not over it
    i18n.set_language("es")
    qtbot.waitUntil(lambda: banner.text().startswith("Devuelta para corregir."), timeout=2000)
    assert COMMENT in banner.text()

    # Back in the list, the correction says what it is beside the returned session.
    qtbot.mouseClick(window.runner.close_button, Qt.MouseButton.LeftButton)
    i18n.set_language("en")
    correction = window.sessions.current_row()
    assert correction.deprecated_id == returned
    sync = window.sessions.model.COLUMNS.index("sync")
    index = window.sessions_view.table.currentIndex().siblingAtColumn(sync)
    assert index.data() == "Correction of a returned session; finalize it to resend"

    # The returned copy opens read-only and says where the editable correction is.
    select(window, returned)
    with qtbot.waitSignal(window.runner_opened, timeout=5000):
        window.sessions.open_current()
    assert window.runner.readonly
    assert window.review_banner.text().endswith(
        "To correct it, close it and choose Correct and resubmit (Ctrl+E)."
    )
    qtbot.mouseClick(window.runner.close_button, Qt.MouseButton.LeftButton)

    # A plain draft has nothing from a supervisor: no banner.
    draft = workspace.start_session("grupo_focal_mujeres", facilitator=window.profile)
    window.sessions.reload()
    select(window, draft.instance_id)
    with qtbot.waitSignal(window.runner_opened, timeout=5000):
        window.sessions.open_current()
    assert not banner.isVisible()
