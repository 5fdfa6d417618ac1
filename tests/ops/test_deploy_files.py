"""The deployment files say what README promises (they are not run here: no systemd, Docker,
Windows or macOS on these machines; `systemd-analyze verify` was run by hand)."""

from __future__ import annotations

import configparser
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def unit() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    text = (DEPLOY / "encuentro-server.service").read_text(encoding="utf-8")
    parser.read_string(text.replace("\\\n", " "))
    return parser


def test_the_systemd_unit_runs_the_server_unprivileged_with_its_secrets_in_a_file() -> None:
    service = unit()["Service"]
    assert service["User"] == "encuentro" != "root"
    assert service["EnvironmentFile"] == "/etc/encuentro/server.env"
    assert re.search(r"main\.py .*server .*--host 127\.0\.0\.1", service["ExecStart"])
    assert "DATABASE_URL" not in service["ExecStart"]  # ps would show it
    assert service["Restart"] == "on-failure"
    for hardening in ("NoNewPrivileges", "ProtectSystem", "ProtectHome", "PrivateTmp"):
        assert hardening in service
    assert service["ReadWritePaths"] == "/var/lib/encuentro"
    example = (DEPLOY / "encuentro-server.env.example").read_text(encoding="utf-8")
    assert example.count("DATABASE_URL=postgresql://") == 1


def test_the_dockerfile_takes_versions_from_pyproject_and_runs_unprivileged() -> None:
    text = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    assert "pyproject.toml" in text and "optional-dependencies" in text
    assert "USER encuentro" in text
    assert not re.search(r"pip install[^\n]*==", text)  # no second list of versions


def test_the_desktop_entry_and_its_icon() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(DEPLOY / "linux" / "encuentro.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Terminal"] == "false"
    assert desktop["Exec"].endswith("/Encuentro")
    assert (ROOT / "assets" / "icons" / f"{desktop['Icon']}.svg").is_file()
    assert (ROOT / "assets" / "icons" / f"{desktop['Icon']}.png").is_file()


def test_the_installer_keeps_data_and_installs_per_user() -> None:
    text = (DEPLOY / "windows" / "encuentro.iss").read_text(encoding="utf-8")
    assert "PrivilegesRequired=lowest" in text
    sections = re.findall(r"^\[(\w+)\]", text, re.M)
    assert "UninstallDelete" not in sections  # the uninstaller removes only what it installed
    assert "{localappdata}" not in text.lower()  # setup never writes the data folder
    assert '{group}\\{#AppName}"; Filename: "{app}\\{#AppExe}"' in text
    assert (ROOT / "assets" / "icons" / "encuentro.ico").is_file()


def test_the_build_leaves_out_every_package_of_the_server_extra() -> None:
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    imports = {
        "SQLAlchemy": "sqlalchemy",
        "python-multipart": "multipart",
        "concurrent-log-handler": "concurrent_log_handler",
    }
    for requirement in project["optional-dependencies"]["server"]:
        name = re.split(r"[\[=<>]", requirement)[0]
        assert f'"{imports.get(name, name)}"' in spec, name
    assert '"QtCharts' not in spec  # the supervisor dashboard needs it


def spec_filters() -> dict[str, object]:
    """build.spec's lists and its wanted() filter, run without PyInstaller's Analysis."""
    import ast

    tree = ast.parse((ROOT / "build.spec").read_text(encoding="utf-8"))
    names = {"UNUSED_QT", "UNWANTED_LIBS", "UNWANTED_PLUGINS", "ONLY_FOR_UNWANTED"}
    names |= {"SYSTEM_PROVIDED"}
    kept = [
        node
        for node in tree.body
        if (isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") in names)
        or (isinstance(node, ast.FunctionDef) and node.name == "wanted")
    ]
    namespace: dict[str, object] = {"Path": Path}
    exec(compile(ast.Module(kept, []), "build.spec", "exec"), namespace)  # noqa: S102 - our spec
    return namespace


def test_the_build_keeps_qtpositioning_and_its_position_plugins() -> None:
    """start-geopoint needs QtPositioning and the OS backends in `position/` (the lead runs the
    full build; this checks what the spec would keep from what PyInstaller's hook collects)."""
    from PyInstaller.utils.hooks.qt import pyside6_library_info

    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    filters = spec_filters()
    assert "PySide6.QtPositioning" not in filters["UNUSED_QT"]  # type: ignore[operator]
    assert '"PySide6.QtPositioning",' in spec.split("hiddenimports=[", 1)[1].split("]", 1)[0]
    wanted = filters["wanted"]
    plugins = pyside6_library_info.collect_plugins("position")
    names = {Path(source).name for source, _dest in plugins}
    if sys.platform.startswith("linux"):
        assert {"libqtposition_geoclue2.so", "libqtposition_nmea.so"} <= names
        assert "libqtposition_positionpoll.so" in names
    assert names
    for source, dest in plugins:
        entry = (f"{dest}/{Path(source).name}", source, "BINARY")
        assert wanted(entry), entry  # type: ignore[operator]
    # What the plugins load: QtPositioning itself, and D-Bus for geoclue2 on Linux.
    for library in ("PySide6/Qt/lib/libQt6Positioning.so.6", "PySide6/Qt/lib/libQt6DBus.so.6"):
        assert wanted((library, library, "BINARY")), library  # type: ignore[operator]
