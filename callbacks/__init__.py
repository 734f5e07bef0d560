"""Thin wiring from inputs to data_access queries and components builders."""
