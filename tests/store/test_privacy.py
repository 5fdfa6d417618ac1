"""What a person discards does not stay readable in the data file."""

import os
import time
from pathlib import Path

from app.store import Store

SECRET = "Participante P07 contó que la amenazaron en la parada del bus"


def test_a_discarded_draft_leaves_no_readable_answers_in_the_file(db_path: Path) -> None:
    store = Store.open(db_path)
    store.forms.add("grupo_focal", "1", "Grupo focal", "<h:html/>", languages=["es"])
    store.submissions.create("uuid:a", "grupo_focal", "1", f"<data><n>{SECRET}</n></data>")
    store.submissions.save_draft("uuid:a", f"<data><n>{SECRET} (2)</n></data>")
    store.submissions.delete_draft("uuid:a")
    store.close()  # closing checkpoints the WAL into the main file

    leftovers = [p for p in db_path.parent.iterdir() if p.name.startswith(db_path.name)]
    for path in leftovers:
        assert SECRET.encode() not in path.read_bytes(), path.name


def test_secure_delete_is_on_whatever_sqlite_build_python_brings(db_path: Path) -> None:
    # Debian's SQLite zeroes deleted content by default; the Windows and macOS builds do not.
    store = Store.open(db_path)
    with store._db.read() as conn:
        assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
    store.close()


def test_pre_migration_copies_are_deleted_after_thirty_days(db_path: Path) -> None:
    # They hold every answer, deleted drafts included; they only matter right after a migration.
    backups = db_path.parent / "backups"
    backups.mkdir(parents=True)
    old = backups / f"{db_path.stem}-v1-20260101-000000-000000{db_path.suffix}"
    recent = backups / f"{db_path.stem}-v1-20261120-000000-000000{db_path.suffix}"
    unrelated = backups / "notes-the-coordinator-left.txt"
    for path in (old, recent, unrelated):
        path.write_bytes(b"copy")
    forty_days_ago = time.time() - 40 * 86400
    os.utime(old, (forty_days_ago, forty_days_ago))
    os.utime(unrelated, (forty_days_ago, forty_days_ago))

    Store.open(db_path).close()

    assert not old.exists()
    assert recent.exists() and unrelated.exists()
