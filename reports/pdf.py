"""A ReportContent as an A4 PDF with Qt's QPdfWriter and QTextDocument (runs offscreen): the
body flows over the pages, each page ends with the footer that says what the report covers and
its page number; bar charts are drawn with QPainter."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from app.findings.report import ReportContent

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

RESOLUTION = 300  # dots per inch of the PDF's coordinate system
CHART_WIDTH, CHART_BAR = 1600, 56
CHART_POINTS = 420


def ensure_gui_application() -> object:
    """The Qt application (fonts need one); offscreen when no display is set (a server). A
    QApplication, not a QGuiApplication: one process has one, and the desktop (or a test run
    after this) needs widgets from it."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    return app if app is not None else QApplication([])


def write_pdf_file(content: ReportContent, output: Path) -> int:
    """``write_pdf`` all or nothing: written beside ``output`` under a temporary name, renamed
    when complete, removed on any failure (the CLI and the desktop both write this way)."""
    output = Path(output)
    partial = output.with_name(f".{output.name}.part")
    try:
        pages = write_pdf(content, partial)
        if not partial.is_file():  # Qt reports a file it could not open only by writing nothing
            raise OSError(f"cannot write {output}")
        os.replace(partial, output)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
        raise
    return pages


def write_pdf(content: ReportContent, path: Path) -> int:
    """Write the report to ``path``; the number of pages."""
    ensure_gui_application()
    from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt, QUrl
    from PySide6.QtGui import (
        QFont,
        QPageLayout,
        QPageSize,
        QPainter,
        QPdfWriter,
        QTextDocument,
    )

    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION)
    writer.setTitle(content.title)
    writer.setCreator("Encuentro")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    page = writer.pageLayout().paintRectPixels(RESOLUTION)
    footer_height = int(RESOLUTION * 0.6)
    body_height = page.height() - footer_height

    document = QTextDocument()
    font = QFont("DejaVu Sans")
    font.setPointSizeF(10)
    document.setDefaultFont(font)
    html = content.html
    for index, (title, bars) in enumerate(content.charts):
        image = _chart(title, bars)
        document.addResource(
            QTextDocument.ResourceType.ImageResource, QUrl(f"chart:{index}"), image
        )
        # Drawn at print resolution, shown CHART_POINTS wide (the body is ~510 points wide).
        shown = f'<img src="chart:{index}" width="{CHART_POINTS}" '
        shown += f'height="{round(image.height() * CHART_POINTS / image.width())}"/>'
        html = html.replace(f'<img src="chart:{index}"/>', shown)
    # Lay out in points, scaled to the writer's dots: fonts keep their size.
    scale = RESOLUTION / 72
    document.setPageSize(QSizeF(page.width() / scale, body_height / scale))
    document.setHtml(html)
    pages = document.pageCount()

    painter = QPainter(writer)
    footer_font = QFont("DejaVu Sans")
    footer_font.setPointSizeF(7)
    try:
        for number in range(pages):
            if number:
                writer.newPage()
            painter.save()
            painter.scale(scale, scale)
            top = number * body_height / scale
            painter.translate(0, -top)
            document.drawContents(
                painter, QRectF(0, top, page.width() / scale, body_height / scale)
            )
            painter.restore()
            painter.setFont(footer_font)
            footer = QRectF(0, body_height + RESOLUTION * 0.1, page.width(), footer_height)
            painter.drawText(
                footer,
                int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap),
                f"{content.footer}  ({number + 1}/{pages})",
            )
    finally:
        painter.end()
    return pages


def _chart(title: str, bars: list[tuple[str, int]]) -> QImage:
    """A horizontal bar chart as an image: one labelled bar per entry, its value at the end."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QImage, QPainter

    height = CHART_BAR * (len(bars) + 1) + 20
    image = QImage(CHART_WIDTH, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    font = QFont("DejaVu Sans")
    font.setPixelSize(26)
    painter.setFont(font)
    painter.drawText(QRectF(0, 0, CHART_WIDTH, CHART_BAR), int(Qt.AlignmentFlag.AlignLeft), title)
    top = max((value for _, value in bars), default=0) or 1
    label_width, room = 560, CHART_WIDTH - 560 - 120
    for row, (label, value) in enumerate(bars, start=1):
        y = row * CHART_BAR
        painter.setPen(QColor("black"))
        painter.drawText(
            QRectF(0, y, label_width - 10, CHART_BAR - 8),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            label,
        )
        painter.fillRect(
            QRectF(label_width, y + 8, room * value / top, CHART_BAR - 20), QColor("#2b7bb9")
        )
        painter.drawText(
            QRectF(label_width + room * value / top + 8, y, 110, CHART_BAR - 8),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            str(value),
        )
    painter.end()
    return image
