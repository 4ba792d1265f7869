"""Test addon that can never be installed: its external dependencies do not exist."""
