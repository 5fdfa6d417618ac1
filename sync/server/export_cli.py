"""``main.py export``: a form's submissions from the server's database to a file.

    main.py export --form FORM_ID [--project P] --format csv|xlsx|qdpx -o FILE [--approved-only]
                   [--labels] [--language es|en] [--data-dir D | --database-url URL]

The same code as the API's export (``app.export``); the file is written whole or not at all. Any
refusal (unknown form or project, bad option, unreachable database) is one line on stderr and
exit code 1.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from sync.server import accounts, schema
from sync.server.accounts import AccountError
from sync.server.db import Database, DatabaseError
from sync.server.errors import Refused

if TYPE_CHECKING:
    from sync.server.export_source import Opener

# As app.export's; repeated so that building main.py's parser does not load the form engine.
FORMATS = ("csv", "xlsx", "qdpx")
LANGUAGES = ("es", "en")


def add_export_command(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``export`` subcommand to main.py's parser."""
    parser = subparsers.add_parser(
        "export",
        help="export a form's submissions (CSV zip or XLSX, shaped like ODK Central's; or a "
        "REFI-QDA project)",
        description="Export a form's submissions from the central server's database: a .zip "
        "with one CSV per table (submissions, then each repeat), one XLSX workbook, or a "
        "REFI-QDA project (.qdpx) of a focus-group form's sessions for QDA tools.",
    )
    # argparse has no per-subcommand hook for errors: this parser's error() is replaced.
    parser.error = _one_line_error  # type: ignore[method-assign]
    parser.add_argument("--form", required=True, help="the form id (settings sheet form_id)")
    parser.add_argument("--project", help="project name or number (needed if several have it)")
    parser.add_argument("--format", required=True, choices=FORMATS)
    parser.add_argument("-o", "--output", required=True, type=Path, help="file to write")
    parser.add_argument("--approved-only", action="store_true", help="only approved submissions")
    parser.add_argument(
        "--labels", action="store_true", help="question and choice labels instead of names"
    )
    parser.add_argument(
        "--language", choices=LANGUAGES, help="language of the labels (with --labels)"
    )
    parser.add_argument(
        "--private-key",
        type=Path,
        help="the project's PEM private key: decrypts ODK-encrypted submissions into the file "
        "(its passphrase is asked, never taken from the command line)",
    )
    parser.add_argument("--data-dir", default=argparse.SUPPRESS, help="data folder")
    parser.add_argument(
        "--database-url", help="postgresql://... or sqlite:///PATH (default: DATABASE_URL env var)"
    )
    parser.set_defaults(handler=run_export)


def _one_line_error(message: str) -> NoReturn:
    print(f"error: {message}", file=sys.stderr)
    sys.exit(1)


def run_export(args: argparse.Namespace) -> int:
    from app.export import ExportError
    from sync.server.cli import database_url, shown_url

    url = database_url(args)
    try:
        db = Database(url)
    except DatabaseError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    try:
        if db.sqlite_path is not None and not db.sqlite_path.is_file():
            raise DatabaseError(f"no server database at {db.sqlite_path}")
        return _export(db, args)
    except (ExportError, AccountError, DatabaseError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except Refused as error:  # a private key that does not open, a submission it cannot read
        print(f"error: {error.reason}", file=sys.stderr)
        return 1
    except SQLAlchemyError as error:  # unreachable server, wrong password, not a server database
        reason = getattr(error, "orig", None) or type(error).__name__
        print(f"error: cannot read the database {shown_url(url)}: {reason}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"error: cannot write {args.output}: {error.strerror or error}", file=sys.stderr)
        return 1
    finally:
        db.dispose()


def _export(db: Database, args: argparse.Namespace) -> int:
    from app.export import ExportOptions, export_to_file
    from sync.server.export_source import (
        DatabaseSubmissions,
        find_export_form,
        form_media_folder,
    )

    project_id = _project(db, args.form, args.project)
    form = find_export_form(db, project_id, args.form)
    options = ExportOptions(
        format=args.format,
        approved_only=args.approved_only,
        labels=args.labels,
        language=args.language,
    )
    source = DatabaseSubmissions(
        db, project_id, args.form, approved_only=args.approved_only, opener=_opener(args)
    )
    with form_media_folder(db, form) as media:
        summary = export_to_file(args.output, form.xml, source, options, media_dir=media)
    tables = ", ".join(f"{name} ({rows})" for name, rows in summary.rows.items())
    print(f"{summary.submissions} submissions of {args.form!r} written to {args.output}: {tables}")
    return 0


def _opener(args: argparse.Namespace) -> Opener | None:
    """The decryptor of ODK-encrypted submissions when --private-key is given (passphrase asked
    without echo; an unencrypted key file: just press Enter)."""
    if args.private_key is None:
        return None
    from pydantic import SecretStr

    from sync.server.sealed_review import PrivateKey, opener

    pem = args.private_key.read_text(encoding="utf-8")
    passphrase = getpass.getpass(f"Passphrase of {args.private_key.name}: ")
    return opener(PrivateKey(private_key=SecretStr(pem), passphrase=SecretStr(passphrase)).load())


def _project(db: Database, form_id: str, project: str | None) -> int:
    """The project asked for, or the only project that has the form."""
    if project is not None:
        return accounts.project_id(db, project)
    f, p = schema.forms, schema.projects
    with db.read() as conn:
        rows = conn.execute(
            select(p.c.id, p.c.name)
            .where(p.c.id.in_(select(f.c.project_id).where(f.c.form_id == form_id)))
            .order_by(p.c.id)
        ).all()
    from app.export import ExportError

    if not rows:
        raise ExportError(f"no project has a form {form_id!r} (see `main.py admin forms`)")
    if len(rows) > 1:
        names = ", ".join(f"{row.name} ({row.id})" for row in rows)
        raise ExportError(f"form {form_id!r} is in several projects ({names}): add --project")
    return int(rows[0].id)
