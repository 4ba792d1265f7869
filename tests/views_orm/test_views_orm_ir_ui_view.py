"""ir.ui.view records outside an install: defaults, immediate validation, deletion, archiving."""

from __future__ import annotations

import pytest

from nexa.exceptions import ValidationError

FORM = '<form><field name="name"/></form>'


def field_names(arch):
    return [node.get("name") for node in arch.iter("field")]


def create(env, **values):
    return env["ir.ui.view"].create({"name": "test view", "model": "res.partner", "arch": FORM, **values})


def test_type_comes_from_the_arch_root(env):
    assert create(env, arch="<tree><field name='name'/></tree>").type == "list"


def test_tree_type_is_stored_as_list(env):
    assert create(env, type="tree", arch="<list><field name='name'/></list>").type == "list"


def test_extension_defaults_to_its_parents_model_and_extension_mode(env):
    parent = create(env)
    child = env["ir.ui.view"].create({"name": "child", "inherit_id": parent.id,
                                      "arch": '<field name="name" position="after"><field name="email"/></field>'})
    assert (child.model, child.mode, child.type) == ("res.partner", "extension", "form")


def test_name_defaults_to_model_and_type(env):
    view = env["ir.ui.view"].create({"model": "res.partner", "arch": FORM})
    assert view.name == "res.partner.form"


def test_unknown_field_is_refused_at_once_outside_an_install(env):
    with pytest.raises(ValidationError, match=r"views\.E023.*'emial'.*did you mean 'email'"):
        create(env, arch='<form><field name="emial"/></form>')


def test_malformed_arch_is_refused_with_its_line(env):
    with pytest.raises(ValidationError, match=r"views\.E001.*line 2.*not well-formed"):
        create(env, arch='<form>\n<field name="name"></form>')


def test_view_on_unknown_model_is_refused(env):
    with pytest.raises(ValidationError, match=r"views\.E021.*'res.partnr'"):
        create(env, model="res.partnr")


def test_extension_matching_nothing_is_refused_naming_both_views(env):
    parent = create(env, name="partner base")
    with pytest.raises(ValidationError, match=r"views\.E010.*matches nothing in view 'partner base'"):
        create(env, name="partner ext", inherit_id=parent.id,
               arch='<field name="phone" position="after"><field name="email"/></field>')


def test_write_making_a_loop_is_refused(env):
    parent = create(env)
    child = create(env, inherit_id=parent.id, arch='<field name="name" position="after"/>')
    with pytest.raises(ValidationError, match=r"views\.E040.*loop"):
        parent.write({"inherit_id": child.id, "mode": "extension"})


def test_write_breaking_an_inheriting_view_is_refused(env):
    parent = create(env, arch='<form><field name="name"/><field name="email"/></form>')
    create(env, inherit_id=parent.id, arch='<field name="email" position="after"><field name="phone"/></field>')
    with pytest.raises(ValidationError, match=r"views\.E010"):
        parent.write({"arch": FORM})


def test_extension_of_another_model_is_refused(env):
    parent = create(env)
    with pytest.raises(ValidationError, match=r"views\.E041.*model 'res.company'"):
        create(env, model="res.company", inherit_id=parent.id, arch='<field name="name" position="after"/>')


def test_deleting_a_view_others_inherit_from_is_refused(env):
    parent = create(env)
    create(env, name="the child", inherit_id=parent.id, arch='<field name="name" position="after"/>')
    with pytest.raises(ValidationError, match="'the child'"):
        parent.unlink()


def test_deleting_a_view_with_its_inheriting_views_works(env):
    parent = create(env)
    child = create(env, inherit_id=parent.id, arch='<field name="name" position="after"/>')
    (parent | child).unlink()
    assert not (parent | child).exists()


@pytest.mark.addons("test_views_c")
def test_archived_extension_is_not_applied(env, combined):
    env.ref("test_views_b.order_tree_b").write({"active": False})
    assert "reference" not in field_names(combined("test_views_a.order_tree"))


@pytest.mark.addons("test_views_c")
def test_archiving_the_parent_of_an_active_extension_is_refused(env):
    with pytest.raises(ValidationError, match=r"views\.E041.*archived"):
        env.ref("test_views_b.order_form_b").write({"active": False})


def test_modifier_reading_an_unknown_name_is_refused(env):
    with pytest.raises(ValidationError, match=r"views\.E028.*'colour'"):
        create(env, arch='<form><field name="name" invisible="colour == 1"/></form>')


def test_modifier_that_does_not_parse_is_refused_with_its_column(env):
    with pytest.raises(ValidationError, match=r"views\.E027.*column 8"):
        create(env, arch='<form><field name="name" readonly="name =="/></form>')


def test_parent_in_a_subview_modifier_reads_the_parent_model(env):
    view = create(env, arch='<form><field name="is_company"/><field name="child_ids"><list>'
                            '<field name="name" readonly="parent.is_company"/></list></field></form>')
    assert view.type == "form"
