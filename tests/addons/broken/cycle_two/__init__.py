"""Broken test addon: depends on cycle_one, which depends back on it."""
