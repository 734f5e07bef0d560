"""Layout pieces and figures built from plain data; nothing here queries a database."""
