"""Nexa benchmarks: Nexa against Tryton and the raw limit (see README.md)."""
