"""Namespace under which addon packages are imported: ``nexa.addons.<name>``.

Addon folders live anywhere on ``addons_path``; the module loader imports each
installed one as ``nexa.addons.<name>`` so addons can import each other with
``from nexa.addons.base.models.res_partner import ...`` (rarely needed: extend
models with ``_inherit`` instead).
"""
