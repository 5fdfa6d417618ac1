"""Behaviour of the form library: list forms, import files (dialog or drop), start a session."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QDate, QLocale, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QTreeWidgetItem

from app.form_titles import version_date, version_revision
from app.store.errors import StoreError
from app.store.records import FormRecord, Profile
from app.xlsform import XLSFormError
from ui import dialogs, i18n
from ui import settings as ui_settings
from ui.library_view import LibraryView
from ui.plain_text import plain_for_auto_text
from ui.tasks import run_in_background
from ui.workspace_access import WorkspaceAccess

log = logging.getLogger(__name__)

FormKey = tuple[str, str]  # (form_id, version)


def language_names(record: FormRecord) -> str:
    """'Español (es), English (en)' -> 'Español, English' for the list."""
    return ", ".join(name.split(" (")[0] for name in record.languages) or "—"


def version_text(version: str) -> str:
    """A yyyymmddNN version as the date it was made ("26/11/2026", with the day's revision
    when there were several: "26/11/2026 (2)"); any other version as it is."""
    made = version_date(version)
    if made is None:
        return version
    text = QLocale().toString(
        QDate(made.year, made.month, made.day), QLocale.FormatType.ShortFormat
    )
    revision = version_revision(version) or 1
    return f"{text} ({revision})" if revision > 1 else text


class LibraryController(QObject):
    """Drives LibraryView; emits session_started(ActiveSession) for the main window to open."""

    session_started = Signal(object)
    forms_changed = Signal()

    def __init__(self, view: LibraryView, workspace: WorkspaceAccess) -> None:
        super().__init__(view)
        self.view = view
        self.workspace = workspace
        self.profile: Profile | None = None
        self._importing = 0
        self._starting = False  # a session is being started: a second Enter starts no other
        self._status: Callable[[], str] | None = None
        view.import_button.clicked.connect(self.choose_files)
        view.start_button.clicked.connect(self.start_selected)
        view.files_dropped.connect(self.import_files)
        view.forms.itemActivated.connect(lambda _item, _col: self.start_selected())
        view.forms.currentItemChanged.connect(self._on_selection)
        QShortcut(QKeySequence("Ctrl+I"), view, self.choose_files)
        self.refresh()

    def refresh(self, select: FormKey | None = None) -> None:
        """Reload the list; keep (or restore from settings) the selected form."""
        wanted = select or self._selected_key() or self._remembered_key()
        self.view.forms.clear()
        chosen: QTreeWidgetItem | None = None
        for record in self.workspace.forms():
            source = (
                self.tr("Built-in")
                if record.builtin
                else (record.source_name or self.tr("Imported"))
            )
            title = self.workspace.form_title(record, i18n.current_language())
            item = QTreeWidgetItem(
                [title, version_text(record.version), language_names(record), source]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, (record.form_id, record.version))
            item.setToolTip(1, plain_for_auto_text(record.version))
            item.setToolTip(0, plain_for_auto_text(f"{record.form_id} · v{record.version}"))
            self.view.forms.addTopLevelItem(item)
            if (record.form_id, record.version) == wanted:
                chosen = item
        if chosen is None and self.view.forms.topLevelItemCount():
            chosen = self.view.forms.topLevelItem(0)
        if chosen is not None:
            self.view.forms.setCurrentItem(chosen)
        self.view.start_button.setEnabled(chosen is not None)

    def _selected_key(self) -> FormKey | None:
        item = self.view.forms.currentItem()
        return None if item is None else tuple(item.data(0, Qt.ItemDataRole.UserRole))

    @staticmethod
    def _remembered_key() -> FormKey | None:
        text = ui_settings.read_str(ui_settings.LAST_FORM)
        form_id, _, version = text.partition("\n")
        return (form_id, version) if form_id else None

    def _on_selection(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        self.view.start_button.setEnabled(current is not None)
        if current is not None:
            form_id, version = current.data(0, Qt.ItemDataRole.UserRole)
            ui_settings.write(ui_settings.LAST_FORM, f"{form_id}\n{version}")

    # --- starting ----------------------------------------------------------------------------
    def start_selected(self) -> None:
        """Open a new session of the selected questionnaire in the interface's language."""
        key = self._selected_key()
        if self.profile is None:  # never silently nothing: say what is missing
            self.say(lambda: self.tr("Choose who is facilitating first (Change, top right)."))
            return
        if key is None or self._starting:
            return
        self._starting = True
        profile, language = self.profile, i18n.current_language()
        # Off the GUI thread: a big form is parsed and its first draft saved before it opens.
        run_in_background(
            lambda: self.workspace.start_session(key[0], key[1], profile, language),
            self._started,
            self._start_failed,
            writes=True,
        )

    def _started(self, active: object) -> None:
        self._starting = False
        self.session_started.emit(active)

    def _start_failed(self, error: BaseException) -> None:
        self._starting = False
        if not isinstance(error, StoreError | ValueError):
            log.error("starting a session failed", exc_info=error)
        dialogs.show_error(
            self.view, self.tr("The session could not be started"), self.workspace.explain(error)
        )

    # --- importing ---------------------------------------------------------------------------
    def choose_files(self) -> None:
        files = dialogs.ask_form_files(
            self.view,
            self.tr("Import a questionnaire"),
            self.tr("Questionnaires (*.xlsx *.xls *.csv *.md *.xml *.xform);;All files (*)"),
        )
        if files:
            self.import_files(files)

    def import_files(self, paths: list[str]) -> None:
        """Import each file off the GUI thread (pyxform can take a second on a big form)."""
        for path in paths:
            self._importing += 1

            def importing(name: str = Path(path).name) -> str:
                return self.tr("Importing %s…") % name

            self.say(importing)
            run_in_background(
                partial(self.workspace.import_form, path),
                partial(self._imported, path),
                partial(self._import_failed, path),
                writes=True,
            )

    def say(self, text: Callable[[], str] | None) -> None:
        """The line under the list (import results); kept as a function of the language so a
        language switch says it again in the new one."""
        self._status = text
        self.view.status.setText(text() if text is not None else "")

    def retranslate(self) -> None:
        """After a language switch: the list's texts and the status line in the new language."""
        self.refresh()
        self.say(self._status)

    def busy(self) -> bool:
        """True while an import or the start of a session is still running."""
        return self._importing > 0 or self._starting

    def _imported(self, path: str, result: tuple[FormRecord, bool]) -> None:
        self._importing -= 1
        record, added = result
        title = record.title or record.form_id

        def text() -> str:
            if added:
                said = self.tr("Added “%1” (version %2).")
            else:
                said = self.tr("“%1” version %2 was already here; nothing was duplicated.")
            return said.replace("%1", title).replace("%2", record.version)

        self.say(text)
        self.refresh(select=(record.form_id, record.version))
        self.forms_changed.emit()

    def _located(self, error: BaseException) -> str:
        """The engine's message, with where it is (sheet, row, column) in the person's language."""
        # The engine re-raises an XLSFormError as FormError "from" it: the location is there.
        located = error if isinstance(error, XLSFormError) else error.__cause__
        if not isinstance(located, XLSFormError):
            return self.workspace.explain(error)
        error = located
        where = []
        if error.sheet:
            where.append(self.tr("sheet “%1”").replace("%1", error.sheet))
        if error.row is not None:
            where.append(self.tr("row %1").replace("%1", str(error.row)))
        if error.column:
            where.append(self.tr("column “%1”").replace("%1", error.column))
        message = error.message_in(i18n.current_language())  # pyxform's own text stays as is
        return f"{', '.join(where)}: {message}" if where else message

    def _unreadable(self, name: str, error: OSError) -> str:
        """Why a form file could not be opened, and what the person can do about it."""
        if isinstance(error, FileNotFoundError):
            text = self.tr(
                "The file %1 is no longer where it was (was the USB stick removed, or the file "
                "moved?). Find it and import it again."
            )
        elif isinstance(error, PermissionError):
            text = self.tr(
                "Encuentro may not open the file %1. If it is open in another program (for "
                "example your spreadsheet program), close it there and import it again."
            )
        else:
            text = self.tr(
                "The file %1 could not be read. Check that the disk or USB stick is connected "
                "and import it again."
            )
        return text.replace("%1", name)

    def _import_failed(self, path: str, error: BaseException) -> None:
        self._importing -= 1
        name = Path(path).name
        self.say(lambda: self.tr("%s could not be imported.") % name)
        if isinstance(error, OSError):
            # Not a mistake in the questionnaire: the file could not be read at all.
            dialogs.show_error(
                self.view,
                self.tr("The file could not be read"),
                self._unreadable(name, error),
                str(error),
            )
            return
        if isinstance(error, StoreError):  # the data file's own words say what to do
            dialogs.show_error(
                self.view,
                self.tr("The questionnaire could not be saved"),
                self.workspace.explain(error),
            )
            return
        if isinstance(error, ValueError):
            # XLSFormError / FormError are ValueErrors whose text names sheet, row and column.
            message = self.tr("The file %1 could not be imported:").replace("%1", name)
            advice = self.tr(
                "Correct this in the file (for example in your spreadsheet program), "
                "save it and import it again. Nothing else was changed."
            )
            dialogs.show_error(
                self.view,
                self.tr("This questionnaire has a problem"),
                f"{message}\n\n{self._located(error)}\n\n{advice}",
            )
            return
        # Not a problem in the file: say so briefly, keep the detail for whoever helps them.
        log.error("importing %s failed", path, exc_info=error)
        dialogs.show_error(
            self.view,
            self.tr("Unexpected problem"),
            self.tr("Encuentro could not import %s because of an internal error.") % name,
            "".join(traceback.format_exception(type(error), error, error.__traceback__)),
        )
