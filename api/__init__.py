"""Read-only JSON API over published fact-checks (``/api/``), documented at
``/api/schema/`` (OpenAPI 3, drf-spectacular)."""
