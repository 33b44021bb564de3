"""Three Houses and the storyboard saved after every stroke, as child mode does: like the drawing, each
save after the sitting's first is a small sealed row naming only the house or picture drawn in, and
every reader sees every house and picture whole, after a restart too; undo in one house, words
changed, the visit finalised; rows deleted on disk are caught; nothing is on disk in the clear."""

from __future__ import annotations

import pytest

from tests.conftest import complete_visit, make_child
from tests.security.test_no_plaintext import assert_no_sentinel, every_file_under
from wvisit import tools
from wvisit.app import visits
from wvisit.domain import Sitting
from wvisit.errors import InvalidValue, TamperedRecord
from wvisit.store import Store
from wvisit.tools.drawing import Drawing, Stroke
from wvisit.tools.three_houses import House, ThreeHouses
from wvisit.tools.words_and_pictures import Panel, WordsAndPictures

HOUSES = tools.get("three_houses")
STORY = tools.get("words_and_pictures")


def stroke(i: int) -> Stroke:
    return Stroke("#d32f2f", 10, [i, i, i + 5, i + 9])


def save(store: Store, sitting: Sitting, result: ThreeHouses | WordsAndPictures) -> None:
    """What child mode saves after a stroke or a word: the whole result, from the tool."""
    tool = tools.get(sitting.tool)
    sitting.result, sitting.summary = tool.save(result), tool.summarise(result)
    visits.save_sitting(store, sitting)


def rows(store: Store) -> int:
    return store.conn.execute("SELECT count(*) FROM sitting_strokes").fetchone()[0]


def body_version(store: Store, sitting_id: str) -> int:
    return store.conn.execute("SELECT version FROM tool_sessions WHERE id = ?", (sitting_id,)).fetchone()[0]


@pytest.fixture
def visit(store):
    return complete_visit(store, make_child(store))


def test_three_houses_drawn_stroke_by_stroke_come_back_whole_after_a_restart(store, visit, data_dir, vault_and_keys):
    sitting = Sitting(visit.id, visit.child_id, "three_houses")
    houses = ThreeHouses(House("spiders"), House("my dog"), House("a horse"), magic=True)
    save(store, sitting, houses)
    for i in range(6):
        houses.worries.strokes.append(stroke(i))
        save(store, sitting, houses)
        houses.dreams.strokes.append(stroke(100 + i))
        save(store, sitting, houses)
    houses.worries.strokes.pop()  # undo in the house of worries
    save(store, sitting, houses)
    houses.good_things.words = "my dog and my nan"
    save(store, sitting, houses)
    assert body_version(store, sitting.id) == 1 and rows(store) == 14  # written once, then a row a save
    store.close()

    again = Store.open(data_dir, vault_and_keys[1], "sw.test")
    back = HOUSES.load(again.sittings.get(sitting.id).result)
    assert back == houses
    assert [HOUSES.load(s.result) for s in again.sittings.for_visit(visit.id)] == [houses]
    again.close()


def test_a_storyboard_drawn_picture_by_picture_is_read_whole_and_finalised_whole(store, visit):
    sitting = Sitting(visit.id, visit.child_id, "words_and_pictures")
    story = WordsAndPictures([Panel(f"part {n}") for n in range(4)], "")
    save(store, sitting, story)
    for n, panel in enumerate(story.panels):
        for i in range(3):
            panel.strokes.append(stroke(10 * n + i))
            save(store, sitting, story)
    story.panels[2].strokes[1:] = []  # two strokes taken back in the third picture
    save(store, sitting, story)
    story.child_words = "why did the police come"
    save(store, sitting, story)
    assert body_version(store, sitting.id) == 1 and rows(store) == 14
    assert STORY.load(store.sittings.get(sitting.id).result) == story

    visits.finalise(store, visit.id)
    assert rows(store) == 0 and body_version(store, sitting.id) == 2  # folded into the body, queued for sync
    queued = {(e.record_id, e.record_version) for e in store.outbox.pending() if e.kind == "tool"}
    assert (sitting.id, 2) in queued
    assert STORY.load(store.sittings.get(sitting.id).result) == story


def test_a_house_stroke_the_tool_refuses_is_not_saved(store, visit):
    sitting = Sitting(visit.id, visit.child_id, "three_houses")
    houses = ThreeHouses()
    houses.dreams.strokes.append(stroke(1))
    save(store, sitting, houses)
    houses.dreams.strokes.append(stroke(2))
    save(store, sitting, houses)
    refused = ThreeHouses(dreams=House("", [stroke(1), stroke(2), Stroke("red", 8, [1, 1])]))
    with pytest.raises(Exception, match="colour"):
        save(store, sitting, refused)
    assert HOUSES.load(store.sittings.get(sitting.id).result).dreams.strokes == [stroke(1), stroke(2)]


def test_house_rows_deleted_on_disk_are_caught_not_shown_short(store, visit):
    sitting = Sitting(visit.id, visit.child_id, "three_houses")
    houses = ThreeHouses()
    for i in range(4):
        houses.worries.strokes.append(stroke(i))
        save(store, sitting, houses)
    with store.transaction() as conn:
        conn.execute("DELETE FROM sitting_strokes WHERE seq = (SELECT max(seq) FROM sitting_strokes)")
    with pytest.raises(TamperedRecord):
        store.sittings.get(sitting.id)
    assert [(table, record_id) for table, record_id, _ in store.untrusted()] == [("sitting_strokes", sitting.id)]


def test_nothing_the_child_put_in_a_house_is_on_disk_in_the_clear(store, visit, data_dir):
    words = ["SENTINELHOUSEWORDSQX", "SENTINELSTORYWORDSQX"]
    sitting = Sitting(visit.id, visit.child_id, "three_houses")
    houses = ThreeHouses(House(words[0]))
    save(store, sitting, houses)
    houses.dreams.strokes.append(stroke(1))
    save(store, sitting, houses)
    story_sitting = Sitting(visit.id, visit.child_id, "words_and_pictures")
    story = WordsAndPictures([Panel() for _ in range(4)], "")
    save(store, story_sitting, story)
    story.child_words = words[1]
    story.panels[0].strokes.append(stroke(2))
    save(store, story_sitting, story)
    assert rows(store) == 2
    store.close()
    assert_no_sentinel(every_file_under(data_dir), words)


def test_a_sitting_changed_into_one_no_tool_would_make_is_refused_between_strokes(store, visit):
    """After a stroke the sitting's other values are checked whole again whenever they changed, not
    only the new stroke: a summary that is not text is refused and the picture stays as saved."""
    sitting = Sitting(visit.id, visit.child_id, "three_houses")
    houses = ThreeHouses()
    for i in range(3):
        houses.worries.strokes.append(stroke(i))
        save(store, sitting, houses)
    houses.worries.strokes.append(stroke(3))
    sitting.result = HOUSES.save(houses)
    sitting.summary = 12  # type: ignore[assignment]
    with pytest.raises(InvalidValue):
        visits.save_sitting(store, sitting)
    assert HOUSES.load(store.sittings.get(sitting.id).result).worries.strokes == [stroke(i) for i in range(3)]


def test_a_stroke_added_to_the_very_lists_saved_before_is_saved_too(store, visit):
    """A caller that keeps one result and adds strokes to its lists in place: each save still keeps them."""
    sitting = Sitting(visit.id, visit.child_id, "three_houses")
    sitting.result = HOUSES.save(ThreeHouses())
    visits.save_sitting(store, sitting)
    for i in range(3):
        sitting.result["worries"]["strokes"].append(tools.get("drawing").save(Drawing([stroke(i)]))["strokes"][0])
        visits.save_sitting(store, sitting)
    assert HOUSES.load(store.sittings.get(sitting.id).result).worries.strokes == [stroke(i) for i in range(3)]


def test_words_with_a_lone_surrogate_saved_with_a_stroke_are_kept(store, visit):
    """Text pasted from odd sources can hold a lone surrogate, which the fast encoder of a stroke's row
    refuses: the row is still written, and the words come back as given."""
    sitting = Sitting(visit.id, visit.child_id, "three_houses")
    houses = ThreeHouses(House("a house"))
    save(store, sitting, houses)
    houses.worries.strokes.append(stroke(1))
    houses.dreams.words = "a dog \ud83d and a cat"
    save(store, sitting, houses)
    houses.worries.strokes.append(stroke(2))
    save(store, sitting, houses)
    assert rows(store) == 2
    assert HOUSES.load(store.sittings.get(sitting.id).result) == houses
