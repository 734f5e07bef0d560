"""FilantrImpact dashboard: app factory, configuration, pages and the command line."""

__version__ = "0.1.0"
