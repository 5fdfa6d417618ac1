"""The running marker tells a clean quit from a crash or power cut (no Qt, real files)."""

from __future__ import annotations

from pathlib import Path

from app.run_marker import MARKER_NAME, RunMarker


def test_a_clean_quit_leaves_no_marker_and_a_crash_is_noticed(tmp_path: Path) -> None:
    first = RunMarker(tmp_path)
    assert first.begin() is None  # never run here before
    first.end()
    assert not (tmp_path / MARKER_NAME).exists()
    assert RunMarker(tmp_path).begin() is None  # the last run quit cleanly
    # ...and this run is killed: no end(). The next start notices, with when that run began.
    unclean = RunMarker(tmp_path).begin()
    assert unclean is not None and unclean.started_at.startswith("20")


def test_a_marker_half_written_by_the_crash_still_counts(tmp_path: Path) -> None:
    (tmp_path / MARKER_NAME).write_bytes(b'{"started_')
    unclean = RunMarker(tmp_path).begin()
    assert unclean is not None and unclean.started_at == ""


def test_the_marker_is_owner_only(tmp_path: Path) -> None:
    RunMarker(tmp_path).begin()
    assert (tmp_path / MARKER_NAME).stat().st_mode & 0o777 == 0o600


def test_a_second_cut_keeps_the_first_interrupted_start(tmp_path: Path) -> None:
    (tmp_path / MARKER_NAME).write_text('{"started_at": "2026-12-07T09:40:00-06:00"}')
    assert RunMarker(tmp_path).begin().started_at == "2026-12-07T09:40:00-06:00"
    # ...killed again before a clean quit: the next start still looks back to 09:40.
    assert RunMarker(tmp_path).begin().started_at == "2026-12-07T09:40:00-06:00"
