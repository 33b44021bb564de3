"""Dictation with the real engine and a real model: spoken visit sentences come back as text, in British
spelling, from the same path the visit editor uses (ui/dictation.py's shared engine, Engine.transcribe)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from tests.speech import MODEL, SENTENCES, errors, speak
from wvisit import config, selftest
from wvisit.cli import main
from wvisit.dictation.audio import RATE, Pauses, Utterance, read_wav
from wvisit.dictation.engine import NOT_SET_UP, availability
from wvisit.domain import Child, LegalStatus, Visit
from wvisit.domain.kinds import KINDS
from wvisit.domain.records import to_record
from wvisit.domain.shapes import read
from wvisit.domain.visit import needed_to_finalise
from wvisit.errors import InvalidValue
from wvisit.ui.dictation import shared_engine
from wvisit.writing.british_spelling import to_british
from wvisit.writing.spelling import british


@pytest.fixture(scope="module")
def spoken(tmp_path_factory) -> list:
    """Each sentence spoken by espeak-ng to its own WAV file (made once for this module)."""
    folder = tmp_path_factory.mktemp("speech")
    return [(text, speak(text, folder / f"sentence-{n}.wav")) for n, text in enumerate(SENTENCES)]


@pytest.fixture
def with_model(monkeypatch):
    monkeypatch.setenv("WVISIT_DICTATION_MODEL", MODEL)


def test_spoken_visit_sentences_come_back_with_under_a_fifth_of_words_wrong(spoken):
    engine, checker = shared_engine(MODEL), british()[0]
    wrong = total = 0
    for text, wav in spoken:
        pcm = read_wav(wav)
        heard = " ".join(segment.text for segment in engine.transcribe(pcm, spelling=checker))
        assert not pcm, "the audio is wiped once it is transcribed"
        edits, count = errors(text, heard)
        wrong, total = wrong + edits, total + count
    assert len(spoken) >= 10
    assert wrong / total < 0.20, f"word error rate {wrong / total:.0%}"


def test_a_cancelled_transcription_writes_nothing_more_and_wipes_the_audio(spoken):
    pcm = read_wav(spoken[0][1])
    assert list(shared_engine(MODEL).transcribe(pcm, cancelled=lambda: True)) == []
    assert not pcm


def test_dictated_american_spelling_becomes_british():
    checker = british()[0]
    said = "Mom said his behavior at the center has been organized and her favorite color is gray."
    assert to_british(said, checker) == (
        "Mum said his behaviour at the centre has been organised and her favourite colour is grey."
    )
    assert to_british("The size of the meter, the prize and Connor", checker) == (
        "The size of the meter, the prize and Connor"
    )


def test_wvisit_dictate_prints_the_transcript_with_segment_times(spoken, with_model, capsys):
    text, wav = spoken[5]
    assert main(["dictate", "--audio", str(wav), "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["model"].startswith("Whisper tiny.en") and found["seconds"] > 2
    assert found["segments"] and all(0 <= s["start"] < s["end"] for s in found["segments"])
    assert errors(text, found["text"])[0] <= 2
    assert main(["dictate", "--audio", str(wav)]) == 0
    line = capsys.readouterr().out.strip().splitlines()[0]
    assert line.startswith("[") and "safe at home" in line


def test_wvisit_dictate_says_plainly_when_there_is_no_model_or_no_wav(tmp_path, capsys, monkeypatch):
    wav = tmp_path / "nothing.wav"
    wav.write_bytes(b"not audio")
    monkeypatch.delenv("WVISIT_DICTATION_MODEL", raising=False)
    assert main(["dictate", "--audio", str(wav)]) == 1
    assert NOT_SET_UP in capsys.readouterr().err
    monkeypatch.setenv("WVISIT_DICTATION_MODEL", MODEL)
    assert main(["dictate", "--audio", str(wav)]) == 1
    assert "not a WAV file" in capsys.readouterr().err
    with pytest.raises(InvalidValue):
        read_wav(tmp_path / "missing.wav")


def test_self_test_reports_the_dictation_model_or_that_there_is_none(monkeypatch, tmp_path):
    ok, line = selftest._dictation()
    assert ok and line.startswith("note") and "not set up" in line
    monkeypatch.setenv("WVISIT_DICTATION_MODEL", MODEL)
    ok, line = selftest._dictation()
    assert ok and line.startswith("ok") and "tiny.en" in line
    monkeypatch.setenv("WVISIT_DICTATION_MODEL", str(tmp_path))  # IT set a folder that holds no model
    ok, line = selftest._dictation()
    assert not ok and line.startswith("FAIL") and "not a Whisper model folder" in line


def test_provision_sets_the_model_folder_and_config_show_shows_it(tmp_path, capsys):
    assert main(["provision", "--central", "https://central.example.org", "--dictation-model", str(tmp_path)]) == 1
    assert "not a Whisper model folder" in capsys.readouterr().err
    assert not (tmp_path / "machine-config.toml").exists()
    assert main(["provision", "--central", "https://central.example.org", "--dictation-model", MODEL]) == 0
    capsys.readouterr()
    assert config.load().dictation_model == MODEL and availability(MODEL).ready
    assert main(["config", "show", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["dictation_model"]["value"] == MODEL


def test_unreviewed_dictation_is_listed_before_finalising_and_old_bodies_read_without_it():
    child = Child("Ada Example", datetime(2016, 3, 4).date(), LegalStatus.CIN)
    visit = Visit(child.id, "sw.test", started_at=datetime.now(UTC) - timedelta(hours=1), dictated=["what_i_saw"])
    needed = needed_to_finalise(visit, child, [])
    assert ("what_i_saw", "your review of the words dictated into what I saw") in [
        (n.field, n.sentence) for n in needed
    ]
    body = to_record(visit)
    del body["dictated"]  # a visit written before schema 4
    assert read(Visit, body, "visit record").dictated == []
    assert KINDS["visit"].schema_version >= 4


def test_hands_free_dictation_is_cut_at_a_pause_after_a_few_seconds(spoken):
    pcm = read_wav(spoken[0][1])  # about 6 s of speech
    utterance, pauses, cuts = Utterance(), Pauses(min_seconds=1.0, pause_seconds=0.5), 0
    chunk = RATE * 2 // 10
    for at in range(0, len(pcm), chunk):
        utterance.append(bytes(pcm[at : at + chunk]))
        cuts += pauses.cut_after(bytes(pcm[at : at + chunk]), utterance)
    silence = bytes(chunk)
    for _ in range(6):
        utterance.append(silence)
        cuts += pauses.cut_after(silence, utterance)
    assert cuts >= 1
    taken = utterance.take()
    assert len(utterance) == 0 and isinstance(taken, bytearray)
