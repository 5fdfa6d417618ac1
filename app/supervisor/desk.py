"""Supervisor mode's services, the one door the supervisor screens call (plain Python, no Qt).

desk = SupervisorDesk(store)                     # over the app's open Store
desk.account() -> SupervisorAccount | None       # signed in (token in the vault) or None
desk.sign_in(server, username, password) -> SupervisorAccount
    ServerAddressError (address), NetworkError (no answer), SupervisorApiError (refused:
    kind "unauthorized" = wrong username or password, "throttled", ...), NotASupervisor
desk.sign_out()                  token forgotten (revoked on the server when reachable);
                                 the cache stays, opened only after signing in again
desk.sync(progress=None) -> (SendReport, PullReport)   queued reviews out, then pull
    SignInNeeded when the server refuses the token
desk.list(filters, offset, limit) / desk.count(filters) / desk.choices()
desk.get(instance_id) / desk.versions(instance_id) / desk.history(instance_id)
desk.rendering(instance_id, language) -> Rendering | None (None: form not cached yet)
desk.comparison(instance_id, language) -> (older, list[ChangedAnswer]) | None
desk.review(instance_id, state, comment) -> QueuedReview    (committed at once; "queued")
desk.findings() -> SupervisorFindings   (app.findings.book: the findings view's data)
desk.export_forms() -> [(form_id, title)]   forms whose XForm is cached
desk.export(form_id, path, options, progress=, cancelled=) -> ExportSummary   (app.export's
    file, all or nothing, from the cache; FormNotCached, ExportError, ExportCancelled, OSError)
desk.sealed.use_key(pem, passphrase) / forget_key() / has_key   ODK-encrypted sessions:
    the project's private key in memory for this run (DecryptionError if it does not open);
    without it rendering() and export() raise SessionEncrypted for such sessions
desk.is_encrypted(instance_id) -> bool
desk.open_attachment(instance_id, name) -> Path   (downloaded once, cached in the store,
    written to <data dir>/opened/ for the viewer; that folder is emptied at sign-out)
"""

from __future__ import annotations

import builtins
import hashlib
import logging
import os
import re
import shutil
import stat
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from app.export import ExportError, ExportOptions, ExportSummary, export_to_file
from app.findings.book import SupervisorFindings
from app.odk_encryption import is_manifest
from app.store import Store
from app.store.review_cache import (
    QueuedReview,
    ReviewEvent,
    ReviewFilter,
    ReviewSession,
)
from app.supervisor import account as accounts
from app.supervisor.account import SupervisorAccount
from app.supervisor.dashboard import Figures, figures
from app.supervisor.export_source import CachedSubmissions
from app.supervisor.pull import (
    Progress,
    PullReport,
    SendReport,
    SignInNeeded,
    pull,
    send_reviews,
)
from app.supervisor.render import ChangedAnswer, Rendering, compare, render
from app.supervisor.sealed import SealedReader, SessionEncrypted
from sync.credentials import TokenVault
from sync.http import HttpClient, NetworkError
from sync.supervisor_api import SupervisorApi, SupervisorApiError
from sync.urls import ServerAddress
from sync.wire_settings import wire_policy

OPENED = "opened"
log = logging.getLogger(__name__)

__all__ = ["FormNotCached", "NotASupervisor", "SignInNeeded", "SupervisorDesk"]


class FormNotCached(ExportError):
    """No questionnaire of that form is on this laptop yet (nothing pulled)."""


class NotASupervisor(Exception):
    """The token belongs to a device, not to a supervisor or admin."""


class SupervisorDesk:
    """See the module docstring."""

    def __init__(
        self,
        store: Store,
        *,
        vault: TokenVault | None = None,
        http_factory: type[HttpClient] | None = None,
        timeout: tuple[float, float] | None = None,
    ) -> None:
        self.store = store
        self.vault = vault or TokenVault(store.settings, store.path)
        self._http_factory = http_factory or HttpClient
        self._timeout = timeout
        self.opened_dir = Path(store.path).parent / OPENED
        # ODK-encrypted sessions: the private key in memory only (app/supervisor/sealed.py).
        self.sealed = SealedReader(self._stored_file)
        # When queued reviews are due (tests move it forward past the backoff).
        self.clock: Callable[[], datetime] = lambda: datetime.now(UTC)

    def _http(self) -> HttpClient:
        if self._timeout is not None:
            http = self._http_factory(timeout=self._timeout)
        else:
            http = self._http_factory()
        # The laptop's wire settings (Server…): its allowed plain-http address, its pinned
        # server certificate. Anything else is verified against the system's store.
        http.set_wire(wire_policy(self.store.settings, Path(self.store.path).parent))
        return http

    def findings(self) -> SupervisorFindings:
        """The findings of the cached sessions (the findings view, its report and .qdpx)."""
        return SupervisorFindings(self.store)

    def dashboard_figures(self, language: str) -> Figures:
        """The dashboard's figures counted from the cache (slow: call off the GUI thread)."""
        return figures(self.store, language)

    # -- account -----------------------------------------------------------------------------
    def account(self) -> SupervisorAccount | None:
        """The signed-in supervisor, or None (never signed in, signed out, token gone)."""
        found = accounts.saved_account(self.store)
        if found is None or not accounts.token_of(self.vault, found):
            return None
        return found

    def sign_in(self, server: str, username: str, password: str) -> SupervisorAccount:
        """Log in on the server and keep the token (see the module docstring for errors)."""
        address = ServerAddress.parse(server)
        api = SupervisorApi(address, self._http())
        try:
            token, expires = api.login(username.strip(), password)
            api.token = token
            me = api.me()
        finally:
            api.http.close()
        if me.get("kind") != "user":
            raise NotASupervisor(str(me.get("kind")))
        found = accounts.account_from_me(address, username.strip(), me, expires)
        accounts.remember(self.store, self.vault, found, token)
        return found

    def sign_out(self) -> None:
        """Forget the token (and revoke it when the server answers); keep the cache."""
        found = accounts.saved_account(self.store)
        if found is None:
            return
        token = accounts.token_of(self.vault, found)
        if token:
            api = SupervisorApi(found.address, self._http())
            api.token = token
            try:
                api.logout()
            except (NetworkError, SupervisorApiError):
                pass  # offline or already revoked: forgetting it here is what matters
            finally:
                api.http.close()
        accounts.forget(self.store, self.vault, found)
        self.sealed.forget_key()
        self.clear_opened()

    def expire(self) -> None:
        """The server refused the token: forget it here (nothing to revoke there)."""
        found = accounts.saved_account(self.store)
        if found is not None:
            accounts.forget(self.store, self.vault, found)

    def last_server(self) -> str:
        """The server signed in to last (for the sign-in form)."""
        return str(self.store.settings.get(accounts.LAST_SERVER_KEY) or "")

    def api(self) -> tuple[SupervisorApi, SupervisorAccount]:
        found = self.account()
        if found is None:
            raise SignInNeeded("not signed in")
        api = SupervisorApi(found.address, self._http())
        api.token = accounts.token_of(self.vault, found)
        return api, found

    # -- sync --------------------------------------------------------------------------------
    def sync(self, progress: Progress | None = None) -> tuple[SendReport, PullReport]:
        """Queued reviews out first (they were made on what the supervisor saw), then pull."""
        api, found = self.api()
        try:
            sent = send_reviews(self.store, api, found, clock=self.clock)
            pulled = pull(self.store, api, progress)
        finally:
            api.http.close()
        self.read_ahead()
        return sent, pulled

    def read_ahead(self) -> int:
        """Read what the findings need from sessions just pulled and keep it (the findings view
        then opens without parsing them). A failure here never fails the sync: the view reads
        them itself when it opens."""
        try:
            return self.findings().read_ahead()
        except Exception as error:  # noqa: BLE001 - logged; the view reads them on opening
            log.error("reading pulled sessions for the findings failed: %s", type(error).__name__)
            return 0

    def send_reviews(self) -> SendReport:
        api, found = self.api()
        try:
            return send_reviews(self.store, api, found, clock=self.clock)
        finally:
            api.http.close()

    def queued_reviews(self) -> list[QueuedReview]:
        found = accounts.saved_account(self.store)
        return self.store.review_cache.queued_reviews(found.key) if found else []

    # -- reading -----------------------------------------------------------------------------
    def list(self, filters: ReviewFilter, offset: int = 0, limit: int = 100) -> list[ReviewSession]:
        return self.store.review_cache.list(filters, offset, limit)

    def count(self, filters: ReviewFilter) -> int:
        return self.store.review_cache.count(filters)

    def choices(self) -> dict[str, builtins.list[tuple[str, str]]]:
        return self.store.review_cache.choices()

    def get(self, instance_id: str) -> ReviewSession:
        return self.store.review_cache.get(instance_id)

    def versions(self, instance_id: str) -> builtins.list[ReviewSession]:
        return self.store.review_cache.versions(self.get(instance_id).root_id)

    def history(self, instance_id: str) -> builtins.list[ReviewEvent]:
        return self.store.review_cache.events(self.get(instance_id).root_id)

    def rendering(self, instance_id: str, language: str | None) -> Rendering | None:
        row = self.get(instance_id)
        xform = self.store.review_cache.form_xml(row.form_id, row.form_version)
        if xform is None or row.instance_xml is None:
            return None
        # SessionEncrypted for an encrypted session while no private key was given.
        return render(xform, self.sealed.xml(instance_id, row.instance_xml), language)

    def is_encrypted(self, instance_id: str) -> bool:
        """True for an ODK-encrypted session (read with the project's private key)."""
        xml = self.get(instance_id).instance_xml
        return xml is not None and is_manifest(xml)

    def comparison(
        self, instance_id: str, language: str | None
    ) -> tuple[ReviewSession, builtins.list[ChangedAnswer]] | None:
        """This version beside the one it replaced (None for a first version)."""
        row = self.get(instance_id)
        if not row.deprecated_id:
            return None
        try:
            older = self.get(row.deprecated_id)
        except Exception:  # noqa: BLE001 - the older version is not cached (not visible)
            return None
        try:
            before = self.rendering(older.instance_id, language)
            after = self.rendering(instance_id, language)
        except SessionEncrypted:
            return None
        if before is None or after is None:
            return None
        return older, compare(before, after)

    # -- reviewing ---------------------------------------------------------------------------
    def review(self, instance_id: str, state: str, comment: str | None) -> QueuedReview:
        """Record a review at once; it goes out with the next sync (exactly once)."""
        found = self.account()
        if found is None:
            raise SignInNeeded("not signed in")
        return self.store.review_cache.queue_review(found.key, instance_id, state, comment)

    def withdraw_review(self, review_id: int) -> None:
        """Drop a queued review (one the server held back: the session changed meanwhile)."""
        self.store.review_cache.withdraw_review(review_id)

    # -- export ------------------------------------------------------------------------------
    def export_forms(self) -> builtins.list[tuple[str, str]]:
        """(form_id, title) of each form whose questionnaire is cached, by title: what can be
        exported (the newest cached version's title)."""
        newest: dict[str, str] = {}
        for form in self.store.review_cache.forms():  # newest version last
            newest[form["form_id"]] = form["title"]
        return sorted(newest.items(), key=lambda item: (item[1].casefold(), item[0]))

    def export(
        self,
        form_id: str,
        path: Path,
        options: ExportOptions,
        *,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ExportSummary:
        """Export the cached sessions of ``form_id`` to ``path`` (slow: call off the GUI thread).

        The columns come from the newest cached version of the form, as the server's export
        takes its newest version. All or nothing: on ExportCancelled or any error no file is
        left. FormNotCached when no questionnaire of that form was pulled.
        """
        form = self.store.review_cache.newest_form(form_id)
        if form is None:
            raise FormNotCached(f"the questionnaire {form_id!r} is not on this laptop yet")
        source = CachedSubmissions(
            self.store.review_cache,
            form_id,
            approved_only=options.approved_only,
            opener=self.sealed.xml,
        )
        # Form media (choice lists from files) is not cached: such labels stay values.
        return export_to_file(
            Path(path), form["xform_xml"], source, options, progress=progress, cancelled=cancelled
        )

    # -- files -------------------------------------------------------------------------------
    def _stored_file(self, instance_id: str, name: str) -> bytes:
        """A file as the server holds it (downloaded once, then from the cache)."""
        data = self.store.review_cache.attachment_data(instance_id, name)
        if data is None:
            api, _found = self.api()
            try:
                data = api.attachment(instance_id, name)
            finally:
                api.http.close()
            self.store.review_cache.put_attachment_data(instance_id, name, data)
        return data

    def open_attachment(self, instance_id: str, name: str) -> Path:
        """A file of the session on disk for the system's viewer (downloaded once). For an
        encrypted session, its photo or audio decrypted with the private key for the viewer
        (like any opened file, removed at sign-out)."""
        xml = self.get(instance_id).instance_xml
        if xml is not None and is_manifest(xml):
            media = dict(self.sealed.open(instance_id, xml).media)
            if name not in media:
                raise FileNotFoundError(f"session {instance_id} has no file {name!r}")
            data = media[name]
        else:
            data = self._stored_file(instance_id, name)
        folder = self.opened_dir / hashlib.sha256(instance_id.encode()).hexdigest()[:16]
        folder.mkdir(parents=True, exist_ok=True)
        os.chmod(self.opened_dir, stat.S_IRWXU)
        safe = re.sub(r"[^\w.\-]", "_", Path(name).name)[:120] or "file"
        target = folder / safe
        target.write_bytes(data)
        os.chmod(target, stat.S_IRUSR | stat.S_IWUSR)
        return target

    def clear_opened(self) -> None:
        """Remove files written for the viewer (they are copies of what the store keeps)."""
        shutil.rmtree(self.opened_dir, ignore_errors=True)
