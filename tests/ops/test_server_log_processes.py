"""The server's log file is written by several processes at once (uvicorn's workers): every line
of every process must be in the rotated files, whole, and the files stay private."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WRITERS = 3
LINES = 15_000  # 3 x 15,000 lines of ~230 bytes: about 10 MB, five rotations of 2 MB (6 files kept)

WRITER = """
import logging, sys
from pathlib import Path
from app.logs import SERVER_LOG, init_logging
init_logging(Path(sys.argv[1]), file_name=SERVER_LOG, console=False)
log = logging.getLogger("encuentro.server.test")
name = sys.argv[2]
print("ready", flush=True)
sys.stdin.readline()  # all writers start together
for n in range(int(sys.argv[3])):
    log.info("writer %s line %06d %s", name, n, "x" * 160)
"""


def test_worker_processes_share_one_rotating_server_log(tmp_path: Path) -> None:
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(tmp_path), str(n), str(LINES)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for n in range(WRITERS)
    ]
    for writer in writers:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
    for writer in writers:
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
    for writer in writers:
        assert writer.wait(300) == 0

    files = sorted((tmp_path / "logs").glob("server.log*"))
    assert len(files) > 1, "the test wrote enough to rotate"
    seen: dict[tuple[str, str], int] = {}
    for file in files:
        if os.name == "posix":
            assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
        for line in file.read_text(encoding="utf-8").splitlines():
            words = line.split("writer ", 1)
            if len(words) == 2 and " line " in words[1]:
                name, _, rest = words[1].partition(" line ")
                number = rest.split(" ", 1)[0]
                assert rest.endswith("x" * 160), f"a broken line in {file.name}: {line[:80]}"
                seen[(name, number)] = seen.get((name, number), 0) + 1
    missing = WRITERS * LINES - len(seen)
    assert missing == 0, f"{missing} lines lost across rotations"
    assert set(seen.values()) == {1}, "a line written twice"
