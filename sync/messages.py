"""Person-readable messages of the sync client: what happened and what to do.

Kept in one place so the UI can show them as they are (and translate them later by key).
"""

from __future__ import annotations

from sync.urls import ServerAddress

NOT_CONFIGURED = (
    "No server address is set. Open Settings and type the address your coordinator gave you."
)
NOT_ENROLLED = (
    "This laptop is not enrolled with the server yet. Ask your coordinator for an enrollment code "
    "and enter it in Settings."
)
CENTRAL_NO_ENROLL = (
    "An ODK Central project URL needs no enrollment code: the access key is part of the URL."
)


def enroll_refused(reason: str) -> str:
    return f"The server did not accept the enrollment code: {reason}."


def unauthorized(address: ServerAddress, detail: str) -> str:
    if address.is_central:
        return (
            "ODK Central refused this laptop's access key (the app user may have been revoked). "
            "Ask your coordinator for a new project URL. Sessions stay safe on this laptop."
        )
    suffix = f" ({detail})" if detail else ""
    return (
        "The server no longer accepts this laptop (its access was revoked or expired)"
        f"{suffix}. Sending is paused: ask your coordinator for a new enrollment code and "
        "enter it in Settings. Sessions stay safe on this laptop."
    )


def server_trouble(status: int, detail: str) -> str:
    if status == 429:
        return "The server is busy and asked to wait; it will be tried again automatically."
    if status == 408:
        return "The server timed out reading the session; it will be tried again automatically."
    suffix = f": {detail}" if detail else ""
    return (
        f"The server had a problem (HTTP {status}{suffix}); it will be tried again automatically."
    )


def unexpected_answer(status: int) -> str:
    return (
        f"The server gave an unexpected answer (HTTP {status}). Check the server address, or log "
        "in to the Wi-Fi network if it asks for it; it will be tried again automatically."
    )


def refused(status: int, detail: str) -> str:
    """A permanent failure: the server will not take this session as it is."""
    what = {
        400: "The server could not read this session",
        403: "This laptop may not send this questionnaire",
        404: "The server does not know this questionnaire (is it published there?)",
        409: (
            "The server already holds a different version of this session (same ID); "
            "it kept its copy and refused this one"
        ),
        413: "This session is too large for the server",
    }.get(status, f"The server refused this session (HTTP {status})")
    suffix = f": {detail}" if detail else ""
    return f"{what}{suffix}. Ask your coordinator; it is not retried automatically."
