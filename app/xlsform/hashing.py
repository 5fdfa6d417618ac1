"""The cache key of an XLSForm's XForm: kept apart from convert.py so that checking whether the
built-in forms changed, at every start, does not import pyxform."""

from __future__ import annotations

import hashlib
from pathlib import Path


def source_hash(path: Path | str) -> str:
    """Return the sha256 hex digest of the file's bytes (the cache key for its XForm)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()
