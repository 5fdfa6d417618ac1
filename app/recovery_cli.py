"""`python main.py admin recover-profile FILE`: a new PIN for a profile whose PIN is forgotten.

FILE is the laptop's data folder, its `encuentro.sqlite3` or a profile's own file; --key is the
project's recovery private key (PEM). The new PIN is read twice from the terminal (or as two
lines from standard input when it is not a terminal). Nothing is decrypted to disk: the data key is
unwrapped in memory, checked against the profile's file, and wrapped again by the new PIN.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from app.profile_index import ProfileIndexError
from app.protection import PROFILES_FOLDER, Protection, recover_profile
from app.store import StoreError
from app.store.keys import WrongRecoveryKey

MAX_KEY_BYTES = 64 * 1024


def add_recover_profile(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `recover-profile` under the `admin` command."""
    p = commands.add_parser(
        "recover-profile",
        help="give a profile whose PIN is forgotten a new PIN (needs the recovery private key)",
        description="Unwrap a laptop's data key with the project's recovery private key and "
        "wrap it again with a new PIN for one profile. FILE: the data file or its folder.",
    )
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--key", type=Path, required=True, metavar="PEM", help="recovery private key")
    p.add_argument("--profile", help="profile id or exact name (default: list the profiles)")
    p.set_defaults(handler=run_recover_profile)


def _read_secret(prompt: str) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    return sys.stdin.readline().rstrip("\r\n")


def run_recover_profile(args: argparse.Namespace) -> int:
    path: Path = args.file
    data_path = path / "encuentro.sqlite3" if path.is_dir() else path
    if path.is_file() and path.parent.name == PROFILES_FOLDER:  # one profile's own file
        data_path = path.parent.parent / "encuentro.sqlite3"
    try:
        protection = Protection(data_path)
    except ProfileIndexError as error:
        print(error, file=sys.stderr)
        return 1
    if protection.index is None:
        print(f"{data_path} is not protected by PINs: nothing to recover.", file=sys.stderr)
        return 1
    profiles = protection.profiles()
    if not args.profile:
        for p in profiles:
            print(f"{p.id}  {p.display_name}")
        print("Choose one with --profile.", file=sys.stderr)
        return 2
    chosen = [p for p in profiles if args.profile in (p.id, p.display_name)]
    if len(chosen) != 1:
        print(f"No single profile matches {args.profile!r}.", file=sys.stderr)
        return 2
    try:
        if args.key.stat().st_size > MAX_KEY_BYTES:
            raise ValueError("too large to be a private key")
        private_pem = args.key.read_bytes()
    except (OSError, ValueError) as error:
        print(f"Cannot read the private key {args.key} ({error}).", file=sys.stderr)
        return 1
    password = None
    if b"ENCRYPTED" in private_pem:
        password = _read_secret("Private key passphrase: ").encode("utf-8")
    pin = _read_secret("New PIN: ")
    if _read_secret("New PIN again: ") != pin:
        print("The two PINs differ; nothing was changed.", file=sys.stderr)
        return 1
    try:
        recover_profile(data_path, chosen[0].id, private_pem, pin, password)
    except (WrongRecoveryKey, ValueError, StoreError) as error:
        print(f"{error} Nothing was changed.", file=sys.stderr)
        return 1
    print(f"{chosen[0].display_name} can now unlock with the new PIN.")
    return 0
