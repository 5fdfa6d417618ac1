"""The facilitator's local store: one SQLite file, `<data dir>/encuentro.sqlite3`.

Every write below is one transaction, committed (WAL, synchronous=FULL) before the call returns:
when a method returns, what it saved survives a crash or a power cut. All reads and writes of
instance XML and attachments go through this API (no raw SQL elsewhere). Every failure is a
StoreError (see the end). Timestamps are ISO-8601 strings in UTC with offset and milliseconds,
e.g. "2026-11-26T22:08:00.123+00:00" (fixed width: text order is time order); show them in local
time.

Opening
    store = Store.open(path, busy_timeout=5.0)   # creates or migrates (backup first)
    store = Store.open(path, key=data_key)       # SQLCipher-encrypted file (issue 9): pages,
        WAL and backups; key = 32 random bytes (app/store/keys.py wraps it by PIN / recovery
        key); a wrong key or none: StoreError "corrupt", file untouched
    store.encrypt(data_key)                      # plain file -> encrypted in place, verified,
        plain copy zeroed and removed (app/store/encrypt_file.py); same Store object carries on
    store = Store.open(load_config(data_dir).database_path)
    store.path, store.schema_version, store.backup_taken (Path | None)
    store.check_integrity() -> list[str]         # [] when sound
    store.close()  /  with Store.open(...) as store: ...
    One Store may be called from several threads: calls are serialised by a lock.
    Files: data folder 0700, database/WAL/SHM/backups 0600 from creation (app/store/private_files).
    Write-ahead log: truncated (wal_checkpoint(TRUNCATE)) at open, at close, after a draft is
    deleted or finalised or a file replaced, and after autosaves once it holds WAL_SCRUB_BYTES
    (1 MiB), else WAL_SCRUB_SECONDS (30 s) later on a timer thread (app/store/database.py). A
    new store method that deletes or replaces answers calls db.answers_dropped() (or
    answers_overwritten()) inside its write().
    Schema v2: the file itself refuses (StoreError "read_only") any change to a finalised
    session's XML or files, and deleting a session not yet sent (finalized/queued).

Profiles (store.profiles)
    create(display_name, role="facilitator", language="es") -> Profile   # facilitator|supervisor
    get(profile_id) -> Profile        list() -> list[Profile] (recently used first)
    set_language(profile_id, language) -> Profile     mark_used(profile_id) -> Profile
    Profile: id, display_name, role, language, created_at, last_used_at

Forms (store.forms): one row per (form_id, version)
    add(form_id, version, title, xform_xml, *, languages=None, default_language=None,
        source_hash=None, source_name=None, builtin=False, actor=None) -> (FormRecord, added)
        the same (form_id, version) twice does not duplicate; a new version leaves older ones in
        place, so drafts started on them stay openable with their own version
    get(form_id, version=None) -> FormRecord     # with xform_xml; None: newest imported version
    list(all_versions=False) -> list[FormRecord] # xform_xml == ""; newest version of each form
    find_by_source(source_name, source_hash) -> FormRecord | None
    source_hash(form_id, version) -> str | None
    FormRecord: form_id, version, title, languages (list), default_language, xform_xml,
        source_hash, source_name, builtin, imported_at

Sessions (store.submissions): status draft|finalized|queued|sent|approved|has_issues|rejected
    create(instance_id, form_id, form_version, instance_xml, *, language=None, profile_id=None,
        facilitator=None, community=None, position=None, deprecated_id=None,
        files_from=None) -> Submission   (files_from: copy that session's attachments)
    save_draft(instance_id, instance_xml, *, position=None, language=None, community=None,
               expected_revision=None)
        -> the draft's new revision (None keeps the stored value; StoreError "read_only" unless
        a draft; StoreError "conflict" when expected_revision is given and the stored draft is
        no longer at it: another window saved meanwhile)
    set_position(instance_id, position)
    finalize(instance_id, instance_xml, *, actor=None, expected_revision=None,
             keep_files=None)
        -> Submission: status finalized (read-only from then on) + outbox entry, in ONE
        transaction; keep_files given: the draft's other attachments are deleted (never sent)
        sealed=(manifest, [(name, bytes)]): an ODK-encrypted form's submission as it is sent
        (store.sealed.get(id) -> SealedSession | None); on a plain data file the answers are
        then not kept in clear (instance_xml = the manifest, files dropped; resume refuses with
        StoreError "sealed"), on an encrypted one they stay for the facilitator to view
    delete_draft(instance_id, *, actor=None)     # drafts only
    set_review(instance_id, state, comment=None, *, actor=None)  # approved|has_issues|rejected
    get(instance_id) -> Submission (with instance_xml, position, revision, .is_read_only)
    exists(instance_id) -> bool
    list(filters: SessionFilter | None, offset=0, limit=50) -> list[SubmissionSummary]
        most recently changed first; never reads XML (fast at 10,000 sessions)
    count(filters=None) -> int     count_by_status() -> {status: n}     communities() -> list[str]
    SessionFilter(form_id, status (str or tuple), community, profile_id, text (in community or
        facilitator, case and accents ignored), since, until (local dates, inclusive, on
        created_at), deprecated_id (the correction of a returned session), not_sent (refused
        by the server: outbox entry with a reason and no next attempt), sort (one of
        records.SORT_KEYS: updated|created|form|community|status|facilitator) and descending;
        list() orders by it, ties most recently changed first)
    SubmissionSummary: instance_id, form_id, form_version, status, language, profile_id,
        facilitator, community, created_at, updated_at, finalized_at, sent_at, review_state,
        review_comment, last_error, deprecated_id, form_title

Outbox (store.outbox): for the sync client
    due(now=None, limit=50) -> list[OutboxEntry]   # in order of finalisation
    list() -> list[OutboxEntry]      count() -> int
    mark_sent(instance_id, at=None)   # status sent + out of the outbox, one transaction
    mark_failed(instance_id, error, retry_at)   # status queued; retry_at None: permanent error
    requeue(instance_id)
    OutboxEntry: instance_id, enqueued_at, attempts, next_attempt_at, last_error

Attachments (store.attachments): bytes kept inside the data file
    add(instance_id, filename, data, media_type) -> Attachment   # drafts only; same name replaces
    list(instance_id) -> list[Attachment]      read(instance_id, filename) -> bytes
    Attachment: instance_id, filename, media_type, sha256, size, created_at

Audit (store.audit): never answers
    record(actor, action, target=None, detail=None)
    list(target=None, limit=200) -> list[AuditEntry]    # id, at, actor, action, target, detail
Settings (store.settings): JSON values
    get(key, default=None)      set(key, value)   (None removes)

Errors
    StoreError(kind, message, advice); str(e) is message + advice. kind is one of "corrupt"
    (damaged file: never replaced; the person is told to keep it), "locked" (another program
    holds it), "disk_full" (the last change was not saved; earlier ones are intact),
    "newer_version", "unreadable", "not_found", "read_only" (session no longer a draft),
    "invalid".
"""

from app.store.errors import StoreError
from app.store.records import (
    APPROVED,
    DRAFT,
    FINALIZED,
    HAS_ISSUES,
    QUEUED,
    REJECTED,
    SENT,
    STATUSES,
    Attachment,
    AuditEntry,
    FormRecord,
    OutboxEntry,
    Profile,
    SessionFilter,
    Submission,
    SubmissionSummary,
)
from app.store.schema import CURRENT_VERSION
from app.store.store import Store

__all__ = [
    "APPROVED",
    "CURRENT_VERSION",
    "DRAFT",
    "FINALIZED",
    "HAS_ISSUES",
    "QUEUED",
    "REJECTED",
    "SENT",
    "STATUSES",
    "Attachment",
    "AuditEntry",
    "FormRecord",
    "OutboxEntry",
    "Profile",
    "SessionFilter",
    "Store",
    "StoreError",
    "Submission",
    "SubmissionSummary",
]
