"""Sync between a field laptop and the central server (the server itself is in sync/server/).

The client side is transport and protocol only: HTTP, OpenRosa (form list, manifest, media,
HEAD/POST /submission) and the JSON API. It never imports app/ (a test enforces it): what it reads
from and writes to the laptop goes through a ``sync.ledger.SyncLedger``, implemented in app/ by
``Workspace.sync_ledger()`` (app/sync_ledger.py), which checks pulled forms with the engine like
imported ones and keeps every write in the store's transactions.

Client API (plain Python, no Qt; the GUI runs it through ui/sync_worker.py):

    from sync.client import SyncClient
    client = SyncClient(workspace.sync_ledger())
        # optional: vault=TokenVault(...), http=HttpClient(timeout=(10, 60)),
        #           clock=callable -> aware datetime, rng=random.Random
    client.set_server(url) -> ServerAddress    # our server, or an ODK Central app-user project URL
    client.enroll(code, server_url=None) -> dict   # one-time code -> device token (keyring or DB)
    client.set_server(url, allow_unencrypted=True)  # the one plain-http address allowed (sync/wire)
    client.enroll(code, fingerprint="AB:CD:...")    # pin a self-signed server's certificate first
    client.pin_certificate(fingerprint)            # a renewed certificate, confirmed again
    client.sync(progress=None) -> SyncReport   # push due outbox entries, pull forms, pull feedback
    client.probe() -> bool                     # cheap reachability (/api/v1/health)
    client.address, client.paused_reason, client.last_success_at, client.queued_count()
    Raises (whole sync only): NotConfigured, NotEnrolled, SyncPaused (401, or 403 from ODK Central,
    until re-enrolled or a new project URL), sync.http.NetworkError (offline),
    sync.credentials.CredentialsError (the keyring is locked). One session's or one form's trouble
    never raises: it is in the report and in the store (outbox attempts/next_attempt_at/last_error,
    submission.last_error). A new address, key or enrollment puts sessions refused for an
    authorization reason back in line.

    SyncReport: sent [ids], retry_later {id: SyncMessage}, refused {id: SyncMessage},
    forms (FormsPull: added, unchanged, problems), feedback_updated, problems, stopped_early,
    complete
    Progress(phase "push"|"forms"|"feedback", done, total, detail, item_bytes_sent,
             item_bytes_total)

What a server sends is untrusted: formID, version and media names must be single safe path
segments; form, manifest, media and feedback downloads are capped (sync/pull.py); the device token
goes only to the configured server's scheme, host and port (sync/http.py); a form the engine
refuses (DTD, not an XForm, too deep, encrypted) is refused alone with its reason.

Pieces: sync.ledger (SyncLedger and what crosses it), sync.urls (ServerAddress), sync.openrosa
(form list, manifest, responses, multipart bodies, safe names), sync.backoff (capped exponential
backoff with jitter), sync.credentials (TokenVault), sync.http (HttpClient, NetworkError,
TooLarge), sync.pull (forms and feedback), sync.progress (Progress), sync.messages (SyncMessage:
key + params, rendered in "es"/"en"; stored as JSON in last_error).
Downloaded form media go to <data dir>/form_media/<form_id>/<version>/<file> (app/form_media.py).
"""
