"""The versioned schema of the local store and its forward migrations.

The version lives in PRAGMA user_version. Each migration takes the database from version n-1 to n
inside one transaction (all or nothing). Before migrating a file that already holds data, a copy is
written to `<data dir>/backups/` (as Vorta does). A released migration is never edited: add a new
one instead, and add a fixture of the released schema to tests/store/fixtures/.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlcipher3 import dbapi2 as sqlcipher

from app.store.errors import NEWER_VERSION, StoreError
from app.store.keys import sqlcipher_key_pragma
from app.store.private_files import private_file, private_folder, tighten

# Version 1: the first released schema. instance_xml is the LAST column of submissions so listing
# and counting sessions never walks the XML's overflow pages; submissions_by_updated also holds
# community and facilitator so the text search scans the index, not the table.
V1 = """
CREATE TABLE profiles (
    id TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT 'facilitator' CHECK (role IN ('facilitator', 'supervisor')),
    language TEXT NOT NULL DEFAULT 'es',
    created_at TEXT NOT NULL,
    last_used_at TEXT
);

CREATE TABLE forms (
    form_id TEXT NOT NULL,
    version TEXT NOT NULL,
    title TEXT NOT NULL,
    languages TEXT NOT NULL DEFAULT '[]',
    default_language TEXT,
    source_hash TEXT,
    source_name TEXT,
    builtin INTEGER NOT NULL DEFAULT 0,
    imported_at TEXT NOT NULL,
    xform_xml TEXT NOT NULL,
    PRIMARY KEY (form_id, version)
);

CREATE TABLE submissions (
    instance_id TEXT PRIMARY KEY CHECK (instance_id LIKE 'uuid:%'),
    form_id TEXT NOT NULL,
    form_version TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN
        ('draft', 'finalized', 'queued', 'sent', 'approved', 'has_issues', 'rejected')),
    language TEXT,
    profile_id TEXT REFERENCES profiles(id),
    facilitator TEXT,
    community TEXT,
    position TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    finalized_at TEXT,
    sent_at TEXT,
    review_state TEXT,
    review_comment TEXT,
    last_error TEXT,
    deprecated_id TEXT,
    instance_xml TEXT NOT NULL,
    FOREIGN KEY (form_id, form_version) REFERENCES forms(form_id, version)
);
CREATE INDEX submissions_by_updated
    ON submissions (updated_at, instance_id, community, facilitator);
CREATE INDEX submissions_by_created ON submissions (created_at);
CREATE INDEX submissions_by_status ON submissions (status, updated_at, instance_id);
CREATE INDEX submissions_by_form ON submissions (form_id, updated_at, instance_id);
CREATE INDEX submissions_by_community ON submissions (community, updated_at, instance_id);
CREATE INDEX submissions_by_profile ON submissions (profile_id, updated_at, instance_id);
CREATE INDEX submissions_by_deprecated ON submissions (deprecated_id)
    WHERE deprecated_id IS NOT NULL;

CREATE TABLE attachments (
    instance_id TEXT NOT NULL REFERENCES submissions(instance_id) ON DELETE CASCADE,
    filename TEXT NOT NULL,
    media_type TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    path TEXT,
    data BLOB,
    PRIMARY KEY (instance_id, filename)
);

CREATE TABLE outbox (
    instance_id TEXT PRIMARY KEY REFERENCES submissions(instance_id),
    enqueued_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    last_error TEXT
);
CREATE INDEX outbox_by_next_attempt ON outbox (next_attempt_at);

CREATE TABLE audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT,
    action TEXT NOT NULL,
    target TEXT,
    detail TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class Migration:
    """Takes the schema from `version - 1` to `version`."""

    version: int
    description: str
    apply: Callable[[sqlite3.Connection], None]


def _create_v1(conn: sqlite3.Connection) -> None:
    for statement in V1.split(";"):
        if statement.strip():
            conn.execute(statement)


# What a finalised session is stays so whatever code runs: its XML and files cannot change, and a
# session not yet sent (the only copy there is) cannot be deleted. The store's own statements
# already keep to this; the file itself refuses anything else.
_REFUSE_CHANGE = (
    "BEGIN SELECT RAISE(ABORT, 'read_only: a finalised session cannot be changed'); END"
)
V2_FINAL_IS_FIXED = (
    "CREATE TRIGGER final_answers_are_fixed BEFORE UPDATE OF instance_xml ON submissions"
    " WHEN OLD.status != 'draft' AND NEW.instance_xml IS NOT OLD.instance_xml " + _REFUSE_CHANGE,
    "CREATE TRIGGER final_files_are_fixed BEFORE INSERT ON attachments WHEN"
    " (SELECT status FROM submissions WHERE instance_id = NEW.instance_id) != 'draft' "
    + _REFUSE_CHANGE,
    "CREATE TRIGGER final_files_stay_as_they_are BEFORE UPDATE ON attachments WHEN"
    " (SELECT status FROM submissions WHERE instance_id = OLD.instance_id) != 'draft' "
    + _REFUSE_CHANGE,
    "CREATE TRIGGER unsent_sessions_are_kept BEFORE DELETE ON submissions"
    " WHEN OLD.status IN ('finalized', 'queued')"
    " BEGIN SELECT RAISE(ABORT, 'read_only: a session not yet sent cannot be deleted'); END",
)


def _final_is_fixed(conn: sqlite3.Connection) -> None:
    for statement in V2_FINAL_IS_FIXED:
        conn.execute(statement)


# Version 3: supervisor mode's local cache of the team's sessions (pulled from the server) and the
# outbox of reviews made offline. Kept apart from the facilitator's own tables: these rows are
# copies of what the server holds, never the only copy of anyone's answers. Columns line up with
# what an export reads (form id/version, XForm, instance XML, review state, submitter, time).
V3_SUPERVISOR = (
    """CREATE TABLE review_forms (
    form_id TEXT NOT NULL,
    version TEXT NOT NULL,
    project_id INTEGER NOT NULL,
    title TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    xform_xml TEXT NOT NULL,
    PRIMARY KEY (form_id, version)
)""",
    """CREATE TABLE review_sessions (
    instance_id TEXT PRIMARY KEY,
    root_id TEXT NOT NULL,
    deprecated_id TEXT,
    is_current INTEGER NOT NULL,
    project_id INTEGER NOT NULL,
    form_id TEXT NOT NULL,
    form_version TEXT NOT NULL,
    form_title TEXT NOT NULL,
    device_id INTEGER,
    device_name TEXT,
    facilitator TEXT,
    community TEXT,
    community_label TEXT,
    submitted_at TEXT NOT NULL,
    review_state TEXT NOT NULL,
    review_comment TEXT,
    reviewed_at TEXT,
    pulled_at TEXT NOT NULL,
    instance_xml TEXT
)""",
    "CREATE INDEX review_sessions_by_submitted ON review_sessions (submitted_at, instance_id)",
    "CREATE INDEX review_sessions_by_root ON review_sessions (root_id)",
    """CREATE TABLE review_attachments (
    instance_id TEXT NOT NULL REFERENCES review_sessions(instance_id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    data BLOB,
    PRIMARY KEY (instance_id, name)
)""",
    """CREATE TABLE review_events (
    event_id INTEGER PRIMARY KEY,
    instance_id TEXT NOT NULL,
    root_id TEXT NOT NULL,
    state TEXT NOT NULL,
    comment TEXT,
    reviewer TEXT,
    at TEXT NOT NULL
)""",
    "CREATE INDEX review_events_by_root ON review_events (root_id, event_id)",
    """CREATE TABLE review_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account TEXT NOT NULL,
    instance_id TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('approved', 'has_issues', 'rejected')),
    comment TEXT,
    after_event INTEGER NOT NULL,
    queued_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    last_error TEXT
)""",
    "CREATE INDEX review_outbox_by_session ON review_outbox (instance_id)",
)


def _supervisor_cache(conn: sqlite3.Connection) -> None:
    for statement in V3_SUPERVISOR:
        conn.execute(statement)


# Version 4: a draft's revision, raised by every save. A window saves "over revision n" and is
# refused when another window saved meanwhile: the optimistic lock compares one integer instead
# of the whole instance XML (which every answer had to send twice to SQLite).
def _draft_revision(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE submissions ADD COLUMN revision INTEGER NOT NULL DEFAULT 0")


# Version 5: ODK-encrypted submissions (forms with a public key, app/odk_encryption.py). What is
# sent for such a session: the manifest (position 0, "submission.xml") and the .enc files, in
# the order they were encrypted. Written once, in the finalising transaction; never changed.
V5_SEALED = (
    """CREATE TABLE sealed_parts (
    instance_id TEXT NOT NULL REFERENCES submissions(instance_id),
    position INTEGER NOT NULL,
    filename TEXT NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (instance_id, filename)
)""",
    "CREATE TRIGGER sealed_parts_are_fixed BEFORE UPDATE ON sealed_parts " + _REFUSE_CHANGE,
)


def _sealed_parts(conn: sqlite3.Connection) -> None:
    for statement in V5_SEALED:
        conn.execute(statement)


# Version 6: what the findings read from each session, kept so the findings view opens without
# parsing every XML again (app/store/findings_cache.py). Derived from the sessions' XML: a row can
# always be dropped and read again.
V6_FINDINGS = (
    """CREATE TABLE findings_sessions (
    scope TEXT NOT NULL CHECK (scope IN ('review', 'own')),
    roles_key TEXT NOT NULL,
    version_id TEXT NOT NULL,
    session TEXT NOT NULL,
    PRIMARY KEY (scope, roles_key, version_id)
)""",
)


def _findings_cache(conn: sqlite3.Connection) -> None:
    for statement in V6_FINDINGS:
        conn.execute(statement)


# Version 7: the sessions list's sort indexes end in (updated_at DESC, instance_id DESC), the tie
# order the list uses. SQLite 3.53 (bundled with SQLCipher) no longer walks an ascending index
# backwards for the mixed order `community ASC, updated_at DESC`: it sorted every session in a temp
# b-tree, 300-450 ms at 10,000 encrypted sessions; with these indexes the first page takes ~1 ms.
V7_SORT_INDEXES = tuple(
    statement
    for column in ("status", "form_id", "community")
    for statement in (
        f"DROP INDEX IF EXISTS submissions_by_{column.removesuffix('_id')}",
        f"CREATE INDEX submissions_by_{column.removesuffix('_id')}"
        f" ON submissions ({column}, updated_at DESC, instance_id DESC)",
    )
)


def _sort_indexes(conn: sqlite3.Connection) -> None:
    for statement in V7_SORT_INDEXES:
        conn.execute(statement)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "first schema", _create_v1),
    Migration(2, "finalised sessions fixed in the file itself", _final_is_fixed),
    Migration(3, "supervisor mode: cache of the team's sessions, review outbox", _supervisor_cache),
    Migration(4, "a draft's revision for the optimistic lock", _draft_revision),
    Migration(5, "ODK-encrypted submissions: the sealed parts that are sent", _sealed_parts),
    Migration(6, "findings read from each session, kept for the findings view", _findings_cache),
    Migration(7, "sort indexes in the sessions list's tie order", _sort_indexes),
)
CURRENT_VERSION = MIGRATIONS[-1].version


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def backup_file(
    conn: sqlite3.Connection, db_path: Path, from_version: int, key: bytes | None = None
) -> Path:
    """Write a consistent copy of the database next to it, in backups/, before it is migrated.
    With `key` (an encrypted data file) the copy is encrypted with the same key."""
    folder = private_folder(db_path.parent / "backups")
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{db_path.stem}-v{from_version}-{stamp}{db_path.suffix}"
    # Every answer and the device token are in the copy: owner-only from its first byte.
    if key is None:
        copy = sqlite3.connect(private_file(target))
    else:
        # The backup API copies pages: the target must be SQLCipher's, keyed alike.
        copy = sqlcipher.connect(private_file(target))
        copy.execute(sqlcipher_key_pragma(key))
    try:
        conn.backup(copy)
    finally:
        copy.close()
    return target


BACKUP_DAYS = 30


def prune_backups(db_path: Path, keep_days: int = BACKUP_DAYS) -> list[Path]:
    """Delete pre-migration copies older than keep_days: they hold every answer, drafts deleted
    since included, and are only needed if a migration went wrong (noticed within days)."""
    folder = db_path.parent / "backups"
    if not folder.is_dir():
        return []
    cutoff = datetime.now().timestamp() - keep_days * 86400
    removed = []
    private_folder(folder)
    for copy in folder.glob(f"{db_path.stem}-v*{db_path.suffix}"):
        if copy.stat().st_mtime < cutoff:
            copy.unlink()
            removed.append(copy)
        else:
            tighten(copy)  # a copy an older Encuentro left 0644
    return removed


def refuse_newer(current: int, target: int, db_path: Path) -> None:
    """A file from a newer Encuentro is left exactly as it is."""
    if current > target:
        raise StoreError(
            NEWER_VERSION,
            f"The data file {db_path} was written by a newer version of Encuentro "
            f"(data version {current}; this one understands up to {target}).",
            "Install the newer version of Encuentro. The file was not changed.",
        )


def migrate(
    conn: sqlite3.Connection,
    db_path: Path,
    migrations: Sequence[Migration] = MIGRATIONS,
    key: bytes | None = None,
) -> Path | None:
    """Bring the database to the newest version; returns the backup taken (None if none was needed).

    The connection must be in autocommit mode (isolation_level=None). A failing migration rolls back
    completely, leaving the file at its previous version (and the backup beside it).
    """
    target = migrations[-1].version
    current = schema_version(conn)
    refuse_newer(current, target, db_path)
    pending = [m for m in migrations if m.version > current]
    if not pending:
        return None
    has_data = current > 0
    backup = backup_file(conn, db_path, current, key) if has_data else None
    for migration in pending:
        conn.execute("BEGIN IMMEDIATE")
        try:
            migration.apply(conn)
            # PRAGMA user_version is transactional: it commits or rolls back with the migration.
            conn.execute(f"PRAGMA user_version = {int(migration.version)}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return backup
