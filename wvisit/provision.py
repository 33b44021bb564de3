"""`wvisit provision`: write the machine-wide settings for a silent install, checked before writing.

IT runs it once per laptop with administrator rights (the machine-wide file is in a
system folder). The certificate and recovery key are copied beside the settings file,
so the file never points at a path that a later clean-up could remove.
"""

from __future__ import annotations

import os
import shutil
import ssl
from pathlib import Path

from wvisit.config import machine_config_path
from wvisit.errors import InvalidValue
from wvisit.sync.client import check_address
from wvisit.vault import recovery


def provision(central: str, ca_cert: Path | None, recovery_key: Path | None, extra: dict[str, str]) -> Path:
    """Write the machine-wide file; returns its path. Nothing is written if any input is wrong."""
    check_address(central)
    if ca_cert is not None:
        try:
            ssl.create_default_context(cafile=str(ca_cert))
        except (OSError, ssl.SSLError):
            raise InvalidValue(f"{ca_cert} is not a PEM certificate file.") from None
    if recovery_key is not None:
        recovery.load_public(_read(recovery_key))
    target = machine_config_path()
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        lines = [f"central_url = {_toml(central)}"]
        if ca_cert is not None:
            shutil.copyfile(ca_cert, folder / "central-ca.pem")
            lines.append(f"central_ca_cert = {_toml(str(folder / 'central-ca.pem'))}")
        if recovery_key is not None:
            shutil.copyfile(recovery_key, folder / "recovery-public.pem")
            lines.append(f"recovery_public_key = {_toml(str(folder / 'recovery-public.pem'))}")
        lines += [f"{key} = {value}" for key, value in extra.items()]
        tmp = target.with_suffix(".tmp")
        tmp.write_text(
            "# Written by `wvisit provision`. See DEPLOYMENT.md for every setting.\n" + "\n".join(lines) + "\n"
        )
        os.replace(tmp, target)
    except PermissionError:
        raise InvalidValue(f"Cannot write {target}: run provision as an administrator.") from None
    return target


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        raise InvalidValue(f"Cannot read {path}.") from None


def _toml(text: str) -> str:
    return '"' + text.replace("\\\\", "\\\\\\\\").replace('"', '\\\\"') + '"'
