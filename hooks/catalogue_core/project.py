"""Where a catalogue project keeps things: its records, its schemas and the work kept between runs.

Shared by every stage and by the adapters (the MkDocs hook, the command line), so it depends on none.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    """Where things are. Messages show record paths relative to ``root``."""

    root: Path
    records_dir: Path
    schemas_dir: Path

    @classmethod
    def at(cls, root: Path, records_dir: Path | None = None) -> Project:
        """The standard layout: ``practices/`` and ``schemas/`` in ``root``."""
        root = root.resolve()
        return cls(root, (records_dir or root / "practices").resolve(), root / "schemas")

    @property
    def shown_records_dir(self) -> str:
        """How the records folder is written in messages, e.g. ``practices``."""
        return self._shown(self.records_dir)

    @property
    def planner_file(self) -> Path:
        """The assessment planner's rules (``planner/planner.yml``); without the file, no planner."""
        return self.root / "planner" / "planner.yml"

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def cache_dir(self) -> Path:
        """Where work is kept between runs (``.cache/catalogue/``, git-ignored)."""
        return self.root / ".cache" / "catalogue"

    @property
    def shown_schemas_dir(self) -> str:
        return self._shown(self.schemas_dir)

    def _shown(self, folder: Path) -> str:
        try:
            return folder.relative_to(self.root).as_posix()
        except ValueError:
            return folder.as_posix()
