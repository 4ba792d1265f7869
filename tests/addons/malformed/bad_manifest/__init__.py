"""Broken test addon: its manifest has a wrong type, a string for a list and a misspelt key."""
