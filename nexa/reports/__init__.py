"""Printable reports: templates rendered with the user's rights, to PDF, HTML or CSV.

A report template is a Jinja2 file in an addon's ``reports/`` folder producing
*report markup*, a small XML vocabulary (``document``, ``page``, ``h1``/``h2``,
``p``, ``table``/``tr``/``th``/``td``, ``fields``/``field``, ``spacer``) that
:mod:`nexa.reports.pdf` lays out with reportlab and :mod:`nexa.reports.html`
turns into an HTML page. Templates run in Jinja2's sandbox with autoescaping,
and read the records through the requesting user's environment, so access
rights and record rules hold in reports as everywhere else.
"""
