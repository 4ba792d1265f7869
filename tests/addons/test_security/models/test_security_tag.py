"""test.security.tag: tags of documents (many2many); private tags are hidden from readers."""

from nexa.orm import Model, fields


class Tag(Model):
    _name = "test.security.tag"
    _description = "Security Tag"
    _order = "name"

    name = fields.Char(required=True)
    private = fields.Boolean()
