"""The form runner: fills one session of a form, page by page, autosaving every answer.

    from ui.runner import FormRunner
    runner = FormRunner(active_session, parent)      # an app.active_session.ActiveSession
    runner.closed                  Signal(): the person pressed Close (typing already saved)
    runner.finalized               Signal(str): the session was finalized (its instance ID)
    runner.set_form_language(name) show the form in another of its languages ("English (en)")
    runner.jump_to(ref)            go to the page of a question or section and focus it
    runner.refresh()               re-read the session (after something else changed it)
    runner.has_unsaved()           True while answers the data file refused still wait (retried
                                   first); closing the runner's window asks itself in that case

Nothing typed is lost on the way out: the Close button, the window closing (Ctrl+Q), another
session opened, the app quitting or the OS session ending all save the half-typed answer, a note
typed without Enter and the timer. An answer the data file refuses (disk full, locked, another
window changed the draft) stays on screen marked "Not saved yet" and is retried.

Modules: paging (prompts -> pages, no Qt), editors/text_editors/choice_editors (one widget per
control kind), question_block and page_view (a page's widgets, kept by ref), section_index (the
side tree), focus_group (timer, notes, participant counts), problems_panel, summary_view (the
read-only view), runner_view (layout), runner_widget (behaviour), leaving (saving on the way out)
and unsaved (answers the data file refused, retried).
"""

from ui.runner.runner_widget import FormRunner

__all__ = ["FormRunner"]
