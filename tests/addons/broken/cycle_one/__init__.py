"""Broken test addon: depends on cycle_two, which depends back on it."""
