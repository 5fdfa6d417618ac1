"""Encuentro entry point: the desktop app by default, plus command-line tools.

python main.py [--data-dir DIR]          start the desktop app
python main.py form check FILE           summarise an XLSForm/XForm or say what is wrong
python main.py form convert FILE -o OUT  XLSForm -> XForm XML
python main.py server [...]              central server (`python main.py server --help`)
python main.py admin [...]               central server administration
python main.py export --form ID ...      a form's submissions to CSV (zip), XLSX or REFI-QDA
python main.py report --project P ...    a PDF of findings for programme staff
python main.py --version                 the version
python main.py --self-test [--sync-to URL --enroll-code CODE]   check this installation

--verbose logs at DEBUG (files in <data dir>/logs/).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

Handler = Callable[[argparse.Namespace], int]
SERVER_COMMANDS = ("server", "admin", "export", "report")


def build_parser(*, server: bool = True) -> argparse.ArgumentParser:
    """The command line; ``server=False`` leaves the server's commands out, so that starting the
    desktop app does not import the server stack (half a second where it is installed)."""
    parser = argparse.ArgumentParser(prog="encuentro", description="Encuentro field surveys")
    parser.add_argument("--data-dir", help="data folder (default: the OS user data folder)")
    parser.add_argument("--language", choices=["es", "en"], help="interface language")
    parser.add_argument("--verbose", action="store_true", help="log at DEBUG level")
    parser.add_argument("--version", action="version", version=f"Encuentro {app_version()}")
    parser.add_argument(
        "--self-test", action="store_true", help="check this installation in a throwaway folder"
    )
    parser.add_argument("--sync-to", metavar="URL", help="with --self-test: send the session here")
    parser.add_argument("--enroll-code", metavar="CODE", help="with --sync-to: enrollment code")
    commands = parser.add_subparsers(dest="command")

    from app.form_cli import add_form_commands

    add_form_commands(commands)
    if not server:
        return parser
    try:
        from sync.server.cli import add_server_commands
        from sync.server.export_cli import add_export_command
    except ImportError as error:  # the server's optional dependencies: absent on a field laptop
        add_missing_server_commands(commands, error)
    else:
        add_server_commands(commands)
        add_export_command(commands)
        from reports.cli import add_report_command

        add_report_command(commands)
    return parser


SERVER_INSTALL_HINT = """The central server is not installed here ({missing} is missing).
This is the field app; the server's extra packages install with:

    pip install -e '.[server]'

(from the Encuentro source folder; the desktop build never includes the server)."""


def add_missing_server_commands(commands: argparse._SubParsersAction, error: ImportError) -> None:
    """``server``/``admin``/``export`` still exist, and say how to install what they need."""
    missing = error.name or str(error)

    def explain(_args: argparse.Namespace) -> int:
        print(SERVER_INSTALL_HINT.format(missing=missing), file=sys.stderr)
        return 1

    for name in SERVER_COMMANDS:
        command = commands.add_parser(name, help=f"{name} (needs the server extra)", add_help=False)
        command.set_defaults(handler=explain, any_arguments=True)


def names_a_server_command(argv: Sequence[str]) -> bool:
    """Whether the command line may select a server command (or asks for the full help)."""
    return any(word in SERVER_COMMANDS or word in ("-h", "--help") for word in argv)


def app_version() -> str:
    from app.version import version

    return version()


def start_logging(args: argparse.Namespace) -> None:
    """Log files in the data folder: the server's commands to server.log, the rest (the desktop
    app included) to encuentro.log. A data folder that cannot be created is reported later by
    the command itself, in its own words."""
    from app.config import load_config
    from app.logs import APP_LOG, SERVER_LOG, init_logging

    server_side = args.command in SERVER_COMMANDS
    try:
        data_dir = load_config(getattr(args, "data_dir", None)).data_dir
        name = SERVER_LOG if server_side else APP_LOG
        init_logging(data_dir, file_name=name, verbose=args.verbose)
    except OSError as error:
        print(f"warning: no log file ({error})", file=sys.stderr)


def main(argv: Sequence[str] | None = None, *, logs: bool = False) -> int:
    """Run the command in ``argv``; ``logs`` sets up the log files (the real entry point does;
    tests that call main() in-process keep pytest's own logging)."""
    words = sys.argv[1:] if argv is None else argv
    parser = build_parser(server=names_a_server_command(words))
    args, unknown = parser.parse_known_args(argv)
    if unknown and not getattr(args, "any_arguments", False):
        parser.error("unrecognized arguments: " + " ".join(unknown))
    if (args.sync_to or args.enroll_code) and not args.self_test:
        parser.error("--sync-to and --enroll-code go with --self-test")
    if args.self_test:
        from ui.self_test import run_self_test

        return run_self_test(sync_to=args.sync_to, enroll_code=args.enroll_code)
    if logs:
        start_logging(args)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is not None:
        return handler(args)
    if args.command is not None:
        parser.parse_args([args.command, "--help"])
        return 2
    from ui.launch import run_gui

    return run_gui(data_dir=args.data_dir, language=args.language)


if __name__ == "__main__":
    sys.exit(main(logs=True))
