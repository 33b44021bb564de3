"""Faults are normal: whatever the network or the server does, nothing is lost and nothing is doubled."""

import signal
import subprocess
import time

import pytest

from tests.conftest import PASSCODE
from tests.sync.helpers import assert_central_holds_exactly, record_a_caseload
from tests.sync.laptop_process import ROOT, run_wvisit, wvisit_command
from wvisit.errors import CentralError, CentralGarbage, CentralUnreachable
from wvisit.store import Store
from wvisit.vault import Vault


@pytest.mark.parametrize(
    "fault",
    ["drop_request", "drop_response", "delay", "duplicate", "error_500", "garbage", "kill_server"],
)
def test_a_fault_during_push_loses_and_doubles_nothing(laptop, impatient_laptop, store, central, proxy, fault):
    if fault == "delay":
        laptop = impatient_laptop  # gives up before the late answer comes
    record_a_caseload(store, visits=12)
    waiting = store.outbox.count()
    proxy.plan("/v1/push", fault)
    try:
        laptop.sync()
    except (CentralUnreachable, CentralError, CentralGarbage) as error:
        assert "safe" in str(error) or "does not understand" in str(error)  # a plain sentence for the worker
        assert store.outbox.count() >= 1  # what the laptop was not told is held stays in the outbox
        assert store.sync_state.get("last_error") == str(error)
    if fault == "kill_server":
        central.start()  # the server comes back after the power cut
    assert store.outbox.count() <= waiting
    report = laptop.sync()
    assert report.complete
    assert_central_holds_exactly(central, store)


def test_the_server_killed_mid_batch_keeps_what_it_committed_and_nothing_half(laptop, store, central, proxy):
    record_a_caseload(store, visits=40)  # several batches of 50 ops
    proxy.plan("/v1/push", "duplicate")
    proxy.plan("/v1/push", "kill_server")
    with pytest.raises(CentralUnreachable):
        laptop.sync()
    central.start()
    assert laptop.sync().complete
    assert_central_holds_exactly(central, store)


def test_a_garbage_pull_changes_nothing_here(laptop, store, proxy):
    before = len(store.children.all())
    proxy.plan("/v1/pull", "garbage")
    with pytest.raises(CentralGarbage):
        laptop.sync()
    assert len(store.children.all()) == before and store.sync_state.get("cursor") is None
    laptop.sync()
    assert len(store.children.all()) > before


def test_an_attachment_upload_resumes_where_it_stopped(laptop, store, central, proxy):
    record_a_caseload(store, visits=1, attachment_size=3 * 1024 * 1024 + 5)  # four parts of 1 MiB
    proxy.plan("/v1/blobs", "pass")  # the status check
    proxy.plan("/v1/blobs", "pass")  # first part arrives
    proxy.plan("/v1/blobs", "pass")  # second part arrives
    proxy.plan("/v1/blobs", "drop_response")  # the third arrives but the answer is lost
    with pytest.raises(CentralUnreachable):
        laptop.sync()
    sent_before = sum(size for method, path, size in proxy.seen if method == "PUT")
    laptop.sync()
    sent_after = sum(size for method, path, size in proxy.seen if method == "PUT") - sent_before
    assert sent_after < 1.2 * 1024 * 1024  # only the last part went again, not the whole drawing
    assert_central_holds_exactly(central, store)


def test_the_laptop_killed_mid_sync_and_restarted_loses_and_doubles_nothing(
    store, data_dir, central, proxy, memory_keyring
):
    record_a_caseload(store, visits=40)
    store.close()
    command, env = wvisit_command(data_dir, memory_keyring, "sync", "--central", proxy.url, "--user", "sw.demo")
    proxy.delay = 0.8
    for _ in range(3):
        proxy.plan("/v1/push", "delay")
    sync = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wait_for(lambda: any(path.startswith("/v1/push") for _, path, _ in proxy.seen) or sync.poll() is not None)
    sync.send_signal(signal.SIGKILL)  # signed in, a push on its way: the battery dies
    sync.wait()

    again = run_wvisit(data_dir, memory_keyring, "sync", "--central", proxy.url)  # only the stored sign-in
    assert again.returncode == 0, again.stderr
    reopened = Store.open(data_dir, Vault.load(data_dir).unlock(PASSCODE), "sw.test")
    assert_central_holds_exactly(central, reopened)
    reopened.close()


def wait_for(condition, timeout: float = 60.0) -> None:
    """Poll for an event the test can see (a request at the proxy), not a guess at how long it takes."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the event never came"
        time.sleep(0.01)
