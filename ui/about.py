"""Help > About: version, data and log folders, database schema version, server address."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout, QWidget

from app.about import AboutFacts
from ui.plain_text import PlainLabel


class AboutDialog(QDialog):
    """Facts someone helping over the phone asks for; every value selectable to copy."""

    def __init__(self, facts: AboutFacts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About Encuentro"))
        layout = QVBoxLayout(self)
        rows = QFormLayout()
        self.values: dict[str, PlainLabel] = {}
        for key, label, value in (
            ("version", self.tr("Version:"), facts.version),
            ("data_dir", self.tr("Data folder:"), str(facts.data_dir)),
            ("log_dir", self.tr("Log folder:"), str(facts.log_dir)),
            ("schema", self.tr("Database schema version:"), str(facts.schema_version)),
            ("server", self.tr("Server address:"), facts.server_url or self.tr("(none set)")),
        ):
            shown = PlainLabel(value)  # a path or address is never markup
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            shown.setObjectName(f"about_{key}")
            self.values[key] = shown
            rows.addRow(label, shown)
        layout.addLayout(rows)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
