"""The central record's password hashes: Argon2id at the cost the service was tuned to.

The sync tests sign in to accounts hashed at Argon2id's lowest cost (tests/sync/central_server.py),
so the service's own cost is pinned here: a change that weakened it would pass every other test."""

from __future__ import annotations

from wvisit.central import security

SERVICE_COST = "$argon2id$v=19$m=65536,t=3,p=1$"  # 64 MiB, three passes, one lane


def test_a_new_password_is_hashed_at_the_services_cost_and_only_it_opens_the_hash():
    hashed = security.hash_password("correct-horse-battery")
    assert hashed.startswith(SERVICE_COST)
    assert "correct-horse-battery" not in hashed
    assert security.check_password("correct-horse-battery", hashed)
    assert not security.check_password("correct-horse-batterY", hashed)


def test_an_unknown_account_costs_the_same_password_check_as_a_known_one():
    """Sign-in checks an unknown username against this hash, so its answer takes as long as a real
    account's and does not tell a guesser which usernames exist."""
    assert security.DUMMY_HASH.startswith(SERVICE_COST)


def test_two_accounts_with_one_password_get_different_hashes():
    assert security.hash_password("same-password-99") != security.hash_password("same-password-99")
