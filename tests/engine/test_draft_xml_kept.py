"""A draft's XML is kept per element (Node.draft_xml) and rebuilt only along what changed: after
every step of seeded random scripts over the built-in and reference forms (answers, relevance
flips, calculations, repeats added and removed, attributes, an edit's new instanceID, a restore),
the kept XML must be exactly what a build from nothing gives."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from app.engine import load_form
from app.engine.session import Session
from app.xlsform import xlsform_to_xform
from tests.reference.ours import PROPERTIES
from tests.reference.scripts import ANSWERABLE, value_for

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "tests" / "reference" / "forms"
FORMS = (
    sorted(ROOT.glob("forms/*.md"))
    + sorted(REFERENCE.glob("*.md"))
    + [p for p in sorted(REFERENCE.glob("*.xml")) if not p.name.endswith(".last-saved.xml")]
)
BENCH = ROOT / "benchmarks"


def draft(session: Session) -> str:
    return session.to_xml(include_non_relevant=True)


def built_from_nothing(session: Session) -> str:
    """The draft XML with nothing kept, leaving what was kept in place for the next step."""
    nodes = [session.root, *session.root.iter_descendants()]
    kept = [node.draft_xml for node in nodes]
    for node in nodes:
        node.draft_xml = None
    fresh = draft(session)
    for node, xml in zip(nodes, kept, strict=True):
        node.draft_xml = xml
    return fresh


def step(session: Session, rng: random.Random) -> None:
    prompts = session.prompts()
    instances = [p for p in prompts if p.kind == "repeat_instance"]
    repeats = [p for p in prompts if p.kind == "repeat" and p.can_add and p.repeat_count < 4]
    questions = [p for p in prompts if p.kind in ANSWERABLE and not p.readonly]
    roll = rng.random()
    if instances and roll < 0.08:
        try:
            session.remove_repeat(rng.choice(instances).ref)
        except ValueError:
            pass  # a count the form sets: nothing removed
    elif repeats and (not questions or roll < 0.2):
        session.add_repeat(rng.choice(repeats).ref)
    elif questions:
        prompt = rng.choice(questions)
        try:
            session.set(prompt.ref, value_for(prompt, rng))
        except ValueError:
            pass  # refused values change nothing; the check below still runs


@pytest.mark.parametrize("form_path", FORMS, ids=lambda p: p.name)
def test_the_kept_draft_xml_is_what_a_build_from_nothing_gives(form_path: Path) -> None:
    xform = (
        form_path.read_text(encoding="utf-8")
        if form_path.suffix == ".xml"
        else xlsform_to_xform(form_path)
    )
    media = form_path.with_name(form_path.stem + "-media")
    form = load_form(xform, media_dir=media if media.is_dir() else None)
    for seed in range(3):
        rng = random.Random(seed)
        session = form.new_session(properties=PROPERTIES)
        assert draft(session) == built_from_nothing(session)
        for _ in range(40):
            step(session, rng)
            assert draft(session) == built_from_nothing(session)
        session.renew_instance_id()  # an edit of a returned session
        assert draft(session) == built_from_nothing(session)
        session.stamp_end()
        assert draft(session) == built_from_nothing(session)
        reopened = form.open_session(draft(session), language=session.language)
        assert draft(reopened) == built_from_nothing(reopened)
        step(reopened, rng)
        assert draft(reopened) == built_from_nothing(reopened)


def test_the_benchmark_form_keeps_its_draft_xml_true_through_repeats_and_relevance() -> None:
    from benchmarks.bench_engine import big_form

    form = load_form(big_form())
    session = form.new_session()
    rng = random.Random(11)
    for number in range(300):
        session.set(f"/data/q{rng.randrange(1, 991)}", str(rng.randrange(0, 10)))
        if number % 50 == 0:
            session.remove_repeat("/data/rep[2]")
            session.set("/data/rep[3]/r1", str(number % 3))  # flips r2/r3 relevance
        assert draft(session) == built_from_nothing(session)
