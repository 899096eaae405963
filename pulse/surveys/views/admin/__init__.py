"""ICS admin pages for surveys, mounted at /ics/<ics_code>/surveys/: waves, their lifecycle,
local questions, and instruments imported from and exported to XLSForm."""
