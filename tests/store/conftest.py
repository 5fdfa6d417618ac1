"""A fresh data file for every store test."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.store import Store


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "encuentro.sqlite3"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    opened = Store.open(db_path)
    yield opened
    opened.close()


@pytest.fixture
def form(store: Store):
    record, _ = store.forms.add(
        "grupo_focal", "2026110101", "Grupo focal", "<h:html/>", languages=["es", "en"]
    )
    return record
