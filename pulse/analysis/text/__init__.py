"""Free text: redaction of personal details and theme extraction."""

from pulse.analysis.text.redact import redact
from pulse.analysis.text.themes import Theme, ThemeResult, extract_themes

__all__ = ["Theme", "ThemeResult", "extract_themes", "redact"]
