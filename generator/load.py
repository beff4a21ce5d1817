"""The only module that reads YAML. (Placeholder: the outline loader lands here next.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


def read_config_yaml(path: Path) -> Any:
    """Read one of duopress's own configuration files (a theme)."""
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)
