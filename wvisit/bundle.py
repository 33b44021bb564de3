"""Whether this is IT's packaged app (PyInstaller bundle) or a source checkout (tests, the demo).

Switches made for tests and the demo (another machine policy file, a plaintext file keyring) are
honoured from a source checkout only: on a deployed laptop a user could otherwise set them in
their own environment and step round IT's policy.
"""

from __future__ import annotations

import sys


def in_bundle() -> bool:
    return bool(getattr(sys, "frozen", False))
