"""The log file IT and support read: there from the start, every line kept, rotated at its size limit."""

from __future__ import annotations

import logging
import threading

import pytest

from wvisit import logs


@pytest.fixture
def wvisit_logger():
    """The app's logger, given back as it was: the test's handlers closed and removed, its level restored."""
    logger = logging.getLogger("wvisit")
    handlers, level = list(logger.handlers), logger.level
    yield logger
    for handler in logger.handlers:
        if handler not in handlers:
            logger.removeHandler(handler)
            handler.close()
    logger.setLevel(level)


def test_the_log_is_there_from_the_start_and_set_up_once(tmp_path, wvisit_logger):
    path = logs.setup(tmp_path / "logs", "INFO")
    logs.setup(tmp_path / "logs", "INFO")  # a second setup (a command after the app's) adds no second copy
    assert path.exists() and path.read_text() == ""
    logging.getLogger("wvisit.cli").info("command %s", "sync")
    assert path.read_text().count("INFO wvisit.cli: command sync") == 1


def test_every_line_from_every_thread_is_kept_and_the_log_rotates_at_its_size(tmp_path, wvisit_logger, monkeypatch):
    monkeypatch.setattr(logs, "MAX_BYTES", 100_000)  # a tenth of the real size, so the test writes a tenth
    path = logs.setup(tmp_path, "INFO")
    log = logging.getLogger("wvisit.store")

    def write(lane: int) -> None:
        for n in range(600):
            log.info("lane %d line %d %s", lane, n, "x" * 60)

    lanes = [threading.Thread(target=write, args=(lane,)) for lane in range(4)]
    for lane in lanes:
        lane.start()
    for lane in lanes:
        lane.join()
    files = sorted(tmp_path.glob(f"{logs.LOG_NAME}*"))  # ~290 KB written: kept whole in the log and two older
    assert [f.name for f in files] == [logs.LOG_NAME, f"{logs.LOG_NAME}.1", f"{logs.LOG_NAME}.2"]
    assert all(f.stat().st_size <= logs.MAX_BYTES for f in files)
    lines = [line for f in files for line in f.read_text("utf-8").splitlines()]
    written = {tuple(line.split(" lane ")[1].split()[:3:2]) for line in lines}
    assert len(lines) == len(written) == 2_400
    assert path.stat().st_size > 0  # the newest lines, in the file of that name
