"""Connection limits shared by the command line and the HTTP protocol (kept apart from
``transport`` so that building main.py's parser does not import uvicorn on a laptop)."""

from __future__ import annotations

import os

ENV_HEADER_TIMEOUT = "ENCUENTRO_SERVER_HEADER_TIMEOUT"
DEFAULT_HEADER_TIMEOUT_S = 10.0
DEFAULT_KEEP_ALIVE_S = 5.0
DEFAULT_LIMIT_CONCURRENCY = 200  # connections and requests at once per worker; past it, 503


def header_timeout() -> float:
    """Seconds a client has to send a request's headers (``--header-timeout``, passed to the
    workers through the environment like the server's other settings)."""
    try:
        return float(os.environ.get(ENV_HEADER_TIMEOUT, DEFAULT_HEADER_TIMEOUT_S))
    except ValueError:
        return DEFAULT_HEADER_TIMEOUT_S
