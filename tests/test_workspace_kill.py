"""Pull the plug on a facilitator's laptop: a process answering through the Workspace (real engine,
real store) is SIGKILLed at a random moment; every answer it reported saved must be in the file."""

import os
import random
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from app.store import Store
from tests.test_workspace import taller

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import sys
from pathlib import Path
from app.config import load_config
from app.workspace import Workspace

ws = Workspace.open(load_config(sys.argv[1]), forms_folder=Path(sys.argv[2]))
drafts = ws.list_sessions()
if drafts:
    active = ws.resume(drafts[0].instance_id)
    n = int(active.value("/data/age") or 17) - 17
else:
    active = ws.start_session("taller", facilitator=ws.create_profile("Ana"))
    n = 0
while True:
    n += 1
    active.answer("/data/age", str(17 + n))          # the count, kept in the instance itself
    active.answer("/data/story", f"relato número {n} " + "ñ" * (n % 300))
    if n % 5 == 0:
        new = active.add_repeat("/data/participants")
        active.answer(f"{new}/participant_code", f"P{n}")
    print(f"saved {n}", flush=True)
"""


def run_and_kill(data: Path, forms: Path, rng: random.Random) -> list[int]:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data), str(forms)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
    )
    assert child.stdout is not None and child.stderr is not None
    first = child.stdout.readline()
    assert first.startswith("saved "), child.stderr.read()
    # Kill after a random number of reported saves (not after a sleep: on a busy machine a
    # fixed time may cover no save at all); the child runs on meanwhile, so the moment is random.
    seen = [first.strip()]
    for _ in range(rng.randint(0, 25)):
        seen.append(child.stdout.readline().strip())
    child.send_signal(signal.SIGKILL)
    rest, _ = child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL
    complete = [*seen, *rest.split("\n")[:-1]]  # the kill may cut the last line short
    return [int(line.split()[1]) for line in complete]


@pytest.mark.slow
def test_sigkill_while_answering_loses_no_reported_answer(tmp_path: Path):
    seed = random.randrange(1_000_000)
    rng = random.Random(seed)
    forms = tmp_path / "forms"
    forms.mkdir()
    (forms / "taller.md").write_text(taller(), encoding="utf-8")
    data = tmp_path / "data"
    for _ in range(2):
        reported = run_and_kill(data, forms, rng)
        last = max(reported)
        with Store.open(data / "encuentro.sqlite3") as store:
            assert store.check_integrity() == [], f"seed {seed}"
            [summary] = store.submissions.list()
            xml = store.submissions.get(summary.instance_id).instance_xml
            age = int(re.search(r"<age>(\d+)</age>", xml).group(1))
            assert age - 17 >= last, f"seed {seed}: reported {last}, saved {age - 17}"
            story = re.search(r"<story>relato número (\d+)", xml)
            assert story and int(story.group(1)) >= last, f"seed {seed}"
            codes = {int(c) for c in re.findall(r"<participant_code>P(\d+)<", xml)}
            assert {n for n in reported if n % 5 == 0} <= codes, f"seed {seed}"
