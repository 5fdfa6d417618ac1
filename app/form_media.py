"""Where forms' media live: ``<data dir>/form_media/<form id>/<version>/<file>``.

The form id and version come from a server or a form file, so they are checked to be one safe
path segment each (``sync.openrosa.is_safe_segment``: the same rule the sync client applies to
a form list) and the resolved folder must lie inside the media root before anything is read or
written there: no ``..``, no absolute path, no drive letter, no symbolic link leading out.
"""

from __future__ import annotations

from pathlib import Path

from sync.openrosa import is_safe_segment

FORM_MEDIA = "form_media"
UNVERSIONED = "unversioned"


class UnsafeMediaPath(ValueError):
    """A form id or version that can't be a folder name inside the media folder."""


class FormMedia:
    """The media root of one data folder."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def folder(self, form_id: str, version: str) -> Path:
        """The folder of one form version's media (it may not exist). UnsafeMediaPath when the
        names would lead anywhere else."""
        segment = version or UNVERSIONED
        if not is_safe_segment(form_id) or not is_safe_segment(segment):
            raise UnsafeMediaPath(f"unsafe form id or version {form_id!r} {version!r}")
        folder = self.root / form_id / segment
        root = self.root.resolve()
        resolved = folder.resolve()
        if resolved.parent.parent != root:
            raise UnsafeMediaPath(f"{form_id!r} {version!r} leads outside the media folder")
        return folder

    def existing(self, form_id: str, version: str) -> Path | None:
        """The media folder when it exists (and is safely inside the root), else None."""
        try:
            folder = self.folder(form_id, version)
        except UnsafeMediaPath:
            return None
        return folder if folder.is_dir() else None
