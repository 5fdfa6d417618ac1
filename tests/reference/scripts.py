"""Seeded random answer scripts: what a facilitator might do, step by step, in a form.

A script is built by walking our engine's visible prompts (so steps land on questions that are
shown), then replayed unchanged on both engines. Lines: `set REF VALUE` or `add REPEAT_REF`.
"""

from __future__ import annotations

import random

from app.engine import Form
from tests.reference.javarosa import escape
from tests.reference.ours import apply, new_session

ANSWERABLE = {"input", "select1", "select", "rank", "range"}
# Words that exercise what forms test: codes, yes/no values, dates and numbers held as text.
WORDS = ["P01", "P02", "si", "no", "hola", "Ana María", "2020-01-01", "3", "x y", "15_17", "ñandú"]


def value_for(prompt, rng: random.Random) -> str:
    kind, datatype = prompt.kind, prompt.datatype
    if rng.random() < 0.08:
        return ""  # clearing an answer is part of real use
    if kind == "select1" and prompt.choices:
        return rng.choice(prompt.choices).value
    if kind == "select" and prompt.choices:
        picked = rng.sample(prompt.choices, rng.randint(1, min(3, len(prompt.choices))))
        return " ".join(c.value for c in picked)
    if kind == "rank" and prompt.choices:
        order = [c.value for c in prompt.choices]
        rng.shuffle(order)
        return " ".join(order)  # Collect's rank widget always answers with every choice
    if kind == "range":
        low, high = prompt.range_start or 0, prompt.range_end or 10
        step = prompt.range_step or 1
        return _number(low + step * rng.randint(0, max(0, int((high - low) / step))), datatype)
    if datatype in ("int", "integer"):
        return str(rng.choice([0, 1, 2, 3, 5, 10, 17, 18, 35, 70, 120, -1, rng.randint(-5, 200)]))
    if datatype == "decimal":
        return rng.choice(["0", "1.5", "2.25", "10", "-3.5", "0.1", "100.125"])
    if datatype == "date":
        return f"{rng.randint(1950, 2030)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if datatype == "geopoint":
        return f"{13 + rng.random():.6f} {-89 - rng.random():.6f} 0 5"
    if datatype in ("string", ""):
        return rng.choice(WORDS)
    return ""  # time, dateTime, binary…: left to the forms that test them on purpose


def _number(value: float, datatype: str) -> str:
    return str(int(value)) if datatype in ("int", "integer") else repr(float(value))


def random_script(form: Form, seed: int, steps: int) -> str:
    rng = random.Random(seed)
    session = new_session(form)
    lines: list[str] = []
    for _ in range(steps):
        prompts = session.prompts()
        repeats = [p for p in prompts if p.kind == "repeat" and p.can_add and p.repeat_count < 4]
        questions = [p for p in prompts if p.kind in ANSWERABLE and not p.readonly]
        if repeats and (not questions or rng.random() < 0.15):
            line = f"add\t{rng.choice(repeats).ref}"
        elif questions:
            prompt = rng.choice(questions)
            value = value_for(prompt, rng)
            if value == "" and prompt.value == "":
                continue
            line = f"set\t{prompt.ref}\t{escape(value)}"
        else:
            break
        lines.append(line)
        apply(session, line)
    return "\n".join(lines) + "\n"
