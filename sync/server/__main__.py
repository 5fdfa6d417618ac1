"""``python -m sync.server server|admin ...``: the server's commands without the desktop app's."""

from __future__ import annotations

import argparse
import sys

from sync.server.cli import add_server_commands


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sync.server")
    parser.add_argument("--data-dir", help="data folder (default: the OS user data folder)")
    add_server_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    code: int = args.handler(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
