"""The dashboard shows the figures of app/supervisor/dashboard.py (themselves tested against direct
queries in tests/supervisor/test_dashboard.py): each table holds every figure, its chart the same
numbers, Ctrl+C copies the table as tab-separated text; Spanish labels come from the form."""

from __future__ import annotations

from pathlib import Path

from keyring.backends.fail import Keyring as NoKeyring
from PySide6.QtCharts import QAbstractBarSeries
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from app.store import Store
from app.supervisor.dashboard import figures
from app.supervisor.desk import SupervisorDesk
from sync.credentials import TokenVault
from tests.supervisor.focus_groups import FocusGroup, Person, mujeres_xform, session_xml
from ui import i18n
from ui.supervisor.dashboard_controller import DashboardController
from ui.supervisor.dashboard_view import DashboardView

SMG = ("san_miguel", "san_miguel")


def cached(store: Store, groups: list[FocusGroup]) -> None:
    """Sessions as a pull leaves them in the cache (same store calls, no server needed here)."""
    from app.engine import load_form

    form = load_form(mujeres_xform())
    store.review_cache.put_form(form.form_id, form.version, 1, form.title, mujeres_xform())
    for number, group in enumerate(groups):
        xml = session_xml(group)
        instance_id = form.open_session(xml).instance_id
        store.review_cache.upsert_listed(
            [
                {
                    "instance_id": instance_id,
                    "root_id": instance_id,
                    "is_current": True,
                    "project_id": 1,
                    "form_id": form.form_id,
                    "form_version": form.version,
                    "form_title": form.title,
                    "device_name": "Laptop 1",
                    "received_at": f"2026-12-0{number + 1}T10:00:00.000000+00:00",
                    "review_state": "received",
                }
            ]
        )
        store.review_cache.put_detail(
            instance_id,
            xml,
            facilitator=group.facilitator,
            community=group.community[2],
            community_label=None,
            attachments=[],
            events=[],
        )


def table_rows(view: DashboardView, name: str) -> list[tuple[str, int]]:
    model = view.panels[name].model
    return [
        (model.item(r, 0).text(), int(model.item(r, 1).text())) for r in range(model.rowCount())
    ]


def chart_values(view: DashboardView, name: str) -> list[float]:
    """The bars in the table's order (a horizontal chart lists them bottom-up)."""
    panel = view.panels[name]
    series = panel.chart_view.chart().series()[0]
    assert isinstance(series, QAbstractBarSeries)
    bars = series.barSets()[0]
    values = [bars.at(i) for i in range(bars.count())]
    return list(reversed(values)) if panel.horizontal else values


def test_every_panel_shows_the_figures(qtbot, tmp_path: Path) -> None:
    store = Store.open(tmp_path / "encuentro.sqlite3")
    try:
        cached(
            store,
            [
                FocusGroup(
                    (*SMG, "smg_el_amate"), people=[Person("P01"), Person("P02", sex="hombre")]
                ),
                FocusGroup((*SMG, "smg_el_amate"), day="2026-12-08", people=[Person("P01")]),
                FocusGroup((*SMG, "smg_el_brazo"), people=[Person("P01", age_band="15_17")]),
            ],
        )
        desk = SupervisorDesk(
            store, vault=TokenVault(store.settings, store.path, backend=NoKeyring())
        )
        view = DashboardView()
        qtbot.addWidget(view)
        controller = DashboardController(view, desk)
        view.resize(1366, 700)
        view.show()
        i18n.set_language("es")
        with qtbot.waitSignal(controller.refreshed, timeout=20_000):
            controller.refresh()
        want = figures(store, "es")
        assert table_rows(view, "byCommunity") == [(label, n) for _k, label, n in want.by_community]
        assert table_rows(view, "byCommunity")[0] == ("Cantón El Amate", 2)
        assert table_rows(view, "participantsBySex") == [("Mujer", 3), ("Hombre", 1)]
        assert chart_values(view, "participantsBySex") == [3, 1]
        assert [n for _l, n in table_rows(view, "perWeek")] == [n for *_x, n in want.per_week]
        assert chart_values(view, "perWeek") == [2, 1]
        assert table_rows(view, "reviewStates") == [("Por revisar", 3)]
        without = [label for label, _n in table_rows(view, "withoutSession")]
        assert "Cantón El Amate" not in without and "Cantón El Jute" in without
        assert view.panels["withoutSession"].chart_view is None

        table = view.panels["participantsBySex"].table
        table.setFocus()
        qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
        assert QGuiApplication.clipboard().text() == "Sexo\tParticipantes\nMujer\t3\nHombre\t1"
    finally:
        i18n.set_language("en")
        store.close()
