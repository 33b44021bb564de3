"""The demo caseload reads like a real one: each child has a story of their own. A child at home is not
given a foster carer, no two visits say the same, and the scaling answers across visits give the child's
page a trend to chart. Seeded through the real store, shown through the real child page."""

from __future__ import annotations

from datetime import date

from tests.conftest import PASSCODE
from tests.ui.conftest import unlock, wait_for_page
from wvisit import config
from wvisit.app.session import Session
from wvisit.demo import seed
from wvisit.domain import LegalStatus
from wvisit.tools.trends import trends
from wvisit.ui.child_page import ChildPage

AT_HOME = (LegalStatus.CIN, LegalStatus.CP)


def seeded(data_dir) -> Session:
    session = Session.create(data_dir, PASSCODE, "sw.test", config.load({"data_dir": str(data_dir)}))
    seed(session.store, date.today())
    return session


def test_each_demo_child_has_their_own_people_visits_and_trend(data_dir):
    session = seeded(data_dir)
    store = session.store
    try:
        children = store.children.all()
        for child in children:
            carers = [p for p in child.key_people if "carer" in p.relationship and "young" not in p.relationship]
            if child.legal_status in AT_HOME:
                assert not carers, f"{child.legal_status} child given a carer"
            if child.legal_status == LegalStatus.CLA:
                assert carers  # foster or kinship carer
        visits = [v for child in children for v in store.visits.for_child(child.id)]
        assert len({v.what_i_saw for v in visits}) == len(visits)  # no two visits alike
        assert len({v.analysis for v in visits}) == len(visits)
        assert len({v.location for v in visits}) > 1
        visited = [child for child in children if store.visits.for_child(child.id)]
        for child in visited:
            (series,) = trends(store.sittings.for_child(child.id)).values()
            values = [value for _, value in series]
            assert len(values) == 3 and len(set(values)) > 1  # a trend, not a flat line
        assert len({tuple(key.name for key in child.key_people) for child in children}) > len(children) // 2
    finally:
        session.lock()


def test_the_demo_childs_page_charts_their_answers(qtbot, open_window, data_dir):
    seeded(data_dir).lock()
    window = open_window()
    unlock(qtbot, window)
    ben = next(c for c in window.session.store.children.all() if c.name == "Ben Sample")
    window.go("child", ben.id)
    page = wait_for_page(qtbot, window, ChildPage, lambda p: p.view is not None)
    assert [value for _, value in page.chart.series["How safe do you feel at home?"]] == [3.0, 5.0, 7.0]
    assert "foster carer" not in " ".join(p.relationship for p in ben.key_people)
