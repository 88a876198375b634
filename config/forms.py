"""The form renderer: Django's templates, with the one-line widget templates written
out in Python.

A form widget is rendered through the template engine, and so is every error list,
empty or not: the desk's claim page renders some 250 of these tiny templates (inputs,
their attributes, select options, empty error lists), a third of its time. The
templates handled here are short enough to say exactly in code:
``django/forms/widgets/input.html`` and the inputs that only include it, ``attrs``,
``select`` with ``select_option``, ``textarea``, labels, and an empty error list.
Each is used only while the template that would be loaded is Django's own (an app
overriding it gets its template), and only for the context Django's widgets give
it; anything else goes to the template engine. ``tests/config/test_forms.py``
renders every widget kind both ways and compares the output.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import django
from django.forms.renderers import DjangoTemplates
from django.template import Context
from django.template.base import render_value_in_context
from django.template.exceptions import TemplateDoesNotExist
from django.utils.functional import cached_property
from django.utils.safestring import SafeData, mark_safe

WIDGETS = "django/forms/widgets/"
#: Django's input templates that are ``{% include "…/input.html" %}`` and nothing else
INPUTS = {
    f"{WIDGETS}{name}.html"
    for name in [
        *("input", "checkbox", "color", "date", "datetime", "email", "hidden"),
        *("number", "password", "search", "tel", "text", "time", "url"),
    ]
}
SELECT = f"{WIDGETS}select.html"
OPTION = f"{WIDGETS}select_option.html"
TEXTAREA = f"{WIDGETS}textarea.html"
ERRORS = {"django/forms/errors/list/default.html", "django/forms/errors/list/ul.html"}
LABEL = "django/forms/label.html"
#: What the fast paths stand in for: each must still be Django's own file.
OWN = (
    INPUTS
    | ERRORS
    | {
        f"{WIDGETS}attrs.html",
        SELECT,
        OPTION,
        TEXTAREA,
        LABEL,
        "django/forms/attrs.html",
    }
)

_DJANGO_FORMS = Path(django.__file__).parent / "forms" / "templates"
_CONTEXT = Context(autoescape=True)


def _out(value: Any) -> str:
    """``{{ value }}`` in an autoescaping template."""
    return render_value_in_context(value, _CONTEXT)


def _formatted(value: Any) -> str:
    """``{{ value|stringformat:'s' }}``: the filter keeps a safe value safe."""
    if isinstance(value, tuple):
        value = str(value)
    text = "%s" % (value,)  # noqa: UP031 (the filter's own formatting)
    return _out(mark_safe(text) if isinstance(value, SafeData) else text)


def _attrs(attrs: dict[str, Any]) -> str:
    """``django/forms/widgets/attrs.html``."""
    parts = []
    for name, value in attrs.items():
        if value is not False:
            parts.append(f" {_out(name)}")
            if value is not True:
                parts.append(f'="{_formatted(value)}"')
    return "".join(parts)


def _input(widget: dict[str, Any]) -> str:
    value = ""
    if widget["value"] != None:  # noqa: E711 (the template's comparison)
        value = f' value="{_formatted(widget["value"])}"'
    return (
        f'<input type="{_out(widget["type"])}" name="{_out(widget["name"])}"'
        f"{value}{_attrs(widget['attrs'])}>"
    )


def _option(option: dict[str, Any]) -> str:
    return (
        f'<option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>'
        f"{_out(option['label'])}</option>"
    )


def _select(widget: dict[str, Any]) -> str | None:
    parts = [f'<select name="{_out(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_out(group_name)}">')
        for option in group_choices:
            if option.get("template_name") != OPTION:
                return None  # an option template of its own: the engine renders
            parts.append(f"\n  {_option(option)}\n")  # the file ends in a newline
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _textarea(widget: dict[str, Any]) -> str:
    text = _out(widget["value"]) if widget["value"] else ""
    return (
        f'<textarea name="{_out(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{text}</textarea>"
    )


def _label(context: dict[str, Any]) -> str:
    """``django/forms/label.html`` (``BoundField.label_tag``'s context)."""
    if not context["use_tag"]:
        return _out(context["label"])
    tag = _out(context["tag"])
    return f"<{tag}{_attrs(context['attrs'])}>{_out(context['label'])}</{tag}>"


class FastDjangoTemplates(DjangoTemplates):
    """``DjangoTemplates`` with the fast paths of this module (see its docstring)."""

    @cached_property
    def _own(self) -> frozenset[str]:
        """The templates in ``OWN`` that this engine loads from Django itself."""
        own = set()
        for name in OWN:
            try:
                origin = self.get_template(name).origin.name
            except TemplateDoesNotExist:
                continue
            if Path(origin).resolve().is_relative_to(_DJANGO_FORMS.resolve()):
                own.add(name)
        return frozenset(own) if own == OWN else frozenset()

    def _fast(self, template_name: str, context: dict[str, Any]) -> str | None:
        if template_name not in self._own:
            return None
        if template_name in ERRORS:
            return "" if not context.get("errors") else None
        if template_name == LABEL:
            try:
                return _label(context)
            except KeyError:
                return None
        widget = context.get("widget")
        if not isinstance(widget, dict):
            return None
        paths: dict[str, Callable[[dict[str, Any]], str | None]] = {
            SELECT: _select,
            TEXTAREA: _textarea,
        }
        try:
            if template_name in INPUTS:
                return _input(widget)
            if template_name in paths:
                return paths[template_name](widget)
        except KeyError:  # not the context Django's widgets give
            return None
        return None

    def render(
        self, template_name: str, context: dict[str, Any], request: Any = None
    ) -> str:
        html = self._fast(template_name, context)
        if html is None:
            return super().render(template_name, context, request)
        return mark_safe(html.strip())
