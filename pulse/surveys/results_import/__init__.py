"""Importing results exported from another survey tool: reading the export safely, and mapping
its columns and answer labels onto a wave's questions (see `pulse.surveys.services.results`)."""
