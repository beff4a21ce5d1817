"""The output folder's manifest: per artifact, the digest of its inputs and the SHA-256 of what was written."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..style import sealed
from .output import atomic_write

MANIFEST_NAME = ".duopress-manifest.json"
FORMAT = 1


@dataclass
class Entry:
    inputs: str  # input_digest of the whole build that wrote it (the fast path)
    content: str  # artifact_digest: what this artifact shows
    sha256: str  # of the file as written
    warnings: list[dict] = field(default_factory=list)  # what its renderer warned of, reported while unchanged


@dataclass
class Manifest:
    path: Path
    artifacts: dict[str, Entry] = field(default_factory=dict)
    files: dict[str, list] = field(default_factory=dict)  # FileHashes cache: path → [size, mtime_ns, sha]
    # input digest → what that build learnt: "languages" declared, outline "warnings", "images" and their digests
    languages: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def load(cls, out_dir: Path) -> Manifest:
        """The manifest, or an empty one if it is missing, unreadable or from another format."""
        path = out_dir / MANIFEST_NAME
        try:
            data = json.loads(_read(out_dir) or b"null")
            if data.get("format") != FORMAT:
                return cls(path)
            artifacts = {name: Entry(**entry) for name, entry in data.get("artifacts", {}).items()}
            return cls(path, artifacts, dict(data.get("files", {})), dict(data.get("languages", {})))
        except (OSError, ValueError, TypeError, AttributeError):
            return cls(path)

    def save(self) -> None:
        data = {
            "format": FORMAT,
            "artifacts": {name: vars(entry) for name, entry in sorted(self.artifacts.items())},
            "files": dict(sorted(self.files.items())),
            "languages": dict(sorted(self.languages.items())[-8:]),  # a few recent inputs are plenty
        }
        text = json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
        atomic_write(self.path, text.encode("utf-8"))


def _read(out_dir: Path) -> bytes | None:
    """The manifest's bytes if it is a regular file of at most 64 MB (never a link's target, a FIFO that
    would block the build, or a device that never ends)."""
    folder = sealed.open_folder(out_dir)
    if folder is None:
        return None
    try:
        return sealed.read_file(folder, MANIFEST_NAME, 64 << 20)
    finally:
        os.close(folder)
