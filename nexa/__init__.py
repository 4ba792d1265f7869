"""Nexa: a metadata-driven framework for business applications, extended by addons.

The public surface addons use is small: :mod:`nexa.orm` (models, fields, api),
:mod:`nexa.hooks` (extension points) and :mod:`nexa.exceptions`.
"""

__version__ = "0.1.0"
