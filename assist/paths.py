"""Where the user's data lives: --data-dir, then ASSIST_DATA_DIR, then the settings, then the platform's."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "agent-assist"


def data_dir(explicit: str | os.PathLike[str] | None = None, configured: str = "") -> Path:
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get("ASSIST_DATA_DIR")
    if from_env:
        return Path(from_env).expanduser()
    if configured.strip():
        return Path(configured.strip()).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
