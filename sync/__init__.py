"""Sync between a field laptop and the central server (the server itself is in sync/server/).

Client API (plain Python, no Qt; the GUI runs it through ui/sync_worker.py):

    from sync.client import SyncClient
    client = SyncClient(store)                 # store: app.store.Store of the data folder
        # optional: vault=TokenVault(...), http=HttpClient(timeout=(10, 60)), media_dir=Path,
        #           clock=callable -> aware datetime, rng=random.Random
    client.set_server(url) -> ServerAddress    # our server, or an ODK Central app-user project URL
    client.enroll(code, server_url=None) -> dict   # one-time code -> device token (keyring or DB)
    client.sync(progress=None) -> SyncReport   # push due outbox entries, pull forms, pull feedback
    client.probe() -> bool                     # cheap reachability (/api/v1/health)
    client.address, client.paused_reason, client.last_success_at, client.queued_count()
    Raises (whole sync only): NotConfigured, NotEnrolled, SyncPaused (401 until re-enrolled),
    sync.http.NetworkError (offline). One session's trouble never raises: it is in the report and
    in the store (outbox attempts/next_attempt_at/last_error, submission.last_error).

    SyncReport: sent [ids], retry_later {id: SyncMessage}, refused {id: SyncMessage},
    forms (FormsPull: added, unchanged, problems), feedback_updated, problems, stopped_early,
    complete
    Progress(phase "push"|"forms"|"feedback", done, total, detail, item_bytes_sent,
             item_bytes_total)

Pieces: sync.urls (ServerAddress), sync.openrosa (form list, manifest, responses, multipart
bodies), sync.backoff (capped exponential backoff with jitter), sync.credentials (TokenVault),
sync.http (HttpClient, NetworkError), sync.pull (forms and feedback), sync.messages
(SyncMessage: key + params, rendered in "es"/"en"; stored as JSON in last_error).
Downloaded form media go to <data dir>/form_media/<form_id>/<version>/<file>.
"""
