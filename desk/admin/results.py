"""The claims list's rows, as Django's ``items_for_result`` writes them, with what is
the same for every row worked out once per page.

Django's admin works out, for each row, the change page's URL (a ``reverse``) and
the list's preserved filters on it (a ``resolve`` of that URL), and asks for the
empty-value text for each cell: a third of a 50-row list's row time. Here they are
computed for the first row and reused. Everything else (``lookup_field``, the
display of each value, the cell's classes) is Django's code path, so the HTML is
the same; ``tests/desk/test_results.py`` compares the two on lists of every kind of
claim. A list with editable columns goes to Django's own code.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django.contrib.admin.templatetags.admin_list import (  # type: ignore[attr-defined]
    ResultList,
    _coerce_field_name,
    result_headers,
    result_list,
)
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import (
    display_for_field,
    display_for_value,
    lookup_field,
    quote,
)
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.urls import NoReverseMatch
from django.utils.html import format_html
from django.utils.safestring import mark_safe

_PK = "claimdeskpk"  # nothing admin.utils.quote escapes


class _ChangeUrls:
    """Each row's change-page URL with the list's filters preserved: reversed and
    merged once, for a placeholder id."""

    def __init__(self, cl: Any) -> None:
        self.cl = cl
        try:
            template = cl.url_for_result(_Placeholder(cl.pk_attname))
        except NoReverseMatch:
            self.template: str | None = None
        else:
            self.template = add_preserved_filters(
                {"preserved_filters": cl.preserved_filters, "opts": cl.opts}, template
            )

    def __call__(self, result: Any) -> str | None:
        if self.template is None or self.template.count(_PK) != 1:
            try:  # no placeholder to fill: Django's way, for this row
                url = self.cl.url_for_result(result)
            except NoReverseMatch:
                return None
            return add_preserved_filters(
                {"preserved_filters": self.cl.preserved_filters, "opts": self.cl.opts},
                url,
            )
        return self.template.replace(
            _PK, str(quote(getattr(result, self.cl.pk_attname)))
        )


class _Placeholder:
    def __init__(self, attname: str) -> None:
        setattr(self, attname, _PK)


def _items(cl: Any, result: Any, urls: _ChangeUrls, empty: str) -> Iterator[str]:
    """``items_for_result(cl, result, None)`` (Django 5.2), see the module's doc."""
    links = cl.list_display_links
    first = True
    for field_index, field_name in enumerate(cl.list_display):
        empty_value_display = empty
        row_classes = [f"field-{_coerce_field_name(field_name, field_index)}"]
        link = links is not None and ((first and not links) or field_name in links)
        try:
            f, attr, value = lookup_field(field_name, result, cl.model_admin)
        except ObjectDoesNotExist:
            result_repr: Any = empty_value_display
        else:
            empty_value_display = getattr(
                attr, "empty_value_display", empty_value_display
            )
            if isinstance(value, str) and value.strip() == "":
                value = ""
            if f is None or f.auto_created:
                if field_name == "action_checkbox":
                    row_classes = ["action-checkbox"]
                boolean = getattr(attr, "boolean", False)
                if isinstance(attr, property) and hasattr(attr, "fget"):
                    boolean = getattr(attr.fget, "boolean", False)
                result_repr = display_for_value(value, empty_value_display, boolean)
                if isinstance(value, datetime.date | datetime.time):
                    row_classes.append("nowrap")
            else:
                if isinstance(f.remote_field, models.ManyToOneRel):
                    field_val = getattr(result, f.name)
                    result_repr = (
                        empty_value_display if field_val is None else field_val
                    )
                else:
                    result_repr = display_for_field(
                        value, f, empty_value_display, avoid_link=link
                    )
                if isinstance(
                    f, models.DateField | models.TimeField | models.ForeignKey
                ):
                    row_classes.append("nowrap")
        row_class = mark_safe(f' class="{" ".join(row_classes)}"')
        if not link:
            yield format_html("<td{}>{}</td>", row_class, result_repr)
            continue
        table_tag = "th" if first else "td"
        first = False
        url = urls(result)
        if url is None:
            link_or_text: Any = result_repr
        else:
            attname = str(cl.to_field) if cl.to_field else cl.lookup_opts.pk.attname
            link_or_text = format_html(
                '<a href="{}"{}>{}</a>',
                url,
                format_html(
                    ' data-popup-opener="{}"', result.serializable_value(attname)
                )
                if cl.is_popup
                else "",
                result_repr,
            )
        yield format_html(
            "<{}{}>{}</{}>", table_tag, row_class, link_or_text, table_tag
        )


def rows(cl: Any) -> list[ResultList]:
    """The list's rows, as ``admin_list.results(cl)`` gives them."""
    urls = _ChangeUrls(cl)
    empty = cl.model_admin.get_empty_value_display()
    return [ResultList(None, _items(cl, row, urls, empty)) for row in cl.result_list]


def fast_result_list(cl: Any) -> dict[str, Any]:
    """``{% result_list cl %}``'s context, with the rows from ``rows``."""
    if cl.formset:  # editable columns: Django's own
        return result_list(cl)
    headers = list(result_headers(cl))
    return {
        "cl": cl,
        "result_hidden_fields": [],  # only editable lists have any
        "result_headers": headers,
        "num_sorted_fields": sum(1 for h in headers if h["sortable"] and h["sorted"]),
        "results": rows(cl),
    }
