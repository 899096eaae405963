"""Display values for results: NHS wording, hidden cells in words, charts with their tables."""
