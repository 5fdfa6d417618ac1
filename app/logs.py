"""One place sets up logging for the desktop app, the server and the command line.

Rotating files in the data folder (``<data dir>/logs/encuentro.log``, the server's ``server.log``),
owner-only (0600) like the database, INFO by default and DEBUG with ``--verbose``. The console gets
a copy only when a terminal is attached (a windowed build has no stderr). Every line passes through
``redact`` first: device tokens (``Bearer …``, ``/v1/key/…``), passwords in URLs and JSON-ish
``"password": "…"``/``"token": "…"`` pairs never reach a file. Answers are not logged by the code in
the first place (a test greps the logs after a full session and a sync).
"""

from __future__ import annotations

import logging
import logging.config
import os
import re
import sys
from io import TextIOWrapper
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Any, cast

APP_LOG = "encuentro.log"
SERVER_LOG = "server.log"
MAX_BYTES = 2 * 1024 * 1024
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(process)d %(name)s: %(message)s"
# Libraries that talk a lot at DEBUG (every connection, every byte of multipart parsing).
QUIET = {
    "urllib3": logging.WARNING,
    "requests": logging.WARNING,
    "keyring": logging.INFO,
    "multipart": logging.INFO,
    "python_multipart": logging.INFO,
    "httpx": logging.WARNING,
    "httpcore": logging.WARNING,
    "asyncio": logging.WARNING,
    "sqlalchemy": logging.WARNING,
    "PIL": logging.INFO,
    "pyxform": logging.INFO,
    "openpyxl": logging.WARNING,
}

_active: dict[str, Any] | None = None

_SECRETS = [
    # Authorization: Bearer <token>  (also "Basic", and a bare "Bearer <token>" in any text)
    (re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=\-]+"), r"\1 [redacted]"),
    # ODK Central style app-user URLs: /v1/key/<token>/projects/...
    (re.compile(r"/v1/key/[^/\s\"'?]+"), "/v1/key/[redacted]"),
    # scheme://user:password@host
    (
        re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.\-]*://[^/?#@\s:]*:)[^@\s/]*@"),
        r"\g<head>[redacted]@",
    ),
    # "password": "...", token='...', password=... in a query string or a repr
    (
        re.compile(
            r"(?i)(?P<key>[\"']?(?:password|passwd|token|secret|enroll\w*code)[\"']?\s*[:=]\s*)"
            r"(?P<quote>[\"']?)[^\"'\s,&}]+(?P=quote)"
        ),
        r"\g<key>\g<quote>[redacted]\g<quote>",
    ),
]


def redact(text: str) -> str:
    """``text`` with every token and password pattern we know replaced by ``[redacted]``."""
    for pattern, replacement in _SECRETS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFormatter(logging.Formatter):
    """Formats the whole line (message, arguments and traceback) and then redacts it, so a
    secret inside an exception's text or a library's argument is caught too."""

    def __init__(self, fmt: str = FORMAT, datefmt: str | None = None) -> None:
        super().__init__(fmt, datefmt)

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A rotating log file created owner-only (0600), as is every file after a rotation."""

    def _open(self) -> TextIOWrapper:
        path = Path(self.baseFilename)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        if os.name == "posix":
            os.chmod(path, 0o600)  # an older file left 0644
        # A text mode: fdopen gives a TextIOWrapper (its stub cannot tell from a str mode).
        return cast(
            TextIOWrapper, os.fdopen(fd, self.mode, encoding=self.encoding, errors=self.errors)
        )


def shared_rotating_file(
    filename: str, maxBytes: int, backupCount: int, encoding: str
) -> logging.Handler:
    """The server's log file, written by several processes at once (uvicorn's workers, or several
    servers over one data folder): a plain RotatingFileHandler in each process would rotate the
    file under the others and lose their lines. This one takes a lock file around each write and
    rotation. It comes with the server extra, never needed by the desktop app."""
    from concurrent_log_handler import ConcurrentRotatingFileHandler

    return ConcurrentRotatingFileHandler(
        filename,
        maxBytes=maxBytes,
        backupCount=backupCount,
        encoding=encoding,
        chmod=0o600,
    )


def log_folder(data_dir: Path) -> Path:
    """``<data dir>/logs``, created owner-only."""
    folder = Path(data_dir) / "logs"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(folder, 0o700)
    return folder


def has_terminal() -> bool:
    """True when a person can read stderr (not a windowed build, not a service)."""
    stream = sys.stderr
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError):
        return False


def logging_config(
    log_file: Path,
    *,
    verbose: bool = False,
    console: bool | None = None,
    shared: bool = False,
) -> dict[str, Any]:
    """The ``logging.config.dictConfig`` dictionary for a file (and maybe the console).

    Also handed to uvicorn as ``log_config`` so each server worker process sets up the same;
    ``shared`` (the server's file) locks each write and rotation against the other processes."""
    level = "DEBUG" if verbose else "INFO"
    handler = "app.logs.shared_rotating_file" if shared else "app.logs.PrivateRotatingFileHandler"
    handlers: dict[str, Any] = {
        "file": {
            "()": handler,
            "filename": str(log_file),
            "maxBytes": MAX_BYTES,
            "backupCount": BACKUPS,
            "encoding": "utf-8",
            "formatter": "redacting",
        }
    }
    if console if console is not None else has_terminal():
        handlers["console"] = {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": "redacting",
        }
    loggers: dict[str, Any] = {
        name: {"level": logging.getLevelName(quiet), "propagate": True}
        for name, quiet in QUIET.items()
    }
    # uvicorn's own loggers go through ours (no handlers of their own, no double lines).
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        loggers[name] = {"level": level, "handlers": [], "propagate": True}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"redacting": {"()": "app.logs.RedactingFormatter"}},
        "handlers": handlers,
        "loggers": loggers,
        "root": {"level": level, "handlers": list(handlers)},
    }


def init_logging(
    data_dir: Path,
    *,
    file_name: str = APP_LOG,
    verbose: bool = False,
    console: bool | None = None,
) -> Path:
    """Send every log record to ``<data_dir>/logs/<file_name>`` (rotating: 5 × 2 MB, 0600).

    ``verbose`` lowers the level to DEBUG; ``console`` defaults to "a terminal is attached".
    Returns the log file's path (shown in Help > About)."""
    global _active
    log_file = log_folder(data_dir) / file_name
    shared = file_name == SERVER_LOG
    _active = logging_config(log_file, verbose=verbose, console=console, shared=shared)
    logging.config.dictConfig(_active)
    logging.captureWarnings(True)
    return log_file


def active_config() -> dict[str, Any] | None:
    """The configuration ``init_logging`` applied in this process (None before): the server hands
    it to uvicorn so its worker processes log to the same file."""
    return _active
