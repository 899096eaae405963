"""Load benchmark of the respondent journey and submissions (`python -m bench.load`).

See bench/README.md ("Load") and `bench/load/__main__.py`.
"""
