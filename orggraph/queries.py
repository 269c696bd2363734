"""The catalogue of Cypher statements kept in ``cypher/``, one statement per file.

A statement is named by its path without the suffix: ``cypher/areas/get_area.cypher`` is
``areas/get_area``. Names say what comes back: ``get_*`` one row or none, ``list_*`` many,
``count_*`` a number, ``merge_*``/``create_*``/``delete_*``/``set_*`` write.

Files are read once, when a :class:`Catalogue` is built, and never formatted: every value reaches
the database as a ``$parameter``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from .config import PROJECT_ROOT

CYPHER_DIR = PROJECT_ROOT / "cypher"


class Catalogue(Mapping[str, str]):
    """Read-only mapping of statement name to Cypher text."""

    def __init__(self, statements: dict[str, str]):
        self._statements = dict(statements)

    @classmethod
    def load(cls, root: Path = CYPHER_DIR) -> Catalogue:
        if not root.is_dir():
            raise FileNotFoundError(f"no Cypher folder at {root}")
        statements = {}
        for path in sorted(root.rglob("*.cypher")):
            name = path.relative_to(root).with_suffix("").as_posix()
            text = path.read_text(encoding="utf-8").strip()
            if not _body(text):
                raise ValueError(f"{path} holds no statement")
            if ";" in _body(text).rstrip(";"):
                raise ValueError(f"{path} holds more than one statement")
            statements[name] = text
        return cls(statements)

    def __getitem__(self, name: str) -> str:
        try:
            return self._statements[name]
        except KeyError:
            raise KeyError(f"no Cypher statement named {name!r} in the catalogue") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._statements)

    def __len__(self) -> int:
        return len(self._statements)

    def group(self, prefix: str) -> list[str]:
        """Names under a folder, in file order (``schema/`` is applied this way)."""
        return [n for n in self._statements if n.startswith(prefix.rstrip("/") + "/")]


def _body(text: str) -> str:
    """The statement without its ``//`` header comment lines."""
    return "\n".join(ln for ln in text.splitlines() if not ln.lstrip().startswith("//")).strip()
