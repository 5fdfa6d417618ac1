"""Behaviour of the dashboard: the figures counted off the GUI thread from the cache
(``app.supervisor.dashboard``), laid into each panel's table and chart."""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import QDate, QLocale, QObject, Signal

from app.supervisor.dashboard import Figures
from app.supervisor.desk import SupervisorDesk
from ui import i18n
from ui.supervisor.dashboard_view import DashboardView
from ui.supervisor.list_model import review_label
from ui.tasks import run_in_background

log = logging.getLogger(__name__)


class DashboardController(QObject):
    refreshed = Signal(object)  # Figures

    def __init__(self, view: DashboardView, desk: SupervisorDesk) -> None:
        super().__init__(view)
        self.view = view
        self.desk = desk
        self.figures: Figures | None = None
        self._running = False
        view.refresh_button.clicked.connect(self.refresh)

    def refresh(self) -> None:
        """Count again (after a sync, a review, or on Refresh)."""
        if self._running:
            return
        self._running = True
        language = i18n.current_language()
        desk = self.desk
        run_in_background(lambda: desk.dashboard_figures(language), self._show, self._failed)

    def _failed(self, error: BaseException) -> None:
        self._running = False
        log.error("dashboard failed: %s", type(error).__name__)
        self.view.summary.setText(
            self.tr("The figures could not be counted: %1").replace("%1", str(error))
        )

    def _show(self, found: Figures) -> None:
        self._running = False
        self.figures = found
        self.lay_out()
        self.refreshed.emit(found)

    def lay_out(self) -> None:
        found = self.figures
        if found is None:
            return
        view = self.view
        panels = view.panels
        sessions = (self.tr("Community"), self.tr("Sessions"))
        people = self.tr("Participants")
        view.summary.setText(
            self.tr(
                "%n current session(s) on this laptop (newest version of each).", "", found.sessions
            )
        )
        panels["byCommunity"].fill(sessions, self._rows(found.by_community))
        panels["byGroup"].fill((self.tr("Group"), self.tr("Sessions")), self._rows(found.by_group))
        panels["participantsBySex"].fill(
            (self.tr("Sex"), people), self._rows(found.participants_by_sex)
        )
        panels["participantsByAge"].fill(
            (self.tr("Age group"), people), self._rows(found.participants_by_age)
        )
        panels["participantsByGroup"].fill(
            (self.tr("Group"), people), self._rows(found.participants_by_group)
        )
        panels["reviewStates"].fill(
            (self.tr("Review state"), self.tr("Sessions")),
            [(review_label(key), n) for key, _label, n in found.review_states],
        )
        panels["perWeek"].fill(
            (self.tr("Week starting"), self.tr("Sessions")),
            [(_day(key), n) for key, _label, n in found.per_week],
        )
        panels["withoutSession"].fill(
            (self.tr("Community"), self.tr("Sessions")),
            [(label, 0) for _value, label in found.without_session],
        )

    def _rows(self, rows: list[tuple[str, str, int]]) -> list[tuple[str, int]]:
        return [(label or self.tr("Not recorded"), n) for _key, label, n in rows]

    def retranslate(self) -> None:
        if self.figures is not None:
            self.refresh()  # labels come from the forms in the new language


def _day(iso_day: str) -> str:
    """A week's Monday as the interface's locale writes a short date."""
    day = date.fromisoformat(iso_day)
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)
