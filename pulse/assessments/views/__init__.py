"""Pages of the culture self-assessment, mounted at /ics/<ics_code>/self-assessment/: rounds
and panels (ICS admins), independent rating (panel members), the consensus (the facilitator),
and results with their PDF and Excel files."""
