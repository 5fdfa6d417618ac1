"""A fresh data file for every store test: each store test runs on a plain file and on an
SQLCipher-encrypted one (same behaviour expected)."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.store import Store
from app.store.keys import new_data_key


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "encuentro.sqlite3"


@pytest.fixture(params=["plain", "encrypted"])
def store_key(request: pytest.FixtureRequest) -> bytes | None:
    """None for a plain data file, else the file's random data key."""
    return None if request.param == "plain" else new_data_key()


@pytest.fixture
def store(db_path: Path, store_key: bytes | None) -> Iterator[Store]:
    opened = Store.open(db_path, key=store_key)
    yield opened
    opened.close()


@pytest.fixture
def form(store: Store):
    record, _ = store.forms.add(
        "grupo_focal", "2026110101", "Grupo focal", "<h:html/>", languages=["es", "en"]
    )
    return record
