"""`python main.py form check FILE` and `python main.py form convert FILE -o OUT`."""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

from app.engine import Form, FormError, load_form
from app.engine.collect_compat import collect_warnings, survey_rows
from app.engine.load import XLSFORM_SUFFIXES


def add_form_commands(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `form` command with `check` and `convert` to the main parser's subcommands."""
    form = subparsers.add_parser("form", help="check or convert XLSForm/XForm questionnaires")
    actions = form.add_subparsers(dest="form_command", required=True)
    check = actions.add_parser("check", help="summarise a form or say precisely what is wrong")
    check.add_argument("file", type=Path, help="XLSForm (.xlsx .xls .csv .md) or XForm (.xml)")
    check.set_defaults(handler=run_check)
    convert = actions.add_parser("convert", help="convert an XLSForm to XForm XML")
    convert.add_argument("file", type=Path, help="XLSForm (.xlsx .xls .csv .md) or XForm (.xml)")
    convert.add_argument("-o", "--output", type=Path, required=True, help="XForm file to write")
    convert.set_defaults(handler=run_convert)


def run_check(args: argparse.Namespace) -> int:
    """Print the form's summary (exit 0) or its error (exit 1), never a traceback."""
    try:
        form = load_form(args.file)
    except (FormError, OSError) as exc:
        print(f"{args.file}: {exc}", file=sys.stderr)
        return 1
    definition = form.definition
    repeats = sorted(definition.repeats)
    lines = [
        f"Title:        {form.title or '(none)'}",
        f"Form id:      {form.form_id}",
        f"Version:      {form.version or '(none)'}",
        f"Languages:    {', '.join(form.languages) or '(none)'}"
        + (f" (default {form.default_language})" if form.default_language else ""),
        f"Questions:    {form.question_count()}",
        f"Repeats:      {len(repeats)}" + (f" ({', '.join(repeats)})" if repeats else ""),
        f"Choice lists: {form.choice_list_count()}",
        f"Computations: {len(form.graph.order)} (calculations, relevance, constraints, filters)",
    ]
    if definition.public_key:
        # Only a fingerprint: enough to tell two keys apart, and a key is no secret anyway.
        digest = hashlib.sha256(definition.public_key.encode("ascii")).hexdigest()[:16]
        lines.append(f"Encrypted:    yes (ODK encryption; public key sha256 {digest}…)")
    roles = definition.roles()
    lines.append(f"Roles:        {len(roles)}" + ("" if roles else " (no encuentro:role binds)"))
    lines.extend(f"  {role:<10} {path}" for path, role in roles.items())
    lines.extend(f"Warning:      {warning}" for warning in definition.warnings)
    lines += collect_report(form, args.file)
    print("\n".join(lines))
    return 0


def collect_report(form: Form, source: Path) -> list[str]:
    """Warnings (not errors: the form runs here) for what ODK Collect would refuse, each with
    its XLSForm survey row when the source is an XLSForm."""
    warnings = collect_warnings(form)
    if not warnings:
        return ["ODK Collect:  no problems found"]
    rows: dict[str, int] = {}
    if source.suffix.lower() in XLSFORM_SUFFIXES:
        try:
            rows = survey_rows(str(source), form.definition.root_name)
        except Exception:  # the rows only place the warnings; never hide them for this
            rows = {}
    lines = [f"ODK Collect:  {len(warnings)} warning(s): Collect would stop on these"]
    for warning in warnings:
        row = rows.get(warning.path)
        where = f"survey row {row} ({warning.name})" if row else warning.path
        lines.append(f"  warning: {where}, {warning.where}: {warning.message}")
    return lines


def run_convert(args: argparse.Namespace) -> int:
    """Write the XForm for a form file after checking it loads (exit 1 with the error if not)."""
    try:
        form = load_form(args.file)
        args.output.write_text(form.xform_xml, encoding="utf-8")
    except (FormError, OSError) as exc:
        print(f"{args.file}: {exc}", file=sys.stderr)
        return 1
    print(f"Wrote {args.output} ({form.form_id}, version {form.version or '-'})")
    return 0
