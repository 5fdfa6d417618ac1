"""Encuentro entry point: the desktop app by default, plus command-line tools.

python main.py [--data-dir DIR]          start the desktop app
python main.py form check FILE           summarise an XLSForm/XForm or say what is wrong
python main.py form convert FILE -o OUT  XLSForm -> XForm XML
python main.py server [...]              central server (`python main.py server --help`)
python main.py admin [...]               central server administration
python main.py export --form ID ...      a form's submissions to CSV (zip), XLSX or REFI-QDA
python main.py report --project P ...    a PDF of findings for programme staff
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

Handler = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="encuentro", description="Encuentro field surveys")
    parser.add_argument("--data-dir", help="data folder (default: the OS user data folder)")
    parser.add_argument("--language", choices=["es", "en"], help="interface language")
    commands = parser.add_subparsers(dest="command")

    from app.form_cli import add_form_commands

    add_form_commands(commands)
    try:
        from sync.server.cli import add_server_commands
        from sync.server.export_cli import add_export_command
    except ImportError:  # the server's optional dependencies may be absent on a field laptop
        pass
    else:
        add_server_commands(commands)
        add_export_command(commands)
        from reports.cli import add_report_command

        add_report_command(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is not None:
        return handler(args)
    if args.command is not None:
        parser.parse_args([args.command, "--help"])
        return 2
    from ui.launch import run_gui

    return run_gui(data_dir=args.data_dir, language=args.language)


if __name__ == "__main__":
    sys.exit(main())
