"""Every runnable example in the package's docstrings gives the output it shows."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import pulse.analysis

MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(pulse.analysis.__path__, "pulse.analysis.")
    if ".tests" not in m.name
)


def test_examples_are_found() -> None:
    assert "pulse.analysis.publish" in MODULES


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} example(s) failed in {name}"
