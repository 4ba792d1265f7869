"""What the shell loads: the static import graph of the client, and manifest bundles."""

from pathlib import Path

from addons.web.controllers.assets import bundle_files, static_imports

WEB = Path(__file__).resolve().parents[1]


def test_static_imports_follow_relative_imports_from_the_entry(tmp_path):
    source = tmp_path / "static" / "src"
    (source / "views").mkdir(parents=True)
    (source / "main.js").write_text('import { a } from "./views/a.js";\nexport { b } from "./b.js";\n')
    (source / "views" / "a.js").write_text('import "../b.js";\nconst lazy = () => import("./c.js");\n')
    (source / "b.js").write_text("export const b = 1;\n")
    (source / "views" / "c.js").write_text("export const c = 1;\n")
    assert static_imports(tmp_path) == ["static/src/main.js", "static/src/views/a.js", "static/src/b.js"]


def test_the_client_entry_does_not_pull_the_form_view_statically():
    modules = static_imports(WEB)
    assert modules[0] == "static/src/main.js"
    assert "static/src/views/form/form_view.js" not in modules


def test_bundle_files_keep_pattern_order_and_ignore_paths_outside_static(tmp_path):
    (tmp_path / "static").mkdir()
    for name in ("b.css", "a.css"):
        (tmp_path / "static" / name).write_text("")
    (tmp_path / "secret.css").write_text("")
    found = bundle_files("x", tmp_path, ["static/b.css", "static/*.css", "secret.css", "static/../secret.css"])
    assert [url for url, _path in found] == ["/x/static/b.css", "/x/static/a.css"]
