"""Command line of the central server: ``server`` runs it, ``admin`` manages it.

    main.py server [--host 127.0.0.1] [--port 8765] [--data-dir DIR] [--database-url URL]
                   [--workers N] [--max-submission-mb 64] [--access-log]
                   [--forwarded-allow-ips IP,IP] [--header-timeout 10] [--keep-alive-timeout 5]
                   [--limit-concurrency 200] [--certfile FILE --keyfile FILE]
    main.py admin make-cert [--host NAME_OR_IP ...] -o DIR   (self-signed, for a LAN pilot)
    main.py admin add-project NAME
    main.py admin projects
    main.py admin create-admin USERNAME [--password-stdin]
    main.py admin add-supervisor USERNAME --project NAME [--project NAME ...] [--password-stdin]
    main.py admin publish-form FILE --project NAME [--media FILE ...]   (XLSForm or XForm)
    main.py admin forms
    main.py admin recovery-key --project NAME (--out NEW_PRIVATE_KEY_FILE | --public PEM)
    main.py admin enroll-code --project NAME --device-name NAME [--valid-hours 72]
    main.py admin devices [--project NAME]
    main.py admin revoke-device DEVICE_ID
    main.py admin users
    main.py admin disable-user USERNAME | enable-user USERNAME | revoke-tokens USERNAME
    main.py admin set-password USERNAME [--password-stdin]
    main.py admin add-to-project USERNAME --project NAME
    main.py admin remove-from-project USERNAME --project NAME

The database is ``--database-url``, else the ``DATABASE_URL`` environment variable, else a SQLite
file in the data folder (``--data-dir``, ``ENCUENTRO_DATA_DIR`` or the OS default). PostgreSQL URLs
look like ``postgresql://user:password@host:5432/dbname``.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from sync.server import accounts, forms, users
from sync.server.accounts import AccountError
from sync.server.db import (
    Database,
    DatabaseError,
    default_sqlite_url,
    private_folder,
    redact_url,
)
from sync.server.forms import FormPublishError
from sync.server.limits import (
    DEFAULT_HEADER_TIMEOUT_S,
    DEFAULT_KEEP_ALIVE_S,
    DEFAULT_LIMIT_CONCURRENCY,
    ENV_HEADER_TIMEOUT,
)
from sync.server.migrations import migrate

if TYPE_CHECKING:
    from sync.server.shared_writer import SharedWriter

DATABASE_HELP = """database, in this order:
  --database-url URL    if given
  DATABASE_URL          environment variable, e.g.
                        DATABASE_URL=postgresql://user:password@host:5432/dbname
  otherwise             SQLite file encuentro-server.sqlite3 in the data folder
                        (--data-dir, ENCUENTRO_DATA_DIR or the OS default)
The schema is created or migrated at start (a SQLite file is copied aside first)."""

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
# One process per core: the request path is Python (CPU-bound); more would only contend.
DEFAULT_WORKERS = max(1, min(4, os.cpu_count() or 1))


def add_server_commands(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``server`` and ``admin`` subcommands to main.py's parser."""
    server = subparsers.add_parser(
        "server",
        help="run the central server",
        description="Run the central server (OpenRosa and JSON API).",
        epilog=DATABASE_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _database_options(server)
    server.add_argument("--host", default=DEFAULT_HOST, help=f"address (default {DEFAULT_HOST})")
    server.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"default {DEFAULT_PORT}")
    server.add_argument(
        "--workers",
        type=int,
        default=DEFAULT_WORKERS,
        help=f"worker processes (default {DEFAULT_WORKERS}: one per CPU, at most 4)",
    )
    server.add_argument(
        "--max-submission-mb", type=float, default=64, help="largest submission body (default 64)"
    )
    server.add_argument(
        "--access-log",
        action="store_true",
        help="log every request line (tokens in /v1/key/ URLs are redacted)",
    )
    server.add_argument(
        "--forwarded-allow-ips",
        default="",
        metavar="IP,IP",
        help="addresses of your reverse proxies, whose X-Forwarded-For/-Proto are believed "
        "(default: none, so no client can forge its address)",
    )
    server.add_argument(
        "--header-timeout",
        type=float,
        default=DEFAULT_HEADER_TIMEOUT_S,
        metavar="S",
        help="seconds a client has to send a request's headers "
        f"(default {DEFAULT_HEADER_TIMEOUT_S:g})",
    )
    server.add_argument(
        "--keep-alive-timeout",
        type=float,
        default=DEFAULT_KEEP_ALIVE_S,
        metavar="S",
        help=f"seconds an idle connection stays open between requests (default "
        f"{DEFAULT_KEEP_ALIVE_S:g})",
    )
    server.add_argument(
        "--limit-concurrency",
        type=int,
        default=DEFAULT_LIMIT_CONCURRENCY,
        metavar="N",
        help="connections and requests at once per worker; past it, 503 "
        f"(default {DEFAULT_LIMIT_CONCURRENCY})",
    )
    server.add_argument(
        "--certfile",
        type=Path,
        metavar="FILE",
        help="serve HTTPS with this certificate (PEM; with --keyfile). Without it, plain HTTP: "
        "only behind a reverse proxy that does TLS, or on this machine",
    )
    server.add_argument("--keyfile", type=Path, metavar="FILE", help="its private key (PEM)")
    server.set_defaults(handler=run_server)

    admin = subparsers.add_parser("admin", help="manage the central server")
    commands = admin.add_subparsers(dest="admin_command", required=True)

    def command(
        name: str, handler: Callable[[Database, argparse.Namespace], int], help_text: str
    ) -> argparse.ArgumentParser:
        parser = commands.add_parser(name, help=help_text)
        _database_options(parser)
        parser.set_defaults(handler=_admin(handler))
        return parser

    p = commands.add_parser(
        "make-cert",
        help="make a self-signed HTTPS certificate for a server on a local network",
        description="Write encuentro-server.crt and encuentro-server.key (owner-only) into DIR "
        "and print the certificate's SHA-256 fingerprint: give it to the coordinator, each "
        "laptop confirms it once at enrollment.",
    )
    p.add_argument(
        "--host",
        action="append",
        default=[],
        metavar="NAME_OR_IP",
        help="a name or address laptops will type (repeat; default: this machine's name, "
        "localhost, 127.0.0.1, ::1)",
    )
    p.add_argument("-o", "--output", type=Path, required=True, metavar="DIR")
    p.set_defaults(handler=make_cert)
    from app.recovery_cli import add_recover_profile  # the laptop's data, not the server's

    add_recover_profile(commands)
    command("add-project", add_project, "create a project").add_argument("name")
    command("projects", list_projects, "list projects")
    p = command("create-admin", create_admin, "create an administrator")
    p.add_argument("username")
    p.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    p = command("add-supervisor", add_supervisor, "create a supervisor in one or more projects")
    p.add_argument("username")
    p.add_argument("--project", action="append", required=True)
    p.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    p = command("publish-form", publish_form, "publish an XLSForm or XForm (or a new version)")
    p.add_argument("file", type=Path)
    p.add_argument("--project", required=True)
    p.add_argument("--media", type=Path, nargs="*", default=[], help="media files of the form")
    command("forms", list_forms, "list the newest version of each form")
    p = command(
        "recovery-key",
        recovery_key,
        "make the project's recovery key pair (the private key goes to a file you keep) or set "
        "its public key; laptops enrolled afterwards can be recovered with the private key",
    )
    p.add_argument("--project", required=True)
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--out",
        type=Path,
        metavar="FILE",
        help="write a NEW private key here, encrypted with a passphrase (asked twice; read as "
        "two lines from stdin when it is not a terminal); keep it off the server",
    )
    which.add_argument("--public", type=Path, metavar="PEM", help="an existing RSA public key")
    p = command("enroll-code", enroll_code, "create a one-time device enrollment code")
    p.add_argument("--project", required=True)
    p.add_argument("--device-name", required=True)
    p.add_argument("--valid-hours", type=float, default=72)
    p = command("devices", list_devices, "list enrolled devices")
    p.add_argument("--project")
    command("revoke-device", revoke_device, "revoke a device and its token").add_argument(
        "device_id", type=int
    )
    command("users", list_users, "list supervisors and administrators")
    for name, handler, help_text in (
        ("disable-user", disable_user, "disable a user and revoke their tokens (401 at once)"),
        ("enable-user", enable_user, "let a disabled user log in again"),
        ("revoke-tokens", revoke_tokens, "revoke every token of a user (they log in again)"),
    ):
        command(name, handler, help_text).add_argument("username")
    p = command("set-password", set_password, "give a user a new password (revokes tokens)")
    p.add_argument("username")
    p.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    for name, handler, help_text in (
        ("add-to-project", add_to_project, "let a supervisor review one more project"),
        ("remove-from-project", remove_from_project, "take a supervisor out of a project"),
    ):
        p = command(name, handler, help_text)
        p.add_argument("username")
        p.add_argument("--project", required=True)


def _database_options(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS: a --data-dir given before the subcommand (main.py's own option) is not overwritten.
    parser.add_argument("--data-dir", default=argparse.SUPPRESS, help="data folder")
    parser.add_argument(
        "--database-url", help="postgresql://... or sqlite:///PATH (default: DATABASE_URL env var)"
    )


def database_url(args: argparse.Namespace) -> str:
    """--database-url, then DATABASE_URL, then SQLite in the data folder."""
    if getattr(args, "database_url", None):
        given: str = args.database_url
        return given
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
    from app.config import load_config

    data_dir = load_config(getattr(args, "data_dir", None)).data_dir
    private_folder(data_dir, tighten=True)  # the server's own data folder: owner only
    return default_sqlite_url(data_dir)


def shown_url(url: str) -> str:
    """The URL without its password, for messages (also when it cannot be parsed)."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not a URL SQLAlchemy reads: take the password out by pattern
        return redact_url(url)


def _say_error(text: str) -> None:
    """An error on stderr, with any database password taken out (drivers may quote the URL)."""
    print(f"error: {redact_url(text)}", file=sys.stderr)


def run_server(args: argparse.Namespace) -> int:
    """Migrate the database, then serve with uvicorn until interrupted."""
    import uvicorn

    from sync.server.app import ENV_DATABASE_URL, ENV_MAX_SUBMISSION_BYTES

    tls_problem = _tls_problem(args)
    if tls_problem:
        _say_error(tls_problem)
        return 1
    url = database_url(args)
    try:
        db = Database(url)
        version = migrate(db)
        db.dispose()
    except DatabaseError as error:
        _say_error(str(error))
        return 1
    except Exception as error:  # a driver error: unreachable server, bad credentials, ...
        _say_error(f"cannot open the database {shown_url(url)}: {error}")
        return 1
    os.environ[ENV_DATABASE_URL] = url
    os.environ[ENV_MAX_SUBMISSION_BYTES] = str(int(args.max_submission_mb * 1024 * 1024))
    os.environ[ENV_HEADER_TIMEOUT] = str(args.header_timeout)  # read by every worker's protocol
    print(f"Encuentro server: database {shown_url(url)} (schema v{version})", flush=True)
    if getattr(args, "certfile", None) is not None:
        # The same fingerprint make-cert printed: the administrator can check what is served.
        print(f"HTTPS: certificate SHA-256 {_certificate_fingerprint(args.certfile)}", flush=True)
    elif args.host not in ("127.0.0.1", "localhost", "::1"):
        print(
            "warning: plain HTTP on a network address: answers cross the network unencrypted "
            "unless a reverse proxy in front does TLS (--certfile/--keyfile serve HTTPS)",
            file=sys.stderr,
            flush=True,
        )
    from app.logs import active_config

    log_config = active_config()  # main.py's log file, set up again in every worker process
    logging_options: dict[str, Any] = {"log_config": log_config} if log_config else {}
    shared = _start_shared_writer(url, args.workers)
    try:
        uvicorn.run(
            "sync.server.app:create_app_from_env",
            factory=True,
            workers=args.workers,
            **uvicorn_options(args),
            **logging_options,
        )
    finally:
        if shared is not None:
            shared.stop()
    return 0


def _start_shared_writer(url: str, workers: int) -> SharedWriter | None:
    """Several workers on one SQLite file: this process stores for them all (shared_writer.py).
    PostgreSQL takes writes from every worker at once and needs none; one worker stores its own.
    ENCUENTRO_SERVER_SHARED_WRITER=0 turns it off (each worker then stores its own, as before)."""
    from sync.server.shared_writer import SharedWriter, available

    if workers < 2 or not available() or not url.startswith("sqlite"):
        return None
    if os.environ.get("ENCUENTRO_SERVER_SHARED_WRITER", "1") == "0":
        return None
    shared = SharedWriter(url)
    os.environ.update(shared.start())  # the workers read these (create_app_from_env)
    return shared


def uvicorn_options(args: argparse.Namespace) -> dict[str, Any]:
    """uvicorn's settings from the ``server`` options (the app and worker count aside).

    Forwarding headers are believed only from the addresses the administrator names: uvicorn's
    own default trusts 127.0.0.1, so that anything on the machine could claim any address and
    escape the login throttle."""
    allowed = [ip.strip() for ip in args.forwarded_allow_ips.split(",") if ip.strip()]
    tls: dict[str, Any] = {}
    if getattr(args, "certfile", None) is not None:
        tls = {"ssl_certfile": str(args.certfile), "ssl_keyfile": str(args.keyfile)}
    return {
        **tls,
        "host": args.host,
        "port": args.port,
        "access_log": args.access_log,
        "http": "sync.server.transport:NoDelayHTTPProtocol",
        "loop": "sync.server.fair_accept:new_event_loop",
        "log_level": "info",
        "proxy_headers": bool(allowed),
        "forwarded_allow_ips": allowed,
        "timeout_keep_alive": args.keep_alive_timeout,
        "limit_concurrency": args.limit_concurrency,
    }


def _tls_problem(args: argparse.Namespace) -> str | None:
    """Why --certfile/--keyfile can't be used, or None (both absent is plain HTTP)."""
    certfile, keyfile = getattr(args, "certfile", None), getattr(args, "keyfile", None)
    if certfile is None and keyfile is None:
        return None
    if certfile is None or keyfile is None:
        return "--certfile and --keyfile go together (the certificate and its private key)"
    for path in (certfile, keyfile):
        if not path.is_file():
            return f"no such file: {path}"
    import ssl

    try:  # a wrong pair fails here with one line, not in every worker's traceback
        ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(certfile, keyfile)
    except (ssl.SSLError, OSError) as error:
        return f"cannot use {certfile} with {keyfile}: {error}"
    return None


def _certificate_fingerprint(certfile: Path) -> str:
    """SHA-256 fingerprint of the first certificate in a PEM file (the server's own)."""
    import ssl

    from sync.server.certs import fingerprint_of

    text = certfile.read_text(encoding="ascii", errors="replace")
    end = "-----END CERTIFICATE-----"
    first = text[text.find("-----BEGIN CERTIFICATE-----") : text.find(end) + len(end)]
    return fingerprint_of(ssl.PEM_cert_to_DER_cert(first))


def make_cert(args: argparse.Namespace) -> int:
    """``admin make-cert``: a self-signed certificate; prints where and its fingerprint."""
    from sync.server.certs import default_names, make_certificate

    names = list(dict.fromkeys(args.host)) or default_names()
    try:
        made = make_certificate(args.output, names)
    except FileExistsError as error:
        _say_error(f"{error} exists: laptops may have pinned it; remove it yourself to replace it")
        return 1
    except (OSError, ValueError) as error:
        _say_error(str(error))
        return 1
    print(f"certificate: {made.cert_path}")
    print(f"private key: {made.key_path} (owner-only; never copy it to a laptop)")
    print(f"valid for:   {', '.join(made.names)}")
    print(f"SHA-256 fingerprint: {made.fingerprint}")
    print(
        f"serve with: main.py server --host 0.0.0.0 --certfile {made.cert_path} "
        f"--keyfile {made.key_path}"
    )
    return 0


def _admin(
    handler: Callable[[Database, argparse.Namespace], int],
) -> Callable[[argparse.Namespace], int]:
    """Wrap an admin command: open and migrate the database, turn refusals into exit code 1."""

    def run(args: argparse.Namespace) -> int:
        try:
            db = Database(database_url(args))
            try:
                migrate(db)
                return handler(db, args)
            finally:
                db.dispose()
        except (AccountError, FormPublishError, DatabaseError) as error:
            _say_error(str(error))
            return 1
        except OperationalError as error:  # unreachable server, wrong password, locked file
            _say_error(f"cannot use the database {shown_url(database_url(args))}: {error.orig}")
            return 1

    return run


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise AccountError("no terminal to ask the password: use --password-stdin")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Password again: ") != first:
        raise AccountError("the two passwords differ")
    return first


def add_project(db: Database, args: argparse.Namespace) -> int:
    print(f"project {args.name!r} created (id {accounts.create_project(db, args.name)})")
    return 0


def list_projects(db: Database, args: argparse.Namespace) -> int:
    for row in accounts.list_projects(db):
        print(f"{row['id']}\t{row['name']}")
    return 0


def create_admin(db: Database, args: argparse.Namespace) -> int:
    user_id = accounts.create_user(db, args.username, _password(args), "admin")
    print(f"administrator {args.username!r} created (id {user_id})")
    return 0


def add_supervisor(db: Database, args: argparse.Namespace) -> int:
    user_id = accounts.create_user(db, args.username, _password(args), "supervisor", args.project)
    print(f"supervisor {args.username!r} created (id {user_id}) in {', '.join(args.project)}")
    return 0


def publish_form(db: Database, args: argparse.Namespace) -> int:
    result = forms.publish_form(db, args.project, args.file, list(args.media))
    state = "published" if result["created"] else "already published (identical)"
    print(f"form {result['form_id']!r} version {result['version']!r} {state} in {args.project!r}")
    return 0


def list_forms(db: Database, args: argparse.Namespace) -> int:
    for row in forms.current_forms(db, None):
        print(f"{row['project_id']}\t{row['form_id']}\t{row['version']}\t{row['title']}")
    return 0


def recovery_key(db: Database, args: argparse.Namespace) -> int:
    from sync.server import recovery

    if args.public is not None:
        try:
            pem = args.public.read_bytes()[: 64 * 1024].decode("ascii")
        except (OSError, UnicodeDecodeError) as error:
            raise accounts.AccountError(f"cannot read {args.public} ({error})") from error
        fingerprint = recovery.set_recovery_key(db, args.project, pem)
        print(f"recovery key of {args.project!r}: {fingerprint}")
        return 0
    accounts.project_id(db, args.project)  # an unknown project fails before any key is made
    if args.out.exists():
        raise accounts.AccountError(f"{args.out} exists: choose a new file for the private key")
    if sys.stdin.isatty():
        first = getpass.getpass("Passphrase for the private key: ")
        again = getpass.getpass("Passphrase again: ")
    else:
        first, again = sys.stdin.readline().rstrip("\r\n"), sys.stdin.readline().rstrip("\r\n")
    if first != again:
        raise accounts.AccountError("the two passphrases differ; nothing was made")
    sealed, public_pem = recovery.new_key_pair(first.encode("utf-8"))
    recovery.write_private_key(args.out, sealed)
    fingerprint = recovery.set_recovery_key(db, args.project, public_pem)
    print(f"recovery key of {args.project!r}: {fingerprint}")
    print(
        f"private key written to {args.out}: keep it and its passphrase safe and OFF this "
        "server; laptops enrolled from now on can be recovered with it",
        file=sys.stderr,
    )
    return 0


def enroll_code(db: Database, args: argparse.Namespace) -> int:
    code = accounts.create_enrollment_code(db, args.project, args.device_name, args.valid_hours)
    print(code)
    print(
        f"one-time code for {args.device_name!r} in {args.project!r}, valid {args.valid_hours:g} h",
        file=sys.stderr,
    )
    return 0


def list_devices(db: Database, args: argparse.Namespace) -> int:
    projects = None if args.project is None else frozenset([accounts.project_id(db, args.project)])
    for row in accounts.list_devices(db, projects):
        state = f"revoked {row['revoked_at']}" if row["revoked_at"] else "active"
        last = row["last_submission_at"] or "no submissions"
        print(f"{row['id']}\t{row['name']}\t{row['project_name']}\t{state}\t{last}")
    return 0


def revoke_device(db: Database, args: argparse.Namespace) -> int:
    accounts.revoke_device(db, args.device_id)
    print(f"device {args.device_id} revoked; its token no longer works")
    return 0


def list_users(db: Database, args: argparse.Namespace) -> int:
    names = {row["id"]: row["name"] for row in accounts.list_projects(db)}
    for row in users.list_users(db):
        state = f"disabled {row['disabled_at']}" if row["disabled_at"] else "active"
        ids = row["project_ids"]
        projects = "every project" if ids is None else ", ".join(names[i] for i in ids) or "-"
        print(f"{row['id']}\t{row['username']}\t{row['role']}\t{state}\t{projects}")
    return 0


def disable_user(db: Database, args: argparse.Namespace) -> int:
    revoked = users.disable_user(db, users.user_id(db, args.username))
    print(f"user {args.username!r} disabled; {revoked} token(s) revoked")
    return 0


def enable_user(db: Database, args: argparse.Namespace) -> int:
    users.enable_user(db, users.user_id(db, args.username))
    print(f"user {args.username!r} enabled (they log in again)")
    return 0


def revoke_tokens(db: Database, args: argparse.Namespace) -> int:
    revoked = users.revoke_user_tokens(db, users.user_id(db, args.username))
    print(f"{revoked} token(s) of {args.username!r} revoked")
    return 0


def set_password(db: Database, args: argparse.Namespace) -> int:
    uid = users.user_id(db, args.username)
    revoked = users.set_password(db, uid, _password(args))
    print(f"new password for {args.username!r}; {revoked} token(s) revoked")
    return 0


def add_to_project(db: Database, args: argparse.Namespace) -> int:
    users.add_to_project(db, users.user_id(db, args.username), args.project)
    print(f"{args.username!r} added to {args.project!r}")
    return 0


def remove_from_project(db: Database, args: argparse.Namespace) -> int:
    users.remove_from_project(db, users.user_id(db, args.username), args.project)
    print(f"{args.username!r} removed from {args.project!r}")
    return 0
