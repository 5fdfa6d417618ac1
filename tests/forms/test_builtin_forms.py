"""The built-in questionnaires convert cleanly and follow the conventions the UI relies on."""

from __future__ import annotations

import re

from app.xlsform import xlsform_to_xform
from forms.builder.__main__ import XLSX_DIR, all_forms, built_forms
from forms.builder.topics import GUIDE_TOPICS, PROMPTS, prompt
from forms.builder.workbook import write_xlsx

from .conftest import ALL_FORMS, FORMS_DIR, load_built

ES, EN = "Español (es)", "English (en)"
TRANSLATED = ("label", "hint", "constraint_message", "required_message")


def test_every_builtin_form_is_present_and_up_to_date():
    generated = all_forms()
    assert sorted(generated) == sorted(f"{f}.md" for f in ALL_FORMS)
    for name, text in generated.items():
        on_disk = (FORMS_DIR / name).read_text(encoding="utf-8")
        assert on_disk == text, f"forms/{name} is stale: run `python -m forms.builder`"


def test_converts_without_warnings(built):
    assert built.xform.startswith("<?xml")
    assert built.warnings == []


def test_settings(built):
    settings = built.sheets["settings"][0]
    assert settings["form_id"] == built.form_id == built.path.stem
    assert re.fullmatch(r"20\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{2}", settings["version"])
    assert settings["form_title"].strip()
    assert settings["default_language"] == ES
    instance = built.root.find(".//xf:instance/xf:data", {"xf": "http://www.w3.org/2002/xforms"})
    assert instance.get("id") == built.form_id and instance.get("version") == settings["version"]


def _pairs(rows):
    for number, row in enumerate(rows, start=2):
        for column in TRANSLATED:
            yield (
                number,
                row,
                column,
                row.get(f"{column}::{ES}", ""),
                row.get(f"{column}::{EN}", ""),
            )


def test_both_languages_have_every_text(built):
    for sheet in ("survey", "choices"):
        headers = set(built.sheets[f"{sheet}_header"][0])
        assert not {h for h in headers if h in TRANSLATED}, f"{sheet}: untranslated column"
        for number, row, column, es, en in _pairs(built.sheets[sheet]):
            assert bool(es.strip()) == bool(en.strip()), (sheet, number, column, row.get("name"))


def test_every_question_a_person_sees_has_a_label(built):
    silent = {"calculate", "start", "end", "end_group", "end_repeat"}
    for row in built.sheets["survey"]:
        if row["type"] not in silent:
            assert row.get(f"label::{ES}"), row


def test_required_questions_say_why(built):
    for row in built.sheets["survey"]:
        if row.get("required"):
            assert row.get(f"required_message::{ES}") and row.get(f"required_message::{EN}")
        if row.get("constraint"):
            assert row.get(f"constraint_message::{ES}") and row.get(f"constraint_message::{EN}")


def test_no_question_asks_for_a_personal_name(built):
    for row in built.sheets["survey"]:
        name = row.get("name", "").lower()
        assert name not in {"name", "nombre", "full_name", "phone", "telefono", "dui"}


def test_place_questions_cascade_over_three_departments_and_85_communities(built):
    choices = built.sheets["choices"]
    departments = {r["name"] for r in choices if r["list_name"] == "department"}
    municipalities = {
        r["name"]: r["department"] for r in choices if r["list_name"] == "municipality"
    }
    communities = [r for r in choices if r["list_name"] == "community"]
    listed = [r for r in communities if not r["name"].endswith("_otra")]
    assert departments == {"san_miguel", "usulutan", "la_paz"}
    assert set(municipalities.values()) == departments
    assert municipalities["zacatecoluca"] == "la_paz"
    assert len(listed) == 85 and len({r["name"] for r in communities}) == len(communities)
    assert {r["municipality"] for r in communities} == set(municipalities)
    # Every municipality offers an "other community" way out.
    assert {r["municipality"] for r in communities if r["name"].endswith("_otra")} == set(
        municipalities
    )
    assert built.survey_row("municipality")["choice_filter"] == "department = ${department}"
    assert built.survey_row("community")["choice_filter"] == "municipality = ${municipality}"
    binds = built.binds()
    assert "/data/community" in binds["/data/community_other"]["relevant"]


def test_cascading_itemsets_in_the_xform(built):
    itemsets = [e.get("nodeset") for e in built.root.iter("{http://www.w3.org/2002/xforms}itemset")]
    assert any("[department =  /data/department ]" in n for n in itemsets)
    assert any("[municipality =  /data/municipality ]" in n for n in itemsets)


def test_focus_group_session_roster_and_notes_fields(focus_group):
    binds = focus_group.binds()
    for name in (
        "department",
        "municipality",
        "community",
        "session_date",
        "venue",
        "facilitator",
        "note_taker",
    ):
        assert f"/data/{name}" in binds, name
    assert binds["/data/session_date"]["type"] == "date"
    for name in ("participant_code", "sex", "age_band", "group_type", "status", "consent"):
        assert f"/data/participants/{name}" in binds, name
    expected_types = {
        "note_text": "string",
        "note_elapsed": "int",
        "note_topic": "string",
        "note_time": "dateTime",
    }
    for name, kind in expected_types.items():
        assert binds[f"/data/notes/{name}"]["type"] == kind, name
    repeats = {
        e.get("nodeset") for e in focus_group.root.iter("{http://www.w3.org/2002/xforms}repeat")
    }
    assert {"/data/participants", "/data/notes"} <= repeats


def test_no_participant_data_without_consent(focus_group):
    binds = focus_group.binds()
    for name in ("age_band", "guardian_consent"):
        assert "../consent  = 'si'" in binds[f"/data/participants/{name}"]["relevant"], name
    # The rest only for a person who takes part: consent, and a guardian's permission if 15-17.
    for name in ("sex", "group_type", "status"):
        relevant = binds[f"/data/participants/{name}"]["relevant"]
        assert "../participation  = 'participa'" in relevant, name
    participation = binds["/data/participants/participation"]["calculate"]
    assert "../consent  = 'si'" in participation and "../guardian_consent  = 'no'" in participation
    assert "relevant" not in binds["/data/participants/participant_code"]
    assert binds["/data/participants/consent"]["required"] == "true()"


def test_group_type_defaults_to_the_guide(focus_group):
    group = focus_group.form_id.removeprefix("grupo_focal_")
    assert focus_group.survey_row("group_type")["default"] == group


def test_every_topic_has_prompt_probes_notes_quotes_and_themes(focus_group):
    binds = focus_group.binds()
    group = focus_group.form_id.removeprefix("grupo_focal_")
    for topic in GUIDE_TOPICS[group]:
        row = focus_group.survey_row(f"{topic}_prompt")
        assert row["type"] == "note" and row[f"hint::{ES}"] and row[f"hint::{EN}"]
        assert row[f"label::{ES}"] == prompt(topic, group)[0][0]
        assert focus_group.survey_row(f"{topic}_discussion")["appearance"] == "multiline"
        assert f"/data/{topic}/{topic}_quotes/quote_text" in binds
        speaker = binds[f"/data/{topic}/{topic}_quotes/quote_participant"]
        assert "participants[participation = 'participa']/participant_code" in speaker["constraint"]
        # One value for JavaRosa: comparing `.` with the path itself stops Collect.
        assert speaker["constraint"].startswith("selected(join(' ', ")
        assert focus_group.survey_row(f"{topic}_themes")["type"] == "select_multiple themes"


def test_prompts_are_tailored_to_each_group():
    tailored = {
        "mujeres": ("espacios", "seguridad", "empleo"),
        "familiares": ("empleo", "discriminacion", "salud"),
        "retornados": ("discriminacion", "empleo", "documentos"),
        "jovenes": ("educacion", "seguridad", "participacion"),
    }
    for group, topics in tailored.items():
        form = load_built(f"grupo_focal_{group}")
        for topic in topics:
            assert PROMPTS[topic][group] != PROMPTS[topic]["default"]
            label = form.survey_row(f"{topic}_prompt")[f"label::{ES}"]
            assert label == PROMPTS[topic][group][0][0]
    assert (
        "remesas"
        in load_built("grupo_focal_familiares").survey_row("empleo_prompt")[f"label::{ES}"]
    )


def test_youth_guide_offers_only_youth_ages():
    form = load_built("grupo_focal_jovenes")
    assert "15_17" in form.survey_row("age_band")["choice_filter"]
    assert "30_44" not in form.survey_row("age_band")["choice_filter"]


def test_needs_assessment_is_gated_by_consent_and_status(needs):
    binds = needs.binds()
    for group in ("perfil", "retorno", "hogar", "empleo", "necesidades", "servicios", "cierre"):
        assert "/data/consent  = 'si'" in binds[f"/data/{group}"]["relevant"], group
    assert "/data/perfil/status  = 'retornado'" in binds["/data/retorno"]["relevant"]
    for name in ("return_date", "return_how", "years_abroad", "months_abroad"):
        assert f"/data/retorno/{name}" in binds
    assert "today()" in binds["/data/retorno/return_date"]["constraint"]
    assert "today()" in binds["/data/interview_date"]["constraint"]
    assert binds["/data/hogar/household/member_age"]["type"] == "int"
    assert "sum(" in binds["/data/hogar/household_income"]["calculate"]
    assert "count(" in binds["/data/hogar/household_size"]["calculate"]
    assert "need_1" in needs.survey_row("need_2")["choice_filter"]


def test_excel_copies_are_up_to_date_and_convert_to_the_same_xform(tmp_path):
    for form_id, sheets in built_forms():
        fresh = tmp_path / f"{form_id}.xlsx"
        write_xlsx(fresh, sheets)
        committed = XLSX_DIR / f"{form_id}.xlsx"
        # Cell by cell, not byte by byte: openpyxl writes other (equivalent) XML when lxml is
        # installed, and a test dependency may bring it.
        assert _cells(committed) == _cells(fresh), f"{committed} is stale"
        assert xlsform_to_xform(committed) == load_built(form_id).xform


def _cells(path):
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    try:
        return {
            sheet.title: [tuple(row) for row in sheet.iter_rows(values_only=True)]
            for sheet in book.worksheets
        }
    finally:
        book.close()
