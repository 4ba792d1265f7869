"""Broken test addon: depends on an addon that exists nowhere."""
