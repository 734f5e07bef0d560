"""Data layer: SQLAlchemy models, the rules, viewer-scoped queries, demo data and migrations.

Nothing in this package knows about Dash.
"""
