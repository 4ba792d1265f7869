"""The folders here are addons used as test fixtures, not test modules.

Their model files follow the addon convention (``models/test_animal.py`` for
``test.animal``), which pytest would otherwise collect as tests and import
outside of the addon loader; some addons are broken on purpose.
"""

collect_ignore_glob = ["*"]
