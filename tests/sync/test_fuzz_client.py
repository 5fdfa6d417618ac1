"""Fuzzing that stays (issue 7): property tests of what the sync client parses from a server.

Invariants: only the documented error types escape (OpenRosaError from the parsers, FeedbackError
from feedback, nothing from a form pull but NetworkError/SyncPaused), nothing is written outside
the data folder, and nothing is stored half-way (a form is in the library with its media, or
neither). Bounded so CI stays fast: a few dozen examples each, no deadline.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sync.openrosa import OpenRosaError, is_safe_segment, parse_form_list, parse_manifest
from sync.pull import FEEDBACK_CURSOR_KEY, FeedbackError, pull_feedback, pull_forms
from tests.sync.harness import client_for, open_workspace
from tests.sync.hostile import HostileServer, Reply, form_list, manifest, xform

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Pieces a hostile server would try in names and URLs; XML-legal characters only (the list must
# parse for the names to reach the client).
TRICKY = [
    "..",
    ".",
    "/",
    "\\",
    "C:",
    "~",
    "%2e%2e",
    "\t",
    "\n",
    " ",
    "ñ",
    "é",
    "\u202e",
    "a",
    "form",
    "1",
    "..\\..",
    "/etc",
    "&",
    "<",
    "'",
    '"',
    ".incoming",
]
names = st.lists(st.sampled_from(TRICKY), min_size=0, max_size=4).map("".join)
xml_text = st.text(
    st.characters(blacklist_categories=("Cs",), min_codepoint=0x20) | st.sampled_from("\t\n"),
    max_size=40,
)


@FUZZ
@given(st.binary(max_size=400) | xml_text.map(str.encode))
def test_form_list_and_manifest_parsers_raise_only_openrosa_error(data: bytes) -> None:
    for parse in (parse_form_list, parse_manifest):
        try:
            parse(data)
        except OpenRosaError:
            pass


@FUZZ
@given(st.lists(st.dictionaries(st.sampled_from(["filename", "hash", "downloadUrl"]), names)))
def test_a_parsed_manifest_names_only_safe_files(files: list[dict[str, str]]) -> None:
    try:
        parsed = parse_manifest(manifest(*files))
    except OpenRosaError:
        return
    assert all(is_safe_segment(f.filename) for f in parsed)


@FUZZ
@given(
    st.lists(
        st.dictionaries(
            st.sampled_from(["formID", "name", "version", "hash", "downloadUrl", "manifestUrl"]),
            names | xml_text,
        ),
        max_size=4,
    )
)
def test_a_parsed_form_list_has_text_fields(entries: list[dict[str, str]]) -> None:
    try:
        parsed = parse_form_list(form_list(*entries))
    except OpenRosaError:
        return
    assert all(e.form_id and e.download_url for e in parsed)


@pytest.fixture(scope="module")
def server() -> HostileServer:
    hostile = HostileServer()
    yield hostile
    hostile.close()


@pytest.fixture
def laptop(tmp_path: Path, server: HostileServer):
    ws = open_workspace(tmp_path / "data")
    client = client_for(ws, timeout=5.0)
    address = client.set_server(server.url)
    client.vault.put(address.keyring_name, "token")
    client._authenticate(address)  # noqa: SLF001 - the bearer a sync would set
    yield ws, client, address
    client.http.close()
    ws.close()


def outside_files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if "data" not in p.relative_to(root).parts[:1]}


forms = st.lists(
    st.fixed_dictionaries(
        {"formID": names, "version": names},
        optional={"media": st.lists(names, max_size=3), "valid": st.booleans()},
    ),
    min_size=1,
    max_size=3,
)


@FUZZ
@given(forms)
def test_pulling_hostile_forms_writes_only_inside_and_nothing_half_way(
    tmp_path: Path, server: HostileServer, laptop, pulled: list[dict]
) -> None:
    ws, client, address = laptop
    server.routes.clear()
    entries = []
    for number, spec in enumerate(pulled):
        path = f"/f{number}.xml"
        text = xform(spec["formID"] or "x", spec["version"]) if spec.get("valid", True) else "<x/>"
        server.route("GET", path, Reply(200, text.encode("utf-8", "replace")))
        entry = {"formID": spec["formID"], "version": spec["version"], "downloadUrl": path}
        if spec.get("media"):
            files = []
            for index, name in enumerate(spec["media"]):
                server.route("GET", f"/m{number}-{index}", Reply(200, b"media"))
                files.append({"filename": name, "downloadUrl": f"/m{number}-{index}"})
            server.route("GET", f"/manifest{number}", Reply(200, manifest(*files)))
            entry["manifestUrl"] = f"/manifest{number}"
        entries.append(entry)
    server.route("GET", "/formList", Reply(200, form_list(*entries)))
    before = outside_files(tmp_path)
    result = pull_forms(client, address)  # never raises for one form's trouble
    assert outside_files(tmp_path) == before
    stored = {(f.form_id, f.version) for f in ws.list_forms(all_versions=True)}
    assert len(result.added) == len({a for a in result.added})
    root = ws.form_media.root
    for folder in root.glob("*/*") if root.exists() else []:
        if folder.parent.name == ".incoming":
            assert not any(folder.rglob("*")), "scratch left behind"
            continue
        version = "" if folder.name == "unversioned" else folder.name
        assert (folder.parent.name, version) in stored, "media without its form"
    for form_id, version in stored:
        assert is_safe_segment(form_id) and (version == "" or is_safe_segment(version))


feedback_items = st.one_of(
    st.none(),
    st.integers(),
    st.text(max_size=10),
    st.dictionaries(
        st.sampled_from(["event_id", "instance_id", "review_state", "comment"]),
        st.one_of(
            st.integers(-5, 10**20),
            st.sampled_from(["approved", "has_issues", "rejected", "uuid:x"]),
            st.none(),
            st.booleans(),
            st.floats(allow_nan=True),
        ),
    ),
)
feedback_pages = st.one_of(
    st.binary(max_size=50),
    st.builds(
        lambda items, more: json.dumps({"items": items, "more": more}).encode(),
        st.lists(feedback_items, max_size=4),
        st.booleans(),
    ),
    st.builds(lambda depth: b"[" * depth + b"]" * depth, st.integers(1, 5000)),
)


@FUZZ
@given(feedback_pages)
def test_feedback_pages_raise_only_feedback_error_and_the_cursor_never_goes_back(
    server: HostileServer, laptop, page: bytes
) -> None:
    _ws, client, address = laptop
    server.routes.clear()
    server.route("GET", "/api/v1/feedback", Reply(200, page))
    before = int(client.settings.get(FEEDBACK_CURSOR_KEY, 0) or 0)
    try:
        pull_feedback(client, address)
    except FeedbackError:
        pass
    after = client.settings.get(FEEDBACK_CURSOR_KEY, 0) or 0
    assert isinstance(after, int) and after >= before


@FUZZ
@given(names | st.text(max_size=30), names | st.text(max_size=30))
def test_a_media_folder_is_inside_the_media_root_or_refused(
    tmp_path: Path, form_id: str, version: str
) -> None:
    from app.form_media import FormMedia, UnsafeMediaPath

    media = FormMedia(tmp_path / "form_media")
    try:
        folder = media.folder(form_id, version)
    except UnsafeMediaPath:
        return
    root = media.root.resolve()
    assert folder.resolve().parent.parent == root
    assert root in folder.resolve().parents
