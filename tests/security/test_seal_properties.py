"""Property tests: sealing round-trips any text, and no altered, moved or rolled-back blob opens."""

import hashlib
import hmac
import os

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from hypothesis import given, settings
from hypothesis import strategies as st

from wvisit.errors import TamperedRecord, VaultLocked
from wvisit.store.sealed import decode, encode
from wvisit.vault.keys import FORMAT, Keys, derive_subkey, key_id_of

KEYS = Keys(os.urandom(32))
ids = st.text(min_size=1, max_size=40)
versions = st.integers(min_value=1, max_value=2**31)


@given(text=st.text(), table=ids, record_id=ids, version=versions)
def test_any_text_round_trips_through_seal_and_json(text, table, record_id, version):
    payload = {"what_i_saw": text, "voice": [text, "\u202eRTL \U0001f9f8 \x00"]}
    blob = KEYS.seal(table, record_id, version, encode(payload))
    assert decode(KEYS.open(table, record_id, version, blob)) == payload


@settings(max_examples=200)
@given(data=st.binary(max_size=2000), position=st.integers(min_value=0), bit=st.integers(0, 7))
def test_a_flipped_bit_anywhere_is_detected(data, position, bit):
    blob = bytearray(KEYS.seal("visits", "v1", 3, data))
    blob[position % len(blob)] ^= 1 << bit
    with pytest.raises(TamperedRecord):
        KEYS.open("visits", "v1", 3, bytes(blob))


@given(data=st.binary(max_size=500), other_id=ids, other_version=versions, other_table=ids)
def test_a_blob_opens_only_in_its_own_row_table_and_version(data, other_id, other_version, other_table):
    blob = KEYS.seal("visits", "v1", 3, data)
    for place in [(other_table, "v1", 3), ("visits", other_id, 3), ("visits", "v1", other_version)]:
        if place != ("visits", "v1", 3):
            with pytest.raises(TamperedRecord):
                KEYS.open(*place, blob)


def test_a_five_megabyte_note_round_trips():
    note = ("Ada said: \u00abje veux rester\u00bb \u05e9\u05dc\u05d5\u05dd \U0001f600 \x00 " * 90_000)[
        : 5 * 1024 * 1024
    ]
    blob = KEYS.seal("visits", "big", 1, encode({"what_i_saw": note}))
    assert decode(KEYS.open("visits", "big", 1, blob))["what_i_saw"] == note


def test_another_key_does_not_open():
    blob = KEYS.seal("visits", "v1", 1, b"x")
    with pytest.raises(TamperedRecord, match="another key"):
        Keys(os.urandom(32)).open("visits", "v1", 1, blob)


def test_a_locked_key_seals_nothing():
    keys = Keys(os.urandom(32))
    keys.forget()
    with pytest.raises(VaultLocked):
        keys.seal("t", "r", 1, b"x")


@given(messages=st.lists(st.binary(max_size=300), min_size=1, max_size=5))
def test_an_audit_link_is_hmac_sha256_under_the_audit_subkey_whatever_came_before(messages):
    """Links written by any earlier wvisit still verify: the MAC is the standard one, and one link's
    MAC does not leak into the next (the keyed state is copied per link, never updated in place)."""
    dek = os.urandom(32)
    keys = Keys(dek)
    subkey = derive_subkey(dek, b"audit v1")
    for message in messages:
        assert keys.mac(message) == hmac.new(subkey, message, hashlib.sha256).digest()


def test_a_locked_key_signs_no_audit_link():
    keys = Keys(os.urandom(32))
    keys.forget()
    with pytest.raises(VaultLocked):
        keys.mac(b"link")


@given(plaintext=st.binary(max_size=300), record_id=ids, version=versions)
def test_a_blob_is_the_format_the_module_describes_so_every_one_sealed_before_still_opens(
    plaintext, record_id, version
):
    """Format byte, key id, nonce, then AES-256-GCM over the plaintext with the header's first five bytes
    and b"wvisit\\0" + table + b"\\0" + id + b"\\0" + version as associated data: built here by hand with
    the cryptography library alone, it opens; and a blob Keys seals opens here the same way."""
    dek = os.urandom(32)
    keys = Keys(dek)
    head = bytes([FORMAT]) + key_id_of(dek)
    bound = head + b"wvisit\0visits\0" + record_id.encode() + b"\0" + str(version).encode()
    nonce = os.urandom(12)
    by_hand = head + nonce + AESGCM(dek).encrypt(nonce, plaintext, bound)
    assert keys.open("visits", record_id, version, by_hand) == plaintext
    sealed = keys.seal("visits", record_id, version, plaintext)
    assert sealed[:5] == head and AESGCM(dek).decrypt(sealed[5:17], sealed[17:], bound) == plaintext
