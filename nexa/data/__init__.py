"""Loading addon data: XML and CSV records, external ids, and the safe evaluator.

Data files are written by addon authors and records are edited by
administrators, yet both carry Python-like expressions (``eval="..."`` values,
record-rule domains, server-action code). Everything here treats them as
untrusted: expressions only ever run through :mod:`nexa.data.safe_eval`.
"""
