"""A sqlite-utils plugin installed on the laptop never runs inside wvisit: the store opens its
database without the plugin hooks. Such a plugin would see every connection (and the decrypted
values passing through it); looking for plugins also cost ~0.3 s at each process's first open."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PLUGIN = """
from sqlite_utils import hookimpl

@hookimpl
def prepare_connection(conn):
    open({marker!r}, "w").close()
"""

OPEN_STORE = """
from pathlib import Path
from wvisit.store.database import connect
connect(Path({db!r})).conn.close()
"""


def _install_plugin(site: Path, marker: Path) -> None:
    """A plugin as pip would install it: a module and a dist-info naming it as a sqlite_utils entry point."""
    (site / "spy_plugin.py").write_text(PLUGIN.format(marker=str(marker)), encoding="utf-8")
    info = site / "spy_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: spy-plugin\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[sqlite_utils]\nspy = spy_plugin\n", encoding="utf-8")


def _run(code: str, site: Path) -> None:
    repo = Path(__file__).resolve().parents[2]
    env = {"PYTHONPATH": f"{site}:{repo}", "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=60)


def test_an_installed_sqlite_utils_plugin_is_not_run_by_the_store(tmp_path):
    site, marker = tmp_path / "site", tmp_path / "plugin-ran"
    site.mkdir()
    _install_plugin(site, marker)

    # The plugin is real: sqlite-utils on its own runs it.
    _run(f"import sqlite_utils; sqlite_utils.Database({str(tmp_path / 'plain.db')!r})", site)
    assert marker.exists()
    marker.unlink()

    _run(OPEN_STORE.format(db=str(tmp_path / "wvisit.db")), site)
    assert not marker.exists()
