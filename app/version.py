"""Encuentro's version, from one place: ``pyproject.toml``.

In the source tree and in a PyInstaller build (which bundles ``pyproject.toml`` beside the assets)
the file itself is read, so an edited version shows at once; an installed copy without the file
falls back to the package metadata pip wrote from it.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import metadata

from app.config import resource_path

UNKNOWN = "unknown"


@cache
def version() -> str:
    """The version string of this Encuentro (``pyproject.toml``'s ``project.version``)."""
    try:
        with resource_path("pyproject.toml").open("rb") as file:
            return str(tomllib.load(file)["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        pass
    try:
        return metadata.version("encuentro")
    except metadata.PackageNotFoundError:
        return UNKNOWN
