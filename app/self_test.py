"""``main.py --self-test``: does this installation (source tree or built folder) work?

Everything runs in a throwaway data folder: every built-in questionnaire is loaded, one session is
filled headlessly through the engine's prompts (required questions get valid values) and
finalised, the TLS support and the keyring (or its fallback) are looked for, and, when asked, that
session is sent to a server. Each check prints one line; the first failure names what broke. The
checks that need Qt (translations, platform plugins) are added by ``ui/self_test.py``.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from app.config import load_config, resource_path
from app.engine.prompts import Prompt
from app.workspace import BUILTIN_PATTERNS, Workspace

if TYPE_CHECKING:
    from app.active_session import ActiveSession

ANSWERABLE = {"input", "select1", "select", "range", "rank", "trigger"}
# The session sent by --sync-to: the built-in form every team has.
SESSION_FORM = "grupo_focal_mujeres"


class SelfTestFailure(Exception):
    """One check failed: the message names what and why."""


@dataclass
class SelfTest:
    """Runs the checks in order, printing one line each through ``say``."""

    say: Callable[[str], None] = print
    passed: list[str] = field(default_factory=list)

    def check(self, name: str, run: Callable[[], str]) -> None:
        try:
            detail = run()
        except SelfTestFailure:
            raise
        except Exception as error:  # any crash in a check is that check's failure
            raise SelfTestFailure(f"{name}: {type(error).__name__}: {error}") from error
        self.passed.append(name)
        self.say(f"ok   {name}: {detail}")


@contextmanager
def throwaway_workspace() -> Iterator[Workspace]:
    """A Workspace over a temporary data folder, deleted afterwards."""
    with tempfile.TemporaryDirectory(prefix="encuentro-self-test-") as folder:
        workspace = Workspace.open(load_config(folder))
        try:
            yield workspace
        finally:
            workspace.close()


def check_builtin_forms(workspace: Workspace) -> str:
    folder = resource_path("forms")
    files = sorted({p.stem for pattern in BUILTIN_PATTERNS for p in folder.glob(pattern)})
    if not files:
        raise SelfTestFailure(f"built-in questionnaires: none found in {folder}")
    if workspace.builtin_problems:
        raise SelfTestFailure("built-in questionnaires: " + "; ".join(workspace.builtin_problems))
    loaded = {form.form_id for form in workspace.list_forms()}
    for form in workspace.list_forms():
        workspace.form(form.form_id, form.version)  # the engine builds each one
    missing = [name for name in files if name not in loaded]
    if missing:
        raise SelfTestFailure("built-in questionnaires not loaded: " + ", ".join(missing))
    return f"{len(loaded)} loaded ({', '.join(sorted(loaded))})"


def candidates(prompt: Prompt) -> list[str]:
    """Values to try for a required question, most ordinary first."""
    if prompt.kind == "trigger":  # an acknowledgement (e.g. "I read the consent script")
        return ["OK"]
    if prompt.kind in ("select1", "select", "rank"):
        values = [choice.value for choice in prompt.choices]
        if prompt.kind == "rank":
            return [" ".join(values)] if values else []
        return values
    if prompt.kind == "range" and prompt.range_start is not None:
        return [str(int(prompt.range_start)) if float(prompt.range_start).is_integer() else "0"]
    by_type = {
        "int": ["1", "18", "30", "5", "0", "2026"],
        "integer": ["1", "18", "30", "5", "0", "2026"],
        "decimal": ["1", "18.5", "0"],
        "date": ["2026-01-15", "2000-01-15"],
        "time": ["10:00:00.000-06:00", "10:00"],
        "dateTime": ["2026-01-15T10:00:00.000-06:00"],
        "geopoint": ["13.69 -89.19 0 0"],
        "boolean": ["true", "1"],
    }
    return by_type.get(prompt.datatype, ["Prueba de instalación", "P01", "1"])


def fill_required(session: ActiveSession) -> int:
    """Answer every required, empty, visible question with the first value the form accepts,
    one at a time (an answer may reveal questions or fill a cascading list). Returns how many."""
    answered = 0
    refused: set[str] = set()
    for _step in range(1000):
        prompt = next(
            (
                p
                for p in session.prompts()
                if p.required
                and not p.readonly
                and not p.value
                and p.kind in ANSWERABLE
                and p.ref not in refused
            ),
            None,
        )
        if prompt is None:
            return answered
        for value in candidates(prompt):
            if session.answer(prompt.ref, value) is None and session.value(prompt.ref):
                answered += 1
                break
        else:
            refused.add(prompt.ref)  # finalize() names it
    return answered


def check_session(workspace: Workspace, form_id: str) -> tuple[str, str]:
    """Fill and finalise one session of ``form_id``; returns (instance id, detail)."""
    session = workspace.start_session(form_id)
    answered = fill_required(session)
    problems = session.finalize()
    if problems:
        listed = "; ".join(f"{p.ref}: {p.message}" for p in problems[:5])
        raise SelfTestFailure(f"session of {form_id} could not be finalised: {listed}")
    status = workspace.session_record(session.instance_id).status
    if status != "finalized":
        raise SelfTestFailure(f"session of {form_id} is {status!r} after finalising")
    return session.instance_id, f"{form_id}: {answered} required answers, finalised"


def check_tls() -> str:
    import ssl

    import certifi

    bundle = Path(certifi.where())
    if not bundle.is_file():
        raise SelfTestFailure(f"TLS: the certificate bundle is missing ({bundle})")
    context = ssl.create_default_context(cafile=str(bundle))
    count = len(context.get_ca_certs())
    if count == 0:
        raise SelfTestFailure(f"TLS: no certificate authority in {bundle}")
    return f"{ssl.OPENSSL_VERSION}; {count} certificate authorities"


def check_keyring() -> str:
    import keyring

    from sync.credentials import keyring_usable

    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    if keyring_usable(backend):
        return f"OS keyring {name}"
    return f"no OS keyring ({name}); device tokens go to the data file (owner-only)"


def check_sync(workspace: Workspace, instance_id: str, url: str, code: str) -> str:
    """Enroll with ``code`` and send the finalised session; the token stays in the throwaway
    data file (never in this computer's keyring)."""
    from keyring.backends.fail import Keyring as NoKeyring

    from sync.client import SyncClient
    from sync.credentials import TokenVault

    ledger = workspace.sync_ledger()
    vault = TokenVault(ledger.settings, ledger.database_path, backend=NoKeyring())
    client = SyncClient(ledger, vault=vault)
    try:
        client.enroll(code, url)
        report = client.sync()
    finally:
        client.http.close()
    if instance_id not in report.sent:
        problems = "; ".join(str(p) for p in report.problems) or "not sent"
        raise SelfTestFailure(f"sync to {url}: {problems}")
    return f"session sent to {url}"


def run(
    say: Callable[[str], None] = print,
    *,
    sync_to: str | None = None,
    enroll_code: str | None = None,
    extra: Callable[[SelfTest], None] | None = None,
) -> int:
    """Run every check; 0 when all pass, 1 (after naming the failure) otherwise."""
    test = SelfTest(say)
    try:
        with throwaway_workspace() as workspace:
            test.check("data folder", lambda: f"throwaway {workspace.config.data_dir}")
            test.check("built-in questionnaires", lambda: check_builtin_forms(workspace))
            filled: list[str] = []

            def session() -> str:
                instance_id, detail = check_session(workspace, SESSION_FORM)
                filled.append(instance_id)
                return detail

            test.check("session", session)
            test.check("TLS", check_tls)
            test.check("keyring", check_keyring)
            if extra is not None:
                extra(test)
            if sync_to:
                if not enroll_code:
                    raise SelfTestFailure("--sync-to needs --enroll-code")
                test.check("sync", lambda: check_sync(workspace, filled[0], sync_to, enroll_code))
    except SelfTestFailure as failure:
        say(f"FAIL {failure}")
        return 1
    except Exception as error:  # the throwaway folder itself
        say(f"FAIL {type(error).__name__}: {error}")
        return 1
    say(f"self-test passed ({len(test.passed)} checks)")
    return 0
