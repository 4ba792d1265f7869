"""Reports: rendered with the user's rights, to PDF and HTML, downloadable from /report/."""

import json
import urllib.request
from http.cookiejar import CookieJar

import pytest

from nexa.exceptions import AccessError, UserError
from nexa.reports.service import render_report


@pytest.mark.demo
def test_the_contact_sheet_is_a_pdf_named_after_the_partner(env):
    azure = env.ref("base.res_partner_azure")
    content, mimetype, filename = render_report(env, "base.report_partner", [azure.id], "pdf")
    assert content.startswith(b"%PDF-") and mimetype == "application/pdf"
    assert filename == "Contact - Azure Interior.pdf"


@pytest.mark.demo
def test_the_html_version_escapes_the_data(env):
    azure = env.ref("base.res_partner_azure")
    azure.write({"function": "<script>alert(1)</script>", "name": "Azure <b>Interior</b>"})
    content, mimetype, _name = render_report(env, "base.report_partner", [azure.id], "html")
    assert mimetype == "text/html"
    assert b"<script>" not in content and b"Azure &lt;b&gt;Interior&lt;/b&gt;" in content
    assert b"Brandon Freeman" in content  # the contacts table


def test_a_user_cannot_print_what_a_rule_hides(env):
    hidden = env["res.partner"].create({"name": "Hidden from the printer"})
    model = env["ir.model"].search([("model", "=", "res.partner")])
    group = env.ref("base.group_user")
    env["ir.rule"].create({"name": "no hidden", "model_id": model.id, "groups": [(6, 0, [group.id])],
                           "domain_force": "[('name', '!=', 'Hidden from the printer')]"})
    user = env["res.users"].create({"name": "Printer", "login": "printer_t"})
    with pytest.raises(AccessError):
        render_report(env(user=user.id, su=False), "base.report_partner", [hidden.id], "pdf")


def test_an_unknown_report_or_format_is_a_clear_error(env):
    with pytest.raises(UserError, match=r"No report called 'base\.nope'"):
        render_report(env, "base.nope", [1], "pdf")
    with pytest.raises(UserError, match="Unknown report format 'docx'"):
        render_report(env, "base.report_partner", [1], "docx")


def test_the_report_url_needs_a_session_and_downloads_the_pdf(live_server, rpc_database):
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    with urllib.request.urlopen(f"{live_server}/report/pdf/base.report_partner/1") as anonymous:
        assert "/web/login" in anonymous.url  # redirected to log in first
        assert anonymous.headers["Content-Type"].startswith("text/html")
    body = json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": {
        "db": rpc_database, "login": "admin", "password": "admin"}}).encode()
    opener.open(urllib.request.Request(f"{live_server}/web/session/authenticate", body,
                                       {"Content-Type": "application/json"}))
    with opener.open(f"{live_server}/report/pdf/base.report_partner/1") as response:
        assert response.headers["Content-Type"] == "application/pdf"
        assert "attachment" in response.headers["Content-Disposition"]
        assert response.read().startswith(b"%PDF-")
