"""The filter bar's fields shared by the supervisor's review list and the findings view."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDateEdit

from ui.sessions_view import ANY_DATE, AnyDateCalendar


def filter_combo(name: str) -> QComboBox:
    """A choice filter that stays narrow on a 1366 px screen (long names are elided)."""
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    return combo


def filter_date(name: str) -> QDateEdit:
    """A date filter whose earliest date means "any date" (its special value text)."""
    edit = QDateEdit()
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setCalendarWidget(AnyDateCalendar())
    edit.setMinimumDate(ANY_DATE)
    edit.setDate(ANY_DATE)
    return edit
