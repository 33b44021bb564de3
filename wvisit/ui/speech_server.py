"""Ask the laptop's speech server (speech-dispatcher, on Linux) whether it answers, without holding up
the window.

Qt's speechd engine opens its connection to speech-dispatcher in its constructor, and waits for the
server's answer. On a laptop with no audio server speech-dispatcher can start and then never answer,
and the constructor waits for ever. Moving the constructor to a worker thread does not help from
Python: PySide keeps the interpreter lock through the call, so the window's thread stops too. libspeechd
called through ctypes releases the lock, so the same questions Qt asks (open a connection, starting the
server if need be, and list its voices) are asked here first on a thread of their own; Qt's engine is
made only once the server has answered.

The server is asked once per process (for each address, as SPEECHD_ADDRESS names it): every window
opened after asks for the same answer, and while the server has not answered, waits on the same question
instead of leaving a thread and a socket of its own stuck behind a server that may never answer. The
answer holds until wvisit starts again.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import threading
from collections.abc import Callable
from functools import cache

SINGLE_THREADED = 0  # libspeechd's SPD_MODE_SINGLE: no callback thread for a connection that only asks
NOT_ANSWERING = "speech-dispatcher did not answer"
CHECK_THREAD = "speech-dispatcher check"  # the one thread that asks, named so it can be told apart

Then = Callable[[str], None]
_lock = threading.Lock()
_answered: dict[str, str] = {}  # per server address: its answer, as `answers` gives it
_waiting: dict[str, list[Then]] = {}  # per server address being asked: who waits for its answer


def ask(then: Then) -> None:
    """Call `then` with the server's answer (see `answers`): at once, on this thread, when this process
    already has it; otherwise on the thread that asks, once the server answers. Only one question is
    ever out to a server: later callers wait on it."""
    address = os.environ.get("SPEECHD_ADDRESS", "")
    with _lock:
        known = _answered.get(address)
        if known is None:
            waiting = _waiting.setdefault(address, [])
            waiting.append(then)
            if len(waiting) == 1:
                threading.Thread(target=_ask_for, args=(address,), name=CHECK_THREAD, daemon=True).start()
            return
    then(known)


def _ask_for(address: str) -> None:
    try:
        answer = answers()
    except OSError as error:  # the library would not load: no voice, and no window left waiting for ever
        answer = f"libspeechd could not be used ({type(error).__name__})"
    with _lock:
        _answered[address] = answer
        waiting = _waiting.pop(address)
    for then in waiting:
        then(answer)


@cache
def _libspeechd() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("speechd")
    if name is None:
        return None
    lib = ctypes.CDLL(name)  # CDLL, not PyDLL: every call releases the interpreter lock
    lib.spd_open2.restype = ctypes.c_void_p
    lib.spd_open2.argtypes = [
        ctypes.c_char_p,
        ctypes.c_char_p,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_void_p,
        ctypes.c_int,
        ctypes.POINTER(ctypes.c_void_p),  # the error: a string libspeechd mallocs, which the caller frees
    ]
    lib.spd_list_synthesis_voices.restype = ctypes.POINTER(ctypes.c_void_p)
    lib.spd_list_synthesis_voices.argtypes = [ctypes.c_void_p]
    lib.free_spd_voices.argtypes = [ctypes.POINTER(ctypes.c_void_p)]
    lib.spd_close.argtypes = [ctypes.c_void_p]
    return lib


@cache
def _free() -> Callable[[int], None]:
    """libc's free, for what libspeechd mallocs and hands over."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"))
    libc.free.restype = None
    libc.free.argtypes = [ctypes.c_void_p]
    return libc.free


def answers() -> str:
    """ "" when speech-dispatcher answers and has at least one voice; otherwise why not (in technical
    words, for the log). Blocks for as long as the server takes: windows call `ask` instead."""
    lib = _libspeechd()
    if lib is None:
        return "libspeechd is not installed"
    error = ctypes.c_void_p()
    connection = lib.spd_open2(b"wvisit", b"read-aloud", None, SINGLE_THREADED, None, 1, ctypes.byref(error))
    if error.value:
        _free()(error.value)  # its words are not kept: they may name this account's folders
    if not connection:
        return NOT_ANSWERING
    try:
        voices = lib.spd_list_synthesis_voices(connection)
        if not voices:
            return NOT_ANSWERING
        found = bool(voices[0])
        lib.free_spd_voices(voices)
        return "" if found else "speech-dispatcher has no voice"
    finally:
        lib.spd_close(connection)
