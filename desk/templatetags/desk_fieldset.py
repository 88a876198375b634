"""The admin's fieldset (``admin/includes/fieldset.html``) written out in Python.

Every form on a desk page is laid out by that template, field by field, and its
thirty-odd variable lookups and conditions per field were the claim page's
largest share after the widgets themselves. ``templates/admin/includes/
fieldset.html`` calls ``fieldset_html`` instead; it gives what Django 5.2's file
gives, whitespace aside (a run of it where the file has one, none where it has
none). ``tests/desk/test_fieldset_tag.py`` renders fieldsets of every kind both
ways, through Django's own file, and compares them: a Django upgrade that
changes the file fails there until this follows.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.base import render_value_in_context
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def _field_attr(field: Any, name: str) -> Any:
    """``field.field.<name>`` as the template reads it: an editable field's bound
    field, or a read-only field's dict; "" where there is none."""
    inner = field.field
    if isinstance(inner, dict):
        return inner.get(name, "")
    return getattr(inner, name, "")


def render_fieldset(
    context: template.Context,
    fieldset: Any,
    heading_level: Any = None,
    prefix: Any = "",
    id_prefix: Any = "",
    id_suffix: Any = "",
) -> SafeString:
    def out(value: Any) -> str:
        return render_value_in_context(value, context)

    chunks: list[str] = []
    add = chunks.append
    name = fieldset.name
    heading = f"{out(prefix)}-{out(id_prefix)}-{out(id_suffix)}-heading"
    labelled = f' aria-labelledby="{heading}"' if name else ""
    add(f'<fieldset class="module aligned {out(fieldset.classes)}"{labelled}>')
    collapsible = bool(name) and fieldset.is_collapsible
    if name:
        level = out(heading_level or 2)
        add("<details><summary>" if collapsible else "")
        add(f'<h{level} id="{heading}" class="fieldset-heading">{out(name)}</h{level}>')
        add("</summary>" if collapsible else "")
    if fieldset.description:
        add(f'<div class="description">{fieldset.description}</div>')
    for line in fieldset:
        fields = list(line)
        single = len(line.fields) == 1
        errors = line.errors() if single else ""
        row = "form-row"
        row += " errors" if single and errors else ""
        row += "" if line.has_visible_field else " hidden"
        for field in fields:
            field_name = _field_attr(field, "name")
            row += f" field-{out(field_name)}" if field_name else ""
        add(f'<div class="{row}">')
        add(out(errors) if single else '<div class="flex-container form-multiline">')
        for field in fields:
            readonly = field.is_readonly
            add("<div>")
            field_errors = "" if single or readonly else field.errors()
            if not single and not readonly:
                add(out(field_errors))
            box = "flex-container"
            if not single:
                field_name = _field_attr(field, "name")
                box += " fieldBox"
                box += f" field-{out(field_name)}" if field_name else ""
                box += " errors" if not readonly and field_errors else ""
                box += " hidden" if _field_attr(field, "is_hidden") else ""
            box += " checkbox-row" if field.is_checkbox else ""
            add(f'<div class="{box}">')
            if field.is_checkbox:
                add(out(field.field) + out(field.label_tag()))
            else:
                add(out(field.label_tag()))
                if readonly:
                    add(f'<div class="readonly">{out(field.contents())}</div>')
                else:
                    add(out(field.field))
            add("</div>")
            help_text = _field_attr(field, "help_text")
            if help_text:
                hidden = " hidden" if _field_attr(field, "is_hidden") else ""
                label_id = _field_attr(field, "id_for_label")
                help_id = f' id="{out(label_id)}_helptext"' if label_id else ""
                add(f'<div class="help{hidden}"{help_id}>')
                add(f"<div>{help_text}</div>")
                add("</div>")
            add("</div>")
        add("" if single else "</div>")
        add("</div>")
    add("</details>" if collapsible else "")
    add("</fieldset>")
    return mark_safe("\n".join(chunk for chunk in chunks if chunk))


@register.simple_tag(takes_context=True)
def fieldset_html(context: template.Context) -> SafeString:
    """The fieldset of the including template's context, with the variables
    Django's ``{% include "admin/includes/fieldset.html" with … %}`` passes."""
    return render_fieldset(
        context,
        context.get("fieldset"),
        context.get("heading_level"),
        context.get("prefix", ""),
        context.get("id_prefix", ""),
        context.get("id_suffix", ""),
    )
