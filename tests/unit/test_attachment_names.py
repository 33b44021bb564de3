"""An attachment's name is a plain file name ending as an image, scan or recording does, whatever
laptop sent it (domain/attachment.py): properties over generated names."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wvisit.domain.attachment import ENDINGS, WINDOWS_DEVICES, check_name
from wvisit.errors import InvalidValue

plain = st.text(
    st.characters(whitelist_categories=("L", "N"), whitelist_characters=" -_()'"), min_size=1, max_size=60
).filter(lambda stem: stem.rstrip(" ").upper() not in WINDOWS_DEVICES)
mark = st.sampled_from(list('/\\:<>"|?*\x00\x07\x1b\x7f\u202e\u2067\u200e\u200f\u061c'))
device = st.sampled_from(["CON", "PRN", "AUX", "NUL", "COM1", "COM9", "LPT1", "LPT3", "CONIN$", "COM\u00b9"])
program = st.sampled_from(
    ["hta", "bat", "exe", "js", "cmd", "ps1", "sh", "desktop", "lnk", "vbs", "scr", "com", "msi", "jar"]
)
trailing = st.text(st.sampled_from(". "), max_size=3)


def cased(text: str, upper: list[bool]) -> str:
    return "".join(c.upper() if up else c for c, up in zip(text, upper + [False] * len(text), strict=False))


@given(plain, st.sampled_from(sorted(ENDINGS)), st.lists(st.booleans()))
def test_a_plain_name_with_a_pictures_or_scans_ending_is_kept(stem, ending, upper):
    check_name(f"{stem}.{cased(ending, upper)}")


@given(plain, mark, plain)
def test_a_folder_a_stream_or_a_control_character_is_refused(before, mark, after):
    with pytest.raises(InvalidValue, match="plain file name"):
        check_name(f"{before}{mark}{after}.png")


@given(plain, st.sampled_from(sorted(ENDINGS)), program, st.lists(st.booleans()), trailing)
def test_a_programs_ending_is_refused_in_any_case_and_after_trailing_dots(stem, shown, ending, upper, after):
    name = f"{stem}.{shown}.{cased(ending, upper)}{after}"
    with pytest.raises(InvalidValue, match="not as a program") as refused:
        check_name(name)
    assert name not in str(refused.value)  # the sentence travels back to the laptop: it names no value


@given(
    device,
    st.lists(st.booleans()),
    st.text(" ", max_size=2),
    st.sampled_from(["", ".pdf", ".jpg", ".tar.png", ".exe"]),
    trailing,
)
def test_a_windows_device_name_is_refused_with_any_ending_in_any_case(name, upper, spaces, ending, after):
    named = f"{cased(name.lower(), upper)}{spaces}{ending}{after}"
    with pytest.raises(InvalidValue, match="plain file name") as refused:
        check_name(named)
    assert named not in str(refused.value)


@given(device, plain)
def test_a_name_that_only_begins_as_a_device_is_kept(name, rest):
    check_name(f"{name}{rest.strip()}x.png")


@given(st.text(st.sampled_from(". "), max_size=5))
def test_a_name_empty_or_only_dots_and_spaces_is_refused(name):
    with pytest.raises(InvalidValue, match="plain file name"):
        check_name(name)
