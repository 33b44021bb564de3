"""Load the council's rule files (visit frequency, bank holidays, jargon list): shipped, or IT's own from config."""

from __future__ import annotations

import json
from pathlib import Path

from wvisit import resources
from wvisit.config import Config
from wvisit.domain.policy import Policy
from wvisit.errors import ConfigError, InvalidValue
from wvisit.writing.plain_language import JargonList


def load_policy(config: Config) -> Policy:
    return Policy.from_data(
        _read(config.visit_policy, "visit_frequency.json", "visit_policy"),
        _read(config.bank_holidays, "bank_holidays.json", "bank_holidays"),
    )


def load_jargon(config: Config) -> JargonList:
    try:
        return JargonList.from_data(_read(config.jargon_list, "jargon.json", "jargon_list"))
    except InvalidValue:
        raise ConfigError(config.jargon_list, "jargon_list", "a list of terms, each with plainer words") from None


def _read(path: str, shipped: str, key: str) -> dict:
    if not path:
        return resources.load_json(shipped)
    try:
        return json.loads(Path(path).read_text("utf-8"))
    except (OSError, ValueError):
        raise ConfigError(path, key, "a readable JSON file in the shipped file's format") from None
