"""Lay HTML out on A4 pages and write a PDF with Qt's own PDF writer (no other PDF library).

The text is laid out by QTextDocument at 96 dots per inch on a page the size of the space between
the header and the footer, then painted page by page onto the writer (scaled to its resolution), so
each page can carry what a printed record needs on every page (wvisit/writing/marking.py): the
security marking at the top and the foot, the child's name and record id and "page x of y".
Pictures of what the child made are painted from the sitting's data (wvisit/tools/pictures.py),
never taken from a screen: where the HTML has <img src="picture:..."> the layout makes room for it
and the painter draws it there, as lines and text in the PDF (sharp at any zoom, small, quick).
"""

from __future__ import annotations

import base64
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPyTextObject,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from wvisit.tools import pictures as child_pictures
from wvisit.writing.marking import PageMarking

MARGIN_MM = 18
RESOLUTION_DPI = 300
LAYOUT_DPI = 96  # the HTML's pixel sizes (an <img width>) are screen pixels at this density
BAND_MM = 9  # the header's and the footer's height, inside the margins
PICTURE_OBJECT = QTextFormat.ObjectTypes.UserObject + 1  # a child's picture in the laid-out text
SOURCE = QTextFormat.Property.UserProperty + 1  # which picture: the <img> source it replaced
WIDTH = QTextFormat.Property.UserProperty + 2  # its width in layout pixels, from the <img>


def write_pdf(
    html: str,
    path: Path,
    title: str,
    font_pt: float = 10.5,
    images: dict[str, str] | None = None,
    pictures: dict[str, tuple[str, dict]] | None = None,
    marking: PageMarking | None = None,
) -> None:
    """`images` maps an <img> source in the HTML to a base64 PNG; `pictures` maps one to a sitting's
    (tool, result), painted from the data; `marking` puts the marking, whose record and "page x of y"
    on every page (without one, each page says only "page x of y")."""
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
    density = QImage(1, 1, QImage.Format.Format_RGB32)  # lays the text out at LAYOUT_DPI, whatever the screen
    density.setDotsPerMeterX(round(LAYOUT_DPI / 0.0254))
    density.setDotsPerMeterY(round(LAYOUT_DPI / 0.0254))
    document.documentLayout().setPaintDevice(density)
    document.setDefaultFont(QFont("DejaVu Sans", font_pt))
    _add_images(document, images or {})
    document.setHtml(html)
    _paint_pictures_in_place(document, pictures or {})
    _print(document, writer, marking or PageMarking(classification=""))
    del writer  # the file is complete once its writer is gone


def _add_images(document: QTextDocument, images: dict[str, str]) -> None:
    for source, png in images.items():
        document.addResource(
            QTextDocument.ResourceType.ImageResource, QUrl(source), QImage.fromData(base64.b64decode(png), "PNG")
        )


class _ChildPictures(QPyTextObject):
    """Lays out and paints a child's picture where its <img> stood, with the record's own painter."""

    def __init__(self, document: QTextDocument, pictures: dict[str, tuple[str, dict]]):
        super().__init__(document)
        self.pictures = pictures

    def intrinsicSize(self, _document, _position, form) -> QSizeF:  # noqa: N802 - Qt's name
        tool, result = self.pictures[form.property(SOURCE)]
        width = float(form.property(WIDTH))
        return QSizeF(width, width / child_pictures.aspect(tool, result))

    def drawObject(self, painter, rect, _document, _position, form) -> None:  # noqa: N802 - Qt's name
        tool, result = self.pictures[form.property(SOURCE)]
        child_pictures.paint(painter, tool, result, rect)


def _paint_pictures_in_place(document: QTextDocument, pictures: dict[str, tuple[str, dict]]) -> None:
    """Each <img> whose source names a picture becomes an object the painter draws, at the <img>'s width."""
    if not pictures:
        return
    document.documentLayout().registerHandler(PICTURE_OBJECT, _ChildPictures(document, pictures))
    found = []
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            form = fragment.charFormat()
            if form.isImageFormat() and form.toImageFormat().name() in pictures:
                image = form.toImageFormat()
                found.append((fragment.position(), fragment.length(), image.name(), image.width()))
            fragments += 1
        block = block.next()
    for position, length, source, width in found:  # each is one character, replaced by one
        cursor = QTextCursor(document)
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        picture = QTextCharFormat()
        picture.setObjectType(PICTURE_OBJECT)
        picture.setProperty(SOURCE, source)
        picture.setProperty(WIDTH, width)
        cursor.insertText("\ufffc", picture)


def _print(document: QTextDocument, writer: QPdfWriter, marking: PageMarking) -> None:
    """Paint the laid-out document page by page, with the header and footer on each."""
    scale = RESOLUTION_DPI / LAYOUT_DPI
    area = writer.pageLayout().paintRectPixels(RESOLUTION_DPI)  # inside the margins, in the writer's pixels
    band = BAND_MM / 25.4 * RESOLUTION_DPI
    body = QSizeF(area.width() / scale, (area.height() - 2 * band) / scale)
    document.setPageSize(body)
    pages = document.pageCount()
    painter = QPainter(writer)
    try:
        for page in range(pages):
            if page:
                writer.newPage()
            painter.save()
            painter.translate(0, band)
            painter.scale(scale, scale)
            painter.translate(0, -page * body.height())
            document.drawContents(painter, QRectF(0, page * body.height(), body.width(), body.height()))
            painter.restore()
            _bands(painter, marking, page + 1, pages, QRectF(0, 0, area.width(), area.height()), band)
    finally:
        painter.end()


def _bands(painter: QPainter, marking: PageMarking, page: int, pages: int, area: QRectF, band: float) -> None:
    font = QFont("DejaVu Sans")
    font.setPointSizeF(8.5)
    font.setFeature(QFont.Tag("liga"), 0)  # a record id's "ff" or "fi" stays two letters when copied or searched
    font.setBold(True)
    painter.setFont(font)
    top = QRectF(area.left(), area.top(), area.width(), band * 0.7)
    foot = QRectF(area.left(), area.bottom() - band * 0.7, area.width(), band * 0.7)
    if marking.classification:
        painter.drawText(top, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, marking.classification)
        painter.drawText(foot, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, marking.classification)
    font.setBold(False)
    painter.setFont(font)
    painter.drawText(foot, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, marking.footer(page, pages))
