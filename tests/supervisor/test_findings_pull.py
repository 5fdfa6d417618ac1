"""After a supervisor's pull, what the findings read from each new session is already kept in
the data file: the findings view opens without parsing the sessions, and a corrected session is
read once more (its new version), through the real server and the real pull."""

from __future__ import annotations

from app.findings import book as book_module
from app.findings.book import ViewQuery
from tests.supervisor.conftest import PASSWORD, SUPERVISOR
from tests.supervisor.focus_groups import FocusGroup, Person, publish_mujeres, send, session_xml
from tests.supervisor.test_dashboard import GROUPS, SMG, _correct
from tests.sync.harness import CentralServer, Laptop


def test_pulled_sessions_are_read_ahead_and_a_correction_once_more(
    tmp_path, server: CentralServer, desk, monkeypatch
):
    parsed: list[str] = []
    real = book_module.read_session

    def counted(record, roles):
        parsed.append(record.instance_id)
        return real(record, roles)

    monkeypatch.setattr(book_module, "read_session", counted)
    publish_mujeres(server, tmp_path / "forms")
    laptop = Laptop.open(tmp_path / "laptop", server.url, timeout=10.0)
    laptop.client.enroll(server.enrollment_code("Laptop de Ana"))
    try:
        sent = send(laptop, GROUPS)
        desk.sign_in(server.url, SUPERVISOR, PASSWORD)
        desk.sync()
        assert sorted(parsed) == sorted(sent)  # read during the sync, once each
        assert desk.store.findings_cache.count("review") == len(sent)
        every = ViewQuery(review_states=None)
        found = desk.findings().findings(every, "es")
        assert len(found.sessions) == len(sent) and len(parsed) == len(sent)

        desk.review(sent[0], "has_issues", "Falta una participante")
        desk.send_reviews()
        laptop.client.sync()
        fix = FocusGroup((*SMG, "smg_el_brazo"), people=[Person("P01"), Person("P09")])
        _correct(laptop, sent[0], session_xml(fix))
        desk.sync()
    finally:
        laptop.close()
    assert len(parsed) == len(sent) + 1  # only the corrected version
    found = desk.findings().findings(every, "es")
    corrected = next(s for s in found.sessions if s.instance_id == sent[0])
    assert corrected.community == "smg_el_brazo" and corrected.participants == 2
    assert len(found.sessions) == len(sent)
