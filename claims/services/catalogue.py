"""What many claims share: sources (claimants, outlets) and their aliases, the
rating scale and tags. Each write moves the catalogue's version
(``catalogue_changed``), which every claim page, card and feed entry carries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from ..models import Rating, Source, SourceAlias, Tag
from .archive import refuse_source_archive, was_archived
from .base import _require
from .pages import catalogue_changed

if TYPE_CHECKING:
    from .base import User


def source_save(*, source: Source, by: User) -> Source:
    """Save a source's edits (the admin form) and bump the pages that show it."""
    _require(by, "claims.change_source" if source.pk else "claims.add_source")
    source.full_clean(exclude=["slug"])
    with transaction.atomic():
        if source.is_archived and not was_archived(Source, source.pk):
            refuse_source_archive(source)  # the form's "archived" box, as the action
        source.save()
        catalogue_changed()
    return source


def source_alias_save(*, alias: SourceAlias, by: User) -> SourceAlias:
    """Add or rename one of a source's other names (JSON-LD ``alternateName``)."""
    _require(by, "claims.change_sourcealias" if alias.pk else "claims.add_sourcealias")
    alias.full_clean()
    with transaction.atomic():
        alias.save()
        catalogue_changed()
    return alias


def source_alias_delete(*, alias: SourceAlias, by: User) -> None:
    _require(by, "claims.delete_sourcealias")
    with transaction.atomic():
        catalogue_changed()
        alias.delete()


def rating_save(*, rating: Rating, by: User) -> Rating:
    """Save a rating's edits (its form or the scale's order column) and bump every
    public claim page: labels, descriptions, colours and the scale's bounds show
    on all of them."""
    _require(by, "claims.change_rating" if rating.pk else "claims.add_rating")
    rating.full_clean()
    with transaction.atomic():
        rating.save()
        catalogue_changed()
    return rating


def rating_delete(*, rating: Rating, by: User) -> None:
    """Delete an unused rating; the scale's bounds in JSON-LD may change."""
    _require(by, "claims.delete_rating")
    with transaction.atomic():
        rating.delete()
        catalogue_changed()


def tag_save(*, tag: Tag, by: User) -> Tag:
    """Save a tag (a rename shows on its claims' pages and on related cards)."""
    _require(by, "claims.change_tag" if tag.pk else "claims.add_tag")
    tag.full_clean(exclude=["slug"])
    with transaction.atomic():
        tag.save()
        catalogue_changed()
    return tag


def tag_delete(*, tag: Tag, by: User) -> None:
    _require(by, "claims.delete_tag")
    with transaction.atomic():
        catalogue_changed()
        tag.delete()
