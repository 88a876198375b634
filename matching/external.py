"""The keys other systems know a claim by: what ``similar_claims`` reports as
``external_ids``.

Any model with a foreign key to ``Claim`` and a text field named ``key``,
``external_id`` or ``external_key`` contributes its values: ``ExternalId.key``,
the LIAR and CSV imports' ``liar:2635.json``. ``ExternalFactCheck.key`` is a hash
of (review URL, statement) and means nothing outside, so its review URL stands
for it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from django.db import models

from claims.models import Claim, ExternalFactCheck

KEY_FIELDS = ("key", "external_id", "external_key")
_HASH = re.compile(r"[0-9a-f]{64}")


def _sources() -> list[tuple[type[models.Model], str, str]]:
    """(model, its foreign key to Claim, its key field) for every keyed relation."""
    found = []
    for relation in Claim._meta.related_objects:
        if not relation.one_to_many:
            continue
        model = relation.related_model
        if isinstance(model, str):  # an unresolved "self"
            continue
        names = {f.name for f in model._meta.concrete_fields}
        for name in KEY_FIELDS:
            if name in names:
                found.append((model, relation.field.name, name))
                break
    return found


def external_ids(
    claim_ids: Iterable[int], using: str = "default"
) -> dict[int, list[str]]:
    """Each claim's external keys, sorted; claims without any are left out."""
    ids = list(claim_ids)
    keys: dict[int, set[str]] = defaultdict(set)
    if not ids:
        return {}
    own = [f.name for f in Claim._meta.concrete_fields if f.name in KEY_FIELDS]
    for name in own:  # a key kept on the claim itself
        for claim_id, value in (
            Claim.objects.using(using).filter(pk__in=ids).values_list("pk", name)
        ):
            if value:
                keys[claim_id].add(str(value))
    for model, fk, field in _sources():
        extra = ["review_url"] if model is ExternalFactCheck else []
        rows = (
            model._default_manager.using(using)
            .filter(**{f"{fk}__in": ids})
            .values_list(f"{fk}_id", field, *extra)
        )
        for claim_id, value, *rest in rows:
            if model is ExternalFactCheck and _HASH.fullmatch(value or ""):
                value = rest[0]
            if value:
                keys[claim_id].add(str(value))
    return {claim_id: sorted(values) for claim_id, values in keys.items()}
