"""Behaviour of the start screen: pick or create a facilitator profile, switch the language.

On a protected laptop (app/protection.py) each profile opens with its own PIN: continuing as a
profile asks its PIN unless it was typed for this visit of the screen (the launch's unlock), a
new profile is given a PIN twice, and "Change PIN…" rewraps the selected profile's key. The
only way to make a profile without a PIN is the developer mode (ENCUENTRO_PLAIN_PROFILES=1).
Supervisor mode caches the team's sessions: it gets a profile of its own (role "supervisor",
kept out of the facilitators' list), so that cache sits in its own file, behind its own PIN,
chosen at the first sign-in.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QListWidgetItem

from app.store.errors import StoreError
from app.store.records import Profile
from ui import i18n, pin_dialog, pin_setup
from ui import settings as ui_settings
from ui.start_view import StartView
from ui.tasks import run_in_background
from ui.workspace_access import WorkspaceAccess


class StartController(QObject):
    """Fills the StartView from the Workspace's profiles and reports the chosen one."""

    profile_chosen = Signal(object)  # Profile
    language_changed = Signal(str)  # "es" | "en"
    supervisor_requested = Signal()

    def __init__(self, view: StartView, workspace: WorkspaceAccess) -> None:
        super().__init__(view)
        self.view = view
        self.workspace = workspace
        self._refreshing = False
        self._select_language_in_combo(i18n.current_language())
        view.language.currentIndexChanged.connect(self._on_language_picked)
        view.profiles.currentItemChanged.connect(self._on_profile_selected)
        view.profiles.itemActivated.connect(lambda _item: self.continue_with_selected())
        view.continue_button.clicked.connect(self.continue_with_selected)
        view.new_name.textChanged.connect(self._on_name_typed)
        view.new_name.returnPressed.connect(self.create_profile)
        view.create_button.clicked.connect(self.create_profile)
        view.supervisor_button.clicked.connect(self.open_supervisor)
        view.change_pin_button.clicked.connect(self.change_pin)
        self._pin_typed_for: str | None = None
        self.refresh()

    def trust_unlocked_profile(self) -> None:
        """The launch's unlock dialog has just checked the open profile's PIN: continuing as
        that profile from this first visit of the screen does not ask it again."""
        self._pin_typed_for = self.workspace.unlocked_profile_id()

    # --- profiles ----------------------------------------------------------------------------
    def refresh(self, keep_pin: bool = False) -> None:
        """Reload the profile list, selecting the one used last on this laptop. Coming back to
        this screen means someone else may sit down: their PIN is asked again."""
        if not keep_pin:
            self._pin_typed_for = None
        # Preselecting the last profile must not override --language or the remembered choice;
        # only a person picking a profile brings back that profile's language.
        self._refreshing = True
        self.view.profiles.clear()
        current = self.workspace.current_profile()
        last = current.id if current else ""
        chosen_row = 0
        for row, profile in enumerate(self._facilitators()):
            item = QListWidgetItem(profile.display_name)
            item.setData(Qt.ItemDataRole.UserRole, profile)
            self.view.profiles.addItem(item)
            if profile.id == last:
                chosen_row = row
        has_profiles = self.view.profiles.count() > 0
        self.view.show_first_use(not has_profiles)
        if has_profiles:
            self.view.profiles.setCurrentRow(chosen_row)
        self._refreshing = False
        self.view.continue_button.setEnabled(has_profiles)
        self.view.change_pin_button.setVisible(has_profiles and self.workspace.is_protected())
        (self.view.profiles if has_profiles else self.view.new_name).setFocus()

    def _facilitators(self) -> list[Profile]:
        return [p for p in self.workspace.profiles() if p.role != "supervisor"]

    def selected_profile(self) -> Profile | None:
        item = self.view.profiles.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def continue_with_selected(self) -> None:
        """Enter the workspace as the selected facilitator, remembering their language."""
        profile = self.selected_profile()
        if profile is None:
            return
        if self.workspace.is_protected() and profile.id != self._pin_typed_for:
            # Another profile's file (or the same after leaving this screen): its PIN first.
            if not pin_dialog.ask_pin_and_unlock(self.view, self.workspace.workspace, profile):
                return
            self._pin_typed_for = profile.id
        language = i18n.current_language()
        try:
            if profile.language != language:
                profile = self.workspace.set_profile_language(profile.id, language)
            profile = self.workspace.choose_profile(profile.id)
        except StoreError as error:
            self._say(self.workspace.explain(error))
            return
        self.profile_chosen.emit(profile)

    def create_profile(self) -> None:
        """Create a profile from the typed name and go straight into the workspace with it."""
        name = self.view.new_name.text().strip()
        if not name:
            self._say(self.tr("Type the facilitator's name first."))
            return
        if any(p.display_name.casefold() == name.casefold() for p in self.workspace.profiles()):
            self._say(self.tr("A profile with this name already exists: choose it in the list."))
            return
        language = i18n.current_language()
        if self.workspace.plain_profiles_allowed():
            try:
                profile = self.workspace.create_profile(name, language)
            except StoreError as error:
                self._say(self.workspace.explain(error))
                return
            self._created(profile)
            return
        pin = pin_setup.ask_new_pin(self.view, name)
        if pin is None:
            return
        # argon2id, and on a plain folder its encryption: off the GUI thread.
        self.view.create_button.setEnabled(False)
        self._say(self.tr("Protecting the new profile…"))
        access = self.workspace
        run_in_background(
            lambda: access.create_profile(name, language, pin),
            self._created,
            self._create_failed,
            writes=True,
        )

    def _create_failed(self, error: BaseException) -> None:
        self.view.create_button.setEnabled(bool(self.view.new_name.text().strip()))
        self._say(self.workspace.explain(error))

    def _created(self, profile: Profile) -> None:
        self._pin_typed_for = profile.id  # just chosen twice: no need to ask it again
        self.view.new_name.clear()
        self.refresh(keep_pin=True)
        for row in range(self.view.profiles.count()):
            item = self.view.profiles.item(row)
            if item.data(Qt.ItemDataRole.UserRole).id == profile.id:
                self.view.profiles.setCurrentRow(row)
        self.continue_with_selected()

    def open_supervisor(self) -> None:
        """Supervisor mode over the supervisor's own profile: its PIN asked (or chosen, the
        first time) before anything of the team's is downloaded or shown."""
        if self.workspace.plain_profiles_allowed():
            self.supervisor_requested.emit()  # developer mode: the open file, as before PINs
            return
        found = [p for p in self.workspace.profiles() if p.role == "supervisor"]
        if not found:
            asked = pin_setup.ask_new_profile(self.view)
            if asked is None:
                return
            name, pin = asked
            self._say(self.tr("Protecting the new profile…"))
            access, language = self.workspace, i18n.current_language()
            run_in_background(
                lambda: access.create_profile(name, language, pin, role="supervisor"),
                self._supervisor_ready,
                self._create_failed,
                writes=True,
            )
            return
        supervisor = found[0]
        if supervisor.id != self._pin_typed_for:
            if not pin_dialog.ask_pin_and_unlock(self.view, self.workspace.workspace, supervisor):
                return
        self._supervisor_ready(supervisor)

    def _supervisor_ready(self, profile: Profile) -> None:
        self._say("")
        self._pin_typed_for = profile.id
        self.supervisor_requested.emit()

    def change_pin(self) -> None:
        """The selected profile's PIN, old and new (its key is rewrapped, no file rewritten)."""
        profile = self.selected_profile()
        if profile is None or not self.workspace.is_protected():
            return
        if pin_setup.change_pin(self.view, self.workspace.workspace, profile):
            self._say(self.tr("The PIN was changed."))

    # --- language ----------------------------------------------------------------------------
    def _on_profile_selected(self, current: QListWidgetItem | None, _previous: object) -> None:
        # Two facilitators may share a laptop: selecting someone brings back their language.
        self._say("")
        if current is None or self._refreshing:
            return
        profile: Profile = current.data(Qt.ItemDataRole.UserRole)
        if profile.language and i18n.normalise(profile.language) != i18n.current_language():
            self._select_language_in_combo(i18n.normalise(profile.language))

    def _on_language_picked(self, index: int) -> None:
        code = self.view.language.itemData(index)
        if code and code != i18n.current_language():
            i18n.set_language(code)
            ui_settings.write(ui_settings.LANGUAGE, code)
            self.language_changed.emit(code)

    def _select_language_in_combo(self, code: str) -> None:
        index = self.view.language.findData(code)
        if index >= 0:
            self.view.language.setCurrentIndex(index)  # fires _on_language_picked when connected

    def sync_language(self) -> None:
        """Show the language chosen elsewhere (the main window's switch) in this combo."""
        self.view.language.blockSignals(True)
        self._select_language_in_combo(i18n.current_language())
        self.view.language.blockSignals(False)

    def _on_name_typed(self, text: str) -> None:
        self.view.create_button.setEnabled(bool(text.strip()))
        self._say("")

    def _say(self, text: str) -> None:
        self.view.message.setText(text)
        self.view.message.setVisible(bool(text))
