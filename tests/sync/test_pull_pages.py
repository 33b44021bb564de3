"""A pull of several pages: each page after the first is fetched, read and checked on a helper thread
while the page before it is stored (SyncEngine.pull_all). What a user would notice if that went wrong:
a record checked on the helper stored when it should have been set aside, a page skipped, or a pull
that never ends because the helper waits for a commit that failed."""

import json
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.conftest import complete_visit
from tests.sync.test_unreadable_records import publish
from wvisit.app.queries.sync_status import sync_overview
from wvisit.sync import engine

PAGE = 50  # the laptop fixture's batch


@pytest.fixture
def visit_row(laptop, store, central):
    """A visit of Ada's as the central record holds it, to publish copies of."""
    laptop.sync()
    ada = next(c for c in store.children.all() if c.name == "Ada Example")
    complete_visit(store, ada)
    laptop.sync()
    return next(row for row in central.records().values() if row["kind"] == "visit")


def stored_visits(store) -> set[str]:
    return {row[0] for row in store.conn.execute("SELECT id FROM visits")}


def pull_that_must_end(laptop) -> BaseException | int:
    """What `pull_all` returned or raised, run on a thread of its own: a helper left waiting for a commit
    that never comes would hold the pull for ever (the executor waits for it), and the test would hang."""
    outcome: list[BaseException | int] = []

    def pull() -> None:
        try:
            outcome.append(laptop.pull_all())
        except BaseException as error:  # handed to the test's thread
            outcome.append(error)

    puller = threading.Thread(target=pull, daemon=True)
    puller.start()
    puller.join(timeout=30)
    assert not puller.is_alive(), "the pull did not end"
    return outcome[0]


def test_records_a_later_page_cannot_be_read_are_set_aside_and_the_rest_stored(laptop, store, central, visit_row):
    body = json.loads(visit_row["body"])
    readable = [publish(central, visit_row, body) for _ in range(2 * PAGE + 10)]
    broken = [publish(central, visit_row, {"x": 1}), publish(central, visit_row, {**body, "status": "lost"})]
    more = [publish(central, visit_row, body) for _ in range(5)]  # after them, on the last page

    report = laptop.sync()

    assert report.pulled == len(readable) + len(more)
    assert set(readable + more) <= stored_visits(store)
    assert {r.record_id for r in sync_overview(store).pulled_set_aside} == set(broken)
    assert not set(broken) & stored_visits(store)
    assert laptop.sync().pulled == 0  # the cursor is past all of them


def test_a_page_that_cannot_be_stored_ends_the_pull_after_the_page_before_and_loses_nothing(
    laptop, store, central, visit_row
):
    body = json.loads(visit_row["body"])
    published = [publish(central, visit_row, body) for _ in range(3 * PAGE)]
    refused = published[PAGE + 7]  # on the second page
    store.conn.execute(  # as a field edited with sqlite3 might: this one row cannot be written
        f"CREATE TRIGGER refuse BEFORE INSERT ON visits WHEN NEW.id = '{refused}' "
        "BEGIN SELECT RAISE(ABORT, 'refused by a trigger'); END"
    )
    assert isinstance(pull_that_must_end(laptop), sqlite3.IntegrityError)
    assert set(published[:PAGE]) <= stored_visits(store)  # the first page and its cursor were committed
    assert not set(published[PAGE:]) & stored_visits(store)  # nothing of the page that failed, or after

    store.conn.execute("DROP TRIGGER refuse")
    assert laptop.pull_all() == 2 * PAGE  # the failed page is pulled again, none skipped
    assert set(published) <= stored_visits(store)


class InterruptedSubmit(ThreadPoolExecutor):
    """A helper pool where Ctrl-C lands inside `submit`, once the helper already has its work (a real
    SIGINT arrives there: `submit` waits for the helper thread to start)."""

    def submit(self, fn, /, *args, **kwargs):
        super().submit(fn, *args, **kwargs)
        raise KeyboardInterrupt


def test_ctrl_c_as_the_helper_is_given_the_next_page_ends_the_pull(laptop, store, central, visit_row, monkeypatch):
    body = json.loads(visit_row["body"])
    published = [publish(central, visit_row, body) for _ in range(2 * PAGE)]
    monkeypatch.setattr(engine, "ThreadPoolExecutor", InterruptedSubmit)
    assert isinstance(pull_that_must_end(laptop), KeyboardInterrupt)
    monkeypatch.setattr(engine, "ThreadPoolExecutor", ThreadPoolExecutor)  # Ctrl-C no more
    assert laptop.pull_all() == len(published)  # nothing was stored or skipped: all of it comes now
    assert set(published) <= stored_visits(store)
