"""Results pages, the report downloads and the list of published surveys."""
