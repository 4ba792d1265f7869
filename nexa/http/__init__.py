"""The HTTP layer: a thin werkzeug application in front of the RPC services and addon routes.

It only does HTTP: routing, sessions and their cookie, CSRF for form posts, body
size limits, security headers, access logs. What a call *means* is decided by
:mod:`nexa.rpc` (codecs, dispatch, services), which never sees a request.
"""
