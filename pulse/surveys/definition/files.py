"""Loading a definition from a YAML file."""

from __future__ import annotations

from pathlib import Path

import yaml

from pulse.surveys.definition.model import Definition, DefinitionError, Problem
from pulse.surveys.definition.parse import parse_definition


def load_definition_file(path: str | Path) -> Definition:
    """Read a YAML definition (``yaml.safe_load``) and validate it with ``parse_definition``.

    A file that is not valid YAML raises ``DefinitionError`` with one problem naming the line.
    """
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path.name} line {mark.line + 1}" if mark is not None else path.name
        reason = getattr(error, "problem", None) or str(error)
        raise DefinitionError(
            [Problem(location=where, message=f"This is not valid YAML: {reason}.")]
        ) from None
    except UnicodeDecodeError:
        raise DefinitionError(
            [Problem(location=path.name, message="Save the file as UTF-8 text.")]
        ) from None
    return parse_definition(data)
