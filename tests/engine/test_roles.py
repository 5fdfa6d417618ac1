"""encuentro:role bind attributes: pyxform writes them, the engine reads them, `form check`
lists them, and the built-in forms carry them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from app.engine import load_form
from app.engine.formdef import ENCUENTRO

ROOT = Path(__file__).resolve().parents[2]
ROLES_FORM = """
| survey |
|        | type                   | name      | label  | bind::encuentro:role |
|        | select_one grp         | grp       | Group  | group                |
|        | begin_group            | t1        | Topic  | topic                |
|        | text                   | t1_notes  | Notes  | note                 |
|        | begin_repeat           | t1_quotes | Quotes |                      |
|        | text                   | q         | Quote  | quote                |
|        | text                   | who       | Who    | speaker              |
|        | end_repeat             |           |        |                      |
|        | select_multiple themes | t1_themes | Themes | themes               |
|        | end_group              |           |        |                      |
|        | text                   | plain     | Plain  |                      |
| choices |
|         | list_name | name | label |
|         | grp       | a    | A     |
|         | themes    | x    | X     |
| settings |
|          | form_id | namespaces                         |
|          | roles   | encuentro="urn:encuentro:xforms"   |
"""


def test_pyxform_writes_the_namespace_and_the_engine_reads_each_role(tmp_path):
    source = tmp_path / "roles.md"
    source.write_text(ROLES_FORM, encoding="utf-8")
    form = load_form(source)
    assert f'xmlns:encuentro="{ENCUENTRO}"' in form.xform_xml
    assert form.definition.roles() == {
        "/data/grp": "group",
        "/data/t1": "topic",
        "/data/t1/t1_notes": "note",
        "/data/t1/t1_quotes/q": "quote",
        "/data/t1/t1_quotes/who": "speaker",
        "/data/t1/t1_themes": "themes",
    }
    assert form.definition.binds["/data/plain"].role is None


def test_form_check_lists_the_roles(tmp_path):
    source = tmp_path / "roles.md"
    source.write_text(ROLES_FORM, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "form", "check", str(source)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Roles:        6" in done.stdout
    assert "  speaker    /data/t1/t1_quotes/who" in done.stdout


def test_builtin_forms_mark_topics_quotes_themes_group_and_community():
    for name in ("mujeres", "familiares", "retornados", "jovenes"):
        roles = load_form(ROOT / "forms" / f"grupo_focal_{name}.md").definition.roles()
        kinds = set(roles.values())
        assert {"topic", "note", "quote", "speaker", "themes", "group", "community"} <= kinds
        assert roles["/data/community"] == "community"
        assert roles["/data/participants/group_type"] == "group"
    needs = load_form(ROOT / "forms" / "evaluacion_necesidades.md").definition.roles()
    assert [p for p, r in needs.items() if r == "need"] == [
        "/data/necesidades/need_1",
        "/data/necesidades/need_2",
        "/data/necesidades/need_3",
    ]
    assert needs["/data/community"] == "community"
