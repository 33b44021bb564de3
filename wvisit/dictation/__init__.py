"""On-device dictation: the worker's speech to text, on this laptop, with no audio kept.

- audio.py: 16 kHz mono PCM held in memory only (an `Utterance` is wiped when dropped), WAV
  reading for the command line and the tests, the level a meter shows, and where a pause falls.
- engine.py: the speech model (Whisper, run by faster-whisper on CTranslate2) from the folder IT
  provisions (`dictation_model`); nothing is ever downloaded. Whether dictation is available here.

No Qt here: the window's capture (ui/capture.py) and its worker thread (ui/dictation.py) feed the
same `Engine.transcribe` that `wvisit dictate` calls. The speech model and numpy come with the
optional `wvisit[dictation]` extra and are imported only when dictation is used, so the base
bundle runs without them.
"""
