"""speech-dispatcher (the laptop's speech server, on Linux), spoken to by one thread of its own, so that
no call to it can hold up the window.

A speech server can stop answering at any moment: on a laptop with no audio server speech-dispatcher
can start and never answer, or answer a few times and then jam. Every call libspeechd makes (open a
connection, list the voices, say, cancel, close) waits for the server's answer, for as long as it
takes. Qt's speechd engine makes those calls on the window's thread, and moving it to a worker thread
does not help from Python: PySide keeps the interpreter lock through the call. So wvisit does not use
Qt's engine for speech-dispatcher. It calls libspeechd itself, through ctypes (which releases the
interpreter lock for every call), and only on the thread of a `Voice`: the window hands it what to do
and never waits. While a call hangs the window carries on; what it asked for meanwhile waits, and only
the latest of it is done once the server answers again (a child pressing Listen twice wants the
second words, not both).

One `Voice` serves every window of the process (for each address, as SPEECHD_ADDRESS names it): one
thread, one connection, however many times child mode is opened. Its thread ends when the last window
leaves and the connection is closed. A server that never answered the first question (or answered
that it has no voice) is not asked again until wvisit starts again; one that answered and then broke
the connection is opened once more at once (libspeechd starts it again if need be).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import threading
from collections.abc import Callable
from functools import cache

log = logging.getLogger(__name__)

THREADED = 1  # libspeechd's SPD_MODE_THREADED: a thread of its own reads the server, so events come back
TEXT = 3  # SPD_TEXT: the priority Qt's engine uses; a new message cuts off this connection's last one
BEGIN, END, CANCEL = 1, 2, 8  # SPDNotification flags
NOT_ANSWERING = "speech-dispatcher did not answer"
VOICE_THREAD = "speech-dispatcher voice"  # the one thread that talks to a server, named so it can be told apart

# What a Voice tells its listeners, always from a thread that is not the window's:
READY = "ready"  # the server answered, and has a voice: Listen can speak
NO_VOICE = "no voice"  # the detail says why not, in technical words for the log
SPEAKING = "speaking"  # the server began to say the words
SPOKEN = "spoken"  # ... and finished them, or cut them off

Listener = Callable[[str, str], None]  # (what happened, detail)
Callback = ctypes.CFUNCTYPE(None, ctypes.c_size_t, ctypes.c_size_t, ctypes.c_int)


class _Callbacks(ctypes.Structure):
    """The public start of libspeechd's SPDConnection: the functions it calls on events."""

    _fields_ = [
        ("begin", Callback),
        ("end", Callback),
        ("cancel", Callback),
        ("pause", ctypes.c_void_p),
        ("resume", ctypes.c_void_p),
        ("index_mark", ctypes.c_void_p),
    ]


_voices_lock = threading.Lock()
_voices: dict[str, Voice] = {}


def voice() -> Voice:
    """This process's Voice for the server SPEECHD_ADDRESS names (the default one when it names none)."""
    address = os.environ.get("SPEECHD_ADDRESS", "")
    with _voices_lock:
        if address not in _voices:
            _voices[address] = Voice()
        return _voices[address]


class Voice:
    """speech-dispatcher, called only from a thread of its own. `join`, `say`, `stop` and `leave` return at
    once; each gives a ticket, and `answered(ticket)` says whether the server has answered up to it, so
    a window can tell when the voice is not answering. Listeners hear READY, NO_VOICE, SPEAKING and
    SPOKEN from that thread (or from libspeechd's): a window passes them on to its own thread."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._listeners: list[Listener] = []
        self._greet = False  # someone joined: tell them where the voice stands, opening it if need be
        self._wanted: tuple[str, str] | None = None  # the latest ("say", words) or ("stop", ""), not yet done
        self._posted = 0  # tickets given out
        self._answered = 0  # tickets the server has answered (or that no longer need it)
        self._verdict: str | None = None  # why the server cannot be used, once it said so or never answered
        self._thread: threading.Thread | None = None
        self._connection: int | None = None  # only its thread touches it
        # Kept for as long as the Voice: libspeechd calls them from its own thread.
        self._on_begin = Callback(lambda *_: self._tell(SPEAKING))
        self._on_end = Callback(lambda *_: self._tell(SPOKEN))

    # --- from any thread: none of these waits for the server ---------------------------------------

    def join(self, listener: Listener) -> int:
        """Start hearing this voice: READY once it answers with a voice, NO_VOICE if it cannot."""
        with self._changed:
            verdict = self._verdict
            if verdict is None:
                self._listeners.append(listener)
                self._greet = True
                return self._post()
        listener(NO_VOICE, verdict)  # the answer this process already has
        return 0

    def leave(self, listener: Listener) -> None:
        """Stop hearing it; when the last listener leaves, the connection is closed on the voice's thread."""
        with self._changed:
            if listener in self._listeners:
                self._listeners.remove(listener)
            if not self._listeners:
                self._wanted = None
            self._changed.notify()

    def say(self, words: str) -> int:
        """Say `words`, cutting off what was being said (and any words still waiting to be said)."""
        with self._changed:
            self._wanted = ("say", words)
            return self._post()

    def stop(self) -> int:
        with self._changed:
            self._wanted = ("stop", "")
            return self._post()

    def answered(self, ticket: int) -> bool:
        with self._changed:
            return self._answered >= ticket

    def _post(self) -> int:
        """A new ticket (the caller holds the lock), with the thread that will answer it running."""
        self._posted += 1
        if self._thread is None:
            self._thread = threading.Thread(target=self._work, name=VOICE_THREAD, daemon=True)
            self._thread.start()
        self._changed.notify()
        return self._posted

    def _tell(self, event: str, detail: str = "") -> None:
        with self._changed:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(event, detail)
            except Exception:  # a window that went away meanwhile: the others still hear
                log.debug("read aloud: a listener failed", exc_info=True)

    # --- the voice's own thread ------------------------------------------------------------------

    def _work(self) -> None:
        while True:
            with self._changed:
                while not (self._greet or self._wanted) and (self._listeners or self._connection is None):
                    if self._connection is None and (not self._listeners or self._verdict is not None):
                        self._thread = None  # nothing left to do: a later join starts a new thread
                        self._answered = self._posted
                        return
                    self._changed.wait()
                ticket = self._posted
                wanted = self._wanted  # a greeting needs no more than serving: READY, or NO_VOICE
                self._greet, self._wanted = False, None
                anyone = bool(self._listeners)
            if anyone:
                self._serve(wanted)
            else:
                self._close()
            with self._changed:
                self._answered = max(self._answered, ticket)

    def _serve(self, wanted: tuple[str, str] | None) -> None:
        if self._connection is None and self._verdict is not None:
            self._tell(NO_VOICE, self._verdict)
            return
        if self._connection is None and not self._open_or_say_why():
            return
        if wanted is not None and not self._do(*wanted):
            self._close()  # the server broke the connection or refused: once more, from the start
            if not self._open_or_say_why():
                return
        self._tell(READY)

    def _open_or_say_why(self) -> bool:
        """Open the connection; when it cannot be, keep why (later asks are answered with it at once)
        and say so."""
        why_not = self._open()
        if why_not:
            with self._changed:
                self._verdict = why_not
            self._tell(NO_VOICE, why_not)
        return not why_not

    def _open(self) -> str:
        """Open the connection, ask for events and check there is a voice: "" or why not."""
        try:
            lib = _libspeechd()
        except OSError as failure:  # the library would not load
            return f"libspeechd could not be used ({type(failure).__name__})"
        if lib is None:
            return "libspeechd is not installed"
        error = ctypes.c_void_p()
        connection = lib.spd_open2(b"wvisit", b"read-aloud", None, THREADED, None, 1, ctypes.byref(error))
        if error.value:
            _free()(error.value)  # its words are not kept: they may name this account's folders
        if not connection:
            return NOT_ANSWERING
        self._connection = connection
        callbacks = _Callbacks.from_address(connection)
        callbacks.begin, callbacks.end, callbacks.cancel = self._on_begin, self._on_end, self._on_end
        if lib.spd_set_notification_on(connection, BEGIN | END | CANCEL) != 0:
            self._close()
            return NOT_ANSWERING
        voices = lib.spd_list_synthesis_voices(connection)
        if not voices:
            self._close()
            return NOT_ANSWERING
        found = bool(voices[0])
        lib.free_spd_voices(voices)
        if not found:
            self._close()
            return "speech-dispatcher has no voice"
        return ""

    def _do(self, what: str, words: str) -> bool:
        lib, connection = _libspeechd(), self._connection
        assert lib is not None and connection is not None  # opened
        if lib.spd_cancel(connection) != 0:
            return False
        return what != "say" or lib.spd_say(connection, TEXT, words.encode()) >= 0

    def _close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is None:
            return
        lib = _libspeechd()
        assert lib is not None  # it opened the connection
        # Events off first: once the server has answered that, no event is on its way to a callback, so
        # closing (which cancels libspeechd's reading thread) never cuts one off half-way through Python.
        lib.spd_set_notification_off(connection, BEGIN | END | CANCEL)
        lib.spd_close(connection)


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
    for name_of in ("spd_set_notification_on", "spd_set_notification_off"):
        getattr(lib, name_of).argtypes = [ctypes.c_void_p, ctypes.c_int]
        getattr(lib, name_of).restype = ctypes.c_int
    lib.spd_cancel.argtypes = [ctypes.c_void_p]
    lib.spd_cancel.restype = ctypes.c_int
    lib.spd_say.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_char_p]
    lib.spd_say.restype = ctypes.c_int
    lib.spd_close.argtypes = [ctypes.c_void_p]
    lib.spd_close.restype = None
    return lib


@cache
def _free() -> Callable[[int], None]:
    """libc's free, for what libspeechd mallocs and hands over."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"))
    libc.free.restype = None
    libc.free.argtypes = [ctypes.c_void_p]
    return libc.free
