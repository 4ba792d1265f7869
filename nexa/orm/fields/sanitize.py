"""HTML sanitizing for Html fields: keep formatting, drop anything executable.

lxml's ``Cleaner`` moved to the separate ``lxml_html_clean`` package; a small
allow-list walk over the parsed tree is enough for field content and has no
dependency beyond lxml.
"""

from __future__ import annotations

from lxml import html as lxml_html

ALLOWED_TAGS = frozenset(
    [
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "code",
        "div",
        "em",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "li",
        "ol",
        "p",
        "pre",
        "s",
        "span",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "u",
        "ul",
    ]
)
ALLOWED_ATTRIBUTES = frozenset(["alt", "class", "colspan", "href", "rowspan", "src", "style", "title"])
SAFE_URL_SCHEMES = ("http:", "https:", "mailto:", "tel:", "/", "#", "data:image/")
DROPPED_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "template"})


def sanitize_html(markup: str) -> str:
    """Return ``markup`` with only allowed tags and attributes, and safe URLs."""
    fragment = lxml_html.fragment_fromstring(markup, create_parent="div")
    for element in list(fragment.iter()):
        if element is fragment or not isinstance(element.tag, str):
            if not isinstance(element.tag, str):  # comments, processing instructions
                element.drop_tree()
            continue
        tag = element.tag.lower()
        if tag in DROPPED_WITH_CONTENT:
            element.drop_tree()
        elif tag not in ALLOWED_TAGS:
            element.drop_tag()
        else:
            for name in list(element.attrib):
                value = element.attrib[name].strip().lower()
                if (
                    name not in ALLOWED_ATTRIBUTES
                    or (name in ("href", "src") and not value.startswith(SAFE_URL_SCHEMES))
                    or (name == "style" and ("expression" in value or "url(" in value))
                ):
                    del element.attrib[name]
    text = lxml_html.tostring(fragment, encoding="unicode")
    return text[len("<div>") : -len("</div>")]
