"""The review queue and a supervisor's tasks read the visits' sealed facts (wvisit/store/visit_facts.py)
instead of opening every visit: they must show exactly what opening every visit showed, stay right
after new visits, pulls, oversight and a restart, and never trust an altered copy of the facts."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import complete_visit, make_child
from wvisit import resources
from wvisit.app import visits
from wvisit.app.queries.caseload import caseload
from wvisit.app.queries.review import ReviewRow, place, review_queue
from wvisit.app.queries.supervision import load_supervision
from wvisit.app.queries.tasks import TaskKind, tasks
from wvisit.app.queries.team import WEEKS, team_picture
from wvisit.domain import LegalStatus, Outcome, Oversight, Visit, to_record
from wvisit.domain.people import Person
from wvisit.domain.policy import Due, Policy
from wvisit.domain.timeliness import visit_timings
from wvisit.store import Store
from wvisit.store.kinds import plain_columns
from wvisit.store.visit_facts import VisitFacts

POLICY = Policy.from_data(resources.load_json("visit_frequency.json"), resources.load_json("bank_holidays.json"))
TODAY = date.today()
KEY = VisitFacts.KEY


def opening_every_visit(store: Store) -> list[ReviewRow]:
    """The review queue as it was worked out before the facts: every visit and every note opened."""
    children = {c.id: c for c in store.children.all()}
    last = store.children.last_visits()
    latest = {note.visit_id: note.outcome for note in store.oversight.all()}
    people = store.people.read()
    rows = []
    for visit in store.visits.all():
        child = children.get(visit.child_id)
        if child is None or not visit.is_final or visit.started_at is None:
            continue
        outcome = latest.get(visit.id)
        finalised = (visit.finalised_at or visit.started_at).date()
        waiting = 0 if outcome is Outcome.SIGNED_OFF else max(0, (TODAY - finalised).days)
        overdue = Due.of(POLICY, child, last.get(child.id), TODAY).overdue_days
        rows.append(
            ReviewRow(
                visit.id,
                visit.started_at.date(),
                child.name,
                people.name(visit.author),
                outcome,
                overdue,
                child.legal_status,
                waiting,
            )
        )
    return sorted(rows, key=lambda row: (row.reviewed, -row.waiting_days, -row.visited.toordinal()))


def note(visit: Visit, outcome: Outcome, written_at: datetime | None = None) -> Oversight:
    made = Oversight(
        visit_id=visit.id,
        child_id=visit.child_id,
        author="sup.test",
        considered="The record and the child's words.",
        decision="Keep visiting.",
        outcome=outcome,
    )
    return replace(made, written_at=written_at) if written_at else made


def finalised(store: Store, child, days_ago: int, finalised_days_ago: int | None = None) -> Visit:
    started = datetime.now(UTC) - timedelta(days=days_ago, hours=1)
    visit = complete_visit(store, child, started_at=started, next_visit=TODAY + timedelta(days=10))
    done_days = days_ago if finalised_days_ago is None else finalised_days_ago
    return store.visits.finalise(visit.id, now=datetime.now(UTC) - timedelta(days=done_days))


def team(store: Store) -> dict[str, list[Visit]]:
    """A few dozen visits: signed off, addendum asked for (and written), looked at twice, not yet
    reviewed, drafts and discarded drafts, over children of every legal status."""
    children = [make_child(store, f"Child{n} Example", status) for n, status in enumerate(LegalStatus)]
    made: dict[str, list[Visit]] = {"final": [], "draft": [], "discarded": []}
    for n in range(36):
        child = children[n % len(children)]
        visit = finalised(store, child, days_ago=n * 3 % 50, finalised_days_ago=(n * 3 % 50) // 2)
        made["final"].append(visit)
        if n % 4 == 0:
            visits.add_oversight(store, note(visit, Outcome.SIGNED_OFF))
        elif n % 4 == 1:
            visits.add_oversight(store, note(visit, Outcome.ADDENDUM_REQUESTED))
            if n % 8 == 1:
                visits.add_addendum(store, visit.id, "Asked in oversight", "The school's name is Example Primary.")
        elif n % 8 == 2:  # asked for an addendum, then signed off: the latest outcome counts
            early = datetime.now(UTC) - timedelta(days=2)
            visits.add_oversight(store, note(visit, Outcome.ADDENDUM_REQUESTED, early))
            visits.add_oversight(store, note(visit, Outcome.SIGNED_OFF))
    for n in range(6):
        draft = complete_visit(store, children[n % len(children)])
        made["draft"].append(draft)
        if n % 2:
            store.visits.discard(draft.id, "started in error")
            made["discarded"].append(draft)
    return made


def reopen(store: Store, data_dir, vault_and_keys) -> Store:
    store.close()
    return Store.open(data_dir, vault_and_keys[1], "sw.test")


def facts_version(store: Store) -> int:
    return store.conn.execute("SELECT version FROM user_meta WHERE key = ?", (KEY,)).fetchone()[0]


def test_the_review_queue_shows_what_opening_every_visit_showed(store, data_dir, vault_and_keys):
    made = team(store)
    expected = opening_every_visit(store)
    assert len(expected) == len(made["final"]) == 36  # no draft, no discarded visit
    assert {row.outcome for row in expected} == {None, Outcome.SIGNED_OFF, Outcome.ADDENDUM_REQUESTED}
    assert review_queue(store, POLICY, TODAY) == expected

    store = reopen(store, data_dir, vault_and_keys)  # opened from the sealed facts, not built again
    written = facts_version(store)
    assert review_queue(store, POLICY, TODAY) == expected
    assert facts_version(store) == written
    store.close()


def test_the_queue_follows_new_visits_oversight_pulls_and_a_restart(store, data_dir, vault_and_keys):
    made = team(store)
    review_queue(store, POLICY, TODAY)
    ada = store.children.get(made["final"][0].child_id)

    waiting = next(row for row in review_queue(store, POLICY, TODAY) if row.outcome is None)
    visits.add_oversight(store, note(store.visits.get(waiting.visit_id), Outcome.SIGNED_OFF))
    new = finalised(store, ada, days_ago=1)
    rows = review_queue(store, POLICY, TODAY)
    assert rows == opening_every_visit(store)
    assert {row.visit_id: row.outcome for row in rows}[waiting.visit_id] is Outcome.SIGNED_OFF
    assert new.id in {row.visit_id for row in rows}

    other = Store.open(data_dir, vault_and_keys[1], "sw.test")  # sync's own connection stores a pull
    try:
        started = datetime.now(UTC) - timedelta(days=4)
        pulled = Visit(child_id=ada.id, author="sw.colleague", started_at=started)
        pulled = replace(pulled, status=pulled.status.FINAL, finalised_at=started)
        with other.transaction():
            other.apply_pulled([("visit", pulled.id, 1, to_record(pulled))])
        pulled_note = note(pulled, Outcome.ADDENDUM_REQUESTED)
        with other.transaction():
            other.apply_pulled([("oversight", pulled_note.id, 1, to_record(pulled_note))])
    finally:
        other.close()
    rows = review_queue(store, POLICY, TODAY)
    assert rows == opening_every_visit(store)
    assert {row.visit_id: (row.worker, row.outcome) for row in rows}[pulled.id] == (
        "sw.colleague",
        Outcome.ADDENDUM_REQUESTED,
    )

    store = reopen(store, data_dir, vault_and_keys)
    assert review_queue(store, POLICY, TODAY) == opening_every_visit(store)
    store.close()


def test_a_supervisors_tasks_from_the_facts_are_the_visits_waiting_for_review(store):
    made = team(store)
    with store.transaction():
        store.sync_state.set("role", "supervisor")
    found = [task for task in tasks(store, POLICY, TODAY) if task.kind is TaskKind.REVIEW]
    rows = opening_every_visit(store)
    never_reviewed = {row.visit_id for row in rows if row.outcome is None}
    asked = [v for n, v in enumerate(made["final"]) if n % 4 == 1]
    answered = {v.id for n, v in enumerate(made["final"]) if n % 8 == 1}  # the addendum was written
    assert {task.opens.record_id for task in found} == never_reviewed | answered
    assert {task.opens.record_id for task in found if "addendum" in task.what} == answered
    assert len(asked) > len(answered)  # those still waiting for the worker's addendum are not listed


def test_altered_facts_are_built_again_not_trusted(store, data_dir, vault_and_keys, caplog):
    team(store)
    expected = review_queue(store, POLICY, TODAY)
    written = facts_version(store)
    (sealed,) = store.conn.execute("SELECT sealed FROM user_meta WHERE key = ?", (KEY,)).fetchone()
    altered = sealed[:-40] + bytes([sealed[-40] ^ 1]) + sealed[-39:]
    with store.transaction():
        store.conn.execute("UPDATE user_meta SET sealed = ? WHERE key = ?", (altered, KEY))
    store = reopen(store, data_dir, vault_and_keys)

    with caplog.at_level(logging.WARNING, logger="wvisit.store.visit_facts"):
        assert review_queue(store, POLICY, TODAY) == expected
    assert "visit facts not trusted" in caplog.text
    assert "Example" not in caplog.text and "sw.test" not in caplog.text
    assert facts_version(store) == written + 1  # built again from the records and sealed anew
    store.close()


def test_an_older_copy_of_the_facts_slipped_back_is_caught_up(store, data_dir, vault_and_keys):
    made = team(store)
    review_queue(store, POLICY, TODAY)
    old = store.conn.execute("SELECT version, sealed FROM user_meta WHERE key = ?", (KEY,)).fetchone()
    waiting = [row for row in review_queue(store, POLICY, TODAY) if row.outcome is None]
    for row in waiting:  # enough changes for the facts to be sealed again
        visits.add_oversight(store, note(store.visits.get(row.visit_id), Outcome.SIGNED_OFF))
    for n in range(VisitFacts.REWRITE_AFTER):
        finalised(store, store.children.get(made["final"][0].child_id), days_ago=n % 9)
    review_queue(store, POLICY, TODAY)
    assert facts_version(store) > old[0]
    with store.transaction():
        store.conn.execute("UPDATE user_meta SET version = ?, sealed = ? WHERE key = ?", (*old, KEY))
    store = reopen(store, data_dir, vault_and_keys)

    rows = review_queue(store, POLICY, TODAY)
    assert rows == opening_every_visit(store)
    assert all(row.outcome is Outcome.SIGNED_OFF for row in rows if row.visit_id in {w.visit_id for w in waiting})
    store.close()


def test_a_visit_damaged_after_the_facts_were_written_is_left_out_and_counted(store):
    made = team(store)
    review_queue(store, POLICY, TODAY)
    damaged = made["final"][5]
    with store.transaction():
        store.conn.execute("UPDATE visits SET sealed = zeroblob(60) WHERE id = ?", (damaged.id,))
        store.audit.append("edited", "visit", damaged.id, 3)
    rows = review_queue(store, POLICY, TODAY)
    assert damaged.id not in {row.visit_id for row in rows}
    assert len(rows) == len(made["final"]) - 1  # the team's other visits are still listed
    assert store.visit_facts.unreadable == 1


def test_nothing_of_the_facts_is_in_the_clear_on_disk(store, data_dir):
    ada = make_child(store)
    started = datetime.now(UTC) - timedelta(days=2)
    pulled = Visit(child_id=ada.id, author="sw.zanzibarquux", started_at=started)
    pulled = replace(pulled, status=pulled.status.FINAL, finalised_at=started)
    with store.transaction():
        store.tables["visits"].write(
            pulled.id, to_record(pulled), plain_columns("visit", to_record(pulled)), "pulled", queue=False, version=1
        )
    assert [row.worker for row in review_queue(store, POLICY, TODAY)] == ["sw.zanzibarquux"]
    store.close()
    raw = b"".join(path.read_bytes() for path in data_dir.iterdir() if path.name.startswith("wvisit.db"))
    assert b"zanzibarquux" not in raw.lower()


def pulled(store: Store, child, author: str, days_ago: int, final: bool = True) -> Visit:
    """A colleague's visit, as a supervisor's laptop holds it after a pull."""
    started = datetime.now(UTC) - timedelta(days=days_ago)
    visit = Visit(child_id=child.id, author=author, started_at=started)
    if final:
        visit = replace(visit, status=visit.status.FINAL, finalised_at=started)
    record = to_record(visit)
    with store.transaction():
        store.tables["visits"].write(visit.id, record, plain_columns("visit", record), "pulled", queue=False, version=1)
    return visit


def colleagues_visits(store: Store) -> dict[str, str]:
    """Three children visited by two workers in turn; returns each child's worker by name, as the
    worker who made the child's latest visit (a draft counts, a discarded draft does not)."""
    store.people.remember(
        [Person("sw.amber", "Amber Example", "social_worker"), Person("sw.basil", "Basil Example", "social_worker")]
    )
    ada, ben, cal = (make_child(store, f"{name} Example") for name in ("Ada", "Ben", "Cal"))
    pulled(store, ada, "sw.amber", 30)
    pulled(store, ada, "sw.basil", 10)  # Ada's latest: Basil
    pulled(store, ben, "sw.basil", 20)
    pulled(store, ben, "sw.amber", 2, final=False)  # Ben's latest is Amber's draft
    pulled(store, cal, "sw.amber", 5)
    discarded = complete_visit(store, cal)  # this laptop's own draft of today, discarded: not Cal's worker
    store.visits.discard(discarded.id, "started in error")
    with store.transaction():
        store.sync_state.set("role", "supervisor")
    return {ada.id: "Basil Example", ben.id: "Amber Example", cal.id: "Amber Example"}


def test_a_supervisors_caseload_and_case_supervision_name_the_worker_of_each_childs_latest_visit(store):
    expected = colleagues_visits(store)
    assert {row.child.id: row.worker for row in caseload(store, POLICY, TODAY)} == expected
    assert {child_id: load_supervision(store, child_id).worker for child_id in expected} == expected


def test_one_damaged_visit_does_not_stop_a_supervisors_screens_opening(store):
    """A supervisor's caseload, team page and case supervision opened every visit on the laptop to
    name each child's worker, and one visit that could not be read stopped all three opening."""
    expected = colleagues_visits(store)
    ada_older = store.conn.execute(
        "SELECT id FROM visits WHERE child_id = ? ORDER BY visited_at LIMIT 1", (next(iter(expected)),)
    ).fetchone()[0]
    with store.transaction():
        store.conn.execute("UPDATE visits SET sealed = zeroblob(60) WHERE id = ?", (ada_older,))
        store.audit.append("edited", "visit", ada_older, 3)
    assert {row.child.id: row.worker for row in caseload(store, POLICY, TODAY)} == expected
    assert {child_id: load_supervision(store, child_id).worker for child_id in expected} == expected
    picture = team_picture(store, POLICY, TODAY)
    assert {line.worker for line in picture.unreviewed} == {"Basil Example", "Amber Example"}
    assert picture.unreadable == store.visit_facts.unreadable == 1  # and the page says so


def test_the_team_pages_on_time_figures_are_those_of_every_visit_opened(store):
    """The team page parses only each child's visits of the last 12 weeks and the one before them that
    the first's due day counts from; its figures are those worked out from every visit, opened, with
    visits on the weeks' first day, the day before and long before."""
    store.people.remember([Person("sw.amber", "Amber Example", "social_worker")])
    since = WEEKS * 7
    rhythms = {  # days ago of each child's finalised visits
        "Ada": [400, 200, since + 1, since, since - 1, 60, 30, 2],
        "Ben": [since + 30, since - 10, since - 25, 1],  # the one before the weeks is far before them
        "Cal": [300, 250],  # nothing in the weeks counted
        "Dee": [50, 20],  # the first is only a starting point
        "Eve": [],
    }
    for n, (name, days) in enumerate(rhythms.items()):
        child = make_child(store, f"{name} Example", [LegalStatus.CIN, LegalStatus.CP][n % 2])
        for days_ago in days:
            pulled(store, child, "sw.amber", days_ago)
        pulled(store, child, "sw.amber", 3, final=False)  # a draft counts nowhere
    with store.transaction():
        store.sync_state.set("role", "supervisor")

    timings = visit_timings(store.children.all(), store.visits.finalised_except(set()), POLICY, TODAY, WEEKS)
    picture = team_picture(store, POLICY, TODAY)
    shown = {(line.record_id, True) for bars in picture.by_status for line in bars.on_time_lines}
    shown |= {(line.record_id, False) for bars in picture.by_status for line in bars.late_lines}
    assert shown == {(timing.visit.id, timing.on_time) for timing in timings}
    assert len(shown) == 5 + 3 + 1 and {on_time for _, on_time in shown} == {True, False}


def test_of_two_visits_begun_at_the_same_moment_the_same_names_the_childs_worker_every_time(
    store, data_dir, vault_and_keys
):
    """A joint visit recorded by two workers at "14:00": the child's worker is the same one after one of
    the visits is read again (an oversight note about it) and after a restart."""
    store.people.remember(
        [Person("sw.amber", "Amber Example", "social_worker"), Person("sw.basil", "Basil Example", "social_worker")]
    )
    ada = make_child(store, "Ada Example")
    started = datetime.now(UTC).replace(hour=14, minute=0, second=0, microsecond=0) - timedelta(days=3)
    made = []
    for author in ("sw.amber", "sw.basil"):
        visit = replace(Visit(child_id=ada.id, author=author, started_at=started), finalised_at=started)
        visit = replace(visit, status=visit.status.FINAL)
        record = to_record(visit)
        with store.transaction():
            store.tables["visits"].write(
                visit.id, record, plain_columns("visit", record), "pulled", queue=False, version=1
            )
        made.append(visit)
    with store.transaction():
        store.sync_state.set("role", "supervisor")
    named = {"sw.amber": "Amber Example", "sw.basil": "Basil Example"}[max(made, key=lambda v: v.id).author]

    def worker(store: Store) -> str:
        return next(row.worker for row in caseload(store, POLICY, TODAY))

    assert worker(store) == named
    for visit in made:  # each read again in turn
        visits.add_oversight(store, note(visit, Outcome.ADDENDUM_REQUESTED))
        assert worker(store) == named
    store = reopen(store, data_dir, vault_and_keys)
    assert worker(store) == named
    store.close()


def test_a_visit_begun_with_no_time_zone_does_not_stop_the_team_page_opening(store):
    """`wvisit visit edit` can write a start with no time zone; compared with the others' starts, it
    made the team page fail. It is read as UTC, as a visit's own checks read it."""
    ada = make_child(store, "Ada Example")
    pulled(store, ada, "sw.amber", 40)
    naive = pulled(store, ada, "sw.amber", 20)
    pulled(store, ada, "sw.amber", 5)
    record = to_record(replace(naive, started_at=naive.started_at.replace(tzinfo=None)))
    assert "+" not in record["started_at"]
    with store.transaction():
        store.tables["visits"].write(naive.id, record, plain_columns("visit", record), "edited")
    with store.transaction():
        store.sync_state.set("role", "supervisor")
    picture = team_picture(store, POLICY, TODAY)
    assert sum(bars.on_time + bars.late for bars in picture.by_status) == 2


@given(
    st.lists(
        st.tuples(st.integers(0, 1), st.integers(0, date.max.toordinal()), st.dates()),
        min_size=2,
        max_size=30,
    )
)
def test_a_rows_place_orders_the_queue_as_waiting_longest_then_newest(rows):
    """The queue sorts whole numbers (`place`) rather than tuples: the same order for any dates, a
    visit dated by a clock set to 9999 included."""
    by_place = sorted(rows, key=lambda r: place(*r))
    by_tuple = sorted(rows, key=lambda r: (r[0], -r[1], -r[2].toordinal()))
    assert by_place == by_tuple
