"""The team page and the supervisor's caseload: figures by legal status with the share on time, each bar
and count opening the list behind it, lines opening the child or the visit; the worker named on every row."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from tests.conftest import PASSCODE
from tests.sync.central_server import DEMO_PASSWORD
from tests.sync.test_sync import fresh_laptop
from tests.ui.conftest import WAIT, unlock, wait_for_page
from wvisit import config
from wvisit.app.queries.team import TeamLine
from wvisit.app.session import Session
from wvisit.domain import LegalStatus
from wvisit.sync.client import CentralClient
from wvisit.sync.engine import SyncEngine
from wvisit.ui.caseload import CaseloadPage
from wvisit.ui.child_page import ChildPage
from wvisit.ui.main_window import MainWindow
from wvisit.ui.models import WORKER
from wvisit.ui.team_list import TeamListDialog
from wvisit.ui.team_page import TeamPage
from wvisit.ui.visit_editor import VisitEditor


def _supervisor_window(qtbot, data_dir, central, tmp_path) -> MainWindow:
    _, worker = fresh_laptop(tmp_path, "worker", central.url, user="sw.demo")
    worker.sync()  # the demo caseload, visited by Sam Patel
    settings = config.load({"data_dir": str(data_dir), "central_url": central.url})
    session = Session.create(data_dir, PASSCODE, "sup.demo", settings)
    SyncEngine(session.store, CentralClient(central.url)).sign_in("sup.demo", DEMO_PASSWORD)
    session.lock()
    window = MainWindow(settings, data_dir)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    unlock(qtbot, window)
    qtbot.waitUntil(
        lambda: window.actions_["team"].isVisible() and "never" not in window.last_sync_label.text(), timeout=WAIT
    )
    return window


def test_each_figure_of_the_team_page_opens_the_list_behind_it(qtbot, data_dir, central, tmp_path):
    window = _supervisor_window(qtbot, data_dir, central, tmp_path)
    window.actions_["team"].trigger()
    team = wait_for_page(qtbot, window, TeamPage, lambda p: p.picture is not None and bool(p.picture.overdue))
    picture = team.picture

    assert [bars.label for bars in team.by_status.rows] == [status.label for status in LegalStatus]
    described = team.by_status.accessibleDescription()
    assert "Child in care:" in described and "% on time" in described
    counted = sum(bars.on_time + bars.late for bars in picture.by_status)
    assert counted == sum(bars.on_time + bars.late for bars in picture.by_worker) > 0
    assert team.unreviewed_button.text() == f"&Not yet reviewed: {len(picture.unreviewed)}" and picture.unreviewed
    assert team.due_button.text().startswith("&Due this week: ")
    assert all(line.worker == "Sam Patel" for line in picture.overdue)  # by name, never a login
    assert "Sam Patel" in team.overdue.item(0).text() and "overdue by" in team.overdue.item(0).text()

    qtbot.mouseClick(team.overdue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: team.dialog is not None and team.dialog.isVisible(), timeout=WAIT)
    listed = team.dialog.lines
    assert listed.model().rowCount() == len(picture.overdue)
    assert listed.model().index(0).data() == team.overdue.item(0).text()
    first = picture.overdue[0]
    qtbot.keyClick(listed, Qt.Key.Key_Return)  # Enter on the first line: the child's page opens
    page = wait_for_page(qtbot, window, ChildPage, lambda p: p.view is not None)
    assert page.child_id == first.record_id  # the list went with the team page

    window.go("team", "")
    team = wait_for_page(qtbot, window, TeamPage, lambda p: p.picture is not None)
    group = next(n for n, bars in enumerate(team.by_status.rows) if bars.on_time)
    team.charts.setCurrentWidget(team.by_status)
    team.by_status.setFocus()
    qtbot.waitUntil(team.by_status.hasFocus, timeout=WAIT)
    for _ in range(group * 2):  # arrows walk the bars: on time, late, on time...
        qtbot.keyClick(team.by_status, Qt.Key.Key_Right)
    qtbot.keyClick(team.by_status, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: team.dialog is not None and team.dialog.isVisible(), timeout=WAIT)
    bars = team.by_status.rows[group]
    assert team.dialog.windowTitle() == f"{bars.label}: visits on time"
    listed = team.dialog.lines
    assert listed.model().rowCount() == bars.on_time and "on time" in listed.model().index(0).data()
    qtbot.keyClick(listed, Qt.Key.Key_Return)
    editor = wait_for_page(qtbot, window, VisitEditor, lambda e: e.visit is not None)
    assert editor.visit.id == bars.on_time_lines[0].record_id

    window.go("team", "")  # the visits waiting for review: their lines are made as the list shows them
    team = wait_for_page(qtbot, window, TeamPage, lambda p: p.picture is not None)
    waiting = team.picture.unreviewed
    qtbot.mouseClick(team.unreviewed_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: team.dialog is not None and team.dialog.isVisible(), timeout=WAIT)
    listed = team.dialog.lines
    assert listed.model().rowCount() == len(waiting) > 1
    assert listed.model().index(0).data().startswith(f"{waiting[0].child_name} \u2014 ")
    assert "Sam Patel" in listed.model().index(0).data() and "visited " in listed.model().index(0).data()
    qtbot.keyClick(listed, Qt.Key.Key_Down)
    qtbot.keyClick(listed, Qt.Key.Key_Return)  # the second visit waiting opens
    editor = wait_for_page(
        qtbot, window, VisitEditor, lambda e: e.visit is not None and e.visit.id == waiting[1].record_id
    )


def test_the_supervisors_caseload_names_each_childs_worker(qtbot, data_dir, central, tmp_path):
    window = _supervisor_window(qtbot, data_dir, central, tmp_path)
    window.go("caseload", "")
    page = wait_for_page(qtbot, window, CaseloadPage, lambda p: p.model.rowCount() > 0)
    assert page.model.headerData(WORKER, Qt.Orientation.Horizontal) == "Worker"
    assert not page.table.isColumnHidden(WORKER) and page.heading.text() == "The team's children"
    workers = {page.model.index(n, WORKER).data() for n in range(page.model.rowCount())}
    assert "Sam Patel" in workers and "sw.demo" not in workers
    page.filter.setText("Sam Patel")  # the filter reads the worker column too
    qtbot.waitUntil(lambda: 0 < page.proxy.rowCount() < page.model.rowCount(), timeout=WAIT)


def test_a_workers_own_caseload_has_no_worker_column(qtbot, open_window):
    window = open_window()
    unlock(qtbot, window)
    window.go("caseload", "")
    page = wait_for_page(qtbot, window, CaseloadPage)
    assert page.table.isColumnHidden(WORKER) and page.heading.text() == "My children"


def test_a_list_shows_each_line_whole_and_an_empty_one_opens_nothing(qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    long = TeamLine(
        "Anastasia-Rose Example",
        LegalStatus.CP,
        "Samira Example",
        "visited Wed 30 Sep, waiting 64 days",
        "visit",
        "v1",
    )
    dialog = TeamListDialog(host, "Visits not yet reviewed", [long])
    dialog.show()
    qtbot.waitExposed(dialog)
    text = dialog.lines.model().index(0).data()
    assert text.endswith("waiting 64 days")
    needs = dialog.lines.fontMetrics().horizontalAdvance(text)
    assert dialog.minimumWidth() < needs <= dialog.lines.viewport().width()  # wider than the least, not cut off

    empty = TeamListDialog(host, "Visits due this week", [])
    opened: list[tuple[str, str]] = []
    empty.opened.connect(lambda kind, record: opened.append((kind, record)))
    empty.show()
    qtbot.waitExposed(empty)
    assert empty.lines.model().rowCount() == 1 and empty.lines.model().index(0).data() == "None."
    qtbot.keyClick(empty.lines, Qt.Key.Key_Return)
    assert opened == []  # (Enter closes it, as the Close button)
