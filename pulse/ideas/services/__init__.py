"""Writes for the ideas space, one module per part: sign-in links, email domains, challenges and
stages, ideas and their engagement, the pipeline, moderation and notifications."""
