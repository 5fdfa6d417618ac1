"""Issue 9, on the laptop, through the Workspace API: PINs, lock, recovery, migration.

Real data folders and SQLCipher files; the bytes of the whole folder are grepped for markers."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

import app.profile_index
from app.config import load_config
from app.protection import Locked, PinWait, Protection, recover_profile
from app.store import Store, StoreError
from app.store.encrypt_file import _snapshot, encrypt_in_place, is_plain
from app.store.keys import WrongPin, WrongRecoveryKey, new_data_key, wrap_with_pin
from app.workspace import Workspace
from tests.test_workspace import taller

STORY = "Relato-K41: cruzó por Tecún Umán con su hija"
STORY2 = "Relato-P88: lo deportaron en marzo"
PIN = "482193"


@pytest.fixture
def forms_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "forms"
    folder.mkdir()
    (folder / "taller.md").write_text(taller(), encoding="utf-8")
    return folder


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


def open_ws(data: Path, forms_folder: Path) -> Workspace:
    return Workspace.open(load_config(data), forms_folder=forms_folder)


def session(ws: Workspace, profile_id: str, story: str, finalize: bool) -> str:
    ws.choose_profile(profile_id)
    active = ws.start_session("taller", facilitator=profile_id)
    assert active.answer("/data/community", "perquin") is None
    assert active.answer("/data/age", "34") is None
    active.answer("/data/story", story)
    if finalize:
        active.answer("/data/participants[1]/participant_code", "P01")
        assert active.finalize() == []
    return active.instance_id


def all_xml(ws: Workspace) -> dict[str, str]:
    return {
        s.instance_id: ws.session_record(s.instance_id).instance_xml
        for s in ws.list_sessions(None, 0, 1000)
    }


def own_file(data: Path, profile_id: str) -> Path:
    return data / "profiles" / f"{profile_id}.sqlite3"


def assert_nowhere(folder: Path, *texts: str) -> None:
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert files
    for path in files:
        data = path.read_bytes()
        for text in texts:
            assert text.encode() not in data, (text, path)


def test_a_profile_with_a_pin_encrypts_everything_and_a_copy_reveals_no_answer(
    data, forms_folder, tmp_path
):
    ws = open_ws(data, forms_folder)
    ana = ws.create_profile("Ana Martínez", pin=PIN)
    done = session(ws, ana.id, STORY, finalize=True)
    draft = session(ws, ana.id, STORY2, finalize=False)
    copy = tmp_path / "stolen-while-running"
    shutil.copytree(data, copy)
    ws.close()
    shutil.copytree(data, tmp_path / "stolen-while-off")
    for folder in (copy, tmp_path / "stolen-while-off", data):
        assert_nowhere(folder, STORY, STORY2, "Tecún")
    assert not is_plain(own_file(data, ana.id))
    assert not (data / "encuentro.sqlite3").exists()  # the plain file was moved, then wiped
    # The index holds names (by design) and nothing of the sessions.
    index = (data / "profiles.json").read_text(encoding="utf-8")
    assert "Ana Martínez" in index and done not in index and draft not in index

    again = open_ws(data, forms_folder)
    try:
        assert again.is_locked and again.current_profile() is None
        assert [p.display_name for p in again.list_profiles()] == ["Ana Martínez"]
        with pytest.raises(Locked):
            again.list_sessions()
        with pytest.raises(WrongPin):
            again.unlock(ana.id, "0000")
        assert again.is_locked
        again.unlock(ana.id, PIN)
        again.choose_profile(ana.id)
        assert STORY in again.session_record(done).instance_xml
        assert STORY2 in again.resume(draft).value("/data/story")
    finally:
        again.close()


def test_without_the_pin_the_file_does_not_open_at_all(data, forms_folder):
    with open_ws(data, forms_folder) as ws:
        ana = ws.create_profile("Ana", pin=PIN)
        session(ws, ana.id, STORY, finalize=True)
    with pytest.raises(StoreError) as caught:
        Store.open(own_file(data, ana.id))
    assert caught.value.kind == "corrupt"


def test_wrong_pins_make_the_next_try_wait_even_after_a_restart(data, forms_folder, monkeypatch):
    clock = [1_000_000.0]
    monkeypatch.setattr(app.profile_index, "now", lambda: clock[0])
    with open_ws(data, forms_folder) as ws:
        ana = ws.create_profile("Ana", pin=PIN)
    ws = open_ws(data, forms_folder)
    for _ in range(app.profile_index.FREE_TRIES):
        with pytest.raises(WrongPin):
            ws.unlock(ana.id, "1111")
    with pytest.raises(PinWait) as first:
        ws.unlock(ana.id, PIN)  # even the right PIN waits
    ws.close()
    restarted = open_ws(data, forms_folder)
    with pytest.raises(PinWait) as second:
        restarted.unlock(ana.id, PIN)
    assert 0 < second.value.seconds <= first.value.seconds
    clock[0] += second.value.seconds + 1
    with pytest.raises(WrongPin):
        restarted.unlock(ana.id, "2222")
    with pytest.raises(PinWait) as longer:
        restarted.unlock(ana.id, PIN)
    assert longer.value.seconds > first.value.seconds  # each wrong PIN doubles the wait
    clock[0] += longer.value.seconds + 1
    restarted.unlock(ana.id, PIN)
    assert not restarted.is_locked
    assert restarted.protection.index.entry(ana.id).failures == 0
    restarted.close()


def test_changing_the_pin_keeps_the_data_and_does_not_rewrite_the_file(data, forms_folder):
    with open_ws(data, forms_folder) as ws:
        ana = ws.create_profile("Ana", pin=PIN)
        done = session(ws, ana.id, STORY, finalize=True)
    before = own_file(data, ana.id).read_bytes()
    with open_ws(data, forms_folder) as ws:
        with pytest.raises(WrongPin):
            ws.change_pin(ana.id, "9999", "555555")
        ws.change_pin(ana.id, PIN, "739152")
        assert ws.is_locked  # changing a PIN does not unlock
    assert own_file(data, ana.id).read_bytes() == before
    with open_ws(data, forms_folder) as ws:
        with pytest.raises(WrongPin):
            ws.unlock(ana.id, PIN)
        ws.unlock(ana.id, "739152")
        assert STORY in ws.session_record(done).instance_xml


def test_several_profiles_each_with_a_pin(data, forms_folder):
    with open_ws(data, forms_folder) as ws:
        ana = ws.create_profile("Ana", pin=PIN)
        beto = ws.create_profile("Beto", pin="beto-pin")  # Beto's file is open now
        assert ws.unlocked_profile_id == beto.id
        session(ws, beto.id, STORY, finalize=False)
    with open_ws(data, forms_folder) as ws:
        carla = ws.create_profile("Carla", pin="carla-pin")  # nobody else's key is needed
        assert ws.current_profile().id == carla.id and ws.count_sessions() == 0
        ws.lock()
        with pytest.raises(ValueError):
            ws.create_profile("Dora")  # never without a PIN once encrypted
        with pytest.raises(WrongPin):
            ws.unlock(beto.id, PIN)  # Ana's PIN is not Beto's
        ws.unlock(beto.id, "beto-pin")
        assert ws.count_sessions() == 1
        ws.lock()
        assert ws.is_locked
        with pytest.raises(Locked):
            ws.count_sessions()
        ws.unlock(ana.id, PIN)
        assert ws.count_sessions() == 0  # Beto's session is Beto's
        with pytest.raises(ValueError):
            ws.set_pin(ana.id, "12")  # too short
        with pytest.raises(ValueError):
            ws.set_pin(beto.id, "999999")  # only Beto changes Beto's PIN


def test_a_missing_profile_file_is_reported_not_replaced_by_an_empty_one(data, forms_folder):
    with open_ws(data, forms_folder) as ws:
        ana = ws.create_profile("Ana", pin=PIN)
        session(ws, ana.id, STORY, finalize=True)
    own_file(data, ana.id).rename(data / "elsewhere.sqlite3")
    with open_ws(data, forms_folder) as ws:
        with pytest.raises(StoreError) as caught:
            ws.unlock(ana.id, PIN)
        assert "missing" in str(caught.value) and ws.is_locked
    assert not own_file(data, ana.id).exists()
    (data / "elsewhere.sqlite3").rename(own_file(data, ana.id))
    with open_ws(data, forms_folder) as ws:
        ws.unlock(ana.id, PIN)
        assert ws.count_sessions() == 1


def test_with_one_profile_unlocked_another_profiles_sessions_are_unreadable(data, forms_folder):
    with open_ws(data, forms_folder) as ws:
        ana = ws.create_profile("Ana", pin=PIN)
        mine = session(ws, ana.id, STORY, finalize=True)
        beto = ws.create_profile("Beto", pin="beto-pin")
        theirs = session(ws, beto.id, STORY2, finalize=True)
        theirs_draft = session(ws, beto.id, STORY2 + " (borrador)", finalize=False)
    with open_ws(data, forms_folder) as ws:
        ws.unlock(ana.id, PIN)
        # The API refuses: Beto's sessions are not in what Ana's PIN opened.
        assert [s.instance_id for s in ws.list_sessions(None, 0, 100)] == [mine]
        for instance_id in (theirs, theirs_draft):
            with pytest.raises(StoreError) as caught:
                ws.session_record(instance_id)
            assert caught.value.kind == "not_found"
            with pytest.raises(StoreError):
                ws.resume(instance_id)
        assert [e.instance_id for e in ws.store.outbox.list()] == [mine]
        # Ana's key, in memory now, does not open Beto's file...
        with pytest.raises(StoreError) as caught:
            Store.open(own_file(data, beto.id), key=ws.protection.key)
        assert caught.value.kind == "corrupt"
        # ...whose bytes (and every other file's) hold none of the text.
        assert_nowhere(data, STORY2, "borrador")
        assert theirs.encode() not in own_file(data, ana.id).read_bytes()
        # Switching profile needs Beto's PIN; a wrong one leaves Ana's file open.
        with pytest.raises(WrongPin):
            ws.unlock(beto.id, PIN)
        assert ws.unlocked_profile_id == ana.id and ws.count_sessions() == 1
        ws.unlock(beto.id, "beto-pin")
        assert {s.instance_id for s in ws.list_sessions(None, 0, 100)} == {theirs, theirs_draft}
        with pytest.raises(StoreError):
            ws.session_record(mine)


def test_a_plain_folder_is_migrated_with_every_answer_and_the_plain_file_wiped(data, forms_folder):
    with open_ws(data, forms_folder) as ws:  # today's plain folder, no PINs
        ana = ws.create_profile("Ana")
        beto = ws.create_profile("Beto")
        for n in range(4):
            session(ws, ana.id, f"{STORY} #{n}", finalize=n % 2 == 0)
        beto_draft = session(ws, beto.id, STORY2, finalize=False)
        expected = all_xml(ws)
        outbox_before = {e.instance_id: e for e in ws.store.outbox.list()}
        device = ws.device_id()
    assert STORY.encode() in (data / "encuentro.sqlite3").read_bytes()  # the grep can see it

    with open_ws(data, forms_folder) as ws:
        ws.set_pin(ana.id, PIN)  # first PIN: encrypted, and Ana's sessions move to her file
        anas = all_xml(ws)
        assert anas == {k: v for k, v in expected.items() if k != beto_draft}
        assert ws.device_id() == device
        ws.set_pin(beto.id, "beto-pin")  # Beto had none: Ana, unlocked, gives him one
    assert_nowhere(data, STORY, STORY2)
    assert not list(data.rglob("*.plain-old*")) and not list(data.rglob("*.partial*"))
    assert (data / "encuentro.sqlite3").exists()  # Beto's session waits there, encrypted

    with open_ws(data, forms_folder) as ws:
        ws.unlock(beto.id, "beto-pin")  # Beto moves out too
        assert all_xml(ws) == {beto_draft: expected[beto_draft]}
        assert ws.device_id() == device
    assert not (data / "encuentro.sqlite3").exists()  # nobody needs the shared file: wiped
    with open_ws(data, forms_folder) as ws:
        ws.unlock(ana.id, PIN)
        assert all_xml(ws) == anas
        assert {e.instance_id: e for e in ws.store.outbox.list()} == outbox_before
        assert ws.protection.index.entry(ana.id).legacy_pin is None


def shared_encrypted_folder(data: Path, forms_folder: Path) -> tuple[dict, dict[str, str]]:
    """A laptop as the first encrypted release left it: one file for all, one key, index v1."""
    with open_ws(data, forms_folder) as ws:
        ana = ws.create_profile("Ana")
        beto = ws.create_profile("Beto")
        nobody = ws.start_session("taller")  # a session of no profile
        nobody.answer("/data/story", "Relato-Z00 sin perfil")
        for n in range(3):
            session(ws, ana.id, f"{STORY} #{n}", finalize=n != 1)
        session(ws, beto.id, STORY2, finalize=True)
        expected = all_xml(ws)
        owners = {s.instance_id: s.profile_id for s in ws.list_sessions(None, 0, 100)}
        profiles = ws.list_profiles()
    key = new_data_key()
    index = {
        "version": 1,
        "profiles": [
            {
                "id": p.id,
                "display_name": p.display_name,
                "role": p.role,
                "language": p.language,
                "created_at": p.created_at,
                "pin": wrap_with_pin(key, PIN if p.id == ana.id else "beto-pin"),
                "failures": 0,
                "retry_at": 0.0,
            }
            for p in profiles
        ],
        "recovery": None,
    }
    (data / "profiles.json").write_text(json.dumps(index), encoding="utf-8")
    encrypt_in_place(data / "encuentro.sqlite3", key)
    return {"ana": ana, "beto": beto}, {k: v for k, v in expected.items()}, owners


def test_a_shared_encrypted_laptop_gives_each_profile_its_own_file_on_first_unlock(
    data, forms_folder
):
    who, expected, owners = shared_encrypted_folder(data, forms_folder)
    ana, beto = who["ana"], who["beto"]
    with open_ws(data, forms_folder) as ws:
        ws.unlock(ana.id, PIN)  # the first to move also takes the session of no profile
        anas = all_xml(ws)
        assert set(anas) == {k for k, v in owners.items() if v in (ana.id, None)}
        assert all(anas[k] == expected[k] for k in anas)
        # Decrypted, Ana's file holds nothing of Beto's: not one row of his session.
        everything = repr(_snapshot(ws.store._db.conn))
        assert STORY in everything and STORY2 not in everything
        assert not {k for k, v in owners.items() if v == beto.id} & set(
            s.instance_id for s in ws.list_sessions(None, 0, 100)
        )
    # Ana's PIN no longer unwraps the shared file's key: only her own.
    index = json.loads((data / "profiles.json").read_text(encoding="utf-8"))
    assert next(p for p in index["profiles"] if p["id"] == ana.id)["legacy_pin"] is None
    assert (data / "encuentro.sqlite3").exists()  # Beto's session waits there
    with open_ws(data, forms_folder) as ws:
        ws.unlock(beto.id, "beto-pin")
        assert all_xml(ws) == {k: v for k, v in expected.items() if owners[k] == beto.id}
    assert not (data / "encuentro.sqlite3").exists()
    assert_nowhere(data, STORY, STORY2, "Relato-Z00")
    with open_ws(data, forms_folder) as ws:  # and a second unlock is an ordinary one
        ws.unlock(ana.id, PIN)
        assert all_xml(ws) == anas


MIGRATION_STEPS = ("copy_profile_part", "drop_moved", "_tidy_shared")


@pytest.mark.parametrize("step", MIGRATION_STEPS)
def test_a_migration_killed_at_any_step_loses_nothing(data, forms_folder, step):
    who, expected, owners = shared_encrypted_folder(data, forms_folder)
    root = Path(__file__).resolve().parent.parent
    # A real process, killed (os._exit: no clean-up runs) as it enters the step.
    script = (
        "import os, sys; import app.protection as p\n"
        f"def die(*a, **k): os._exit(9)\n"
        f"setattr(p, {step!r}, die) if hasattr(p, {step!r}) else None\n"
        f"if {step!r} == '_tidy_shared': p.Protection._tidy_shared = die\n"
        "from app.config import load_config\nfrom app.workspace import Workspace\n"
        f"ws = Workspace.open(load_config(sys.argv[1]), forms_folder=sys.argv[2])\n"
        f"ws.unlock({who['ana'].id!r}, {PIN!r})\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, str(data), str(forms_folder)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 9, run.stderr
    found: dict[str, str] = {}
    for profile, pin in ((who["ana"], PIN), (who["beto"], "beto-pin")):
        with open_ws(data, forms_folder) as ws:
            ws.unlock(profile.id, pin)
            found.update(all_xml(ws))
    assert found == expected
    assert not (data / "encuentro.sqlite3").exists()
    assert not list(data.rglob("*.partial*"))


def test_a_folder_whose_encryption_was_interrupted_is_encrypted_on_first_unlock(data, forms_folder):
    with open_ws(data, forms_folder) as ws:
        ana = ws.create_profile("Ana")
        session(ws, ana.id, STORY, finalize=True)
        expected = all_xml(ws)
        profiles = ws.list_profiles()
    # Encuentro stopped right after saving the wrapped key, before encrypting the file.
    Protection(data / "encuentro.sqlite3").begin(profiles, ana.id, PIN, "encuentro:test")
    assert is_plain(data / "encuentro.sqlite3")

    with open_ws(data, forms_folder) as ws:
        assert ws.is_locked
        ws.unlock(ana.id, PIN)
        assert all_xml(ws) == expected
    assert_nowhere(data, STORY)
    assert not (data / "encuentro.sqlite3").exists()


def rsa_pair() -> tuple[bytes, bytes]:
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    secret = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return public, secret


def test_a_forgotten_pin_is_recovered_with_the_projects_private_key_only(data, forms_folder):
    public, private = rsa_pair()
    _, other = rsa_pair()
    with open_ws(data, forms_folder) as ws:
        ana = ws.create_profile("Ana", pin=PIN)
        done = session(ws, ana.id, STORY, finalize=True)
        ws.set_recovery_key(public)
    path = data / "encuentro.sqlite3"
    with pytest.raises(WrongRecoveryKey):
        recover_profile(path, ana.id, other, "606060")
    with open_ws(data, forms_folder) as ws:  # the failed try changed nothing
        ws.unlock(ana.id, PIN)
    recover_profile(path, ana.id, private, "606060")
    with open_ws(data, forms_folder) as ws:
        with pytest.raises(WrongPin):
            ws.unlock(ana.id, PIN)
        ws.unlock(ana.id, "606060")
        assert STORY in ws.session_record(done).instance_xml


def test_recovery_without_a_recovery_key_is_refused(data, forms_folder):
    _, private = rsa_pair()
    with open_ws(data, forms_folder) as ws:
        ana = ws.create_profile("Ana", pin=PIN)
    with pytest.raises(ValueError, match="No recovery key"):
        recover_profile(data / "encuentro.sqlite3", ana.id, private, "606060")


def test_the_admin_command_recovers_a_profile_with_the_private_key(data, forms_folder, tmp_path):
    public, private = rsa_pair()
    _, other = rsa_pair()
    (tmp_path / "recovery.pem").write_bytes(private)
    (tmp_path / "other.pem").write_bytes(other)
    with open_ws(data, forms_folder) as ws:
        ana = ws.create_profile("Ana", pin=PIN)
        done = session(ws, ana.id, STORY, finalize=True)
        ws.set_recovery_key(public)
    root = Path(__file__).resolve().parent.parent

    def recover(key: str, pins: str) -> subprocess.CompletedProcess:
        command = [sys.executable, str(root / "main.py"), "admin", "recover-profile", str(data)]
        command += ["--key", str(tmp_path / key), "--profile", "Ana"]
        return subprocess.run(command, input=pins, capture_output=True, text=True, timeout=120)

    refused = recover("other.pem", "606060\n606060\n")
    assert refused.returncode == 1 and "Nothing was changed" in refused.stderr
    differ = recover("recovery.pem", "606060\n606061\n")
    assert differ.returncode == 1
    done_run = recover("recovery.pem", "606060\n606060\n")
    assert done_run.returncode == 0, done_run.stderr
    with open_ws(data, forms_folder) as ws:
        ws.unlock(ana.id, "606060")
        assert STORY in ws.session_record(done).instance_xml


def test_the_sync_ledger_follows_the_store_through_encryption_and_lock(data, forms_folder):
    with open_ws(data, forms_folder) as ws:
        ana = ws.create_profile("Ana")
        ledger = ws.sync_ledger()  # made on the plain file
        session(ws, ana.id, STORY, finalize=True)
        ws.set_pin(ana.id, PIN)  # the data file is reopened encrypted
        assert ledger.queued_count() == 1
        ws.lock()
        with pytest.raises(Locked):
            ledger.queued_count()
        assert ledger.database_path == data / "encuentro.sqlite3"
        ws.unlock(ana.id, PIN)
        assert ledger.queued_count() == 1


def test_what_held_the_store_keeps_working_on_the_encrypted_file(data, forms_folder):
    with open_ws(data, forms_folder) as ws:
        ana = ws.create_profile("Ana")
        held = ws.store  # e.g. the token vault keeps store.settings
        settings = ws.store.settings
        ws.set_pin(ana.id, PIN)
        assert ws.store is held
        settings.set("marker", STORY2)  # written through the old reference...
        session(ws, ana.id, STORY, finalize=False)
        assert held.submissions.count() == 1
    assert_nowhere(data, STORY, STORY2)  # ...into the encrypted file
    with open_ws(data, forms_folder) as ws:
        ws.unlock(ana.id, PIN)
        assert ws.store.settings.get("marker") == STORY2
