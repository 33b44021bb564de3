"""Case supervision (the fifth of the Wandsworth 5): the record's rules, one meeting for several children,
actions joining the plan, and the standard that reads it."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from tests.conftest import complete_visit, make_child
from tests.unit.test_policy import POLICY, TODAY, child
from wvisit.app import supervision
from wvisit.app.queries.child import load_child
from wvisit.app.queries.supervision import load_supervision
from wvisit.domain import LegalStatus, Outcome, Oversight, PlanItem, to_record
from wvisit.domain.kinds import KINDS
from wvisit.domain.supervision import Reflection, Supervision
from wvisit.domain.timeliness import wandsworth5
from wvisit.errors import InvalidValue


def record(child_id: str, held_on: date = date(2026, 11, 12), **overrides) -> Supervision:
    fields = dict(
        child_id=child_id,
        author="sup.test",
        held_on=held_on,
        attendees="Jo Reed, Sam Patel",
        discussion=Reflection(
            hypotheses="Mum's low mood may be why mornings are hard.",
            lived_experience="Ada says she gets herself ready for school.",
            parental_mental_health="Mum is waiting for talking therapy.",
        ),
        decisions="Keep the plan; ask the GP for an update.",
        next_due=held_on + timedelta(weeks=6),
        written_at=datetime.combine(held_on, datetime.min.time(), UTC) + timedelta(hours=15),
    )
    return Supervision(**{**fields, **overrides})


def supervision_standard(child_record, records, today=TODAY):
    return next(s for s in wandsworth5(child_record, [], records, POLICY, today) if s.name == "Supervision record")


def test_the_supervision_standard_reads_the_last_supervision_and_when_the_next_is_due():
    ada = child(LegalStatus.CIN)
    older, newer = record(ada.id, date(2026, 9, 1)), record(ada.id, date(2026, 11, 12))
    standard = supervision_standard(ada, [newer, older])
    assert standard.up_to_date and standard.last_touched == date(2026, 11, 12)
    assert "next due 2026-12-24" in standard.why

    late = supervision_standard(ada, [newer], today=date(2026, 12, 25))  # the next one's date has passed
    assert not late.up_to_date and late.last_touched == date(2026, 11, 12)


def test_oversight_of_a_single_visit_no_longer_counts_as_supervision(store):
    ada = make_child(store)
    visit = complete_visit(store, ada)
    store.visits.finalise(visit.id)
    store.oversight.add(Oversight(visit.id, ada.id, "sup.test", "the visit", "carry on", Outcome.SIGNED_OFF))
    (standard,) = [s for s in load_child(store, ada.id, POLICY, date.today()).standards if "Supervision" in s.name]
    assert not standard.up_to_date and standard.last_touched is None
    assert "management oversight of a single visit does not count" in standard.why


@pytest.mark.parametrize(
    ("change", "sentence"),
    [
        (dict(attendees="  "), "who attended"),
        (dict(discussion=Reflection(hypotheses="only this")), "lived experience"),
        (dict(decisions=""), "decisions"),
        (dict(next_due=date(2026, 11, 12)), "next supervision"),
        (dict(held_on=date(2026, 11, 20)), "later than the day it is signed"),
        (dict(actions=[PlanItem("Call the GP", "", date(2026, 12, 1))]), "owner and a date"),
    ],
)
def test_a_record_not_fit_to_sign_is_refused_naming_what_is_missing(change, sentence):
    with pytest.raises(InvalidValue, match=sentence):
        KINDS["supervision"].validate(to_record(replace(record("c1"), **change)))


def test_one_meeting_gives_each_child_their_own_record_and_their_actions_join_the_plan(store):
    ada, ben = make_child(store, "Ada Example"), make_child(store, "Ben Sample")
    today = date.today()
    made = [
        record(ada.id, today, actions=[PlanItem("Ask the GP for an update", "Sam Patel", today + timedelta(days=7))]),
        record(ben.id, today, discussion=Reflection(lived_experience="Ben likes his new football club.")),
    ]
    signed = supervision.record_meeting(store, made, today)

    assert len({r.meeting for r in signed}) == 1 and signed[0].meeting  # one meeting, two records
    assert all(r.author == "sw.test" for r in signed)  # signed by the store's account, whatever the form said
    (for_ada,) = store.supervision.for_child(ada.id)
    (for_ben,) = store.supervision.for_child(ben.id)
    assert for_ada.discussion.parental_mental_health and for_ben.discussion.lived_experience.startswith("Ben")
    assert [p.action for p in store.children.get(ada.id).plan] == ["Ask the GP for an update"]
    assert store.children.get(ben.id).plan == []
    (queued,) = store.conn.execute("SELECT count(*) FROM outbox WHERE kind = 'supervision'").fetchone()
    assert queued == 2  # both wait to sync, written offline


def test_a_meeting_with_one_unfit_record_stores_none(store):
    ada, ben = make_child(store, "Ada Example"), make_child(store, "Ben Sample")
    today = date.today()
    with pytest.raises(InvalidValue, match="decisions"):
        supervision.record_meeting(store, [record(ada.id, today), record(ben.id, today, decisions=" ")], today)
    assert store.supervision.all() == []
    with pytest.raises(InvalidValue, match="at least one child"):
        supervision.record_meeting(store, [], today)


def test_the_child_page_names_the_childs_worker_and_their_other_children(store):
    ada, ben, cara = (make_child(store, name) for name in ("Ada Example", "Ben Sample", "Cara Testwell"))
    for made in (ada, ben):
        store.visits.finalise(complete_visit(store, made).id)
    view = load_supervision(store, ada.id)
    assert view.worker == "sw.test" and not view.can_record  # a login until the people book names it
    assert view.worker_children == [(ada.id, "Ada Example"), (ben.id, "Ben Sample")]  # not Cara: never visited
    assert cara.id not in [cid for cid, _ in view.worker_children]
    assert view.records == []


def test_the_case_file_carries_the_childs_supervision_signed_by_name(store, qapp, tmp_path):
    from tests.unit.test_case_file_pdf import pages_text
    from wvisit.app import exports
    from wvisit.domain.people import Person
    from wvisit.pdf import write_pdf

    ada = make_child(store)
    visit = complete_visit(store, ada)
    store.visits.finalise(visit.id)
    today = date.today()
    supervision.record_meeting(store, [record(ada.id, today - timedelta(days=1))], today)
    with store.transaction():
        store.people.remember([Person("sw.test", "Jo Reed", "supervisor")])

    document = exports.prepare_document(store, visit.id)
    (carried,) = document["supervision"]
    assert carried["discussion"]["lived_experience"].startswith("Ada says") and "child_id" not in carried
    assert {"login": "sw.test", "signature": "Jo Reed, supervisor"} in document["people"]

    path = tmp_path / "visit.pdf"
    exports.write_document(document, "pdf", path, write_pdf)
    text = " ".join(pages_text(path))
    assert "Case supervision" in text and "signed by Jo Reed, supervisor" in text
    assert "The child's lived experience: Ada says she gets herself ready for school." in text
    assert "Parental mental health: Mum is waiting for talking therapy." in text


def test_the_demo_caseload_has_case_supervision_for_two_children(store):
    from wvisit.demo import seed

    seed(store, date.today())
    supervised = {c.name: c for c in store.children.all() if store.supervision.for_child(c.id)}
    assert set(supervised) == {"Cara Testwell", "Efe Mockford"}
    cara = supervised["Cara Testwell"]
    (standard,) = [s for s in load_child(store, cara.id, POLICY, date.today()).standards if "Supervision" in s.name]
    assert standard.up_to_date
    assert "Talk the plan through with the family" in [p.action for p in store.children.get(cara.id).plan]
    assert store.people.read().signature(store.supervision.for_child(cara.id)[0].author) == "Jo Reed, supervisor"


def test_no_word_of_a_supervision_reaches_the_disk_in_the_clear(store, data_dir):
    from dataclasses import fields as dataclass_fields

    from tests.security.test_no_plaintext import assert_no_sentinel, every_file_under, sentinel

    ada = make_child(store)
    headings = [f.name for f in dataclass_fields(Reflection)]
    today = date.today()
    made = record(
        ada.id,
        today,
        attendees=sentinel("attendees"),
        discussion=Reflection(**{name: sentinel(name) for name in headings}),
        decisions=sentinel("decisions"),
        actions=[PlanItem(sentinel("action"), sentinel("owner"), today + timedelta(days=7))],
    )
    supervision.record_meeting(store, [made], today)
    words = [sentinel(name) for name in [*headings, "attendees", "decisions", "action", "owner"]]
    assert_no_sentinel(every_file_under(data_dir), words)  # the file and its WAL, while open
    store.close()
    assert_no_sentinel(every_file_under(data_dir), words)
