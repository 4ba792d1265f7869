"""The registry composes one class per model from every addon's definitions (nexa.orm.registry).

The first half builds registries from definitions written here, without a
database (``build_registry`` is a pure function); the second half checks the
registries the test addons tests/addons/test_inherit_{a,b,c} give real databases.
"""

from __future__ import annotations

import pytest

from nexa.exceptions import ModelDefinitionError
from nexa.orm import AbstractModel, Model, TransientModel, fields
from nexa.orm.registry import build_registry
from nexa.problems import ProblemsFound

# -- definitions of three imaginary addons -------------------------------------------------------


class BaseThing(Model):
    _name = "x.thing"
    _description = "Thing"

    name = fields.Char(required=True)
    size = fields.Integer(default=1)

    def chain(self) -> list[str]:
        return ["one"]


class Labelled(AbstractModel):
    _name = "x.labelled"

    label = fields.Char()

    def chain(self) -> list[str]:
        return [*super().chain(), "mixin"]


class ThingTwo(Model):
    _inherit = ["x.thing", "x.labelled"]

    colour = fields.Char()
    size = fields.Integer(default=2)

    def chain(self) -> list[str]:
        return [*super().chain(), "two"]


class Gadget(Model):
    _name = "x.gadget"
    _inherit = "x.thing"

    def chain(self) -> list[str]:
        return [*super().chain(), "gadget"]


class ThingThree(Model):
    _inherit = "x.thing"

    weight = fields.Float()

    def chain(self) -> list[str]:
        return [*super().chain(), "three"]


class Holder(Model):
    _name = "x.holder"
    _inherits = {"x.thing": "thing_id"}

    code = fields.Char()


class Draft(TransientModel):
    _name = "x.draft"

    note = fields.Text()


DEFINITIONS = {"one": [BaseThing, Labelled], "two": [ThingTwo, Gadget], "three": [ThingThree, Holder, Draft]}
ORDER = ["one", "two", "three"]


@pytest.fixture(scope="module")
def registry():
    return build_registry(ORDER, DEFINITIONS)


def test_each_model_name_gets_one_composed_class(registry):
    assert sorted(registry.models) == ["x.draft", "x.gadget", "x.holder", "x.labelled", "x.thing"]


def test_composed_class_is_not_any_definition(registry):
    assert registry["x.thing"] not in (BaseThing, ThingTwo, ThingThree)


def records(registry, name):
    """An empty recordset of ``name`` without environment: enough to call plain methods."""
    return registry[name]._browse(None, (), ())


def test_super_chains_through_every_contribution_in_load_order(registry):
    assert records(registry, "x.thing").chain() == ["one", "two", "three"]


def test_mixin_methods_come_after_the_model_it_is_mixed_into(registry):
    mro = registry["x.thing"].__mro__
    assert mro.index(BaseThing) < mro.index(registry["x.labelled"])


def test_extension_adds_fields_of_every_addon(registry):
    assert {"name", "size", "label", "colour", "weight"} <= set(registry["x.thing"]._fields)


def test_extension_redeclaring_a_field_changes_its_options(registry):
    assert registry["x.thing"]._fields["size"].default == 2


def test_composed_class_records_the_addons_that_contributed(registry):
    assert registry["x.thing"]._addons == ("one", "two", "three")


def test_prototype_copies_the_final_model_including_later_extensions(registry):
    assert {"name", "colour", "weight"} <= set(registry["x.gadget"]._fields)
    assert records(registry, "x.gadget").chain() == ["one", "two", "three", "gadget"]


def test_prototype_gets_its_own_table(registry):
    assert registry["x.gadget"]._table == "x_gadget"


def test_prototype_fields_are_distinct_objects_bound_to_the_new_model(registry):
    field = registry["x.gadget"]._fields["name"]
    assert field is not registry["x.thing"]._fields["name"]
    assert field.model_name == "x.gadget"


def test_delegation_adds_a_required_cascading_link(registry):
    link = registry["x.holder"]._fields["thing_id"]
    assert (link.type, link.comodel_name, link.required, link.ondelete) == ("many2one", "x.thing", True, "cascade")


def test_delegation_exposes_the_parent_fields_as_related(registry):
    name = registry["x.holder"]._fields["name"]
    assert (name.related, name.store) == ("thing_id.name", False)


def test_abstract_model_has_no_table(registry):
    assert registry["x.labelled"]._table_obj is None
    assert "x_labelled" not in registry.metadata.tables


def test_transient_model_has_a_table_and_is_flagged(registry):
    draft = registry["x.draft"]
    assert draft._transient is True
    assert "x_draft" in registry.metadata.tables


def test_log_access_fields_are_added_to_stored_models(registry):
    assert {"create_uid", "create_date", "write_uid", "write_date"} <= set(registry["x.thing"]._fields)


def test_two_builds_share_definitions_but_not_classes_or_fields():
    first = build_registry(ORDER, DEFINITIONS)
    second = build_registry(["one"], {"one": DEFINITIONS["one"]})
    assert first["x.thing"] is not second["x.thing"]
    assert first["x.thing"]._fields["name"] is not second["x.thing"]._fields["name"]
    assert "colour" not in second["x.thing"]._fields
    assert records(second, "x.thing").chain() == ["one"]


# -- definition errors ----------------------------------------------------------------------------


def test_extending_an_undefined_model_names_addon_model_and_closest_name():
    class Typo(Model):
        _inherit = "x.thingg"

    with pytest.raises(ModelDefinitionError) as error:
        build_registry(["one", "bad"], {"one": [BaseThing], "bad": [Typo]})
    assert "addon 'bad'" in str(error.value)
    assert "'x.thingg'" in str(error.value)
    assert "did you mean 'x.thing'?" in str(error.value)
    assert (error.value.addon, error.value.model) == ("bad", "x.thingg")


def test_extending_a_model_of_a_later_addon_is_refused():
    class Early(Model):
        _inherit = "x.thing"

    with pytest.raises(ModelDefinitionError, match="which no installed addon defines before it"):
        build_registry(["early", "one"], {"early": [Early], "one": [BaseThing]})


def test_prototype_of_an_undefined_model_names_both_models():
    class Orphan(Model):
        _name = "x.orphan"
        _inherit = "x.nowhere"

    with pytest.raises(ModelDefinitionError) as error:
        build_registry(["one"], {"one": [Orphan]})
    assert "'x.orphan'" in str(error.value) and "'x.nowhere'" in str(error.value)


def test_unknown_field_option_names_field_and_suggests_the_option():
    class Misspelt(Model):
        _name = "x.misspelt"
        name = fields.Char(requird=True)

    with pytest.raises(ModelDefinitionError) as error:
        build_registry(["one"], {"one": [Misspelt]})
    assert "x.misspelt.name" in str(error.value)
    assert "'requird'" in str(error.value) and "did you mean 'required'?" in str(error.value)
    assert error.value.field == "name"


def test_invalid_ondelete_names_the_field_and_the_value():
    class Bad(Model):
        _name = "x.bad"
        other_id = fields.Many2one("x.bad", ondelete="explode")

    with pytest.raises(ModelDefinitionError) as error:
        build_registry(["one"], {"one": [Bad]})
    assert "x.bad.other_id" in str(error.value) and "'explode'" in str(error.value)


def test_unknown_comodel_is_reported_with_the_field_and_a_suggestion():
    class Pointing(Model):
        _name = "x.pointing"
        thing_id = fields.Many2one("x.thign")

    with pytest.raises(ProblemsFound) as error:
        build_registry(["one"], {"one": [BaseThing, Pointing]})
    assert "models.E001" in str(error.value)
    assert "field thing_id" in str(error.value) and "'x.thign'" in str(error.value)
    assert "did you mean 'x.thing'?" in str(error.value)


def test_every_definition_problem_is_reported_at_once():
    class Broken(Model):
        _name = "x.broken"
        a_id = fields.Many2one("x.nope")
        b_ids = fields.One2many("x.broken", "nothing")
        c = fields.Char(related="a_id.name")

    with pytest.raises(ProblemsFound) as error:
        build_registry(["one"], {"one": [Broken]})
    ids = sorted(problem.id for problem in error.value.problems)
    assert ids == ["models.E001", "models.E002", "models.E003"]


def test_a_class_with_neither_name_nor_inherit_is_refused():
    class Nameless(Model):
        pass

    Nameless._inherit = ()  # written in the class body it is not enough to be a definition
    with pytest.raises(ModelDefinitionError, match="neither _name nor _inherit"):
        build_registry(["one"], {"one": [Nameless]})


def test_prototypes_inheriting_each_other_in_a_cycle_show_the_chain():
    class Left(Model):
        _name = "x.left"
        _inherit = "x.right"

    class Right(Model):
        _name = "x.right"
        _inherit = "x.left"

    with pytest.raises(ModelDefinitionError):
        build_registry(["one"], {"one": [Left, Right]})


# -- registries of real databases -------------------------------------------------------------------


@pytest.mark.addons("test_inherit_c")
def test_installed_addons_compose_test_animal_in_dependency_order(env):
    assert env["test.animal"]._addons == ("test_inherit_a", "test_inherit_b", "test_inherit_c")


@pytest.mark.addons("test_inherit_c")
def test_method_overridden_in_three_addons_chains_with_super(env):
    lion = env.ref("test_inherit_a.animal_lion")
    assert lion.describe() == ["a", "b", "c"]


@pytest.mark.addons("test_inherit_c")
def test_prototype_model_reaches_every_contribution_then_its_own(env):
    pet = env["test.pet"].create({"name": "Rex"})
    assert pet.describe() == ["a", "b", "c", "pet"]


@pytest.mark.addons("test_inherit_c")
def test_prototype_gets_fields_added_by_a_later_addon(env):
    assert "weight" in env["test.pet"]._fields


@pytest.mark.addons("test_inherit_c")
def test_abstract_mixin_gives_fields_and_methods(env):
    animal = env["test.animal"].create({"name": "Crow", "noise": "caw"})
    assert animal.make_noise() == "CAW"


@pytest.mark.addons("test_inherit_c")
def test_abstract_mixin_cannot_be_searched(env):
    with pytest.raises(Exception, match=r"test\.mixin\.noisy is abstract"):
        env["test.mixin.noisy"].search([])


@pytest.mark.addons("test_inherit_c")
def test_transient_model_records_can_be_created_and_used(env):
    animal = env["test.animal"].create({"name": "Snake", "legs": 0})
    wizard = env["test.animal.wizard"].create({"animal_ids": [(6, 0, animal.ids)], "new_legs": 6})
    wizard.action_apply()
    assert env["test.animal.wizard"]._transient is True
    assert animal.legs == 6


@pytest.mark.addons("test_inherit_a")
def test_database_without_the_extensions_has_the_plain_model(env):
    assert "color" not in env["test.animal"]._fields
    assert env.ref("test_inherit_a.animal_lion").describe() == ["a"]


def test_two_databases_in_one_process_get_different_registries(nexa_runtime, nexa_databases):
    plain = nexa_runtime.database(nexa_databases.get(["test_inherit_a"])).registry
    extended = nexa_runtime.database(nexa_databases.get(["test_inherit_c"])).registry
    assert plain is not extended
    assert plain["test.animal"] is not extended["test.animal"]
    assert "test.dog" in extended and "test.dog" not in plain
