"""JavaRosa, the engine inside ODK Collect, driven from Python for the reference tests.

JavaRosa comes from ODK Validate's jar, which the pyxform 4.5.0 source distribution carries
(pip download, no wheel); the small driver in java/ is compiled against it with javac. Both land
in a cache folder (ENCUENTRO_REFERENCE_CACHE, else ~/.cache/encuentro-reference), the driver's
classes keyed by the hash of its source, so only the first run pays for the download and javac.
ENCUENTRO_ODK_VALIDATE_JAR names a jar to use instead of downloading one.
"""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

PYXFORM_SDIST = "pyxform==4.5.0"
JAR_IN_SDIST = "pyxform/validators/odk_validate/bin/ODK_Validate.jar"
DRIVER = Path(__file__).with_name("java") / "ReferenceDriver.java"
# A form's scripts take seconds, not minutes: a form that loops JavaRosa is a finding, not a hang.
RUN_TIMEOUT = 300


class Unavailable(RuntimeError):
    """Java, javac or the jar cannot be had on this machine."""


@dataclass
class NodeState:
    relevant: bool
    required: bool
    valid: bool
    value: str


@dataclass
class Outcome:
    """What one engine made of one script: node states by ref, step errors, submission XML."""

    nodes: dict[str, NodeState] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)  # script line or 'constraint REF'
    xml: str = ""
    load_error: str = ""


def cache_dir() -> Path:
    folder = os.environ.get("ENCUENTRO_REFERENCE_CACHE")
    path = Path(folder) if folder else Path.home() / ".cache" / "encuentro-reference"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise Unavailable(f"{name} is not on PATH (Debian: apt-get install default-jdk-headless)")
    return found


def odk_validate_jar() -> Path:
    """ODK_Validate.jar: from ENCUENTRO_ODK_VALIDATE_JAR, the cache, or pyxform's sdist via pip."""
    named = os.environ.get("ENCUENTRO_ODK_VALIDATE_JAR")
    if named:
        if not Path(named).is_file():
            raise Unavailable(f"ENCUENTRO_ODK_VALIDATE_JAR={named} is not a file")
        return Path(named)
    target = cache_dir() / "ODK_Validate-pyxform-4.5.0.jar"
    if target.is_file():
        return target
    with tempfile.TemporaryDirectory() as download:
        command = [sys.executable, "-m", "pip", "download", "--no-binary", ":all:", "--no-deps"]
        command += [PYXFORM_SDIST, "-d", download, "--quiet"]
        done = subprocess.run(command, capture_output=True, text=True, timeout=600)
        archives = list(Path(download).glob("pyxform-*.tar.gz"))
        if done.returncode != 0 or not archives:
            raise Unavailable(f"pip download {PYXFORM_SDIST} failed: {done.stderr[-500:]}")
        with tarfile.open(archives[0]) as archive:
            member = next(m for m in archive.getmembers() if m.name.endswith(JAR_IN_SDIST))
            source = archive.extractfile(member)
            assert source is not None
            partial = target.with_suffix(".partial")
            partial.write_bytes(source.read())
            partial.replace(target)
    return target


def driver_classes(jar: Path) -> Path:
    """The compiled driver, rebuilt only when its source (or the jar) changes."""
    digest = hashlib.sha256(DRIVER.read_bytes() + str(jar.stat().st_size).encode()).hexdigest()
    folder = cache_dir() / f"driver-{digest[:16]}"
    if (folder / "ReferenceDriver.class").is_file():
        return folder
    staging = Path(tempfile.mkdtemp(dir=cache_dir(), prefix="driver-build-"))
    command = [_tool("javac"), "-nowarn", "-encoding", "UTF-8", "-cp", str(jar)]
    done = subprocess.run(
        [*command, "-d", str(staging), str(DRIVER)], capture_output=True, text=True, timeout=300
    )
    if done.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        raise RuntimeError(f"javac failed on {DRIVER.name}:\n{done.stderr}")
    try:
        staging.rename(folder)
    except OSError:  # another run built it first
        shutil.rmtree(staging, ignore_errors=True)
    return folder


class JavaRosa:
    """Runs scripts through JavaRosa: one JVM per form, each script on a freshly loaded form."""

    def __init__(self) -> None:
        self.java = _tool("java")
        _tool("javac")
        self.jar = odk_validate_jar()
        self.classes = driver_classes(self.jar)

    def run(
        self, xform: Path, scripts: list[str], media_dir: Path, last_saved: Path | None = None
    ) -> list[Outcome]:
        with tempfile.TemporaryDirectory() as work:
            files = []
            for number, script in enumerate(scripts):
                files.append(Path(work) / f"script{number}.tsv")
                files[-1].write_text(script, encoding="utf-8")
            command = [self.java, "-Xss8m", "-cp", f"{self.jar}{os.pathsep}{self.classes}"]
            command += ["ReferenceDriver", str(xform), str(media_dir), str(last_saved or "-")]
            command += [str(f) for f in files]
            done = subprocess.run(command, capture_output=True, timeout=RUN_TIMEOUT)
        stdout = done.stdout.decode("utf-8")
        stderr = done.stderr.decode("utf-8", "replace")
        parts = stdout.split("script\t")[1:]
        outcomes = [parse_output(part.partition("\n")[2], stderr) for part in parts]
        while len(outcomes) < len(scripts):  # the JVM died: say so for each script left
            outcomes.append(Outcome(load_error=f"JavaRosa stopped: {stderr[-2000:]}"))
        return outcomes


def unescape(text: str) -> str:
    out: list[str] = []
    chars = iter(text)
    for char in chars:
        if char == "\\":
            nxt = next(chars, "")
            out.append({"t": "\t", "n": "\n", "r": "\r"}.get(nxt, nxt))
        else:
            out.append(char)
    return "".join(out)


def escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def parse_output(stdout: str, stderr: str) -> Outcome:
    outcome = Outcome()
    for line in stdout.splitlines():
        kind, _, rest = line.partition("\t")
        if kind == "node":
            ref, relevant, required, valid, value = rest.split("\t")
            outcome.nodes[ref] = NodeState(
                relevant == "1", required == "1", valid == "1", unescape(value)
            )
        elif kind == "error":
            step, _, message = rest.partition("\t")
            outcome.errors[step] = unescape(message)
        elif kind == "xml":
            outcome.xml = base64.b64decode(rest).decode("utf-8")
        elif kind == "loaderror":
            outcome.load_error = unescape(rest)
    if not outcome.nodes and not outcome.load_error:
        outcome.load_error = f"the driver printed nothing: {stderr[-2000:]}"
    return outcome
