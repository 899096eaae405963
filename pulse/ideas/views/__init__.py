"""Views for the ideas space: thin, one service or selector each, rendered through presenters."""
