"""``{% desk_result_list cl %}``: the admin's ``{% result_list cl %}`` with the rows
of ``desk.admin.results`` (the same HTML, less work per row)."""

from __future__ import annotations

from typing import Any

from django.contrib.admin.templatetags.base import InclusionAdminNode
from django.template import Library

from desk.admin.results import fast_result_list

register = Library()


@register.tag(name="desk_result_list")
def desk_result_list(parser: Any, token: Any) -> InclusionAdminNode:
    return InclusionAdminNode(
        parser,
        token,
        func=fast_result_list,
        template_name="change_list_results.html",
        takes_context=False,
    )
