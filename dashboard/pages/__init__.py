"""The pages; each has a ``register(settings)`` that adds it to Dash's page registry."""
