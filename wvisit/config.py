"""Layered settings: built-in defaults < machine-wide file (IT) < user file < environment < command line.

Each layer is a TOML file or mapping of the same keys. Every value is checked against
its setting's rule; a bad one is a ConfigError naming the file (or variable), the key
and what is allowed, so the app never starts half-configured.

Machine-wide file (IT deploys it): Linux /etc/wvisit/config.toml, Windows
%PROGRAMDATA%\\wvisit\\config.toml, macOS /Library/Application Support/wvisit/config.toml.
WVISIT_MACHINE_CONFIG names another path (for tests and staging). User file: the
platform's user config folder, wvisit/config.toml. Environment: WVISIT_<KEY> in capitals.
"""

from __future__ import annotations

import os
import sys
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from wvisit.errors import ConfigError

APP = "wvisit"


@dataclass(frozen=True)
class Setting:
    default: Any
    parse: Callable[[Any], Any]
    allowed: str
    help: str


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
    "central_url": Setting("", _text, "an https:// address (http:// only for 127.0.0.1)", "the central record"),
    "central_ca_cert": Setting(
        "", _text, "a path to a PEM certificate file", "pins the central record to this CA or certificate"
    ),
    "sync_interval_seconds": Setting(
        120, _int_between(10, 3600), "a whole number of seconds from 10 to 3600", "how often to sync when online"
    ),
    "visit_policy": Setting(
        "", _text, "a path to a visit-frequency policy JSON file", "the council's own visit frequencies"
    ),
    "bank_holidays": Setting("", _text, "a path to a bank holidays JSON file", "days that are not working days"),
    "jargon_list": Setting(
        "", _text, "a path to a jargon list JSON file", "the council's own words to flag, with plainer words"
    ),
    "idle_lock_minutes": Setting(5, _int_between(1, 120), "a whole number of minutes from 1 to 120", "idle lock"),
    "passcode_min_length": Setting(8, _int_between(6, 64), "a whole number from 6 to 64", "passcode policy"),
    "kdf_cost": Setting(
        17, _int_between(10, 20), "a whole number from 10 to 20 (scrypt n = 2^cost)", "passcode stretching cost"
    ),
    "recovery_public_key": Setting(
        "", _text, "a path to the council's X25519 public key (PEM)", "wraps the data key for IT recovery"
    ),
}


def machine_config_path() -> Path:
    if override := os.environ.get("WVISIT_MACHINE_CONFIG"):
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
    values: Mapping[str, Any]
    sources: Mapping[str, str]

    def __getattr__(self, name: str) -> Any:
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None


def load(cli: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None) -> Config:
    environ = os.environ if environ is None else environ
    values = {key: s.default for key, s in SETTINGS.items()}
    sources = {key: "built-in default" for key in SETTINGS}
    layers = [
        (str(machine_config_path()), _read_file(machine_config_path())),
        (str(user_config_path()), _read_file(user_config_path())),
        ("the environment", _from_env(environ)),
        ("the command line", {k: v for k, v in (cli or {}).items() if v is not None}),
    ]
    for source, layer in layers:
        for key, raw in layer.items():
            setting = SETTINGS.get(key)
            if setting is None:
                raise ConfigError(source, key, "one of: " + ", ".join(SETTINGS))
            try:
                values[key] = setting.parse(raw)
            except (ValueError, TypeError):
                raise ConfigError(source, key, setting.allowed) from None
            sources[key] = source
    return Config(values, sources)


def _read_file(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(str(path), "(file)", f"valid TOML ({error})") from None


def _from_env(environ: Mapping[str, str]) -> dict[str, str]:
    return {key: environ[f"WVISIT_{key.upper()}"] for key in SETTINGS if f"WVISIT_{key.upper()}" in environ}
