"""Signing in, signing out and revocation, tried as a laptop lives them: restarts, a second worker, a
forged answer. None of them may lose a record that had not reached the central record."""

import hashlib
import hmac

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.conftest import CHEAP_KDF, PASSCODE, complete_visit, make_child
from tests.sync.central_server import DEMO_PASSWORD
from tests.sync.helpers import assert_central_holds_exactly, record_a_caseload
from tests.sync.laptop_process import run_wvisit
from wvisit import config
from wvisit.app.session import Session
from wvisit.errors import (
    CentralRefused,
    DeviceRevoked,
    DeviceSecretMissing,
    NotAllSynced,
    RevocationClaimed,
    SignedInAsAnother,
    WrongPasscode,
)
from wvisit.store import Store
from wvisit.sync.client import CentralClient
from wvisit.sync.engine import SyncEngine
from wvisit.sync.protocol import SignIn, revocation_message
from wvisit.vault import Vault, recovery


def test_a_signed_in_laptop_syncs_from_a_fresh_process_with_only_its_stored_sign_in(
    store, data_dir, central, memory_keyring
):
    make_child(store, "Noor Example")
    store.close()
    first = run_wvisit(data_dir, memory_keyring, "sync", "--central", central.url, "--user", "sw.demo")
    assert first.returncode == 0, first.stderr

    reopened = Store.open(data_dir, Vault.load(data_dir).unlock(PASSCODE), "sw.test")
    complete_visit(reopened, reopened.children.all()[0])  # recorded after the sign-in, in another process
    reopened.close()
    again = run_wvisit(data_dir, memory_keyring, "sync", "--central", central.url)
    assert again.returncode == 0, again.stderr
    assert "Everything is synced" in again.stdout
    reopened = Store.open(data_dir, Vault.load(data_dir).unlock(PASSCODE), "sw.test")
    assert_central_holds_exactly(central, reopened)
    reopened.close()


def test_signing_in_as_another_worker_is_refused_and_wipes_nothing(store, data_dir, central, memory_keyring):
    store.close()
    assert run_wvisit(data_dir, memory_keyring, "sync", "--central", central.url, "--user", "sw.demo").returncode == 0
    reopened = Store.open(data_dir, Vault.load(data_dir).unlock(PASSCODE), "sw.test")
    visit = complete_visit(reopened, make_child(reopened, "Noor Example"))
    reopened.close()

    other = run_wvisit(data_dir, memory_keyring, "sync", "--central", central.url, "--user", "sw.other")
    assert other.returncode == 1
    assert "signed in to the central record as another worker" in other.stderr
    assert "have not synced yet" in other.stderr and "Traceback" not in other.stderr
    reopened = Store.open(data_dir, Vault.load(data_dir).unlock(PASSCODE), "sw.test")
    assert reopened.visits.get(visit.id).id == visit.id and reopened.outbox.count() > 0
    reopened.close()


def test_the_central_record_tells_a_device_user_mismatch_apart_from_a_revocation(laptop, store, central):
    device_id = store.sync_state.get("device_id")
    client = CentralClient(central.url)
    with pytest.raises(CentralRefused) as refused:
        client.sign_in(SignIn(username="sw.other", password=DEMO_PASSWORD, device_id=device_id))
    assert refused.value.code == "device_in_use"
    client.close()


def test_sign_out_waits_for_everything_to_sync_then_lets_another_worker_in(laptop, store, central):
    record_a_caseload(store, visits=2)
    with pytest.raises(NotAllSynced, match="cannot sign out"):
        laptop.sign_out()
    with pytest.raises(SignedInAsAnother):
        laptop.sign_in("sw.other", DEMO_PASSWORD)
    old_token = laptop.client.access_token
    laptop.sync()
    laptop.sign_out()
    assert httpx.get(f"{central.url}/v1/pull", headers={"Authorization": f"Bearer {old_token}"}).status_code == 401
    laptop.sign_in("sw.other", DEMO_PASSWORD)
    assert store.sync_state.get("username") == "sw.other"
    assert laptop.sync().complete


def revoke(central, device_id: str) -> None:
    admin = httpx.post(
        f"{central.url}/v1/auth/signin",
        json={"username": "admin.demo", "password": DEMO_PASSWORD, "device_id": "it-desk"},
    ).json()
    answer = httpx.post(
        f"{central.url}/v1/admin/devices/{device_id}/revoke",
        headers={"Authorization": f"Bearer {admin['access_token']}"},
    )
    assert answer.status_code == 200


def test_a_revoked_laptop_that_had_synced_everything_shreds_its_keys_on_next_contact(
    data_dir, vault_and_keys, store, central
):
    engine = SyncEngine(store, CentralClient(central.url), on_revoked=lambda: Vault.load(data_dir).shred())
    engine.sign_in("sw.demo", DEMO_PASSWORD)
    make_child(store)
    engine.sync()
    revoke(central, store.sync_state.get("device_id"))
    with pytest.raises(DeviceRevoked, match=r"wiped from it\. Everything had synced"):
        engine.sync()
    with pytest.raises((WrongPasscode, DeviceSecretMissing)):
        Vault.load(data_dir).unlock(PASSCODE)


def test_a_revoked_laptop_keeps_its_recovery_wrap_and_says_what_had_not_synced(data_dir, central):
    private_pem, public_pem = recovery.generate_pair()
    vault, keys = Vault.create(data_dir, PASSCODE, "sw.test", kdf=CHEAP_KDF, recovery_public_pem=public_pem)
    session = Session(vault, keys, Store.open(data_dir, keys, "sw.test"))
    engine = SyncEngine(session.store, CentralClient(central.url), on_revoked=session.shred)
    engine.sign_in("sw.demo", DEMO_PASSWORD)
    engine.sync()
    child = make_child(session.store, "Noor Example")
    visit = complete_visit(session.store, child)
    waiting = session.store.outbox.count()
    revoke(central, session.store.sync_state.get("device_id"))

    with pytest.raises(DeviceRevoked) as revoked:
        engine.sync()
    assert revoked.value.unsynced == waiting == 3  # the child, the visit, the child's words
    assert f"{waiting} record(s) had not reached the central record" in str(revoked.value)
    assert "recovery key" in str(revoked.value)
    with pytest.raises((WrongPasscode, DeviceSecretMissing)):
        Vault.load(data_dir).unlock(PASSCODE)

    keys = Vault.load(data_dir).recover(private_pem, "chosen-after-recovery")  # IT reads what had not synced
    store = Store.open(data_dir, keys, "it.desk")
    assert store.visits.get(visit.id).what_i_saw == visit.what_i_saw
    store.close()


@pytest.mark.parametrize("proof", ["", "hmac of the refresh token", "signed by another key"])
def test_a_revocation_the_central_record_did_not_sign_wipes_nothing(laptop, store, data_dir, proxy, proof):
    make_child(store, "Noor Example")
    device_id = store.sync_state.get("device_id")
    if proof == "hmac of the refresh token":  # what anyone who saw a refresh request could make
        token = hashlib.sha256(store.sync_state.get("refresh_token").encode()).digest()
        proof = hmac.new(token, revocation_message(device_id), "sha256").hexdigest()
    elif proof == "signed by another key":  # another central record, or one the laptop should not trust
        proof = Ed25519PrivateKey.generate().sign(revocation_message(device_id)).hex()
    proxy.revoked_proof = proof
    proxy.plan("/v1/push", "revoked")
    with pytest.raises(RevocationClaimed, match="nothing was wiped"):
        laptop.sync()
    assert Vault.load(data_dir).unlock(PASSCODE).is_open
    assert laptop.sync().complete


def test_the_next_worker_never_sees_the_previous_workers_caseload(store, data_dir, central, memory_keyring):
    make_child(store, "Noor Example")
    store.close()
    assert run_wvisit(data_dir, memory_keyring, "sync", "--central", central.url, "--user", "sw.demo").returncode == 0
    signed_out = run_wvisit(data_dir, memory_keyring, "sign-out", "--central", central.url)
    assert signed_out.returncode == 0, signed_out.stderr
    assert not (data_dir / "wvisit.db").exists() and not (data_dir / "vault.json").exists()

    Session.create(data_dir, PASSCODE, "sw.other", config.load({"data_dir": str(data_dir)})).lock()  # `wvisit init`
    assert run_wvisit(data_dir, memory_keyring, "sync", "--central", central.url, "--user", "sw.other").returncode == 0
    listing = run_wvisit(data_dir, memory_keyring, "child", "list")
    assert listing.returncode == 0 and "Noor Example" not in listing.stdout and "Ada Example" not in listing.stdout
