"""The central record knows the newer direct-work tools by the same registry as the laptop: a Safety House
or All about me sitting is accepted as pushed, and one no child mode could make is refused with its reason."""

from __future__ import annotations

from tests.conftest import complete_visit
from tests.sync.test_central_validation import caseload_child, push
from wvisit import tools
from wvisit.domain import Sitting, to_record
from wvisit.tools.all_about_me import AllAboutMe
from wvisit.tools.safety_house import SafetyHouse


def test_a_safety_house_and_all_about_me_are_accepted_and_a_malformed_house_refused(laptop, store, central):
    laptop.sync()
    ada = caseload_child(store, "Ada Example")
    visit = complete_visit(store, ada)
    laptop.sync()
    made = {
        "safety_house": SafetyHouse(["Nan", "Me"], ["My teacher"], ["Dad when he shouts"], ["Dad stops shouting"]),
        "all_about_me": AllAboutMe(likes="Football", tell_worker="I miss my brother"),
    }
    for key, result in made.items():
        sitting = Sitting(visit.id, ada.id, key, tools.get(key).save(result))
        assert push(laptop, "tool", sitting.id, ada.id, to_record(sitting)).status == "applied"
        assert sitting.id in central.records()

    for bad, reason in (
        ({"inside": "Nan"}, "A Safety House result"),
        ({"outside": ["Dad", "  "]}, "Stays outside has an empty entry."),
    ):
        sitting = Sitting(visit.id, ada.id, "safety_house", bad)
        result = push(laptop, "tool", sitting.id, ada.id, to_record(sitting))
        assert result.status == "refused" and reason in result.reason
        assert sitting.id not in central.records()
