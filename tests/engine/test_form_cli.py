"""The `form` command line: summaries, precise errors (exit 1, no traceback), conversion."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOOD = """
| survey |
|        | type            | name  | label::English (en) | label::Español (es) |
|        | text            | name  | Name                | Nombre              |
|        | select_one yn   | ok    | OK?                 | ¿Bien?              |
|        | begin repeat    | kids  | Kids                | Hijos               |
|        | integer         | age   | Age                 | Edad                |
|        | end repeat      |       |                     |                     |
| choices |
|         | list_name | name | label::English (en) | label::Español (es) |
|         | yn        | yes  | Yes                 | Sí                  |
|         | yn        | no   | No                  | No                  |
| settings |
|          | form_title | form_id | version | default_language |
|          | Encuesta   | enc     | 7       | Español (es)     |
"""


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "form", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


def test_check_prints_a_summary(tmp_path):
    source = tmp_path / "good.md"
    source.write_text(textwrap.dedent(GOOD), encoding="utf-8")
    result = run("check", str(source))
    assert result.returncode == 0, result.stderr
    assert "Encuesta" in result.stdout
    assert "Form id:      enc" in result.stdout
    assert "Version:      7" in result.stdout
    assert "English (en), Español (es) (default Español (es))" in result.stdout
    assert "Questions:    3" in result.stdout
    assert "Repeats:      1 (/data/kids)" in result.stdout
    assert "Choice lists: 1" in result.stdout


def test_check_reports_an_error_without_traceback(tmp_path):
    source = tmp_path / "bad.md"
    source.write_text("| survey |\n| | type | name | label |\n| | integr | a | A |\n")
    result = run("check", str(source))
    assert result.returncode == 1
    assert "row 2" in result.stderr and "integr" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_names_a_broken_bind_in_an_xform(tmp_path):
    source = tmp_path / "broken.xml"
    source.write_text(
        '<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml">'
        '<h:head><h:title>t</h:title><model><instance><data id="x"><a/></data></instance>'
        '<bind nodeset="/data/a" relevant="frobnicate(1)"/></model></h:head><h:body/></h:html>'
    )
    result = run("check", str(source))
    assert result.returncode == 1
    assert "/data/a" in result.stderr and "frobnicate" in result.stderr
    assert "Traceback" not in result.stderr


def test_convert_writes_an_xform_that_loads(tmp_path):
    source = tmp_path / "good.md"
    source.write_text(textwrap.dedent(GOOD), encoding="utf-8")
    out = tmp_path / "good.xml"
    result = run("convert", str(source), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert run("check", str(out)).returncode == 0
    assert 'id="enc"' in out.read_text(encoding="utf-8")


COLLECT_TROUBLE = """
| survey |
|        | type         | name   | label | calculation         | constraint                 |
|        | begin repeat | people | P     |                     |                            |
|        | text         | code   | Code  |                     |                            |
|        | end repeat   |        |       |                     |                            |
|        | decimal      | amount | A     |                     |                            |
|        | calculate    | whole  |       | floor(${amount})    |                            |
|        | text         | who    | Who   |                     | . = /data/people/code      |
|        | text         | ok     | OK    |                     | SELECTED                   |
""".replace("SELECTED", "selected(join(' ', /data/people/code), .)")


def test_check_warns_what_collect_would_refuse_with_the_row(tmp_path):
    source = tmp_path / "trouble.md"
    source.write_text(textwrap.dedent(COLLECT_TROUBLE), encoding="utf-8")
    result = run("check", str(source))
    assert result.returncode == 0, result.stderr  # warnings: the form still runs here
    assert "ODK Collect:  2 warning(s)" in result.stdout
    assert "warning: survey row 6 (whole), calculate: ODK Collect cannot evaluate floor()" in (
        result.stdout
    )
    assert "warning: survey row 7 (who), constraint: The path /data/people/code" in result.stdout
    assert "This field is repeated" in result.stdout
    assert "(ok)" not in result.stdout


def test_check_of_a_clean_form_says_collect_has_no_problem(tmp_path):
    source = tmp_path / "good.md"
    source.write_text(textwrap.dedent(GOOD), encoding="utf-8")
    assert "ODK Collect:  no problems found" in run("check", str(source)).stdout


def test_check_lists_binds_it_ignored(tmp_path):
    source = tmp_path / "extra_bind.xml"
    source.write_text(
        '<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml">'
        '<h:head><h:title>t</h:title><model><instance><data id="x"><a/></data></instance>'
        '<bind nodeset="/data/old" calculate="1"/></model></h:head><h:body/></h:html>'
    )
    result = run("check", str(source))
    assert result.returncode == 0, result.stderr
    assert "Warning:      The bind for /data/old names no node" in result.stdout
