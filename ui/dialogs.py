"""Every modal dialog the shell shows goes through here, so tests can replace them at one edge."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from ui.plain_text import plain_for_auto_text


def show_error(parent: QWidget | None, title: str, message: str, details: str = "") -> None:
    """A problem the person should read: title, plain explanation (what to do), optional details."""
    box = QMessageBox(
        QMessageBox.Icon.Critical, title, message, QMessageBox.StandardButton.Ok, parent
    )
    # Plain text: an engine message may contain "<" from a form expression.
    box.setTextFormat(Qt.TextFormat.PlainText)
    if details:
        box.setDetailedText(details)
    box.exec()


def show_info(parent: QWidget | None, title: str, message: str) -> None:
    """A short confirmation that something worked."""
    QMessageBox.information(parent, title, plain_for_auto_text(message))


def ask_yes_no(parent: QWidget | None, title: str, question: str) -> bool:
    """True when the person answers Yes; No is the default, so Enter never confirms by accident."""
    answer = QMessageBox.question(
        parent,
        title,
        plain_for_auto_text(question),  # it may quote a form's title
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def ask_private_key(parent: QWidget | None) -> tuple[bytes, str] | None:
    """The project's private key (PEM file) and its passphrase (typed hidden), or None when
    the person cancels. The passphrase is returned, never kept or logged here."""
    translate = QCoreApplication.translate
    path, _chosen = QFileDialog.getOpenFileName(
        parent,
        translate("Dialogs", "The project's private key"),
        "",
        translate("Dialogs", "Private key (*.pem *.key);;All files (*)"),
    )
    if not path:
        return None
    with open(path, "rb") as source:
        pem = source.read(64 * 1024)
    passphrase, accepted = QInputDialog.getText(
        parent,
        translate("Dialogs", "Passphrase"),
        translate("Dialogs", "Passphrase of the private key:"),
        QLineEdit.EchoMode.Password,
    )
    return (pem, passphrase) if accepted else None


def form_file_dialog(parent: QWidget | None, caption: str, file_filter: str) -> QFileDialog:
    """The open dialog for questionnaire files, its labels in the interface's language.

    Qt's own Spanish catalogue predates the labels' Alt keys ("&Look in:"), so without this the
    dialog Qt draws itself (no desktop dialog, as on many Linux laptops) says them in English.
    """
    dialog = QFileDialog(parent, caption, "", file_filter)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    translate = QCoreApplication.translate
    labels = {
        QFileDialog.DialogLabel.LookIn: translate("Dialogs", "&Look in:"),
        QFileDialog.DialogLabel.FileName: translate("Dialogs", "File &name:"),
        QFileDialog.DialogLabel.FileType: translate("Dialogs", "Files of &type:"),
    }
    for label, text in labels.items():
        dialog.setLabelText(label, text)
    dialog.resize(820, 520)  # room for names and dates on a 1366x768 screen
    return dialog


def ask_form_files(parent: QWidget | None, caption: str, file_filter: str) -> list[str]:
    """Files the person picked in the open dialog (empty when cancelled)."""
    dialog = form_file_dialog(parent, caption, file_filter)
    return dialog.selectedFiles() if dialog.exec() else []


def ask_retry(parent: QWidget | None, title: str, message: str, details: str = "") -> bool:
    """A problem that may pass (a file in use): True when the person chooses to try again."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        title,
        message,
        QMessageBox.StandardButton.Retry | QMessageBox.StandardButton.Close,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDefaultButton(QMessageBox.StandardButton.Retry)
    if details:
        box.setDetailedText(details)
    return box.exec() == QMessageBox.StandardButton.Retry


def show_crash(parent: QWidget | None, details: str) -> None:
    """Something unexpected went wrong: a calm message, the traceback behind "Show Details…",
    and "Copy details" to paste it into a message to whoever helps."""
    translate = QCoreApplication.translate
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        translate("Dialogs", "Something went wrong"),
        translate(
            "Dialogs",
            "Something went wrong; your answers are saved.\n\n"
            "You can keep working. If it happens again, copy the details and send them to "
            "your coordination.",
        ),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDetailedText(details)
    copy = box.addButton(translate("Dialogs", "Copy details"), QMessageBox.ButtonRole.ActionRole)
    copy.setObjectName("copyDetails")
    # An action button closes the box by default: keep it open after copying.
    copy.clicked.disconnect()
    copy.clicked.connect(lambda: copy_text(details))
    box.setDefaultButton(QMessageBox.StandardButton.Ok)
    box.exec()


def copy_text(text: str) -> None:
    """Put ``text`` on the clipboard."""
    from PySide6.QtGui import QGuiApplication

    QGuiApplication.clipboard().setText(text)


def ask_action(
    parent: QWidget | None, title: str, message: str, action: str, details: str = ""
) -> bool:
    """A problem with one way out: True when the person chooses `action` (the other button
    closes; it is the default, so Enter never does anything drastic)."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Close, parent
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    chosen = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Close)
    if details:
        box.setDetailedText(details)
    box.exec()
    return box.clickedButton() is chosen
