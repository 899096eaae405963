"""Where problems are in a workbook, and translating definition paths to cells."""

from __future__ import annotations

from dataclasses import dataclass, field

from pulse.surveys.definition import DefinitionError, Problem
from pulse.surveys.definition.model import Path

SHEET_ORDER = ("workbook", "survey", "choices", "settings")


@dataclass(frozen=True)
class Cell:
    """A place in the workbook: a sheet, optionally a row, optionally a column heading."""

    sheet: str
    row: int | None = None
    column: str | None = None

    def describe(self) -> str:
        if self.row is None:
            return f"{self.sheet} sheet" if self.sheet != "workbook" else "workbook"
        where = f"{self.sheet} row {self.row}"
        return f'{where}, column "{self.column}"' if self.column else where


@dataclass
class Report:
    """Problems found in a workbook, each reported once, in sheet and row order."""

    entries: list[tuple[Cell, str]] = field(default_factory=list)
    _seen: set[tuple[Cell, str]] = field(default_factory=set)

    def add(self, cell: Cell, message: str) -> None:
        if (cell, message) not in self._seen:
            self._seen.add((cell, message))
            self.entries.append((cell, message))

    def error(self) -> DefinitionError:
        ordered = sorted(
            self.entries,
            key=lambda entry: (SHEET_ORDER.index(entry[0].sheet), entry[0].row or 0),
        )
        return DefinitionError(
            [Problem(location=cell.describe(), message=message) for cell, message in ordered]
        )


@dataclass
class Locator:
    """Maps definition paths (``("sections", 0, "questions", 2, "text")``) to cells."""

    cells: dict[Path, Cell] = field(default_factory=dict)

    def add(self, path: Path, cell: Cell) -> None:
        self.cells[path] = cell

    def find(self, path: Path) -> Cell:
        """The cell registered for ``path`` or, failing that, its nearest ancestor."""
        while path:
            if path in self.cells:
                return self.cells[path]
            path = path[:-1]
        return self.cells.get((), Cell("survey"))
