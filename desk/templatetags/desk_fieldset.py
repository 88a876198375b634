"""The admin's fieldset and inline templates written out in Python.

Every form on a desk page is laid out by ``admin/includes/fieldset.html``, and the
claim page's inlines by ``admin/edit_inline/tabular.html`` and ``stacked.html``,
field by field; their thirty-odd variable lookups and conditions per field were the
claim page's largest share after the widgets themselves. The project's templates of
those names call the tags here instead, which give what Django 5.2's files give,
whitespace aside (a run of it where the file has one, none where it has none).
``tests/desk/test_fieldset_tag.py`` renders fieldsets of every kind and whole desk
pages both ways, through Django's own files, and compares them: a Django upgrade
that changes a file fails there until this follows.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.contrib.admin.templatetags.admin_modify import cell_count
from django.contrib.admin.utils import quote
from django.template import defaultfilters
from django.template.base import render_value_in_context
from django.templatetags.static import static
from django.urls import reverse
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.translation import gettext

register = template.Library()


def _field_attr(field: Any, name: str) -> Any:
    """``field.field.<name>`` as the template reads it: an editable field's bound
    field, or a read-only field's dict; "" where there is none."""
    inner = field.field
    if isinstance(inner, dict):
        return inner.get(name, "")
    return getattr(inner, name, "")


def _capfirst(value: Any) -> Any:
    """The ``capfirst`` filter, which keeps a safe value safe."""
    text = defaultfilters.capfirst(value)
    return mark_safe(text) if isinstance(value, SafeData) else text


def _strip_tags(value: Any) -> Any:
    """The ``striptags`` filter, which keeps a safe value safe."""
    text = defaultfilters.striptags(value)
    return mark_safe(text) if isinstance(value, SafeData) else text


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


def _inline_heading(out: Any, formset: Any, prefix: str) -> list[str]:
    """An inline's fieldset opening and heading, as both inline files write them."""
    collapsible = formset.is_collapsible
    opts = formset.opts
    name = (
        opts.verbose_name if formset.formset.max_num == 1 else opts.verbose_name_plural
    )
    return [
        f'<fieldset class="module {out(formset.classes)}" '
        f'aria-labelledby="{prefix}-heading">',
        "<details><summary>" if collapsible else "",
        f'<h2 id="{prefix}-heading" class="inline-heading">',
        out(_capfirst(name)),
        "</h2>",
        "</summary>" if collapsible else "",
    ]


def _change_link(context: template.Context, out: Any, formset: Any, form: Any) -> str:
    """The link to a saved row's own page, where its admin shows one."""
    admin = form.model_admin
    if not (admin.show_change_link and admin.has_registered_model):
        return ""
    url = reverse(
        f"admin:{admin.opts.app_label}_{admin.opts.model_name}_change",
        args=[quote(form.original.pk)],
        current_app=getattr(context.get("request"), "current_app", None),
    )
    changes = formset.has_change_permission
    return (
        f'<a href="{out(url)}" class="'
        f'{"inlinechangelink" if changes else "inlineviewlink"}">'
        f"{out(gettext('Change') if changes else gettext('View'))}</a>"
    )


def _site_link(out: Any, form: Any) -> str:
    return f'<a href="{out(form.absolute_url)}">{out(gettext("View on site"))}</a>'


def _keys(out: Any, form: Any) -> list[str]:
    """A form's hidden primary key (where needed) and link to its parent."""
    return [
        out(form.pk_field().field) if form.needs_explicit_pk_field() else "",
        out(form.fk_field().field) if form.fk_field() else "",
    ]


def render_tabular(context: template.Context, formset: Any) -> SafeString:
    """``admin/edit_inline/tabular.html``: an inline as a table, a row per form."""

    def out(value: Any) -> str:
        return render_value_in_context(value, context)

    chunks: list[str] = []
    add = chunks.append
    prefix = out(formset.formset.prefix)
    outer = context.get("forloop") or {}
    add(f'<div class="js-inline-admin-formset inline-group" id="{prefix}-group"')
    add('data-inline-type="tabular"')
    add(f'data-inline-formset="{out(formset.inline_formset_data())}">')
    last = "last-related" if outer.get("last") else ""
    add(f'<div class="tabular inline-related {last}">')
    add(out(formset.formset.management_form))
    chunks += _inline_heading(out, formset, prefix)
    add(out(formset.formset.non_form_errors()))
    add("<table>")
    add("<thead><tr>")
    add('<th class="original"></th>')
    for field in formset.fields():
        column = f"column-{out(field['name'])}"
        column += " required" if field["required"] else ""
        widget = field["widget"]  # a widget, or for a read-only field a dict
        hidden = (
            widget.get("is_hidden") if isinstance(widget, dict) else widget.is_hidden
        )
        column += " hidden" if hidden else ""
        add(f'<th class="{column}">{out(_capfirst(field["label"]))}')
        if field["help_text"]:
            helped = out(_strip_tags(field["help_text"]))
            add(
                f'<img src="{out(static("admin/img/icon-unknown.svg"))}" '
                f'class="help help-tooltip" width="10" height="10" alt="({helped})" '
                f'title="{helped}">'
            )
        add("</th>")
    deletes = formset.formset.can_delete and formset.has_delete_permission
    add(f"<th>{out(gettext('Delete?')) if deletes else ''}</th>")
    add("</tr></thead>")
    add("<tbody>")
    forms = list(formset)
    for index, form in enumerate(forms):
        blank = index == len(forms) - 1 and formset.has_add_permission
        errors = form.form.non_field_errors()
        if errors:
            add(
                f'<tr class="row-form-errors"><td colspan="{out(cell_count(form))}">'
                f"{out(errors)}</td></tr>"
            )
        original = form.original
        row = "form-row "
        row += "has_original" if original or form.show_url else ""
        row += " empty-form" if blank else ""
        add(f'<tr class="{row}"')
        add(f'id="{prefix}-{"empty" if blank else out(index)}">')
        add('<td class="original">')
        if original or form.show_url:
            add("<p>")
            if original:
                add(out(original))
                add(_change_link(context, out, formset, form))
            add(_site_link(out, form) if form.show_url else "")
            add("</p>")
        chunks += _keys(out, form)
        add("</td>")
        for fieldset in form:
            for line in fieldset:
                for field in line:
                    field_name = _field_attr(field, "name")
                    cell = f"field-{out(field_name)}" if field_name else ""
                    cell += " hidden" if _field_attr(field, "is_hidden") else ""
                    add(f'<td class="{cell}">')
                    if field.is_readonly:
                        add(f"<p>{out(field.contents())}</p>")
                    else:
                        add(out(field.field.errors.as_ul()))
                        add(out(field.field))
                    add("</td>")
        deletion = ""
        if deletes and original:
            deletion = out(form.deletion_field().field)
        add(f'<td class="delete">{deletion}</td>')
        add("</tr>")
    add("</tbody>")
    add("</table>")
    add("</details>" if formset.is_collapsible else "")
    add("</fieldset>")
    add("</div>")
    add("</div>")
    return mark_safe("\n".join(chunk for chunk in chunks if chunk))


@register.simple_tag(takes_context=True)
def tabular_inline_html(context: template.Context) -> SafeString:
    """The inline of the including template's context (``inline_admin_formset``)."""
    return render_tabular(context, context.get("inline_admin_formset"))


def render_stacked(context: template.Context, formset: Any) -> SafeString:
    """``admin/edit_inline/stacked.html``: an inline as a form after a form."""

    def out(value: Any) -> str:
        return render_value_in_context(value, context)

    chunks: list[str] = []
    add = chunks.append
    prefix = out(formset.formset.prefix)
    add('<div class="js-inline-admin-formset inline-group"')
    add(f'id="{prefix}-group"')
    add('data-inline-type="stacked"')
    add(f'data-inline-formset="{out(formset.inline_formset_data())}">')
    chunks += _inline_heading(out, formset, prefix)
    add(out(formset.formset.management_form))
    add(out(formset.formset.non_form_errors()))
    deletes = formset.formset.can_delete and formset.has_delete_permission
    forms = list(formset)
    for index, form in enumerate(forms):
        blank = index == len(forms) - 1 and formset.has_add_permission
        original = form.original
        kind = "inline-related"
        kind += " has_original" if original or form.show_url else ""
        kind += " empty-form last-related" if blank else ""
        label = f"#{index + 1}"
        if original:
            link = _change_link(context, out, formset, form)
            label = f"{out(original)}{' ' if link else ''}{link}\n"
        opening = (
            f'<div class="{kind}" id="{prefix}-{"empty" if blank else out(index)}">'
        )
        if index:  # the file has no space between one form's end and the next
            chunks[-1] += opening
        else:
            add(opening)
        add(
            f"<h3><b>{out(_capfirst(formset.opts.verbose_name))}:</b> "
            f'<span class="inline_label">{label}</span>'
        )
        add(_site_link(out, form) if form.show_url else "")
        if deletes and original:
            deletion = form.deletion_field()
            add(
                f'<span class="delete">{out(deletion.field)} '
                f"{out(deletion.label_tag())}</span>"
            )
        add("</h3>")
        add(out(form.form.non_field_errors()))
        for number, fieldset in enumerate(form):
            add(
                render_fieldset(
                    context, fieldset, 4, fieldset.formset.prefix, index, number
                )
            )
        chunks += _keys(out, form)
        add("</div>")
    add("</fieldset>")
    add("</div>")
    return mark_safe("\n".join(chunk for chunk in chunks if chunk))


@register.simple_tag(takes_context=True)
def stacked_inline_html(context: template.Context) -> SafeString:
    """The inline of the including template's context (``inline_admin_formset``)."""
    return render_stacked(context, context.get("inline_admin_formset"))
