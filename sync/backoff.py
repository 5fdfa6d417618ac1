"""When to try an outbox entry again: capped exponential backoff with jitter.

Jitter keeps a room full of laptops that lost the same Wi-Fi from all hammering the server at the
same second when it comes back.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

FIRST_DELAY_S = 10.0
MAX_DELAY_S = 30 * 60.0


def retry_delay(
    attempts: int,
    *,
    rng: random.Random | None = None,
    first: float = FIRST_DELAY_S,
    cap: float = MAX_DELAY_S,
    retry_after: float | None = None,
) -> float:
    """Seconds to wait before attempt number ``attempts + 1``.

    ``attempts`` counts the failed attempts so far (1 after the first failure). The ceiling doubles
    with each failure up to ``cap``; the delay is drawn uniformly from the upper half of the ceiling
    ("equal jitter"), so it never collapses to zero. A server's ``Retry-After`` raises the
    delay to at least that value, still capped.
    """
    if attempts < 1:
        raise ValueError(f"attempts counts failures so far and starts at 1, got {attempts}")
    rng = rng or random.Random()
    # 2**attempts overflows float for huge counts; the cap is reached long before 64 doublings.
    ceiling = min(cap, first * 2 ** min(attempts - 1, 64))
    delay = rng.uniform(ceiling / 2, ceiling)
    if retry_after is not None and retry_after > delay:
        delay = min(cap, retry_after)
    return delay


def next_attempt_at(
    now: datetime,
    attempts: int,
    *,
    rng: random.Random | None = None,
    retry_after: float | None = None,
) -> datetime:
    """The moment (aware, same zone as ``now``) the entry becomes due again."""
    return now + timedelta(seconds=retry_delay(attempts, rng=rng, retry_after=retry_after))


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or HTTP date); None if absent/bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, (when - now).total_seconds())
