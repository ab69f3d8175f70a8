"""Storage: the schema, its migrations, and opening a database."""
