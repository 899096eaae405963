"""The built stylesheet only points at files the site serves itself: every `url()` in it
resolves to a static file beside it, and none names another host (no third-party requests)."""

import re
from pathlib import Path

import pytest
from django.conf import settings

BUILD = Path(settings.PULSE_DIR, "static", "build")
URL = re.compile(r"url\(\s*[\"']?([^\"')]+)[\"']?\s*\)")


def referenced_files() -> list[str]:
    stylesheet = BUILD / "app.css"
    if not stylesheet.exists():
        pytest.fail("pulse/static/build/app.css is missing: run `make assets` (npm run build)")
    return sorted(set(URL.findall(stylesheet.read_text())) - {""})


def test_the_stylesheet_uses_the_design_systems_icons() -> None:
    assert any("nhsuk-icon-arrow-up-down.svg" in url for url in referenced_files())


def test_every_file_the_stylesheet_names_exists_on_this_site() -> None:
    for url in referenced_files():
        if url.startswith("data:"):
            continue
        assert "//" not in url and not url.startswith("/"), f"{url} is not a relative path"
        assert (BUILD / url).resolve().is_file(), f"app.css names {url}, which is not built"
