"""Pull the plug: a process saving drafts is SIGKILLed at a random moment; every save it reported
as done must be in the file, and the file must pass SQLite's integrity check."""

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from app.store import Store

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import sys
from app.store import Store

store = Store.open(sys.argv[1])
store.forms.add("gf", "1", "GF", "<h:html/>")
n = store.settings.get("last_n", 0)
if not store.submissions.exists("uuid:rolling"):
    store.submissions.create("uuid:rolling", "gf", "1", "<data><n>0</n></data>")
while True:
    n += 1
    # The rolling draft is autosaved on every answer, as the workspace does.
    store.submissions.save_draft(
        "uuid:rolling", f"<data><n>{n}</n><note>{'ñ' * (n % 500)}</note></data>",
        position=f"/data/q{n}",
    )
    # A kill between two calls repeats this n after restarting: each step checks before writing.
    iid = f"uuid:{n:08d}"
    if n % 7 == 0 and not store.submissions.exists(iid):
        store.submissions.create(iid, "gf", "1", f"<data><n>{n}</n></data>")
    if n % 14 == 0 and store.submissions.get(iid).status == "draft":
        store.submissions.finalize(iid, f"<data><n>{n}</n><final/></data>")
    store.settings.set("last_n", n)
    print(f"saved {n}", flush=True)
"""


def run_and_kill(db_path: Path, rng: random.Random) -> list[int]:
    """Start the saver, SIGKILL it after a random delay, return every N it reported saved."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert child.stdout is not None
    first = child.stdout.readline()
    assert first.startswith("saved "), child.stderr.read() if child.stderr else first
    # Kill after a random number of reported saves (not after a sleep: on a busy machine a
    # fixed time may cover no save at all); the child runs on meanwhile, so the moment is random.
    seen = [first.strip()]
    for _ in range(rng.randint(0, 25)):
        seen.append(child.stdout.readline().strip())
    child.send_signal(signal.SIGKILL)
    rest, _ = child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL
    # Whole lines only: the kill may cut the last one short.
    complete = [*seen, *rest.split("\n")[:-1]]
    return [int(line.split()[1]) for line in complete]


def check_everything_reported_is_there(db_path: Path, reported: list[int], seed: int) -> None:
    with Store.open(db_path) as store:
        assert store.check_integrity() == [], f"seed {seed}"
        last = max(reported)
        rolling = store.submissions.get("uuid:rolling")
        saved_n = int(rolling.instance_xml.split("<n>")[1].split("</n>")[0])
        assert saved_n >= last, f"seed {seed}: reported saved {last}, file has {saved_n}"
        assert rolling.position == f"/data/q{saved_n}"
        for n in (n for n in reported if n % 7 == 0):
            got = store.submissions.get(f"uuid:{n:08d}")
            if n % 14 == 0:
                assert got.status == "finalized" and got.instance_xml.endswith("<final/></data>")
        queued = {e.instance_id for e in store.outbox.list()}
        finalized = {
            s.instance_id for s in store.submissions.list(None, 0, 100_000) if s.status != "draft"
        }
        assert queued == finalized, f"seed {seed}: outbox and finalized sessions disagree"


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_nothing_reported_saved(tmp_path: Path):
    seed = random.randrange(1_000_000)
    rng = random.Random(seed)
    db_path = tmp_path / "encuentro.sqlite3"
    previous = 0
    for _ in range(3):  # kill, reopen and carry on in the same file, three times
        reported = run_and_kill(db_path, rng)
        assert reported and min(reported) == previous + 1, f"seed {seed}"
        check_everything_reported_is_there(db_path, reported, seed)
        with Store.open(db_path) as store:
            previous = store.settings.get("last_n")
        assert previous >= max(reported)
