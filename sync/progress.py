"""Where a sync is, for the progress bar (shared by the push and pull steps)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Progress:
    """Where a sync is: phase "push" | "forms" | "feedback", items done of total, item bytes."""

    phase: str
    done: int
    total: int
    detail: str = ""
    item_bytes_sent: int = 0
    item_bytes_total: int = 0


ProgressCallback = Callable[[Progress], None]
