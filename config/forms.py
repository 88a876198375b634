"""The form renderer: Django's templates, with the one-line widget templates written
out in Python.

A form widget is rendered through the template engine, and so is every error list,
empty or not: the desk's claim page renders some 250 of these tiny templates (inputs,
their attributes, select options, empty error lists), a third of its time. The
templates handled here are short enough to say exactly in code:
``django/forms/widgets/input.html`` and the inputs that only include it, ``attrs``,
``select`` with ``select_option``, ``textarea``, labels, an empty error list, a
form of hidden fields (a formset's management form), and the admin's date and URL
boxes. The admin's box around a related row's choice (its add/change links) is
rendered by the engine once per field name, language and permissions and kept,
with the choice put in where it stands. Each is used only while the template
that would be loaded is Django's own (an app overriding it gets its template),
and only for the context Django's widgets give it; anything else goes to the
template engine. ``tests/config/test_forms.py``
renders every widget kind both ways and compares the output.
"""

from __future__ import annotations

import html
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
from django.utils.translation import get_language

WIDGETS = "django/forms/widgets/"
#: Django's input templates that are ``{% include "…/input.html" %}`` and nothing else
INPUTS = {
    f"{WIDGETS}{name}.html"
    for name in [
        *("input", "checkbox", "color", "date", "datetime", "email", "hidden"),
        *("number", "password", "search", "tel", "text", "time", "url"),
    ]
}
INPUT = f"{WIDGETS}input.html"
SELECT = f"{WIDGETS}select.html"
OPTION = f"{WIDGETS}select_option.html"
TEXTAREA = f"{WIDGETS}textarea.html"
ERRORS = {"django/forms/errors/list/default.html", "django/forms/errors/list/ul.html"}
LABEL = "django/forms/label.html"
#: A form as divs; written out here only for a form of hidden fields with no
#: errors (a formset's management form).
DIV = "django/forms/div.html"
#: The admin's box around a choice of a related row, with its add/change links.
RELATED = "admin/widgets/related_widget_wrapper.html"
#: What ``RelatedFieldWidgetWrapper.get_context`` gives its template (the rest of
#: its context is optional URLs, also plain text).
RELATED_CONTEXT = {
    *("rendered_widget", "is_hidden", "name", "url_params", "model", "model_name"),
    *("can_add_related", "can_change_related", "can_delete_related"),
    *("can_view_related", "model_has_limit_choices_to"),
}
RELATED_URLS = {
    *("add_related_url", "delete_related_template_url"),
    *("change_related_template_url", "view_related_url_params"),
}
ADMIN_URL = "admin/widgets/url.html"
ADMIN_DATE = "admin/widgets/date.html"
#: The admin's widget templates written out here (each includes Django's input).
ADMIN_OWN = {RELATED, ADMIN_URL, ADMIN_DATE}
#: Those the template only tests (``model_has_limit_choices_to`` may be a Q object).
TRUTHS = {
    *("is_hidden", "model_has_limit_choices_to", "can_add_related"),
    *("can_change_related", "can_delete_related", "can_view_related"),
}
#: Stands for the wrapped widget while the wrapper's template renders once.
_WIDGET_MARK = "\x00widget\x00"
_ADMIN_TEMPLATES = Path(django.__file__).parent / "contrib" / "admin" / "templates"
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
        DIV,
        "django/forms/attrs.html",
    }
)

_DJANGO_FORMS = Path(django.__file__).parent / "forms" / "templates"
_CONTEXT = Context(autoescape=True)


def _out(value: Any) -> str:
    """``{{ value }}`` in an autoescaping template. Plain text, most of what is
    written out, is escaped directly: the template's way, through localisation
    and Django's lazy-aware escaping, gives the same for it at twice the cost."""
    if type(value) is str:
        return html.escape(value)
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


def _admin_url(context: dict[str, Any], widget: dict[str, Any]) -> str:
    """``admin/widgets/url.html``: the input, after a link to the URL it holds."""
    if not context.get("url_valid"):
        return _input(widget)
    return (
        f'<p class="url">{_out(context["current_label"])} <a href="'
        f'{_out(widget["href"])}">{_out(widget["value"])}</a><br>'
        f"{_out(context['change_label'])} {_input(widget)}\n</p>"
    )


def _hidden_form(context: dict[str, Any]) -> str | None:
    """``django/forms/div.html`` for a form with no errors and no visible field:
    its hidden fields, one after another."""
    if context.get("errors") or context.get("fields") or "hidden_fields" not in context:
        return None
    return "".join(_out(field) for field in context["hidden_fields"])


class FastDjangoTemplates(DjangoTemplates):
    """``DjangoTemplates`` with the fast paths of this module (see its docstring)."""

    @cached_property
    def _own(self) -> frozenset[str]:
        """The templates in ``OWN`` that this engine loads from Django itself."""
        own = self._loaded_from(OWN, _DJANGO_FORMS)
        return own if own == OWN else frozenset()

    @cached_property
    def _own_admin(self) -> frozenset[str]:
        """The templates in ``ADMIN_OWN`` that this engine loads from the admin."""
        return self._loaded_from(ADMIN_OWN, _ADMIN_TEMPLATES)

    def _loaded_from(self, names: set[str], directory: Path) -> frozenset[str]:
        """Those of ``names`` this engine loads from a file under ``directory``."""
        found = set()
        for name in names:
            try:
                origin = self.get_template(name).origin.name
            except TemplateDoesNotExist:
                continue
            if Path(origin).resolve().is_relative_to(directory.resolve()):
                found.add(name)
        return frozenset(found)

    @cached_property
    def _related_frames(self) -> dict[tuple[Any, ...], tuple[str, str]]:
        return {}

    def _related(self, context: dict[str, Any], request: Any) -> str | None:
        """The related-row box: the same for every page but for the widget inside,
        so its template renders once per field name, language and permissions, and
        the widget goes where it stood."""
        keys = set(context)
        if not (RELATED_CONTEXT <= keys <= RELATED_CONTEXT | RELATED_URLS):
            return None
        key = (
            get_language(),
            *sorted(
                (name, bool(value) if name in TRUTHS else str(value))
                for name, value in context.items()
                if name != "rendered_widget"
            ),
        )
        frame = self._related_frames.get(key)
        if frame is None:
            if len(self._related_frames) > 10_000:
                self._related_frames.clear()
            html = super().render(
                RELATED, {**context, "rendered_widget": _WIDGET_MARK}, request
            )
            if html.count(_WIDGET_MARK) != 1:
                return None
            before, after = html.split(_WIDGET_MARK)
            frame = self._related_frames[key] = (before, after)
        widget = render_value_in_context(context["rendered_widget"], _CONTEXT)
        return f"{frame[0]}{widget}{frame[1]}"

    def _fast(self, template_name: str, context: dict[str, Any]) -> str | None:
        if template_name in ADMIN_OWN:
            if template_name not in self._own_admin or INPUT not in self._own:
                return None  # each includes Django's input
            if template_name == RELATED:
                return self._related(context, None)
            widget = context.get("widget")
            if not isinstance(widget, dict):
                return None
            try:
                if template_name == ADMIN_DATE:
                    # the included templates end in newlines, the outer one strips
                    return f'<p class="date">\n  {_input(widget)}\n\n\n</p>'
                return _admin_url(context, widget)
            except KeyError:
                return None
        if template_name not in self._own:
            return None
        if template_name in ERRORS:
            return "" if not context.get("errors") else None
        if template_name == LABEL:
            try:
                return _label(context)
            except KeyError:
                return None
        if template_name == DIV:
            return _hidden_form(context)
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
