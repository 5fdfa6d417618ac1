"""External secondary instances (select_one_from_file, pulldata, search): CSV or XML media files."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from app.engine.errors import FormError
from app.engine.instance import Node
from app.engine.xmlread import namespace, parse_xml

_SCHEMES = ("jr://file-csv/", "jr://file/", "jr://csv/")


def external_instance(instance_id: str, src: str, media_dir: Path | None) -> Node:
    """The document node of an external instance read from the form's media folder."""
    name = next((src[len(s) :] for s in _SCHEMES if src.startswith(s)), None)
    if name is None:
        raise FormError(f"The external instance '{instance_id}' ({src}) is not supported.")
    if media_dir is None:
        raise FormError(
            f"The external instance '{instance_id}' ({src}) needs the media file {name}; "
            "load the form from a file with its media folder next to it."
        )
    path = media_dir / name
    if "/" in name or "\\" in name or not path.is_file():
        raise FormError(
            f"The external instance '{instance_id}' needs the media file {name}, "
            f"which is not in {media_dir}."
        )
    data = path.read_bytes()
    if name.lower().endswith(".csv"):
        return _csv_instance(data, name)
    parsed = parse_xml(data, f"The media file {name}")
    document = Node("#document")
    document.append(parsed.to_node(parsed.root, namespace(parsed.root.tag)))
    return document


def _csv_instance(data: bytes, name: str) -> Node:
    """CSV rows as <root><item><column>value</column>…</item>…</root>, as ODK builds them."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormError(f"The media file {name} is not UTF-8 text.") from exc
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise FormError(f"The media file {name} is empty.")
    header = [column.strip() for column in rows[0]]
    if any(not column or " " in column for column in header):
        raise FormError(f"The media file {name} has an empty or spaced column name in its header.")
    root = Node("root")
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            raise FormError(f"The media file {name}, line {number}: more cells than columns.")
        item = root.append(Node("item"))
        for column, cell in zip(header, row + [""] * (len(header) - len(row)), strict=True):
            item.append(Node(column, cell))
    document = Node("#document")
    document.append(root)
    return document


def media_folder(form_path: Path) -> Path | None:
    """ODK's convention: <form>-media/ next to the form file; else the form's own folder."""
    folder = form_path.with_name(form_path.stem + "-media")
    return folder if folder.is_dir() else form_path.parent
