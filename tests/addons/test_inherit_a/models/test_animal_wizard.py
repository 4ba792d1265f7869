"""test.animal.wizard: a transient model changing the legs of several animals."""

from __future__ import annotations

from nexa.orm import TransientModel, fields


class AnimalWizard(TransientModel):
    _name = "test.animal.wizard"
    _description = "Change Legs"

    animal_ids = fields.Many2many("test.animal", string="Animals")
    new_legs = fields.Integer(required=True)

    def action_apply(self) -> bool:
        for wizard in self:
            wizard.animal_ids.write({"legs": wizard.new_legs})
        return True
