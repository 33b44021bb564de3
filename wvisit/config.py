"""Layered settings: built-in defaults < machine-wide file (IT) < user file < environment < command line.

Each layer is a TOML file or mapping of the same keys. Every value is checked against
its setting's rule; a bad one is a ConfigError naming the file (or variable), the key
and what is allowed, so the app never starts half-configured.

Machine-wide file (IT deploys it): Linux /etc/wvisit/config.toml, Windows
%PROGRAMDATA%\\wvisit\\config.toml, macOS /Library/Application Support/wvisit/config.toml.
WVISIT_MACHINE_CONFIG names another path (for tests and staging). User file: the
platform's user config folder, wvisit/config.toml. Environment: WVISIT_<KEY> in capitals.

IT's policy holds against the user's own layers (user file, environment, command line):
a security setting the machine-wide file sets is a floor, a ceiling or a lock (see Rule),
so a user value that would weaken it is set aside, not applied, and `config show` says so.
A setting IT leaves out of the machine-wide file is the user's to change.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from enum import Enum
from pathlib import Path
from typing import Any

import platformdirs

from wvisit.bundle import in_bundle
from wvisit.errors import ConfigError

APP = "wvisit"


class Rule(Enum):
    """What the user's own layers may do to a value the machine-wide file (IT) set; the value is the note shown."""

    FREE = ""
    AT_LEAST = "IT's minimum: may be raised, not lowered"
    AT_MOST = "IT's maximum: may be lowered, not raised"
    LOCKED = "locked by IT policy"

    def sets_aside(self, it_value: Any, value: Any) -> bool:
        """Whether a user's `value` must not replace IT's `it_value`: it would make it less safe, or IT's is locked
        (then even an equal value is set aside, so the setting still says it came from IT)."""
        if self is Rule.AT_LEAST:
            return bool(value < it_value)
        if self is Rule.AT_MOST:
            return bool(value > it_value)
        return self is Rule.LOCKED


@dataclass(frozen=True)
class Setting:
    default: Any
    parse: Callable[[Any], Any]
    allowed: str
    help: str
    rule: Rule = Rule.FREE
    # Locked settings that name one thing together: IT setting any of them locks them all.
    group: str = ""


def _int_between(low: int, high: int) -> Callable[[Any], int]:
    def parse(value: Any) -> int:
        number = int(value)
        if isinstance(value, bool) or not low <= number <= high:
            raise ValueError
        return number

    return parse


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError
    return value


def _level(value: Any) -> str:
    if str(value).upper() not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
        raise ValueError
    return str(value).upper()


SETTINGS: dict[str, Setting] = {
    "data_dir": Setting(
        platformdirs.user_data_dir(APP, appauthor=False), _text, "a folder path", "where the encrypted records live"
    ),
    "log_dir": Setting(
        platformdirs.user_log_dir(APP, appauthor=False), _text, "a folder path", "where the rotating log is written"
    ),
    "log_level": Setting("INFO", _level, "one of DEBUG, INFO, WARNING, ERROR", "how much the log says"),
    "central_url": Setting(
        "",
        _text,
        "an https:// address (http:// only for 127.0.0.1)",
        "the central record",
        Rule.LOCKED,
        group="central",
    ),
    "central_ca_cert": Setting(
        "",
        _text,
        "a path to a PEM certificate file",
        "pins the central record to this CA or certificate",
        Rule.LOCKED,
        group="central",
    ),
    "sync_interval_seconds": Setting(
        120, _int_between(10, 3600), "a whole number of seconds from 10 to 3600", "how often to sync when online"
    ),
    "visit_policy": Setting(
        "", _text, "a path to a visit-frequency policy JSON file", "the council's own visit frequencies", Rule.LOCKED
    ),
    "bank_holidays": Setting(
        "", _text, "a path to a bank holidays JSON file", "days that are not working days", Rule.LOCKED
    ),
    "jargon_list": Setting(
        "", _text, "a path to a jargon list JSON file", "the council's own words to flag, with plainer words"
    ),
    "idle_lock_minutes": Setting(
        5, _int_between(1, 120), "a whole number of minutes from 1 to 120", "idle lock", Rule.AT_MOST
    ),
    "passcode_min_length": Setting(
        10, _int_between(6, 64), "a whole number from 6 to 64", "passcode policy", Rule.AT_LEAST
    ),
    "kdf_cost": Setting(
        17,
        _int_between(10, 20),
        "a whole number from 10 to 20 (scrypt n = 2^cost)",
        "passcode stretching cost",
        Rule.AT_LEAST,
    ),
    "recovery_public_key": Setting(
        "",
        _text,
        "a path to the council's X25519 public key (PEM)",
        "wraps the data key for IT recovery",
        Rule.LOCKED,
    ),
    "dictation_model": Setting(
        "",
        _text,
        "a path to a Whisper model folder in CTranslate2's format (DEPLOYMENT.md, Dictation)",
        "the speech model for dictation; empty: dictation is not set up",
    ),
    "read_aloud": Setting(
        "",
        _text,
        "empty for the laptop's own voice, \"off\", or a text-to-speech engine's name (speechd, sapi, winrt...)",
        "the voice that reads child mode's words aloud",
    ),
    "letter_contact": Setting(
        "",
        _text,
        'a sentence, e.g. "You can call me on 020 7946 0000, Monday to Friday, 9 to 5."',
        "how a child reaches their worker, printed in letters to children; empty: the letter leaves it out",
    ),
}


def machine_config_path() -> Path:
    """IT's file. Tests point elsewhere with WVISIT_MACHINE_CONFIG; IT's bundle ignores that variable,
    so a user cannot swap the policy for an empty file."""
    if (override := os.environ.get("WVISIT_MACHINE_CONFIG")) and not in_bundle():
        return Path(override)
    if sys.platform == "win32":
        return Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData")) / APP / "config.toml"
    if sys.platform == "darwin":
        return Path("/Library/Application Support") / APP / "config.toml"
    return Path("/etc") / APP / "config.toml"


def user_config_path() -> Path:
    if override := os.environ.get("WVISIT_USER_CONFIG"):
        return Path(override)
    return Path(platformdirs.user_config_dir(APP, appauthor=False)) / "config.toml"


@dataclass(frozen=True)
class Config:
    """The settings in force, one typed field per setting in SETTINGS (same names, same order), built by `load()`.
    `sources` says which layer each value came from; `policy` holds IT's rule over each setting the machine-wide
    file governs; `ignored` the layers whose value it set aside."""

    data_dir: str
    log_dir: str
    log_level: str
    central_url: str
    central_ca_cert: str
    sync_interval_seconds: int
    visit_policy: str
    bank_holidays: str
    jargon_list: str
    idle_lock_minutes: int
    passcode_min_length: int
    kdf_cost: int
    recovery_public_key: str
    dictation_model: str
    read_aloud: str
    letter_contact: str
    sources: Mapping[str, str] = field(default_factory=dict)
    policy: Mapping[str, Rule] = field(default_factory=dict)
    ignored: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def values(self) -> dict[str, Any]:
        """Every setting's value by name, in SETTINGS order (what `wvisit config show` lists)."""
        return {key: getattr(self, key) for key in SETTINGS}

    def origin(self, key: str) -> dict[str, Any]:
        """Where `key`'s value came from, for `wvisit config show`, with IT's rule and set-aside layers if any."""
        shown: dict[str, Any] = {"from": self.sources[key]}
        if key in self.policy:
            shown["policy"] = self.policy[key].value
        if key in self.ignored:
            shown["ignored"] = list(self.ignored[key])
        return shown


# A setting added to SETTINGS and not to Config (or the other way) fails at import, not when first used.
_SETTING_FIELDS = [f.name for f in fields(Config) if f.name not in {"sources", "policy", "ignored"}]
if list(SETTINGS) != _SETTING_FIELDS:
    raise TypeError(f"Config's fields {_SETTING_FIELDS} do not match SETTINGS {list(SETTINGS)}")


def load(cli: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None) -> Config:
    """Every layer read and checked, in order; a bad value anywhere is a ConfigError, a weakening one is set aside."""
    environ = os.environ if environ is None else environ
    values = {key: s.default for key, s in SETTINGS.items()}
    sources = {key: "built-in default" for key in SETTINGS}
    machine_source = str(machine_config_path())
    machine = _checked(machine_source, _read_file(machine_config_path()))
    values.update(machine)
    sources.update({key: machine_source for key in machine})
    policy = _governed_by_it(machine)
    it_values = dict(values)
    ignored: dict[str, tuple[str, ...]] = {}
    user_layers = [
        (str(user_config_path()), _read_file(user_config_path())),
        ("the environment", _from_env(environ)),
        ("the command line", {k: v for k, v in (cli or {}).items() if v is not None}),
    ]
    for source, layer in user_layers:
        for key, value in _checked(source, layer).items():
            if key in policy and policy[key].sets_aside(it_values[key], value):
                ignored[key] = (*ignored.get(key, ()), source)
                continue
            values[key] = value
            sources[key] = source
    return Config(**values, sources=sources, policy=policy, ignored=ignored)


def _checked(source: str, layer: Mapping[str, Any]) -> dict[str, Any]:
    """The layer's values parsed; an unknown key or a bad value is a ConfigError naming the source and the key."""
    parsed = {}
    for key, raw in layer.items():
        setting = SETTINGS.get(key)
        if setting is None:
            raise ConfigError(source, key, "one of: " + ", ".join(SETTINGS))
        try:
            parsed[key] = setting.parse(raw)
        except (ValueError, TypeError):
            raise ConfigError(source, key, setting.allowed) from None
    return parsed


def _governed_by_it(machine: Mapping[str, Any]) -> dict[str, Rule]:
    """The settings whose rule binds the user: those IT set, and every locked setting grouped with one IT set
    (pinning the central record's address also fixes which certificate vouches for it)."""
    groups = {SETTINGS[key].group for key in machine if SETTINGS[key].group}
    return {
        key: s.rule
        for key, s in SETTINGS.items()
        if s.rule is not Rule.FREE and (key in machine or (s.group and s.group in groups))
    }


def _read_file(path: Path) -> dict[str, Any]:
    """A settings file's keys; none when there is no file. tomllib is imported only for a file that exists:
    a start with neither IT's file nor the user's goes without it (docs/PERFORMANCE.md, cold start)."""
    if not path.exists():
        return {}
    import tomllib

    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(str(path), "(file)", f"valid TOML ({error})") from None


def _from_env(environ: Mapping[str, str]) -> dict[str, str]:
    return {key: environ[f"WVISIT_{key.upper()}"] for key in SETTINGS if f"WVISIT_{key.upper()}" in environ}
