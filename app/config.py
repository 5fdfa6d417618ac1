"""One place for configuration: where data lives, and the few settings read from the environment."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "Encuentro"
APP_AUTHOR = "Encuentro"
DATA_DIR_ENV = "ENCUENTRO_DATA_DIR"
# Developers and the UI tests only: the start screen then makes profiles without a PIN (a plain,
# unencrypted data folder). Never set on a facilitator's laptop; the UI offers no such choice.
PLAIN_PROFILES_ENV = "ENCUENTRO_PLAIN_PROFILES"


def resource_path(*parts: str) -> Path:
    """Path of a bundled resource (assets/, forms/) from the source tree or a PyInstaller build."""
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent))
    return base.joinpath(*parts)


@dataclass(frozen=True)
class Config:
    data_dir: Path
    plain_profiles: bool = False  # PLAIN_PROFILES_ENV=1: developer mode, see above

    @property
    def database_path(self) -> Path:
        return self.data_dir / "encuentro.sqlite3"

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"


def load_config(data_dir: str | os.PathLike[str] | None = None) -> Config:
    """Resolve the data folder: explicit argument, then ENCUENTRO_DATA_DIR, then the OS default."""
    chosen = data_dir or os.environ.get(DATA_DIR_ENV) or user_data_dir(APP_NAME, APP_AUTHOR)
    path = Path(chosen).expanduser().resolve()
    # Owner-only (0700 on POSIX): it holds every answer. The store tightens an older folder too.
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return Config(data_dir=path, plain_profiles=os.environ.get(PLAIN_PROFILES_ENV) == "1")
