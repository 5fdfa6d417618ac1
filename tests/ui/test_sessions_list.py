"""Sessions tab in the main window: filters and search drive the list; Enter opens a session."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QDate, QPoint, Qt

from tests.ui.sessions_data import COMMUNITIES


def add_sessions(workspace, count: int) -> None:
    store = workspace.store
    form = store.forms.list()[0]
    with store._db.write():  # noqa: SLF001 - test data only, one transaction
        for n in range(count):
            instance_id = f"uuid:{uuid.uuid4()}"
            store.submissions.create(
                instance_id,
                form.form_id,
                form.version,
                "<data/>",
                facilitator="Ana",
                community=COMMUNITIES[n % len(COMMUNITIES)],
            )
            if n % 3 == 0:
                store.submissions.finalize(instance_id, "<data/>")


def enter_sessions(qtbot, window) -> None:
    qtbot.keyClicks(window.start_view.new_name, "Ana")
    qtbot.keyClick(window.start_view.new_name, Qt.Key.Key_Return)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.sessions_view


def test_filters_and_search_narrow_the_list(qtbot, window, workspace) -> None:
    add_sessions(workspace, 600)
    enter_sessions(qtbot, window)
    view, model = window.sessions_view, window.sessions.model
    assert model.total() == 600
    assert view.count_label.text().startswith("600 sessions")
    assert view.table.currentIndex().row() == 0  # ready for Enter

    view.status_filter.setCurrentIndex(view.status_filter.findData("finalized"))
    assert model.total() == 200
    assert view.community_filter.findData("Jiquilisco") >= 0
    view.community_filter.setCurrentIndex(view.community_filter.findData("Jiquilisco"))
    assert model.total() == 50
    assert {model.index(r, 2).data() for r in range(model.rowCount())} == {"Jiquilisco"}

    qtbot.mouseClick(view.clear_button, Qt.MouseButton.LeftButton)
    assert model.total() == 600
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.search.hasFocus()
    qtbot.keyClicks(view.search, "chinam")
    qtbot.waitUntil(lambda: model.total() == 150, timeout=2000)

    tomorrow = QDate.currentDate().addDays(1)
    view.date_from.setDate(tomorrow)
    assert model.total() == 0
    assert view.count_label.text().startswith("0 sessions")
    view.date_from.setDate(QDate.currentDate())
    assert model.total() == 150


def test_a_big_list_scrolls_in_pages(qtbot, window, workspace) -> None:
    add_sessions(workspace, 1200)
    enter_sessions(qtbot, window)
    model = window.sessions.model
    assert model.rowCount() < 1200
    assert "scroll to see more" in window.sessions_view.count_label.text()
    window.sessions_view.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() > 200, timeout=2000)


def test_enter_on_a_draft_resumes_it_where_it_was_left(qtbot, window, workspace) -> None:
    enter_sessions(qtbot, window)
    profile = window.profile
    draft = workspace.start_session("grupo_focal_mujeres", facilitator=profile, language="es")
    draft.answer("/data/participants[1]/participant_code", "P07")
    window.sessions.reload()
    table = window.sessions_view.table
    assert window.sessions.model.total() == 1
    assert window.sessions.model.index(0, 0).data() == "Draft"
    table.setFocus()
    table.selectRow(0)
    with qtbot.waitSignal(window.runner_opened, timeout=5000):
        qtbot.keyClick(table, Qt.Key.Key_Return)
    runner = window.runner
    assert not runner.readonly
    assert runner.active.instance_id == draft.instance_id
    assert runner.active.language == "Español (es)"  # the draft keeps its own language
    assert "/data/participants[1]/participant_code" in runner.page_view.blocks
    box = runner.page_view.blocks["/data/participants[1]/participant_code"].editor.box
    assert box.text() == "P07"
    qtbot.mouseClick(runner.close_button, Qt.MouseButton.LeftButton)
    assert window.runner is None and window.tabs.currentWidget() is window.sessions_view


def test_the_controller_works_on_its_view_alone(qtbot, workspace) -> None:
    """TagStudio's pattern: a controller with a real view, no main window around it."""
    from ui.sessions_controller import SessionsController
    from ui.sessions_view import SessionsView
    from ui.workspace_access import WorkspaceAccess

    add_sessions(workspace, 30)
    view = SessionsView()
    qtbot.addWidget(view)
    controller = SessionsController(view, WorkspaceAccess(workspace))
    view.show()
    qtbot.waitExposed(view)
    assert view.count_label.text() == "30 sessions"
    view.table.setFocus()
    with qtbot.waitSignal(controller.open_requested) as opened:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened.args[0].instance_id == controller.model.row_at(0).instance_id
    view.search.setFocus()
    with qtbot.assertNotEmitted(controller.open_requested):
        qtbot.keyClick(view.search, Qt.Key.Key_Return)  # Enter in the search box only searches


def test_the_chosen_session_stays_chosen_after_a_reload_and_after_closing_it(
    qtbot, window, workspace
) -> None:
    add_sessions(workspace, 6)
    enter_sessions(qtbot, window)
    table, controller = window.sessions_view.table, window.sessions
    # A sync reloads the list every few minutes: the person's choice must not jump to row 0.
    table.selectRow(3)
    chosen = controller.current_row().instance_id
    controller.reload()
    assert controller.current_row().instance_id == chosen
    # A filter that still matches keeps it too.
    qtbot.keyClicks(window.sessions_view.search, "a")
    controller.apply_filters()
    assert controller.current_row().instance_id == chosen
    # Back from a session, the list points at the session just closed.
    table.setFocus()
    table.selectRow(4)
    opened = controller.current_row().instance_id
    with qtbot.waitSignal(window.runner_opened, timeout=5000):
        qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.mouseClick(window.runner.close_button, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is window.sessions_view
    assert controller.current_row().instance_id == opened
    assert table.currentIndex().row() == 4


def test_an_empty_list_says_why_and_what_to_do(qtbot, window, workspace) -> None:
    enter_sessions(qtbot, window)
    view = window.sessions_view
    qtbot.waitUntil(view.empty_label.isVisible)
    assert "No sessions yet" in view.empty_label.text()
    assert "Ctrl+1" in view.empty_label.text()  # the way to the questionnaires
    # The text sits inside the table, readable at a laptop's width (not cut to one word).
    assert view.empty_label.parent() is view.table.viewport()
    assert view.empty_label.width() > 250

    add_sessions(workspace, 3)
    window.sessions.reload()
    assert not view.empty_label.isVisible()

    qtbot.keyClicks(view.search, "nobody here")
    window.sessions.apply_filters()
    assert view.empty_label.isVisible()
    assert "No session matches" in view.empty_label.text()
    assert "3 sessions in all" in view.empty_label.text()
    # The key the text names is the button's own (its mnemonic), in each language.
    assert "Alt+L" in view.empty_label.text()
    assert view.clear_button.shortcut().toString() == "Alt+L"
    qtbot.mouseClick(view.clear_button, Qt.MouseButton.LeftButton)
    assert window.sessions.model.total() == 3
    assert not view.empty_label.isVisible()

    # In Spanish the text names the Spanish button's key.
    window.language_switch.setCurrentIndex(window.language_switch.findData("es"))
    qtbot.keyClicks(view.search, "nadie")
    window.sessions.apply_filters()
    assert "Quitar filtros (Alt+Q)" in view.empty_label.text()
    qtbot.waitUntil(lambda: view.clear_button.text() == "&Quitar filtros", timeout=2000)
    assert view.clear_button.shortcut().toString() == "Alt+Q"


def test_the_date_filter_calendar_opens_on_today_not_in_2000(qtbot, window) -> None:
    enter_sessions(qtbot, window)
    edit = window.sessions_view.date_from
    assert edit.text() == "any date"
    calendar = edit.calendarWidget()
    edit.setFocus()
    arrow = QPoint(edit.width() - 6, edit.height() // 2)
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton, pos=arrow)  # the calendar's arrow
    qtbot.waitUntil(calendar.isVisible)
    today = QDate.currentDate()
    assert (calendar.yearShown(), calendar.monthShown()) == (today.year(), today.month())
    assert calendar.selectedDate() == today  # the arrow keys start from today
    assert edit.text() == "any date"  # nothing chosen yet: the list is not filtered
    assert window.sessions.current_filter().since is None
    qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Return)  # Enter chooses it
    qtbot.waitUntil(lambda: window.sessions.current_filter().since == today.toPython())


def test_enter_or_down_in_the_search_box_goes_to_the_results(qtbot, window, workspace) -> None:
    add_sessions(workspace, 8)
    enter_sessions(qtbot, window)
    view, model = window.sessions_view, window.sessions.model
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(view.search, "jiquil")
    qtbot.keyClick(view.search, Qt.Key.Key_Return)  # no waiting for the pause
    assert model.total() == 2
    assert view.table.hasFocus() and view.table.currentIndex().row() == 0
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view.search, Qt.Key.Key_Down)
    assert view.table.hasFocus()
    assert "Enter or Down" in view.search.toolTip()
    # Nothing found: the keyboard stays in the search box to type something else.
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(view.search, "zzz")
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert model.total() == 0 and view.search.hasFocus()


def test_a_draft_started_by_mistake_can_be_discarded_after_asking(
    qtbot, window, workspace, dialogs
) -> None:
    enter_sessions(qtbot, window)
    profile = window.profile
    draft = workspace.start_session("grupo_focal_mujeres", facilitator=profile)
    kept = workspace.start_session("grupo_focal_mujeres", facilitator=profile)
    store = workspace.store
    saved = store.submissions.get(kept.instance_id)
    store.submissions.finalize(kept.instance_id, saved.instance_xml)
    window.sessions.reload()
    view, controller = window.sessions_view, window.sessions
    view.table.setFocus()
    controller._select(kept.instance_id)
    assert not view.discard_button.isEnabled()  # a finalized session is never deleted here
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert dialogs.questions == [] and controller.model.total() == 2

    controller._select(draft.instance_id)
    assert view.discard_button.isEnabled()
    assert "(Delete)" in view.discard_button.toolTip()
    dialogs.answers = [False]  # No (the default): nothing happens
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    title, question = dialogs.questions[-1]
    assert title == "Discard draft" and "cannot be undone" in question
    assert "Grupo focal con mujeres" in question
    assert controller.model.total() == 2
    dialogs.answers = [True]
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert controller.model.total() == 1
    assert [s.instance_id for s in workspace.list_sessions()] == [kept.instance_id]
