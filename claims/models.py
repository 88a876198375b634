"""Claimdesk's domain: sources, documents, claims and everything a fact-check rests on.

Reads live in the QuerySet classes right above each model; writes that change status,
touch several rows or must be audited live in ``claims.services``.
"""

from __future__ import annotations

import hashlib
import math
from typing import TYPE_CHECKING

import langcodes
from django.conf import settings
from django.contrib.postgres.search import SearchRank, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import connections, models
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .dates import PartialDate, Precision, format_span, validate_span

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


def validate_language(value: str) -> None:
    """Accept a well-formed BCP 47 tag whose language subtag is a registered one."""
    try:
        tag = langcodes.Language.get(value, normalize=False)
        ok = langcodes.tag_is_valid(value) and tag.language is not None
    except (ValueError, langcodes.tag_parser.LanguageTagError):
        ok = False
    if not ok:
        raise ValidationError(
            _("“%(value)s” is not a known language code (BCP 47, e.g. en, id, pt-BR)."),
            params={"value": value[:20]},
            code="invalid_language",
        )


hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #RRGGBB."))


def language_field(**kwargs: object) -> models.CharField:
    defaults: dict = {
        "max_length": 35,
        "validators": [validate_language],
        "help_text": _("BCP 47 code: en, id, ms, pt-BR…"),
    }
    defaults.update(kwargs)
    return models.CharField(_("language"), **defaults)


# --- Sources ------------------------------------------------------------------------


class SourceQuerySet(models.QuerySet["Source"]):
    def active(self) -> SourceQuerySet:
        return self.filter(is_archived=False)

    def matching(self, name: str) -> SourceQuerySet:
        """Sources whose name or any alias equals ``name`` (case-insensitive)."""
        name = name.strip()
        return self.filter(
            Q(name__iexact=name) | Q(aliases__name__iexact=name)
        ).distinct()

    def search(self, text: str) -> SourceQuerySet:
        """Sources whose name or any alias contains ``text``."""
        return self.filter(
            Q(name__icontains=text) | Q(aliases__name__icontains=text)
        ).distinct()

    def with_published_claims(self) -> SourceQuerySet:
        """Sources that are the claimant of at least one publicly visible claim."""
        return self.filter(
            Exists(Claim.objects.published().filter(claimant=OuterRef("pk")))
        )

    def publishing_published_claims(self) -> SourceQuerySet:
        """Outlets whose documents quote at least one publicly visible claim."""
        return self.filter(
            Exists(
                Appearance.objects.filter(
                    claim__in=Claim.objects.published(),
                    document__publisher=OuterRef("pk"),
                )
            )
        )

    def with_public_page(self) -> SourceQuerySet:
        """Sources with a public page: the claimant of a publicly visible claim or the
        publisher of a document that quotes one. Any other source answers 404, so a
        claimant known only from unpublished work does not leak."""
        published = Claim.objects.published()
        return self.filter(
            Exists(published.filter(claimant=OuterRef("pk")))
            | Exists(
                Appearance.objects.filter(
                    claim__in=published, document__publisher=OuterRef("pk")
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

    class Meta:
        ordering = ["name"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

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

    class Meta:
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "name"], name="unique_source_alias"
            )
        ]

    def __str__(self) -> str:
        return self.name


def unique_slug(model: type[models.Model], text: str, max_length: int = 200) -> str:
    base = slugify(text, allow_unicode=False)[:max_length] or "item"
    slug, n = base, 2
    while model._default_manager.filter(slug=slug).exists():
        slug = f"{base[: max_length - 6]}-{n}"
        n += 1
    return slug


# --- Documents ----------------------------------------------------------------------


class DocumentQuerySet(models.QuerySet["Document"]):
    def active(self) -> DocumentQuerySet:
        return self.filter(is_archived=False)

    def with_appearance_count(self) -> DocumentQuerySet:
        return self.annotate(appearance_count=Count("appearances"))


class Document(models.Model):
    """One article, transcript or post whose text claims are quoted from."""

    url = models.URLField(_("URL"), max_length=2000, blank=True)
    title = models.CharField(_("title"), max_length=500)
    publisher = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("publisher"),
    )
    authors = models.CharField(
        _("authors"), max_length=500, blank=True, help_text=_("Comma-separated.")
    )
    published_on = models.DateField(_("published on"), null=True, blank=True)
    language = language_field()
    text = models.TextField(
        _("full text"),
        help_text=_("Cannot change once claims quote it."),
    )
    text_sha256 = models.CharField(
        _("SHA-256 of the text"), max_length=64, editable=False
    )
    retrieved_at = models.DateTimeField(_("retrieved at"), null=True, blank=True)
    archive_url = models.URLField(_("archive URL"), max_length=2000, blank=True)
    is_archived = models.BooleanField(_("archived"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-created_at"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [models.Index(fields=["text_sha256"], name="document_sha_idx")]

    def __str__(self) -> str:
        return self.title

    @staticmethod
    def hash_text(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def clean(self) -> None:
        super().clean()
        if self.pk and self.appearances.exists():
            stored = Document.objects.filter(pk=self.pk).values_list("text", flat=True)
            if stored and stored[0] != self.text:
                raise ValidationError(
                    {
                        "text": _(
                            "The text cannot change: claims quote it at fixed places."
                        )
                    }
                )


# --- Ratings ------------------------------------------------------------------------


class RatingQuerySet(models.QuerySet["Rating"]):
    def active(self) -> RatingQuerySet:
        return self.filter(is_active=True)


class Rating(models.Model):
    """One verdict on the newsroom's scale, mapped to ClaimReview's ``ratingValue``."""

    label = models.CharField(_("label"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.CharField(_("short description"), max_length=300, blank=True)
    value = models.PositiveSmallIntegerField(
        _("position on the scale"),
        null=True,
        blank=True,
        unique=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "1 is the worst. Becomes ClaimReview's ratingValue. Leave empty for "
            "verdicts off the scale, such as Unproven."
        ),
    )
    order = models.PositiveSmallIntegerField(_("display order"), default=0)
    colour = models.CharField(
        _("colour"), max_length=7, default="#6b7280", validators=[hex_colour]
    )
    translations = models.JSONField(
        _("translations"),
        default=dict,
        blank=True,
        help_text=_('{"id": {"label": "Salah", "description": "…"}}'),
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = RatingQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")

    def __str__(self) -> str:
        return self.label

    def _translated(self, key: str, language: str | None) -> str:
        lang = (language or get_language() or "en").split("-")[0]
        entry = (self.translations or {}).get(lang) or {}
        value = entry.get(key) if isinstance(entry, dict) else None
        return value or getattr(self, key)

    def localized_label(self, language: str | None = None) -> str:
        return self._translated("label", language)

    def localized_description(self, language: str | None = None) -> str:
        return self._translated("description", language)

    def clean(self) -> None:
        super().clean()
        if not isinstance(self.translations, dict) or not all(
            isinstance(v, dict) for v in self.translations.values()
        ):
            raise ValidationError(
                {
                    "translations": _(
                        'Use {"<language>": {"label": …, "description": …}}.'
                    )
                }
            )

    @classmethod
    def scale_bounds(cls) -> tuple[int, int]:
        """(worst, best) ``value`` on the active scale, for ClaimReview."""
        agg = cls.objects.filter(value__isnull=False).aggregate(
            worst=models.Min("value"), best=models.Max("value")
        )
        return agg["worst"] or 1, agg["best"] or 1


# --- Tags ---------------------------------------------------------------------------


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        if not self.slug:
            self.slug = unique_slug(Tag, self.name, 110)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


# --- Claims -------------------------------------------------------------------------


class Status(models.TextChoices):
    NEW = "new", _("New")
    RESEARCHING = "researching", _("Researching")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    NOT_CHECKABLE = "not_checkable", _("Not checkable")
    CORRECTED = "corrected", _("Corrected")
    RETRACTED = "retracted", _("Retracted")


#: Statuses whose claim pages exist outside the admin. Retracted claims keep their URL
#: (with a retraction notice) but leave every list, count, feed and search.
PUBLIC_STATUSES = (Status.PUBLISHED, Status.CORRECTED)
PAGE_STATUSES = (*PUBLIC_STATUSES, Status.RETRACTED)


class ClaimQuerySet(models.QuerySet["Claim"]):
    def published(self) -> ClaimQuerySet:
        """The single visibility rule: what any public list, count, feed or API shows.

        Published and corrected claims that are not archived. Every public surface
        starts from this method (or ``with_public_page`` for a claim's own URL).
        """
        return self.filter(status__in=PUBLIC_STATUSES, is_archived=False)

    def with_public_page(self) -> ClaimQuerySet:
        """Claims whose URL answers publicly: the published ones plus retracted ones,
        which keep their page to show the retraction notice."""
        return self.filter(status__in=PAGE_STATUSES, is_archived=False)

    def active(self) -> ClaimQuerySet:
        return self.filter(is_archived=False)

    def assigned_to(self, user: AbstractBaseUser | AnonymousUser) -> ClaimQuerySet:
        return self.filter(assignee_id=user.pk)

    def unassigned(self) -> ClaimQuerySet:
        return self.filter(assignee__isnull=True)

    def awaiting_review(self) -> ClaimQuerySet:
        return self.filter(status=Status.IN_REVIEW, is_archived=False)

    def with_list_related(self) -> ClaimQuerySet:
        """What a list of claims shows, in a constant number of queries."""
        return self.select_related("claimant", "verdict", "assignee").prefetch_related(
            "tags"
        )

    def with_public_related(self) -> ClaimQuerySet:
        """What a public list shows: claimant, verdict, tags and dates."""
        return self.select_related("claimant", "verdict").prefetch_related(
            "tags",
            Prefetch("dates", queryset=ClaimDate.objects.order_by("start")),
        )

    def search_text(self, text: str) -> ClaimQuerySet:
        """Portable substring search over statements, attributions, quotes and
        claimant names and aliases: ``search()``'s fallback where there is no stored
        full-text vector (SQLite)."""
        q = (
            Q(statement__icontains=text)
            | Q(attribution__icontains=text)
            | Q(appearances__quote__icontains=text)
            | Q(claimant__name__icontains=text)
            | Q(claimant__aliases__name__icontains=text)
        )
        return self.filter(pk__in=Claim.objects.filter(q).values("pk"))

    def search(self, text: str) -> ClaimQuerySet:
        """Claims matching a reader's search, annotated with ``search_rank`` (higher is
        better; order by it for relevance).

        On PostgreSQL: full-text search through the stored, GIN-indexed
        ``search_vector`` (migration 0004), ranked with ``ts_rank``, unaccented,
        stemmed in English and Indonesian and matched word for word. Elsewhere
        (SQLite): ``search_text``'s substring match, all ranked equal. Hostile input
        (tsquery syntax, quotes, NUL bytes) cannot raise; blank text filters nothing.
        """
        from .search import claim_search, clean_search_text

        text = clean_search_text(text)
        if not text:
            return self.annotate(search_rank=models.Value(0.0, models.FloatField()))
        if connections[self.db].vendor == "postgresql":
            condition, rank_query = claim_search(text)
            return self.filter(condition).annotate(
                search_rank=SearchRank(models.F("search_vector"), rank_query)
            )
        return self.search_text(text).annotate(
            search_rank=models.Value(0.0, models.FloatField())
        )

    def with_page_related(self) -> ClaimQuerySet:
        """Everything a public claim page shows, in a constant number of queries.

        Only what the public may see is prefetched, under its own attribute:
        ``public_appearances`` (first first), ``public_evidence`` (not archived),
        ``public_notes`` (``is_public``) and ``public_corrections``.
        """
        return self.with_public_related().prefetch_related(
            "claimant__aliases",
            Prefetch(
                "appearances",
                queryset=Appearance.objects.order_by_first().select_related(
                    "document__publisher"
                ),
                to_attr="public_appearances",
            ),
            Prefetch(
                "evidence",
                queryset=Evidence.objects.active().select_related("document", "source"),
                to_attr="public_evidence",
            ),
            Prefetch("notes", queryset=Note.objects.public(), to_attr="public_notes"),
            Prefetch(
                "corrections",
                queryset=Correction.objects.select_related(
                    "previous_verdict", "new_verdict"
                ),
                to_attr="public_corrections",
            ),
        )

    def with_first_event(self) -> ClaimQuerySet:
        """Annotate ``first_event``: the start of the earliest event date, or None."""
        return self.annotate(
            first_event=models.Subquery(
                ClaimDate.objects.filter(
                    claim=OuterRef("pk"), role=ClaimDate.Role.EVENT
                )
                .order_by("start")
                .values("start")[:1]
            )
        )

    def related_to(self, claim: Claim) -> ClaimQuerySet:
        """Other claims by the same claimant or sharing a tag with ``claim``."""
        q = Q(tags__in=Tag.objects.filter(claims=claim))
        if claim.claimant_id:
            q |= Q(claimant_id=claim.claimant_id)
        return self.filter(pk__in=Claim.objects.filter(q).values("pk")).exclude(
            pk=claim.pk
        )

    def verdict_counts(self) -> list[tuple[Rating, int]]:
        """(rating, number of claims) for each verdict present, in scale order."""
        rows = dict(
            self.filter(verdict__isnull=False)
            .order_by()
            .values_list("verdict")
            .annotate(n=Count("pk"))
        )
        return [(r, rows[r.pk]) for r in Rating.objects.filter(pk__in=list(rows))]

    def status_counts(self) -> dict[str, int]:
        rows = self.order_by().values_list("status").annotate(n=Count("pk"))
        counts = {s: 0 for s in Status.values}
        counts.update(dict(rows))
        return counts


class ClaimManager(models.Manager.from_queryset(ClaimQuerySet)):  # type: ignore[misc]
    def get_queryset(self) -> ClaimQuerySet:
        # The stored search vector is large and only PostgreSQL reads it, inside
        # queries; loading it with every claim tripled the admin list's time.
        return super().get_queryset().defer("search_vector")


class Claim(models.Model):
    """One checkable statement, worded by the team, tracked from capture to verdict."""

    statement = models.TextField(
        _("statement"),
        help_text=_("The claim as the team words it, in one or two sentences."),
    )
    language = language_field(default="en")
    claimant = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims",
        verbose_name=_("claimant"),
        help_text=_("Who made the claim."),
    )
    attribution = models.CharField(
        _("attribution"),
        max_length=500,
        blank=True,
        help_text=_("Through whom: “NK News, citing a high-level source”."),
    )
    made_on = models.DateField(_("made on"), null=True, blank=True)
    made_on_precision = models.CharField(
        _("precision"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="claims")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_claims",
        verbose_name=_("assignee"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.NEW,
        editable=False,
    )
    verdict = models.ForeignKey(
        Rating,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims",
        verbose_name=_("verdict"),
    )
    verdict_summary = models.TextField(
        _("verdict summary"),
        blank=True,
        help_text=_("The public write-up of the verdict (markdown)."),
    )
    checkworthiness = models.FloatField(
        _("check-worthiness"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text=_("0 (not worth checking) to 1 (check first)."),
    )
    is_archived = models.BooleanField(_("archived"), default=False, editable=False)
    published_at = models.DateTimeField(_("first published"), null=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(
        _("created at"), default=timezone.now, editable=False
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        editable=False,
    )
    updated_at = models.DateTimeField(
        _("updated at"), default=timezone.now, editable=False
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ClaimManager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        permissions = [
            ("submit_claim", _("Can submit a claim for review")),
            ("publish_claim", _("Can publish a claim or send it back")),
            ("correct_claim", _("Can correct a published claim")),
            ("retract_claim", _("Can retract a published claim")),
            ("archive_claim", _("Can archive a claim")),
        ]
        indexes = [
            models.Index(fields=["status", "-updated_at"], name="claim_status_idx"),
            # The desk's default list: live claims, latest change first. Also lets
            # PostgreSQL count them from the index alone.
            models.Index(
                fields=["-updated_at", "-id"],
                condition=Q(is_archived=False),
                name="claim_live_updated_idx",
            ),
            models.Index(fields=["-published_at"], name="claim_published_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(checkworthiness__isnull=True)
                | Q(checkworthiness__gte=0, checkworthiness__lte=1),
                name="claim_checkworthiness_range",
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="claim_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.statement[:120]

    def get_absolute_url(self) -> str:
        return reverse("claims:claim-detail", kwargs={"pk": self.pk})

    @property
    def made(self) -> PartialDate | None:
        return PartialDate.from_fields(self.made_on, self.made_on_precision)

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES and not self.is_archived

    def clean(self) -> None:
        super().clean()
        if not (self.statement or "").strip():
            raise ValidationError({"statement": _("The statement cannot be empty.")})
        if self.checkworthiness is not None and not math.isfinite(self.checkworthiness):
            # NaN slips past the min/max validators and breaks the range constraint.
            raise ValidationError(
                {"checkworthiness": _("Enter a number between 0 and 1.")}
            )
        if self.made_on and self.made_on_precision != Precision.DAY:
            try:
                PartialDate(self.made_on, self.made_on_precision)
            except ValidationError as exc:
                raise ValidationError({"made_on": exc.messages}) from exc

    def first_appearance(self) -> Appearance | None:
        return self.appearances.order_by_first().first()


class ClaimDate(models.Model):
    """A date a claim is about (an event) or was reported on, with its precision."""

    class Role(models.TextChoices):
        EVENT = "event", _("event")
        REPORTED = "reported", _("reported")

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="dates")
    role = models.CharField(
        _("role"), max_length=10, choices=Role.choices, default=Role.EVENT
    )
    start = models.DateField(_("date"))
    precision = models.CharField(
        _("precision"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    end = models.DateField(_("until"), null=True, blank=True)
    end_precision = models.CharField(
        _("end precision"),
        max_length=5,
        choices=Precision.choices,
        default=Precision.DAY,
    )
    text = models.CharField(
        _("as written"),
        max_length=200,
        blank=True,
        help_text=_("e.g. “bulan Juni 2018”"),
    )
    label = models.CharField(
        _("label"), max_length=200, blank=True, help_text=_("e.g. “Singapore summit”")
    )

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("date")
        verbose_name_plural = _("dates")
        indexes = [models.Index(fields=["start"], name="claimdate_start_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="claimdate_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.display()

    @property
    def start_date(self) -> PartialDate:
        return PartialDate(self.start, self.precision)

    @property
    def end_date(self) -> PartialDate | None:
        return PartialDate.from_fields(self.end, self.end_precision)

    def display(self) -> str:
        return format_span(self.start_date, self.end_date)

    def clean(self) -> None:
        super().clean()
        errors = {}
        try:
            start = self.start_date if self.start else None
        except ValidationError as exc:
            errors["start"] = exc.messages
            start = None
        try:
            end = self.end_date
        except ValidationError as exc:
            errors["end"] = exc.messages
            end = None
        if errors:
            raise ValidationError(errors)
        validate_span(start, end)


# --- Appearances --------------------------------------------------------------------


class AppearanceQuerySet(models.QuerySet["Appearance"]):
    def order_by_first(self) -> AppearanceQuerySet:
        """Earliest first: by the document's publication date, then by capture."""
        return self.select_related("document").order_by(
            models.F("document__published_on").asc(nulls_last=True),
            "created_at",
            "start",
        )


class Appearance(models.Model):
    """A claim quoted verbatim in a document, at exact character offsets."""

    claim = models.ForeignKey(
        Claim, on_delete=models.CASCADE, related_name="appearances"
    )
    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, related_name="appearances"
    )
    quote = models.TextField(_("verbatim quote"))
    start = models.PositiveIntegerField(_("start offset"))
    end = models.PositiveIntegerField(_("end offset"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(
        _("created at"), default=timezone.now, editable=False
    )

    objects = AppearanceQuerySet.as_manager()

    class Meta:
        ordering = ["document_id", "start"]
        verbose_name = _("appearance")
        verbose_name_plural = _("appearances")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")),
                name="appearance_end_after_start",
            ),
            models.UniqueConstraint(
                fields=["claim", "document", "start"], name="unique_appearance"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quote[:60]}…" if len(self.quote) > 60 else self.quote

    def clean(self) -> None:
        super().clean()
        if self.document_id is None or self.start is None or self.end is None:
            return
        text = self.document.text
        if self.end <= self.start:
            raise ValidationError({"end": _("The end offset must be after the start.")})
        if self.end > len(text):
            raise ValidationError(
                {
                    "end": _("The document is only %(n)d characters long.")
                    % {"n": len(text)}
                }
            )
        if text[self.start : self.end] != self.quote:
            found = text.find(self.quote) if self.quote else -1
            hint = (
                _(" It occurs at %(s)d–%(e)d.")
                % {"s": found, "e": found + len(self.quote)}
                if found >= 0
                else _(" It does not occur anywhere in the document.")
            )
            raise ValidationError(
                {
                    "quote": _(
                        "The quote is not found at characters %(s)d–%(e)d of the "
                        "document.%(hint)s"
                    )
                    % {"s": self.start, "e": self.end, "hint": hint}
                }
            )


# --- Evidence, notes, history -------------------------------------------------------


class EvidenceQuerySet(models.QuerySet["Evidence"]):
    def active(self) -> EvidenceQuerySet:
        return self.filter(is_archived=False)


class Evidence(models.Model):
    class Stance(models.TextChoices):
        SUPPORTS = "supports", _("supports")
        REFUTES = "refutes", _("refutes")
        CONTEXT = "context", _("context")

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="evidence")
    url = models.URLField(_("URL"), max_length=2000, blank=True)
    document = models.ForeignKey(
        Document,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evidence",
    )
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, null=True, blank=True, related_name="evidence"
    )
    stance = models.CharField(_("stance"), max_length=10, choices=Stance.choices)
    excerpt = models.TextField(_("excerpt"), blank=True)
    accessed_on = models.DateField(_("accessed on"), null=True, blank=True)
    archive_url = models.URLField(_("archive URL"), max_length=2000, blank=True)
    is_archived = models.BooleanField(_("archived"), default=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        editable=False,
    )
    added_at = models.DateTimeField(_("added at"), default=timezone.now, editable=False)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["added_at", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(
                condition=~Q(url="")
                | Q(document__isnull=False)
                | Q(source__isnull=False),
                name="evidence_has_target",
            )
        ]

    def __str__(self) -> str:
        return self.url or str(self.document or self.source or "")

    def clean(self) -> None:
        super().clean()
        if not self.url and not self.document_id and not self.source_id:
            # Keyed to the URL field: the message shows next to it, and the
            # evidence_has_target constraint is not reported a second time in
            # database terms ("Constraint … is violated").
            raise ValidationError(
                {"url": _("Evidence needs a URL, a document or a source (or several).")}
            )


class NoteQuerySet(models.QuerySet["Note"]):
    def public(self) -> NoteQuerySet:
        return self.filter(is_public=True)


class Note(models.Model):
    """A fact-checker's annotation; public notes form the published write-up."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="notes")
    body = models.TextField(_("note"), help_text=_("Markdown."))
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown on the published fact-check.")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(
        _("created at"), default=timezone.now, editable=False
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = NoteQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")

    def __str__(self) -> str:
        return self.body[:60]

    def clean(self) -> None:
        super().clean()
        if not (self.body or "").strip():
            raise ValidationError({"body": _("A note cannot be empty.")})


class ReviewEventQuerySet(models.QuerySet["ReviewEvent"]):
    """Bulk ``delete()`` and ``update()`` skip the model's guards, so refuse them too.

    Deleting a claim still unlinks its events: Django's collector sets ``claim`` to
    NULL through the plain base manager, not this QuerySet.
    """

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Review events are append-only.")

    def update(self, **kwargs: object) -> int:
        raise PermissionError("Review events are append-only.")


class ReviewEvent(models.Model):
    """Append-only history of a claim's status, verdict and assignment changes.

    Written only by ``claims.services`` in the transaction that makes the change.
    ``save()`` refuses updates and ``delete()`` refuses always; the admin shows it
    read-only. If a superuser deletes a claim, its events stay, pointing to nothing,
    with the claim's id and statement kept in ``claim_ref``.
    """

    claim = models.ForeignKey(
        Claim, on_delete=models.SET_NULL, null=True, related_name="events"
    )
    claim_ref = models.CharField(_("claim"), max_length=200, editable=False)
    action = models.CharField(_("action"), max_length=60)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now)
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20, blank=True)
    from_verdict = models.ForeignKey(
        Rating, on_delete=models.PROTECT, null=True, related_name="+"
    )
    to_verdict = models.ForeignKey(
        Rating, on_delete=models.PROTECT, null=True, related_name="+"
    )
    comment = models.TextField(_("comment"), blank=True)

    objects = ReviewEventQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("review event")
        verbose_name_plural = _("review history")
        indexes = [models.Index(fields=["claim", "created_at"], name="event_claim_idx")]

    def __str__(self) -> str:
        return f"{self.action} {self.from_status}→{self.to_status}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise PermissionError("Review events are append-only.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise PermissionError("Review events are append-only.")


class Correction(models.Model):
    """A public, dated note on a published claim whose verdict or write-up changed."""

    claim = models.ForeignKey(
        Claim, on_delete=models.CASCADE, related_name="corrections"
    )
    note = models.TextField(_("correction"))
    previous_verdict = models.ForeignKey(
        Rating, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    new_verdict = models.ForeignKey(
        Rating, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    previous_summary = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("dated"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self) -> str:
        return self.note[:80]
