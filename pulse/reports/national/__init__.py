"""Regional and national views of the pulse check: the national publication (ADR 15), what each
analyst may see of it, its files, and the build that stores it."""
