"""Encuentro central server: OpenRosa 1.0 endpoints (shaped like ODK Central's) plus a JSON API.

Run: ``python main.py server`` (127.0.0.1:8765, SQLite file ``encuentro-server.sqlite3`` in the data
folder, no setup), or ``--database-url postgresql://user:pw@host/db`` / ``DATABASE_URL`` for
production; ``--host``, ``--port``, ``--data-dir``, ``--workers`` (default: one per CPU, at most 4),
``--max-submission-mb`` (64). Administration: ``python main.py admin ...`` (see ``cli.py``).
Modules: ``app`` (create_app, ServerSettings), ``openrosa`` and ``api`` (routes), ``submissions``
(ingest), ``review`` (queries, review, feedback), ``accounts`` (projects, users, devices, tokens),
``users`` and ``users_api`` (user management), ``forms`` (publishing), ``db``/``schema``/
``migrations`` (storage), ``guard`` (body limits, no-store), ``throttle`` (failed logins),
``keyed_urls`` (ODK Central app-user URLs), ``transport`` (slow clients, TCP_NODELAY),
``uploads`` (spooled bodies, bounded per worker), ``group_commit`` (shared ingest transactions),
``shared_writer`` (on SQLite, the main process stores for every worker), ``fair_accept`` (workers
take new connections one at a time), ``attachment_store`` (files into the database in chunks).

Authorization: every endpoint except ``GET /api/v1/health`` and ``POST /api/v1/enroll`` needs
``Authorization: Bearer <token>``; otherwise 401 with ``WWW-Authenticate: Bearer``. Device tokens
come from enrollment, user tokens from login (14 days); both are random, stored as SHA-256, and
revocable. A device acts in its one project and sees only its own submissions; a supervisor sees the
projects they belong to; an admin sees all. What one may not see answers 404.

OpenRosa (XML bodies, ``X-OpenRosa-Version: 1.0`` on every response; errors are an
``OpenRosaResponse`` with ``<message nature="error">reason</message>``):

    GET  /formList                         xforms list (ns http://openrosa.org/xforms/xformsList):
    GET  /projects/{pid}/formList            formID, name, version, hash "md5:...", downloadUrl,
                                             manifestUrl (only when the form has media); newest
                                             version of each form of the caller's projects
    GET  /projects/{pid}/forms/{formID}.xml[?version=V]           the XForm
    GET  /projects/{pid}/forms/{formID}/manifest[?version=V]      media manifest (md5 hashes)
    GET  /projects/{pid}/forms/{formID}/attachments/{file}[?version=V]   a media file
    HEAD /submission  (or /projects/{pid}/submission)
         204, X-OpenRosa-Accept-Content-Length: <max body bytes>
    POST /submission  (or /projects/{pid}/submission), devices only
         multipart/form-data: xml_submission_file + attachments (file parts; the part's file name
         is the attachment name). Answers:
         201 OpenRosaResponse; header X-Encuentro-Submission: created | duplicate
             (an identical resend of an instanceID stores no second copy; attachments not stored
             yet are added, so split uploads end complete; a stored attachment is never replaced).
             Sent only once the transaction holding the submission has committed (several
             submissions may share one: group_commit).
             instanceIDs are unique per project: one stored in another project is answered
             exactly as an unknown one, and that copy is never touched.
         409 different XML under a known instanceID (or another device's): stored one unchanged;
             or meta/deprecatedID names a version that was already replaced, or a submission of
             another form (an edit keeps its form); or a resend brings files to a submission a
             supervisor has reviewed (approved, has_issues, rejected): send an edit instead
         503 + Retry-After: the worker is already receiving its limit of bodies (8) and none
             finished within 30 s (uploads.BodyTurns); file parts past 256 KiB are spooled to a
             private 0700 folder, unlinked at creation, and stream into the database
         404 form id/version not published to the device's project; meta/deprecatedID unknown
             or naming another device's submission (only the sender edits its submission)
         400 not multipart, malformed multipart, no or two xml_submission_file parts, XML not
             well-formed, with a DTD/entities (defusedxml: no expansion, no network), nested
             over 64 levels or over 200,000 elements, no form id, root element not the form's,
             meta/instanceID missing or not shaped like uuid:<uuid> (letters, digits, : . _ -),
             not UTF-8, attachment name odd (control/bidi characters, over 255) or used twice
             with different bytes, a file that no answer of the submission names (binary
             questions: photo, audio, video, file), two meta/instanceID elements; names lose
             folders and are stored in Unicode NFC, declared types are kept as type/subtype only
         413 body over the limit (from Content-Length at once, or while streaming); XML part
             over 4 MiB
         403 the token is a user's, not a device's
    /v1/key/{token}/projects/{pid}/...     the same endpoints with the token in the URL (ODK
                                             Central's app-user URL shape, for ODK Collect);
                                             links in answers keep the prefix; a malformed key
                                             (other length, other characters) is 401 as in
                                             Central
    meta/deprecatedID = the instanceID of a stored version: stores a new version of that
    submission (same root_id), the old one stops being current, review_state becomes "edited".

JSON API (errors: ``{"detail": "reason"}``; 422 for malformed JSON bodies and for ids, offsets
and cursors outside 0..2^31-1). Any URL holding a NUL is 400. Every answer carries
``Cache-Control: no-store``. Tokens in ``/v1/key/`` URLs are
redacted from every log record (``keyed_urls.RedactKeys``).

    GET  /api/v1/health                    {"status":"ok","database":"sqlite"|"postgresql",
                                            "schema_version":N}; 503 if the database is down
    POST /api/v1/enroll   {"code"}         one-time code (case, dashes and spaces ignored) ->
                                            {"token","device_id","device_name","project_id",
                                            "project_name"}; 403 for an unknown, used or
                                            expired code (one message for the three)
    POST /api/v1/login    {"username","password"}   -> {"token","expires_at"}; 401 if wrong
                                            (same answer and argon2 work for unknown users and
                                            disabled accounts); 503 + Retry-After when every
                                            password-check slot (2 per process) stays busy 5 s
         both: attempts are counted before checking, in the database (shared by every worker
         and server): 10 failures per username or 30 per address in 5 minutes, then 429 with
         Retry-After; a username's lock doubles at each new lockout (throttle.py)
    POST /api/v1/logout                    204, revokes the token used
    GET  /api/v1/me                        {"kind","name","role","device_id","user_id",
                                            "project_ids" (null for admins)}
    GET  /api/v1/forms                     newest version of each visible form
    GET  /api/v1/devices                   supervisors/admins: devices of their projects
    GET  /api/v1/submissions               ?form_id= &project_id= &status= (received, edited,
                                            approved, has_issues, rejected) &device_id=
                                            &from= &to= (ISO date or date-time; a bare date "to"
                                            includes that day, UTC) &include_old_versions=
                                            &limit= (1..500, default 100) &after=
                                            &total= &offset= ->
                                            {"items","total","offset","limit","next"},
                                            newest first (received_at, ties by row id);
                                            devices get only their own.
         Paging: pass the page's "next" back as after= for the next page (null: no more).
         Keyset pages read an index range, so every page costs the same and none shifts while
         submissions arrive. "total" counts every matching row: given on a first page (no
         after=) unless total=false, and on any page with total=true; otherwise null.
         offset= still works (it skips rows: its cost grows with it). after= that is not a
         "next" of this server: 400.
    GET  /api/v1/submissions/{instanceID}  one submission with "xml", "attachments" (name,
                                            content_type, size, sha256), "attachments_missing"
                                            (files its answers name that have not arrived) and
                                            "versions" (instanceIDs of all its versions)
    GET  /api/v1/submissions/{instanceID}/attachments/{name}   the file's bytes
    POST /api/v1/submissions/{instanceID}/review  {"state": approved|has_issues|rejected,
                                            "comment"}  supervisors/admins only; 409 when
                                            the submission has a newer version (names it)
         these three take ?project_id= too: an instanceID is unique per project, so one who
         sees several projects where it exists gets 409 until they name the project
    /api/v1/users...                       admins: list users, disable/enable, new password,
                                            revoke every token, add to / remove from a project
                                            (users_api.py); a disabled user's tokens answer 401
                                            at their next request
    GET  /api/v1/feedback?cursor=N&limit=  devices only: review events on the device's
                                            submissions after cursor N -> {"items": [{event_id,
                                            instance_id, root_id, form_id, form_version,
                                            review_state, comment, reviewed_at, reviewer}],
                                            "cursor", "more"}; pass "cursor" back next time
    GET  /api/v1/projects/{pid}/forms/{formID}/export?format=csv|xlsx &approved_only= &labels=
         &language=es|en                   supervisors of the project and admins: the form's
                                            current submissions as <formID>.csv.zip (a CSV per
                                            table) or <formID>.xlsx, shaped like ODK Central's
                                            export (app/export); Cache-Control: no-store;
                                            403 devices, 404 a project not visible or no such
                                            form, 422 a bad option
    POST /api/v1/projects/{pid}/forms/{formID}/export   the same with the options and
         {"private_key": PEM, "passphrase"} in a JSON body: ODK-encrypted submissions are
         decrypted into the file (the GET refuses, 422, a form that has some); 400 a key that
         does not open, 422 a submission it does not decrypt (sealed_review.py)
    POST /api/v1/submissions/{instanceID}/decrypt  {"private_key","passphrase"}: the
                                            submission with "xml" decrypted, "signature_ok",
                                            "files" (its media, base64); supervisors/admins
    ODK-encrypted submissions (forms with a public key): the manifest is stored as the XML and
    the .enc files as its attachments, as they came (never decrypted on ingest); the files
    accepted are those the manifest names; a manifest for a form without a public key is 400;
    "encrypted": true in GET /api/v1/submissions/{instanceID}
    GET  /api/v1/submissions/{instanceID}/reviews   review history of every version
    POST /api/v1/submissions/{instanceID}/reviews   {"state","comment","after_event"}: a review
                                            stored once however often it is sent (supervisor
                                            mode's outbox); see ``supervisor_api``
"""

from sync.server.app import ServerSettings, create_app

__all__ = ["ServerSettings", "create_app"]
