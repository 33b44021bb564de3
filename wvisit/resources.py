"""Where the shipped resources live: next to the package in a checkout, inside the bundle when frozen."""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path


def folder() -> Path:
    if getattr(sys, "frozen", False):
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


@cache
def load_json(name: str) -> dict:
    return json.loads((folder() / name).read_text("utf-8"))
