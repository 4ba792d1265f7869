"""Testing Nexa and addons with pytest.

The plugin (registered as the ``pytest11`` entry point ``nexa``) gives:

* ``env``: an environment on a database with the addons of the test's
  ``@pytest.mark.addons(...)`` marker installed (``base`` by default), inside a
  transaction rolled back after the test;
* ``nexa_runtime``, ``nexa_database``: the runtime and the database name;
* ``count_queries``: a context manager counting the SQL statements of a block;
* ``@pytest.mark.query_budget(n)``: fail a test that runs more than ``n`` statements.

Databases are built once per session per set of addons, on SQLite by default,
on the PostgreSQL server of ``NEXA_TEST_DB_URL`` when it is set.
"""
