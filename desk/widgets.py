"""Autocomplete boxes that name their chosen rows without asking the database.

Django's autocomplete widget renders the chosen option (its label) by querying the
related table for the chosen ids: a query per box, even for the empty "add
another" rows the admin renders for its inlines' scripts. The desk's forms have
those rows loaded already (the claim's claimant and tags, an evidence item's
document and source): ``know_loaded_choices`` hands them to the form's boxes, which
then render from them, and fall back to Django's query for any id they were not
given (a value posted back, an id typed into the URL).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.admin.widgets import (
    AutocompleteMixin,
    AutocompleteSelect,
    AutocompleteSelectMultiple,
)
from django.db.models import Model
from django.forms.models import ModelChoiceIterator


class KnownChoicesMixin(AutocompleteMixin, forms.Select):
    #: id (as text) -> label of the rows this box may show without a query
    known: dict[str, str] | None = None

    def optgroups(self, name: str, value: Any, attr: Any = None) -> Any:
        field = self.choices.field
        chosen = [str(v) for v in value if str(v) not in field.empty_values]
        known = self.known or {}
        if not set(chosen) <= known.keys():  # an id not handed over: Django's query
            return super().optgroups(name, value, attr)
        default: tuple[Any, list[Any], int] = (None, [], 0)
        if not self.is_required and not self.allow_multiple_selected:
            default[1].append(self.create_option(name, "", "", False, 0))
        # as Django's: each chosen row once (the first only, for a single select)
        for pk in dict.fromkeys(chosen if self.allow_multiple_selected else chosen[:1]):
            default[1].append(
                self.create_option(name, pk, known[pk], True, len(default[1]))
            )
        return [default]


class KnownAutocompleteSelect(KnownChoicesMixin, AutocompleteSelect):
    pass


class KnownAutocompleteSelectMultiple(KnownChoicesMixin, AutocompleteSelectMultiple):
    pass


def _autocomplete(field: forms.Field) -> KnownChoicesMixin | None:
    widget = getattr(field.widget, "widget", field.widget)  # the admin's wrapper
    return widget if isinstance(widget, KnownChoicesMixin) else None


def know_loaded_choices(form: forms.BaseForm) -> None:
    """Give each autocomplete box of ``form`` the labels of the rows its instance
    has loaded: a foreign key's cached object, a many-to-many's initial objects.
    An unsaved row's empty box is told it knows nothing, so needs no query."""
    instance = getattr(form, "instance", None)
    cache = instance._state.fields_cache if instance is not None else {}
    for name, field in form.fields.items():
        widget = _autocomplete(field)
        if widget is None:
            continue
        label = getattr(field, "label_from_instance", str)
        initial = form.initial.get(name)
        rows: list[Model] = []
        if name in cache and cache[name] is not None:
            rows = [cache[name]]
        elif isinstance(initial, list | tuple) and all(
            isinstance(row, Model) for row in initial
        ):
            rows = list(initial)
        elif initial not in (None, "", [], ()):
            continue  # an id the form was given: Django's query names it
        widget.known = {str(row.pk): label(row) for row in rows}


class ListedChoiceIterator(ModelChoiceIterator):
    """A select box's rows read in one plain query. The stock iterator reads
    them through a server-side cursor on PostgreSQL (declare, fetch, close: three
    round trips) to spare memory on long lists; the desk lists in full only short
    ones (the rating scale, the desk's people), the rest are autocomplete boxes."""

    def __iter__(self) -> Any:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


def list_choices(field: Any) -> Any:
    """``field``'s choices through ``ListedChoiceIterator``, if it lists rows."""
    if isinstance(field, forms.ModelChoiceField) and not isinstance(
        field.widget, AutocompleteMixin
    ):
        field.iterator = ListedChoiceIterator
        field.queryset = field.queryset  # the widget's choices use the new iterator
    return field
