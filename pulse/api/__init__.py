"""The read-only REST API (django-ninja, OpenAPI at /api/openapi.json), with personal API tokens."""
