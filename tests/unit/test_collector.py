"""The cycle collector held off during a sync comes back as it was: on after the last holder leaves
(a collector left off would let an app open all day grow with every cycle it makes), off if it was."""

from __future__ import annotations

import gc
import threading

import pytest

from wvisit import collector


@pytest.fixture(autouse=True)
def collector_restored():
    was = gc.isenabled()
    yield
    (gc.enable if was else gc.disable)()


def test_off_inside_and_on_again_after_even_when_the_block_fails():
    gc.enable()
    with pytest.raises(RuntimeError), collector.held_off():
        assert not gc.isenabled()
        raise RuntimeError("a sync that failed half way")
    assert gc.isenabled()


def test_overlapping_holders_turn_it_on_only_when_the_last_leaves():
    gc.enable()
    first_in, second_in, first_may_leave = threading.Event(), threading.Event(), threading.Event()
    seen_after_first: list[bool] = []

    def first() -> None:
        with collector.held_off():
            first_in.set()
            first_may_leave.wait(10)
        seen_after_first.append(gc.isenabled())
        second_in.set()

    with collector.held_off():
        thread = threading.Thread(target=first)
        thread.start()
        assert first_in.wait(10)
        first_may_leave.set()
        assert second_in.wait(10)
        thread.join(10)
        assert seen_after_first == [False] and not gc.isenabled()  # this block still holds it
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off():
    gc.disable()
    with collector.held_off():
        pass
    assert not gc.isenabled()


def test_cyclic_garbage_made_meanwhile_is_collected_once_it_is_back():
    class Node:
        pass

    gc.enable()
    gc.collect()
    with collector.held_off():
        node = Node()
        node.me = node  # a cycle: reference counting alone never frees it
        del node
        assert any(type(obj) is Node for obj in gc.get_objects())
    gc.collect()
    assert not any(type(obj) is Node for obj in gc.get_objects())
