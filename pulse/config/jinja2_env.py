"""The Jinja2 environment: NHS design system macros, URL reversing and display filters."""

from pathlib import Path
from typing import Any

import nhsuk_frontend_jinja
from django.conf import settings
from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from jinja2 import (
    ChainableUndefined,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    select_autoescape,
)

from pulse.core.formatting import nhs_date
from pulse.nhsuk_forms.rendering import error_list, field_params

NHSUK_TEMPLATES = Path(nhsuk_frontend_jinja.__file__).parent / "templates"


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def environment(**options: Any) -> Environment:
    loader = options.pop("loader")
    options["undefined"] = ChainableUndefined
    # Escape HTML templates; plain-text emails (.txt) are not HTML.
    options["autoescape"] = select_autoescape(["jinja", "html", "svg"], default=False)
    options.setdefault("trim_blocks", True)
    options.setdefault("lstrip_blocks", True)
    env = Environment(**options)  # noqa: S701 - autoescape is set just above
    # App templates first (<app>/jinja2/), then the NHS design system macros ("nhsuk/...").
    env.loader = ChoiceLoader([loader, FileSystemLoader(NHSUK_TEMPLATES)])
    env.globals.update(
        {
            "url": url,
            "static": static,
            "get_messages": get_messages,
            "service_name": "Leadership Pulse",
            "min_group_size": settings.PULSE_MIN_GROUP_SIZE,
            "field_params": field_params,
            "error_list": error_list,
        }
    )
    env.filters["nhs_date"] = nhs_date
    return env
