"""Attachments on the central record: only their uploader, and whoever may see a record naming them, learn
that they exist; everyone else gets the 404 of a missing one. A part streams to disk, never whole in memory."""

from __future__ import annotations

import hashlib
import json
import socket
import threading
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from tests.conftest import make_child
from tests.sync.test_concurrent_pushes import signed_in
from wvisit.central import db
from wvisit.central.app import MAX_REQUEST_BODY
from wvisit.domain.attachment import AttachmentKind

DRAWING = b"synthetic drawing of a house " * 2000


def status(central, headers: dict, sha: str) -> httpx.Response:
    return httpx.get(f"{central.url}/v1/blobs/{sha}", headers=headers)


def put(central, headers: dict, sha: str, size: int, offset: int, data) -> httpx.Response:
    return httpx.put(
        f"{central.url}/v1/blobs/{sha}", params={"size": size, "offset": offset}, content=data, headers=headers
    )


def test_an_attachment_is_seen_only_by_its_uploader_and_by_those_who_may_see_its_record(laptop, store, central):
    sha, size = hashlib.sha256(DRAWING).hexdigest(), len(DRAWING)
    worker = signed_in(central)  # sw.demo, on another device than the laptop
    other_worker = signed_in(central, "sw.other")
    team_supervisor = signed_in(central, "sup.demo")
    other_team = signed_in(central, "sup.elsewhere")
    nobody_sent = status(central, other_worker, "f" * 64)
    assert nobody_sent.status_code == 404

    def looks_missing(headers: dict) -> bool:
        answer = status(central, headers, sha)
        return answer.status_code == 404 and answer.content == nobody_sent.content

    assert put(central, worker, sha, size, 0, DRAWING[:1000]).json()["received"] == 1000
    assert status(central, worker, sha).json() == {"sha256": sha, "size": size, "received": 1000, "complete": False}
    assert all(looks_missing(h) for h in (other_worker, team_supervisor, other_team)), "an upload in progress leaks"

    assert put(central, worker, sha, size, 1000, DRAWING[1000:]).json()["complete"] is True
    assert status(central, worker, sha).json()["complete"] is True
    assert all(looks_missing(h) for h in (other_worker, team_supervisor, other_team)), "a stored attachment leaks"

    child = make_child(store, "Ivy Example")
    store.attachments.put(child.id, AttachmentKind.DRAWING, DRAWING, name="house.png")
    assert laptop.sync().complete  # the laptop (same worker) finds it whole and pushes the record naming it
    assert status(central, team_supervisor, sha).json()["complete"] is True  # the child is the team's
    assert looks_missing(other_worker) and looks_missing(other_team)

    # Another worker who holds the same drawing uploads it from byte 0 and sees only their own progress.
    assert put(central, other_worker, sha, size, 1000, DRAWING[1000:]).status_code == 409
    first = put(central, other_worker, sha, size, 0, DRAWING[:1000]).json()
    assert first == {"sha256": sha, "size": size, "received": 1000, "complete": False}
    assert put(central, other_worker, sha, size, 1000, DRAWING[1000:]).json()["complete"] is True
    with central.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(db.blobs)).scalar() == 1  # stored once
    stored = central.blobs / sha[:2] / sha
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == sha


def test_a_damaged_upload_is_never_stored_and_starts_again(central):
    worker = signed_in(central)
    sha = hashlib.sha256(DRAWING).hexdigest()
    damaged = DRAWING[:-1] + b"X"
    answer = put(central, worker, sha, len(DRAWING), 0, damaged)
    assert answer.status_code == 422
    assert status(central, worker, sha).json()["received"] == 0
    assert not (central.blobs / sha[:2] / sha).exists()
    assert put(central, worker, sha, len(DRAWING), 0, DRAWING).json()["complete"] is True


def peak_memory(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmHWM")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the server's peak memory from /proc")
def test_a_large_part_is_streamed_to_disk_not_held_in_memory(central):
    worker = signed_in(central)
    size, piece = 96 * 1024 * 1024, bytes(range(256)) * 4096  # 1 MiB
    sha = hashlib.sha256(piece * (size // len(piece))).hexdigest()
    assert central.process is not None
    before = peak_memory(central.process.pid)

    def body():
        for _ in range(size // len(piece)):
            yield piece

    answer = httpx.put(
        f"{central.url}/v1/blobs/{sha}", params={"size": size}, content=body(), headers=worker, timeout=120
    )
    assert answer.status_code == 200 and answer.json()["complete"] is True
    grown = peak_memory(central.process.pid) - before
    assert grown < 32 * 1024 * 1024, f"the server's peak memory grew by {grown // 2**20} MiB for a 96 MiB part"
    assert (central.blobs / sha[:2] / sha).stat().st_size == size


def raw_request(central, head: bytes, chunks=()) -> tuple[bytes, int]:
    """Send a request on a raw socket, its body chunks from a thread, and read the answer's first line.
    Returns the line and how many body bytes were sent before the server answered or hung up."""
    sock = socket.create_connection(("127.0.0.1", central.port), timeout=30)
    sent = 0
    answered = threading.Event()

    def feed() -> None:
        nonlocal sent
        try:
            for chunk in chunks:
                if answered.is_set():
                    return
                sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                sent += len(chunk)
            sock.sendall(b"0\r\n\r\n")
        except OSError:
            return

    sock.sendall(head)
    feeder = threading.Thread(target=feed)
    feeder.start()
    try:
        line = sock.makefile("rb").readline()
    finally:
        answered.set()
        sock.close()
        feeder.join()
    return line, sent


def test_a_json_body_over_the_limit_is_refused_from_its_length_without_being_read(central):
    worker = signed_in(central)
    head = (
        f"POST /v1/push HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Authorization: {worker['Authorization']}\r\nContent-Length: {MAX_REQUEST_BODY + 1}\r\n\r\n"
    ).encode()
    line, _ = raw_request(central, head)  # no byte of the body is ever sent: the answer must not wait for it
    assert line.startswith(b"HTTP/1.1 413")


def test_a_chunked_json_body_is_refused_once_it_passes_the_limit(central):
    worker = signed_in(central)
    head = (
        f"POST /v1/push HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Authorization: {worker['Authorization']}\r\nTransfer-Encoding: chunked\r\n\r\n"
    ).encode()
    chunk = b" " * (1024 * 1024)
    line, sent = raw_request(central, head, (chunk for _ in range(4 * MAX_REQUEST_BODY // len(chunk))))
    assert line.startswith(b"HTTP/1.1 413")
    assert sent < 2 * MAX_REQUEST_BODY, "the server read on long past its limit"
    assert json.loads(httpx.get(f"{central.url}/v1/pull", headers=worker).content)["records"] is not None
