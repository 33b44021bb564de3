"""Ask the laptop's speech server (speech-dispatcher, on Linux) whether it answers, without holding up
the window.

Qt's speechd engine opens its connection to speech-dispatcher in its constructor, and waits for the
server's answer. On a laptop with no audio server speech-dispatcher can start and then never answer,
and the constructor waits for ever. Moving the constructor to a worker thread does not help from
Python: PySide keeps the interpreter lock through the call, so the window's thread stops too. libspeechd
called through ctypes releases the lock, so the same questions Qt asks (open a connection, starting the
server if need be, and list its voices) are asked here first on a thread of their own; Qt's engine is
made only once the server has answered.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache

SINGLE_THREADED = 0  # libspeechd's SPD_MODE_SINGLE: no callback thread for a connection that only asks
NOT_ANSWERING = "speech-dispatcher did not answer"


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
        ctypes.POINTER(ctypes.c_char_p),
    ]
    lib.spd_list_synthesis_voices.restype = ctypes.POINTER(ctypes.c_void_p)
    lib.spd_list_synthesis_voices.argtypes = [ctypes.c_void_p]
    lib.free_spd_voices.argtypes = [ctypes.POINTER(ctypes.c_void_p)]
    lib.spd_close.argtypes = [ctypes.c_void_p]
    return lib


def answers() -> str:
    """ "" when speech-dispatcher answers and has at least one voice; otherwise why not (in technical
    words, for the log). Blocks for as long as the server takes: call it off the UI thread."""
    lib = _libspeechd()
    if lib is None:
        return "libspeechd is not installed"
    error = ctypes.c_char_p()
    connection = lib.spd_open2(b"wvisit", b"read-aloud", None, SINGLE_THREADED, None, 1, ctypes.byref(error))
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
