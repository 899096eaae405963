"""Writes for the culture self-assessment, one module per stage: frameworks, rounds and the
panel, the panel's own ratings, the consensus, and report files."""
