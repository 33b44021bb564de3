"""Lay HTML out on A4 pages and write a PDF with Qt's own PDF writer (no other PDF library).

QTextDocument.print_ breaks the text into pages and numbers them at the foot of each page.
"""

from __future__ import annotations

import base64
from pathlib import Path

from PySide6.QtCore import QMarginsF, QUrl
from PySide6.QtGui import QFont, QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument

MARGIN_MM = 18
RESOLUTION_DPI = 300


def write_pdf(html: str, path: Path, title: str, font_pt: float = 10.5, images: dict[str, str] | None = None) -> None:
    """`images` maps an <img> source in the HTML to a base64 PNG (what the child drew, for example)."""
    writer = QPdfWriter(str(path))
    writer.setTitle(title)  # no child's name: a file's properties are shown in places its content is not
    writer.setCreator("wvisit")
    writer.setResolution(RESOLUTION_DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    document = QTextDocument()
    document.setDefaultFont(QFont("DejaVu Sans", font_pt))
    for source, png in (images or {}).items():
        document.addResource(
            QTextDocument.ResourceType.ImageResource, QUrl(source), QImage.fromData(base64.b64decode(png), "PNG")
        )
    document.setHtml(html)
    document.print_(writer)
    del writer  # the file is complete once its writer is gone
