"""Who says and publishes things: people, bodies, outlets, and their other names."""

from __future__ import annotations

import functools
import operator

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .base import unique_slug
from .history import RecordedQuerySet, recorded


class SourceQuerySet(RecordedQuerySet["Source"]):
    def active(self) -> SourceQuerySet:
        return self.filter(is_archived=False)

    def matching(self, name: str) -> SourceQuerySet:
        """Sources whose name or any alias equals ``name`` (case-insensitive).

        Two index lookups (``source_name_upper_idx``, ``sourcealias_name_upper_idx``;
        the alias ids are fetched first), never a join over every source: the
        importer asks this for each candidate's claimant."""
        name = name.strip()
        by_alias = list(
            SourceAlias.objects.filter(name__iexact=name).values_list(
                "source_id", flat=True
            )
        )
        return self.filter(Q(name__iexact=name) | Q(pk__in=by_alias))

    def named(self, text: str) -> SourceQuerySet:
        """The sources ``text`` names exactly: by slug (unique index), or by name or
        alias as ``matching``, so a desk filter stays a few index lookups however
        many sources there are."""
        text = text.strip()
        return self.filter(Q(slug=text)) | self.matching(text)

    def similar_to(self, name: str) -> SourceQuerySet:
        """Sources (not archived) that may be ``name`` under another spelling: a
        name or alias containing the first letters of one of its words
        (``claims.sourcematch.probes``), as a substring. Candidates only, unranked;
        ``sourcematch.sources_like`` reads its own, ranked and from an index of
        word prefixes on PostgreSQL."""
        from ..sourcematch import probes

        found = probes(name)
        if not found:
            return self.none()
        condition = Q()
        for probe in sorted(found):
            condition |= Q(name__icontains=probe)
        by_alias = SourceAlias.objects.filter(
            functools.reduce(
                operator.or_, (Q(name__icontains=p) for p in sorted(found))
            )
        ).values("source_id")
        return self.active().filter(condition | Q(pk__in=by_alias))

    def search(self, text: str) -> SourceQuerySet:
        """Sources whose name or any alias contains ``text``."""
        return self.filter(
            Q(name__icontains=text) | Q(aliases__name__icontains=text)
        ).distinct()

    def with_published_claims(self) -> SourceQuerySet:
        """Sources, not archived, that are the claimant of at least one publicly
        visible claim."""
        from .claims import Claim

        return self.active().filter(
            Exists(Claim.objects.published().filter(claimant=OuterRef("pk")))
        )

    def publishing_published_claims(self) -> SourceQuerySet:
        """Outlets, not archived, whose documents (not archived) quote at least one
        publicly visible claim."""
        from .claims import Appearance, Claim

        return self.active().filter(
            Exists(
                Appearance.objects.filter(
                    claim__in=Claim.objects.published(),
                    document__publisher=OuterRef("pk"),
                    document__is_archived=False,
                )
            )
        )

    def with_public_page(self) -> SourceQuerySet:
        """Sources with a public page: the claimant of a publicly visible claim or the
        publisher of a document (not archived) that quotes one; never an archived
        source. Any other source answers 404, so a claimant known only from
        unpublished work does not leak, and an archived one is gone."""
        from .claims import Appearance, Claim

        published = Claim.objects.published()
        return self.active().filter(
            Exists(published.filter(claimant=OuterRef("pk")))
            | Exists(
                Appearance.objects.filter(
                    claim__in=published,
                    document__publisher=OuterRef("pk"),
                    document__is_archived=False,
                )
            )
        )


class Source(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", _("person")
        ORGANISATION = "organisation", _("organisation")
        GOVERNMENT = "government", _("government body")
        OUTLET = "outlet", _("news outlet")
        ANONYMOUS = "anonymous", _("unnamed source")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    country = models.CharField(
        _("country"),
        max_length=2,
        blank=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Use an ISO 3166 code: US, KP…"))],
        help_text=_("ISO 3166-1 alpha-2 code, e.g. US, KP, ID."),
    )
    homepage = models.URLField(_("homepage"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    is_archived = models.BooleanField(_("archived"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = SourceQuerySet.as_manager()
    history = recorded()

    class Meta:
        ordering = ["name"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        indexes = [
            # name__iexact (SourceQuerySet.named, matching): the desk's filter
            models.Index(Upper("name"), name="source_name_upper_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        if not self.slug:
            self.slug = unique_slug(Source, self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_absolute_url(self) -> str:
        return reverse("claims:source-detail", kwargs={"slug": self.slug})


class SourceAlias(models.Model):
    """Another name the same source goes by: Korut, Korea Utara, North Korea, DPRK."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("alias"), max_length=200)

    objects = RecordedQuerySet.as_manager()
    history = recorded()

    class Meta:
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        indexes = [models.Index(Upper("name"), name="sourcealias_name_upper_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "name"], name="unique_source_alias"
            )
        ]

    def __str__(self) -> str:
        return self.name
