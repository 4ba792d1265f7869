"""Database access: engines, the SQLite/PostgreSQL differences, transactions, names.

Nexa talks to databases only through SQLAlchemy Core. Everything that differs
between SQLite and PostgreSQL lives in :mod:`nexa.db.dialects`.
"""
