"""Forms (versions, dedupe), profiles, settings, attachments and the audit trail."""

import hashlib

import pytest

from app.store import Store, StoreError


def test_the_same_form_version_twice_is_not_duplicated(store: Store):
    first, added = store.forms.add("gf", "1", "Grupo focal", "<x1/>", languages=["es", "en"])
    again, added_again = store.forms.add("gf", "1", "Grupo focal", "<other/>")
    assert added and not added_again
    assert again.xform_xml == "<x1/>" and again.languages == ["es", "en"]
    assert len(store.forms.list(all_versions=True)) == 1


def test_a_new_version_keeps_the_old_one_for_its_drafts(store: Store):
    store.forms.add("gf", "1", "Grupo focal", "<v1/>")
    store.submissions.create("uuid:a", "gf", "1", "<data/>")
    store.forms.add("gf", "2", "Grupo focal (nuevo)", "<v2/>")

    assert store.forms.get("gf").version == "2"
    assert [f.version for f in store.forms.list()] == ["2"]
    assert sorted(f.version for f in store.forms.list(all_versions=True)) == ["1", "2"]
    draft = store.submissions.get("uuid:a")
    assert store.forms.get(draft.form_id, draft.form_version).xform_xml == "<v1/>"
    assert draft.form_title == "Grupo focal"


def test_a_changed_builtin_source_refreshes_its_cache(store: Store):
    store.forms.add("gf", "1", "GF", "<old/>", builtin=True, source_hash="a", source_name="gf.md")
    assert store.forms.find_by_source("gf.md", "a") is not None
    store.forms.add("gf", "1", "GF", "<new/>", builtin=True, source_hash="b", source_name="gf.md")
    assert store.forms.get("gf", "1").xform_xml == "<new/>"
    assert store.forms.source_hash("gf", "1") == "b"
    assert store.forms.find_by_source("gf.md", "a") is None


def test_unknown_form_is_a_clear_error(store: Store):
    with pytest.raises(StoreError) as caught:
        store.forms.get("nope")
    assert caught.value.kind == "not_found" and "'nope'" in str(caught.value)


def test_profiles_remember_language_and_recent_use(store: Store):
    ana = store.profiles.create("  Ana Martínez ")
    luis = store.profiles.create("Luis", role="supervisor", language="en")
    assert ana.display_name == "Ana Martínez" and ana.language == "es"
    store.profiles.mark_used(luis.id)
    assert [p.id for p in store.profiles.list()] == [luis.id, ana.id]
    assert store.profiles.set_language(ana.id, "en").language == "en"
    for bad in (lambda: store.profiles.create("   "), lambda: store.profiles.create("X", "boss")):
        with pytest.raises(StoreError) as caught:
            bad()
        assert caught.value.kind == "invalid"
    with pytest.raises(StoreError):
        store.profiles.set_language("missing", "es")


def test_settings_keep_json_values(store: Store):
    assert store.settings.get("current_profile", "none") == "none"
    store.settings.set("current_profile", "abc")
    store.settings.set("window", {"width": 1200, "título": "ñ"})
    store.settings.set("current_profile", "def")
    assert store.settings.get("current_profile") == "def"
    assert store.settings.get("window") == {"width": 1200, "título": "ñ"}
    store.settings.set("window", None)
    assert store.settings.get("window") is None


def test_attachments_are_kept_with_their_hash(store: Store):
    store.forms.add("gf", "1", "GF", "<x/>")
    store.submissions.create("uuid:a", "gf", "1", "<data/>")
    photo = bytes(range(256)) * 10
    saved = store.attachments.add("uuid:a", "foto_señal.jpg", photo, "image/jpeg")
    assert saved.sha256 == hashlib.sha256(photo).hexdigest() and saved.size == 2560
    store.attachments.add("uuid:a", "foto_señal.jpg", b"new", "image/jpeg")
    assert store.attachments.read("uuid:a", "foto_señal.jpg") == b"new"
    assert [a.filename for a in store.attachments.list("uuid:a")] == ["foto_señal.jpg"]
    with pytest.raises(StoreError):
        store.attachments.add("uuid:a", "../etc/passwd", b"x", "text/plain")
    with pytest.raises(StoreError) as caught:
        store.attachments.add("uuid:missing", "a.jpg", b"x", "image/jpeg")
    assert caught.value.kind == "not_found"


def test_audit_records_actions_not_answers(store: Store):
    ana = store.profiles.create("Ana")
    store.forms.add("gf", "1", "GF", "<x/>")
    secret = "<data><story>Mi hermano fue deportado</story></data>"
    store.submissions.create("uuid:a", "gf", "1", secret, profile_id=ana.id)
    store.submissions.save_draft("uuid:a", secret)
    store.submissions.finalize("uuid:a", secret, actor=ana.id)
    store.audit.record(ana.id, "export.csv", None, {"rows": 1})
    actions = [e.action for e in store.audit.list()]
    assert actions[:3] == ["export.csv", "session.finalized", "session.created"]
    assert [e.action for e in store.audit.list(target="uuid:a")] == [
        "session.finalized",
        "session.created",
    ]
    dumped = "".join(str(e) for e in store.audit.list())
    assert "deportado" not in dumped
