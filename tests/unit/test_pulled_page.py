"""A pulled page is stored in bulk (store.apply_pulled), yet every record still gets its own sealed row and
its own audit link: a colleague's visits read back as sent, the audit chain verifies, and the log says
which version of each record arrived (what the rollback check and `wvisit audit verify` rely on)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from tests.conftest import make_child
from wvisit.domain import Visit, to_record
from wvisit.store import Store


def finalised(child_id: str, words: str) -> Visit:
    started = datetime.now(UTC) - timedelta(days=3)
    visit = Visit(child_id=child_id, author="sw.colleague", started_at=started, what_i_saw=words)
    return replace(visit, status=visit.status.FINAL, finalised_at=started + timedelta(hours=1))


def test_a_pulled_page_stores_each_record_with_its_own_audit_link(store: Store):
    ada = make_child(store)
    already = finalised(ada.id, "First seen at school.")
    with store.transaction():
        store.apply_pulled([("visit", already.id, 1, to_record(already))])
    links_before = len(store.audit.entries())

    new = [finalised(ada.id, f"Ada showed me her room, visit {n}.") for n in range(3)]
    newer = replace(already, what_i_saw="First seen at school; the addendum's words.")
    page = [("visit", v.id, 1, to_record(v)) for v in new]
    page += [("visit", already.id, 2, to_record(newer)), ("visit", new[0].id, 2, to_record(new[0]))]
    with store.transaction():
        stored = store.apply_pulled(page)

    assert stored == 4  # three new visits (one of them twice in the page) and a newer version of one held
    assert [store.visits.get(v.id).what_i_saw for v in new] == [v.what_i_saw for v in new]
    assert store.visits.get(already.id).what_i_saw == newer.what_i_saw
    links = store.audit.entries()[links_before:]
    assert sorted((link.action, link.record_id, link.record_version) for link in links) == sorted(
        [("pulled", already.id, 2), ("pulled", new[0].id, 2), ("pulled", new[1].id, 1), ("pulled", new[2].id, 1)]
    )
    assert {link.actor for link in links} == {store.actor}  # read once for the page, the same for each link
    assert store.audit.first_broken_link() is None
    assert store.audit.latest_version("visit", new[0].id) == 2
