"""``main.py report``: the programme staff's PDF from the server's database.

    main.py report --project P [--form F] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
                   [--language es|en] -o report.pdf [--data-dir D | --database-url URL]

Approved submissions only. Without --form, every form of the project that marks topics or needs
(``encuentro:role``) is read. The file is written whole or not at all; any refusal is one line on
stderr and exit code 1.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from sync.server.db import Database

LANGUAGES = ("es", "en")


def add_report_command(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``report`` subcommand to main.py's parser."""
    parser = subparsers.add_parser(
        "report",
        help="a short PDF of findings (coverage, themes by group, needs) for programme staff",
        description="Write a PDF report of a project's approved focus-group sessions and needs "
        "assessments from the central server's database: participant codes only.",
    )
    # argparse has no per-subcommand hook for errors: this parser's error() is replaced.
    parser.error = _one_line_error  # type: ignore[method-assign]
    parser.add_argument("--project", required=True, help="project name or number")
    parser.add_argument("--form", help="only this form id (default: every form with roles)")
    parser.add_argument("--from", dest="date_from", type=_day, help="first day (YYYY-MM-DD)")
    parser.add_argument("--to", dest="date_to", type=_day, help="last day (YYYY-MM-DD)")
    parser.add_argument("--language", choices=LANGUAGES, default="es")
    parser.add_argument("-o", "--output", required=True, type=Path, help="PDF file to write")
    parser.add_argument("--data-dir", default=argparse.SUPPRESS, help="data folder")
    parser.add_argument(
        "--database-url", help="postgresql://... or sqlite:///PATH (default: DATABASE_URL env var)"
    )
    parser.set_defaults(handler=run_report)


def _day(text: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _one_line_error(message: str) -> NoReturn:
    print(f"error: {message}", file=sys.stderr)
    sys.exit(1)


def run_report(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from app.export import ExportError
    from sync.server.accounts import AccountError
    from sync.server.cli import database_url, shown_url
    from sync.server.db import Database, DatabaseError

    if args.date_from and args.date_to and args.date_from > args.date_to:
        print("error: --from is after --to", file=sys.stderr)
        return 1
    url = database_url(args)
    try:
        db = Database(url)
    except DatabaseError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    try:
        if db.sqlite_path is not None and not db.sqlite_path.is_file():
            raise DatabaseError(f"no server database at {db.sqlite_path}")
        return _report(db, args)
    except (ExportError, AccountError, DatabaseError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except SQLAlchemyError as error:
        reason = getattr(error, "orig", None) or type(error).__name__
        print(f"error: cannot read the database {shown_url(url)}: {reason}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"error: cannot write {args.output}: {error.strerror or error}", file=sys.stderr)
        return 1
    finally:
        db.dispose()


def _report(db: Database, args: argparse.Namespace) -> int:
    from app.findings import FindingsFilter, FormSubmissions, compute_findings, read_form_roles
    from app.findings.report import build_report
    from reports.pdf import write_pdf_file
    from sync.server import accounts
    from sync.server.export_source import DatabaseSubmissions, find_export_form

    project_id = accounts.project_id(db, args.project)
    form_ids = [args.form] if args.form else _project_forms(db, project_id)
    chosen = []
    for form_id in form_ids:
        form = find_export_form(db, project_id, form_id)
        roles = read_form_roles(form.xml, args.language)
        if args.form or roles.is_focus_group or roles.need_paths:
            # Encrypted submissions are counted as unreadable (the report takes no key).
            source = DatabaseSubmissions(
                db, project_id, form_id, approved_only=True, keep_sealed=True
            )
            chosen.append(FormSubmissions(form.xml, source))
    if not chosen:
        from app.export import ExportError

        raise ExportError(
            f"project {args.project!r} has no form that marks topics or needs "
            "(bind::encuentro:role); name one with --form"
        )
    findings = compute_findings(
        chosen,
        FindingsFilter(date_from=args.date_from, date_to=args.date_to),
        language=args.language,
    )
    content = build_report(findings, project=args.project, language=args.language)
    output = Path(args.output)
    pages = write_pdf_file(content, output)
    print(
        f"{len(findings.sessions)} sessions and {findings.assessments} needs interviews "
        f"written to {output} ({pages} pages)"
    )
    return 0


def _project_forms(db: Database, project_id: int) -> list[str]:
    from sqlalchemy import select

    from sync.server import schema

    f = schema.forms
    with db.read() as conn:
        rows = conn.execute(
            select(f.c.form_id).where(f.c.project_id == project_id).distinct()
        ).scalars()
        return sorted(rows)
