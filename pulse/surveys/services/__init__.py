"""Writes for surveys: instruments, waves, drafts and responses."""
