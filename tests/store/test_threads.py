"""The UI's database worker, the GUI thread and the sync worker all use the store at once."""

import threading
from pathlib import Path

from app.store import Store


def test_threads_and_a_second_connection_do_not_trip_each_other(db_path: Path):
    store = Store.open(db_path)
    store.forms.add("gf", "1", "GF", "<x/>")
    for n in range(4):
        store.submissions.create(f"uuid:{n}", "gf", "1", "<data>0</data>")
    sync_side = Store.open(db_path)  # the sync worker opens its own connection
    errors: list[BaseException] = []

    def autosave(n: int) -> None:
        for value in range(1, 101):
            store.submissions.save_draft(f"uuid:{n}", f"<data>{value}</data>")

    def browse() -> None:
        for _ in range(100):
            assert store.submissions.count() == 4
            store.submissions.list(None, 0, 50)

    def sync() -> None:
        for _ in range(100):
            sync_side.outbox.due()
            sync_side.settings.set("last_sync", "now")

    def guarded(fn, *args) -> None:
        try:
            fn(*args)
        except BaseException as error:  # collected and asserted on below
            errors.append(error)

    threads = [threading.Thread(target=guarded, args=(autosave, n)) for n in range(3)]
    threads += [threading.Thread(target=guarded, args=(browse,))]
    threads += [threading.Thread(target=guarded, args=(sync,))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert [store.submissions.get(f"uuid:{n}").instance_xml for n in range(3)] == [
        "<data>100</data>"
    ] * 3
    assert sync_side.submissions.get("uuid:1").instance_xml == "<data>100</data>"
    sync_side.close()
    store.close()
