"""Moving one profile's sessions out of the old shared data file into a file of its own.

Before per-profile files (issue 9), every profile of a laptop shared one data file. Each profile
moves out on its first unlock (app/protection.py decides when; this module does the moving):

    copy_profile_part(shared, shared_key, own, own_key, profile_id, take_unowned, known)
        the whole shared file is exported, encrypted with the profile's own key, into
        `<own>.partial`; everything that is not this profile's (other profiles' sessions, their
        files, outbox rows, timers and notes, audit lines; the supervisor cache unless
        `take_unowned`) is deleted from the copy (secure_delete: zeroed) and the copy vacuumed;
        the copy is checked row by row against the shared file, synced, then renamed to `own`.
    drop_moved(shared, shared_key, own, own_key, profile_id, take_unowned, known)
        this profile's rows are deleted from the shared file, but only once every one of them is
        found, identical, in `own`. Safe to repeat.

A crash at any point loses nothing: the shared file is only ever shrunk by drop_moved, after the
copy is complete under its final name. `take_unowned`: the first profile to move also takes the
sessions of no known profile and the supervisor cache (someone must, and the shared file's key
already let that person read them).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from sqlcipher3 import dbapi2 as sqlcipher

from app.store.encrypt_file import _sidecars, _sync_folder, wipe
from app.store.errors import DB_ERRORS, UNREADABLE, StoreError, translate
from app.store.keys import sqlcipher_key_pragma
from app.store.private_files import private_file, private_folder

PARTIAL = ".partial"
REVIEW_TABLES = (
    "review_attachments",
    "review_events",
    "review_outbox",
    "review_sessions",
    "review_forms",
)
# The one trigger that refuses to delete an unsent session: a move is the one legitimate case,
# done inside a transaction that puts the trigger back before it commits.
KEEP_UNSENT = "unsent_sessions_are_kept"
SESSION_TABLES = ("submissions", "outbox", "attachments")


# The profile's sessions: its own (?1) and, when ?2 is 1, those of no known profile (?3: the
# known ids as a JSON list). Never NULL, so NOT (...) selects exactly the others.
OWNED = (
    "(profile_id IS ?1 OR (?2 = 1 AND (profile_id IS NULL"
    " OR profile_id NOT IN (SELECT value FROM json_each(?3)))))"
)


def _owned(schema: str, mine: bool = True) -> str:
    """SQL selecting the instance ids of `schema`'s sessions that are the profile's (or not)."""
    where = OWNED if mine else f"NOT {OWNED}"
    return f"SELECT instance_id FROM {schema}.submissions WHERE {where}"


def _connect(path: Path, key: bytes) -> sqlcipher.Connection:
    conn = sqlcipher.connect(path, isolation_level=None)
    conn.execute(sqlcipher_key_pragma(key))
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # a wrong key fails here
    return conn


def _has_table(conn: sqlcipher.Connection, schema: str, table: str) -> bool:
    query = f"SELECT 1 FROM {schema}.sqlite_master WHERE type = 'table' AND name = ?"
    return conn.execute(query, (table,)).fetchone() is not None


def _delete_sessions(
    conn: sqlcipher.Connection, schema: str, ids_sql: str, params: tuple[str, int, str]
) -> None:
    """Delete the sessions `ids_sql` selects, with everything beside them, in one transaction."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(f"CREATE TEMP TABLE moving AS {ids_sql}", params)
        trigger = conn.execute(
            f"SELECT sql FROM {schema}.sqlite_master WHERE type = 'trigger' AND name = ?",
            (KEEP_UNSENT,),
        ).fetchone()
        if trigger:
            conn.execute(f"DROP TRIGGER {schema}.{KEEP_UNSENT}")
        moving = "(SELECT instance_id FROM temp.moving)"
        conn.execute(f"DELETE FROM {schema}.attachments WHERE instance_id IN {moving}")
        conn.execute(f"DELETE FROM {schema}.outbox WHERE instance_id IN {moving}")
        conn.execute(f"DELETE FROM {schema}.audit WHERE target IN {moving}")
        conn.execute(
            f"DELETE FROM {schema}.settings WHERE key IN (SELECT 'session_timer:' || instance_id"
            " FROM temp.moving UNION SELECT 'session_note_draft:' || instance_id FROM temp.moving)"
        )
        conn.execute(f"DELETE FROM {schema}.submissions WHERE instance_id IN {moving}")
        if trigger:
            # CREATE TRIGGER names its schema in the statement, not in the prefix.
            sql = trigger[0].replace(
                f"CREATE TRIGGER {KEEP_UNSENT}", f"CREATE TRIGGER {schema}.{KEEP_UNSENT}", 1
            )
            conn.execute(sql)
        conn.execute("DROP TABLE temp.moving")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _rows(
    conn: sqlcipher.Connection, schema: str, table: str, ids: Iterable[str]
) -> list[tuple[object, ...]]:
    wanted = json.dumps(sorted(ids))
    query = f"SELECT * FROM {schema}.{table} WHERE instance_id IN (SELECT value FROM json_each(?))"
    return sorted((tuple(r) for r in conn.execute(query, (wanted,))), key=repr)


def _same_sessions(
    source: sqlcipher.Connection, copy: sqlcipher.Connection, ids: list[str]
) -> bool:
    return all(
        _rows(source, "main", table, ids) == _rows(copy, "main", table, ids)
        for table in SESSION_TABLES
    )


def _owned_ids(conn: sqlcipher.Connection, params: tuple[str, int, str]) -> list[str]:
    return [str(row[0]) for row in conn.execute(_owned("main"), params)]


def copy_profile_part(
    shared: Path,
    shared_key: bytes,
    own: Path,
    own_key: bytes,
    profile_id: str,
    take_unowned: bool,
    known: Iterable[str],
) -> list[str]:
    """Write `own`: the shared file's content that is this profile's, encrypted with `own_key`,
    verified. Returns the instance ids it holds. StoreError if the copy does not match (nothing
    is then changed; the shared file never is)."""
    params = (profile_id, 1 if take_unowned else 0, json.dumps(sorted(known)))
    partial = Path(f"{own}{PARTIAL}")
    for leftover in (partial, *_sidecars(partial)):
        wipe(leftover)  # a copy from an interrupted move: encrypted, but never half-trusted
    private_folder(own.parent)
    private_file(partial)
    try:
        conn = _connect(shared, shared_key)
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            ids = _owned_ids(conn, params)
            attach = "ATTACH DATABASE ? AS own KEY \"x'" + own_key.hex() + "'\""
            conn.execute(attach, (str(partial),))
            conn.execute("PRAGMA own.secure_delete = ON").fetchone()
            conn.execute("SELECT sqlcipher_export('own')").fetchone()
            conn.execute(f"PRAGMA own.user_version = {version}")
            # Attached again so the connection reads the schema the export wrote (triggers).
            conn.execute("DETACH DATABASE own")
            conn.execute(attach, (str(partial),))
            conn.execute("PRAGMA own.secure_delete = ON").fetchone()
            _delete_sessions(conn, "own", _owned("own", mine=False), params)
            conn.execute(
                "DELETE FROM own.profiles WHERE id != ? AND id NOT IN"
                " (SELECT profile_id FROM own.submissions WHERE profile_id IS NOT NULL)",
                (profile_id,),
            )
            conn.execute(
                "INSERT OR REPLACE INTO own.settings (key, value) VALUES ('current_profile', ?)",
                (json.dumps(profile_id),),
            )
            if not take_unowned:
                for table in REVIEW_TABLES:
                    if _has_table(conn, "own", table):
                        conn.execute(f"DELETE FROM own.{table}")
            conn.execute("VACUUM own")
            conn.execute("DETACH DATABASE own")
        finally:
            conn.close()
        source, copy = _connect(shared, shared_key), _connect(partial, own_key)
        try:
            same = (
                int(copy.execute("PRAGMA user_version").fetchone()[0]) == version
                and sorted(_owned_ids(copy, params)) == sorted(ids)
                and _same_sessions(source, copy, ids)
                and copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            )
        finally:
            source.close()
            copy.close()
    except DB_ERRORS as error:
        raise translate(error, shared) from error
    if not same:
        wipe(partial)
        raise StoreError(
            UNREADABLE,
            f"The copy of a profile's sessions out of {shared} did not match; nothing was moved.",
            "Try again; if it happens again, ask your coordinator.",
        )
    with open(partial, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, own)
    _sync_folder(own.parent)
    return ids


def drop_moved(
    shared: Path,
    shared_key: bytes,
    own: Path,
    own_key: bytes,
    profile_id: str,
    take_unowned: bool,
    known: Iterable[str],
) -> int:
    """Delete from the shared file the sessions this profile moved to `own` (and the supervisor
    cache when it took it), each checked present and identical in `own` first. Returns how many
    were deleted; StoreError (and nothing deleted) if one is missing from `own`."""
    params = (profile_id, 1 if take_unowned else 0, json.dumps(sorted(known)))
    try:
        conn, copy = _connect(shared, shared_key), _connect(own, own_key)
        try:
            ids = _owned_ids(conn, params)
            if not _same_sessions(conn, copy, ids):
                raise StoreError(
                    UNREADABLE,
                    f"Some sessions of {shared} are not in {own} as they should be; the shared "
                    "file was kept as it was.",
                    "Ask your coordinator before using this profile.",
                )
        finally:
            copy.close()
        try:
            conn.execute("PRAGMA secure_delete = ON").fetchone()
            conn.execute("PRAGMA foreign_keys = ON")
            _delete_sessions(conn, "main", _owned("main"), params)
            if take_unowned:
                for table in REVIEW_TABLES:
                    if _has_table(conn, "main", table):
                        conn.execute(f"DELETE FROM {table}")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            conn.close()
    except DB_ERRORS as error:
        raise translate(error, shared) from error
    return len(ids)


def remaining_sessions(shared: Path, shared_key: bytes) -> int:
    """How many sessions the shared file still holds."""
    try:
        conn = _connect(shared, shared_key)
        try:
            return int(conn.execute("SELECT count(*) FROM submissions").fetchone()[0])
        finally:
            conn.close()
    except DB_ERRORS as error:
        raise translate(error, shared) from error
