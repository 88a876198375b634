"""Claims, their dates, tags and appearances in documents."""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.postgres.search import SearchRank, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connections, models
from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Cast, Coalesce, Greatest, Now
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import attribution as attribution_parts
from ..dates import PartialDate, Precision, format_span, validate_span
from ..siteversion import site_version_bump
from ..status import PAGE_STATUSES, PUBLIC_STATUSES, Status
from .base import language_field
from .documents import Document
from .epoch import ROW as EPOCH_ROW
from .epoch import SiteEpoch
from .history import RecordedQuerySet, recorded
from .ratings import Rating
from .sources import Source
from .tags import Tag

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


#: ``published()``'s condition, which the public partial indexes repeat exactly (a
#: partial index serves only queries whose WHERE implies its condition).
PUBLIC_CONDITION = Q(status__in=PUBLIC_STATUSES, is_archived=False)


def public_page_condition(prefix: str = "") -> Q:
    """``with_public_page()``'s condition, on the claim at ``prefix`` ("claim__"
    for a correction's or an event's): as a join, so a query that also reads the
    claim's columns (its ``page_version``) joins it once."""
    return Q(**{f"{prefix}status__in": PAGE_STATUSES, f"{prefix}is_archived": False})


class ClaimQuerySet(RecordedQuerySet["Claim"]):
    def published(self) -> ClaimQuerySet:
        """The single visibility rule: what any public list, count, feed or API shows.

        Published and corrected claims that are not archived. Every public surface
        starts from this method (or ``with_public_page`` for a claim's own URL).
        """
        return self.filter(PUBLIC_CONDITION)

    def with_public_page(self) -> ClaimQuerySet:
        """Claims whose URL answers publicly: the published ones plus retracted ones,
        which keep their page to show the retraction notice."""
        return self.filter(public_page_condition())

    def newest_first(self) -> ClaimQuerySet:
        """The public order: latest first publication first (ties by id)."""
        return self.order_by("-published_at", "-pk")

    def revised_since(self, moment: dt.datetime) -> ClaimQuerySet:
        """Claims whose public fact-check changed at or after ``moment``: first
        published, corrected or retracted then (``revised_at``)."""
        return self.filter(revised_at__gte=moment)

    def active(self) -> ClaimQuerySet:
        return self.filter(is_archived=False)

    def assigned_to(self, user: AbstractBaseUser | AnonymousUser) -> ClaimQuerySet:
        return self.filter(assignee_id=user.pk)

    def unassigned(self) -> ClaimQuerySet:
        return self.filter(assignee__isnull=True)

    def awaiting_review(self) -> ClaimQuerySet:
        return self.filter(status=Status.IN_REVIEW, is_archived=False)

    def open_work(self) -> ClaimQuerySet:
        """Claims with work left for the desk: live and not closed."""
        from ..status import CLOSED_STATUSES

        return self.filter(is_archived=False).exclude(status__in=CLOSED_STATUSES)

    def overdue(self, today: dt.date | None = None) -> ClaimQuerySet:
        """Open claims whose due date is before ``today`` (the local date)."""
        today = today or timezone.localdate()
        return self.open_work().filter(due_on__lt=today)

    def overdue_first(self, today: dt.date | None = None) -> ClaimQuerySet:
        """Ordered for a to-do list: overdue claims first (earliest due first),
        then those with a due date, then the rest, latest change first."""
        today = today or timezone.localdate()
        return self.annotate(
            is_overdue=models.Case(
                models.When(due_on__lt=today, then=models.Value(0)),
                default=models.Value(1),
                output_field=models.IntegerField(),
            )
        ).order_by("is_overdue", F("due_on").asc(nulls_last=True), "-updated_at", "-pk")

    def quoted_by(self, publisher: Source) -> ClaimQuerySet:
        """Claims quoted in at least one document (not archived) that ``publisher``
        published."""
        return self.filter(
            models.Exists(
                Appearance.objects.filter(
                    claim=OuterRef("pk"),
                    document__publisher=publisher,
                    document__is_archived=False,
                )
            )
        )

    def with_list_related(self) -> ClaimQuerySet:
        """What a list of claims shows, in a constant number of queries."""
        return self.select_related("claimant", "verdict", "assignee").prefetch_related(
            "tags"
        )

    def with_public_related(self) -> ClaimQuerySet:
        """What a public list shows: claimant, verdict, tags, dates and the
        translations (``claims.translations.claim_text`` reads them)."""
        return self.select_related("claimant", "verdict").prefetch_related(
            "tags",
            Prefetch("dates", queryset=ClaimDate.objects.order_by("start")),
            "translations",
        )

    def missing_translation(self, language: str) -> ClaimQuerySet:
        """Claims not written in ``language`` whose statement has no translation
        into it yet: the desk's "translation missing" filter."""
        from .translations import ClaimTranslation, primary_language

        language = primary_language(language)
        return self.exclude(
            Q(language__iexact=language) | Q(language__istartswith=f"{language}-")
        ).exclude(
            models.Exists(
                ClaimTranslation.objects.written().filter(
                    claim=OuterRef("pk"), language=language
                )
            )
        )

    def translated_into(self, language: str) -> ClaimQuerySet:
        """Claims with a written translation into ``language``."""
        from .translations import ClaimTranslation, primary_language

        return self.filter(
            models.Exists(
                ClaimTranslation.objects.written().filter(
                    claim=OuterRef("pk"), language=primary_language(language)
                )
            )
        )

    def for_cards(self) -> ClaimQuerySet:
        """Only what finds a claim's card in the card cache (``public.caching``): its
        id and page version. The cards not found there load the rest themselves."""
        return self.only("pk", "page_version")

    def same_statement(self, text: str) -> ClaimQuerySet:
        """Claims that may state ``text`` again: the importer's duplicate check.

        On PostgreSQL, those whose ``claims_statement_key`` (migration 0020: lower
        case, quotation marks removed, spacing collapsed, closing punctuation
        dropped) equals ``text``'s, one lookup in a hash index. Elsewhere (SQLite),
        those equal to it ignoring case or starting with its first 40 characters.
        The caller compares the candidates it gets in Python.
        """
        text = text.strip()
        if connections[self.db].vendor == "postgresql":
            return self.alias(
                statement_key=models.Func(
                    F("statement"),
                    function="claims_statement_key",
                    output_field=models.TextField(),
                )
            ).filter(
                statement_key=models.Func(
                    Cast(models.Value(text), models.TextField()),
                    function="claims_statement_key",
                    output_field=models.TextField(),
                )
            )
        return self.filter(
            Q(statement__iexact=text) | Q(statement__istartswith=text[:40])
        )

    def search_text(self, text: str) -> ClaimQuerySet:
        """Portable search over what PostgreSQL's vector holds (statements,
        attributions, quotes, claimant names and aliases, verdict summaries, tag
        names in every language, translations): ``search()``'s fallback where
        there is no stored full-text vector (SQLite). Every word of ``text`` must be
        found in one of them (as a substring, ignoring case), as PostgreSQL's
        search wants every word."""
        from ..search import query_words
        from .translations import site_languages

        words = query_words(text)
        if not words:
            return self.none()
        matching = Claim.objects.all()
        for word in words:
            q = (
                Q(statement__icontains=word)
                | Q(attribution__icontains=word)
                | Q(attribution_chain__icontains=word)
                | Q(verdict_summary__icontains=word)
                | Q(appearances__quote__icontains=word)
                | Q(claimant__name__icontains=word)
                | Q(claimant__aliases__name__icontains=word)
                | Q(tags__name__icontains=word)
                | Q(translations__statement__icontains=word)
                | Q(translations__verdict_summary__icontains=word)
            )
            for language in site_languages():
                # the translated names' values only, not the JSON's keys
                q |= Q(**{f"tags__translations__{language}__name__icontains": word})
            matching = matching.filter(pk__in=Claim.objects.filter(q).values("pk"))
        return self.filter(pk__in=matching.values("pk"))

    def search(self, text: str) -> ClaimQuerySet:
        """Claims matching a reader's search, annotated with ``search_rank`` (higher is
        better; order by it for relevance).

        The query is first expanded (``claims.search.expand``): hyphens inside words
        read as spaces ("Kim Jong-un" finds "Kim Jong Un"), and a source it names is
        also searched by its other names and aliases ("Korut" finds "North
        Korea", and the claims filed under the tag "North Korea").

        On PostgreSQL: full-text search through the stored, GIN-indexed
        ``search_vector`` (migrations 0004, 0028, 0035), ranked with ``ts_rank``,
        unaccented, stemmed in English and Indonesian and matched word for word;
        the expansion's texts are joined with OR into the one query. The vector
        holds the claim's tag names in every language and its translations, so a
        topic's name finds all its claims, however many, and an Indonesian
        reader finds a claim by its Indonesian translation: one bitmap index scan.
        Elsewhere (SQLite): ``search_text``'s substring match over the same texts,
        all ranked equal. Hostile input (tsquery syntax, quotes, NUL bytes) cannot
        raise; blank text filters nothing.
        """
        from ..search import claim_search, clean_search_text, either, expand

        text = clean_search_text(text)
        if not text:
            return self.annotate(search_rank=models.Value(0.0, models.FloatField()))
        expansion = expand(text)
        if connections[self.db].vendor == "postgresql":
            condition, rank_query = claim_search(either(expansion.texts), self.db)
            return self.filter(condition).annotate(
                search_rank=SearchRank(models.F("search_vector"), rank_query)
            )
        q = Q()
        for variant in expansion.texts:
            q |= Q(pk__in=Claim.objects.search_text(variant).values("pk"))
        return self.filter(q).annotate(
            search_rank=models.Value(0.0, models.FloatField())
        )

    def with_page_related(self) -> ClaimQuerySet:
        """Everything a public claim page shows, in a constant number of queries.

        Only what the public may see is prefetched, under its own attribute:
        ``public_appearances`` (first first, in documents not archived),
        ``public_evidence`` (not archived; ``Evidence.public_document`` hides an
        archived document), ``public_notes`` (``NoteQuerySet.public``) and
        ``public_corrections``.
        """
        from .evidence import Evidence, Note
        from .review import Correction

        return self.with_public_related().prefetch_related(  # type: ignore[type-var]
            "claimant__aliases",
            Prefetch(
                "appearances",
                queryset=Appearance.objects.filter(document__is_archived=False)
                .order_by_first()
                .select_related("document__publisher"),
                to_attr="public_appearances",
            ),
            Prefetch(
                "evidence",
                queryset=Evidence.objects.active()
                # nothing left to show: its one target is an archived document
                .exclude(url="", source__isnull=True, document__is_archived=True)
                .select_related("document", "source"),
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

    def with_merge_flag(self) -> ClaimQuerySet:
        """Annotate ``in_merges``: whether the claim was merged into another or
        another into it (the desk's claim page reads the merges only then)."""
        from .merges import ClaimMerge

        return self.annotate(
            in_merges=models.Exists(
                ClaimMerge.objects.filter(
                    Q(merged=OuterRef("pk")) | Q(into=OuterRef("pk"))
                )
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

    def bump_page_version(self) -> int:
        """Mark these claims' public pages (and API details) as changed, in one
        UPDATE: ``page_version`` goes up by one, so their ETag changes, and
        ``page_changed_at`` moves at least one second past its last value, so a
        Last-Modified (whole seconds) can never answer 304 for a newer page.

        Every write that a public claim page shows calls this, through a service.
        A page's Last-Modified is the later of this and the site epoch's
        ``changed_at`` (``claims.caching.PageState``), so this also moves past the
        epoch's: a page whose date came from the epoch still gets a newer one.
        """
        # Whatever a page shows may also be counted or listed elsewhere.
        site_version_bump()
        second = dt.timedelta(seconds=1)
        epoch_at = Subquery(
            SiteEpoch.objects.filter(pk=EPOCH_ROW).values("changed_at"),
            output_field=models.DateTimeField(),
        )
        # Bookkeeping, not content: the claims' history leaves these columns out.
        return self.order_by().update_unrecorded(
            page_version=F("page_version") + 1,
            page_changed_at=Greatest(
                Now(),
                F("page_changed_at") + second,
                Coalesce(epoch_at, F("page_changed_at")) + second,
            ),
        )

    def verdict_counts(self, *, cap: int | None = None) -> list[tuple[Rating, int]]:
        """(rating, number of claims) for each verdict present, in scale order.

        With ``cap``, each count stops at ``cap + 1`` (one LIMITed subquery per
        rating, answered from an index at any size): a number above ``cap`` means
        "more than ``cap``", and no exact COUNT(*) walks a million rows.
        """
        if cap is not None:
            counted = [
                (r, self.filter(verdict=r).order_by().values("pk")[: cap + 1].count())
                for r in Rating.objects.all()
            ]
            return [(r, n) for r, n in counted if n]
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

    class Origin(models.TextChoices):
        DESK = "desk", _("captured by the desk")
        CLAIMREVIEW = "claimreview", _("imported from another fact-checker")
        DATASET = "dataset", _("imported from a dataset")

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
    speech = models.CharField(
        _("speech"),
        max_length=10,
        choices=attribution_parts.Speech.choices,
        blank=True,
        default="",
        help_text=_("Whether the text quotes the claimant's words or paraphrases."),
    )
    #: the importer's attribution as data (claims.attribution); shown in the
    #: reader's language unless ``attribution`` is filled in
    attribution_chain = models.JSONField(
        _("attribution chain"),
        default=list,
        blank=True,
        validators=[attribution_parts.validate_chain],
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
    origin = models.CharField(
        _("origin"),
        max_length=20,
        choices=Origin.choices,
        default=Origin.DESK,
        editable=False,
        help_text=_(
            "Imported claims arrive as new, with the other fact-checker's verdict "
            "beside them: public only once the desk checks and publishes them."
        ),
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
    revised_at = models.DateTimeField(
        _("last revised"),
        null=True,
        editable=False,
        help_text=_(
            "When readers last saw the fact-check change: its publication, latest "
            "correction or retraction. Internal edits leave it alone."
        ),
    )
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
    page_version = models.PositiveIntegerField(
        _("page version"),
        default=1,
        editable=False,
        help_text=_("Goes up with every change that the claim's public page shows."),
    )
    page_changed_at = models.DateTimeField(
        _("page changed at"), default=timezone.now, editable=False
    )
    search_vector = SearchVectorField(null=True, editable=False)
    due_on = models.DateField(
        _("due"),
        null=True,
        blank=True,
        help_text=_(
            "When the assignee should have it ready for review; the assignee and "
            "the claim's watchers are told when it passes."
        ),
    )

    objects = ClaimManager()
    history = recorded(
        excluded_fields=["search_vector", "page_version", "page_changed_at"],
        m2m_fields=[tags],
    )

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
            ("assign_claim", _("Can assign a claim to someone else")),
            ("view_throughput", _("Can see each fact-checker's throughput")),
        ]
        indexes = [
            models.Index(fields=["status", "-updated_at"], name="claim_status_idx"),
            # the desk's claims list sorts by check-worthiness
            models.Index(fields=["checkworthiness"], name="claim_checkworthiness_idx"),
            # The desk's default list: live claims, latest change first. Also lets
            # PostgreSQL count them from the index alone.
            models.Index(
                fields=["-updated_at", "-id"],
                condition=Q(is_archived=False),
                name="claim_live_updated_idx",
            ),
            # Publication dates (the dashboard's weeks, the desk's date filter).
            # Only claims that have one: indexed with the unpublished claims'
            # NULLs first, PostgreSQL could take it for the public order instead
            # of the partial index below, and walked 220k NULLs (400 ms) before
            # the first published claim at a million claims.
            models.Index(
                fields=["-published_at"],
                condition=Q(published_at__isnull=False),
                name="claim_published_idx",
            ),
            # The public order (``newest_first``) over exactly ``published()``.
            models.Index(
                fields=["-published_at", "-id"],
                condition=PUBLIC_CONDITION,
                name="claim_public_newest_idx",
            ),
            # The same order within a filter the public list offers.
            *(
                models.Index(
                    fields=[field, "-published_at", "-id"],
                    condition=PUBLIC_CONDITION,
                    name=f"claim_public_{field}_idx",
                )
                for field in ("claimant", "verdict", "language")
            ),
            # The dashboard's claims captured per week.
            models.Index(fields=["created_at"], name="claim_created_idx"),
            # The dashboard's backlog: live claims by status and age, counted
            # from the index alone.
            models.Index(
                fields=["status", "created_at"],
                condition=Q(is_archived=False),
                name="claim_live_status_age_idx",
            ),
            # The desk's unassigned new claims (the index page's queue), counted
            # from the index alone: at a million claims PostgreSQL ANDed the
            # bitmaps of every unassigned and every new claim and read 31k pages
            # of the table (150 ms) to count the first 201.
            models.Index(
                fields=["status", "-updated_at"],
                condition=Q(is_archived=False, assignee__isnull=True),
                name="claim_unassigned_status_idx",
            ),
            # The overdue job's claims with a due date.
            models.Index(
                fields=["due_on"],
                condition=Q(due_on__isnull=False),
                name="claim_due_idx",
            ),
            # A source page's verdict counts.
            models.Index(
                fields=["claimant", "verdict"],
                condition=PUBLIC_CONDITION,
                name="claim_public_claimant_v_idx",
            ),
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
    def attribution_text(self) -> str:
        """The attribution worded in the active language: what a person typed in
        ``attribution``, else the stored chain, with "(direct quote)" or
        "(paraphrased)" from ``speech``."""
        return attribution_parts.render(
            self.attribution_chain, self.speech, self.attribution
        )

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
        """The claim's origin: the earliest appearance recorded before it was first
        published (a later sighting never becomes the first appearance)."""
        return self.appearances.before_publication(self).order_by_first().first()

    def is_later_sighting(self, appearance: Appearance) -> bool:
        """Whether ``appearance`` was recorded after the claim was first published:
        the same claim seen again elsewhere, which its page lists apart and which
        changes nothing already published (``AppearanceQuerySet.before_publication``
        is the same rule as a query)."""
        return self.published_at is not None and (
            appearance.created_at > self.published_at
        )

    def _appearances_shown(self) -> list[Appearance]:
        prefetched = getattr(self, "public_appearances", None)
        if prefetched is None:
            prefetched = list(self.appearances.order_by_first())
        return prefetched

    @property
    def original_appearances(self) -> list[Appearance]:
        """The appearances the fact-check was published on, first first (from
        ``with_page_related``'s ``public_appearances`` when prefetched)."""
        return [a for a in self._appearances_shown() if not self.is_later_sighting(a)]

    @property
    def later_sightings(self) -> list[Appearance]:
        """Appearances recorded after the first publication, earliest seen first."""
        later = [a for a in self._appearances_shown() if self.is_later_sighting(a)]
        return sorted(later, key=lambda a: (a.seen_on, a.created_at, a.pk or 0))


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

    objects = RecordedQuerySet.as_manager()
    history = recorded()

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("date")
        verbose_name_plural = _("dates")
        indexes = [
            models.Index(fields=["start"], name="claimdate_start_idx"),
            # The timeline's order, walked without a sort.
            models.Index(fields=["start", "end", "id"], name="claimdate_timeline_idx"),
        ]
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


class AppearanceQuerySet(RecordedQuerySet["Appearance"]):
    def before_publication(self, claim: Claim) -> AppearanceQuerySet:
        """``claim``'s appearances recorded before it was first published (all of
        them while it never was): ``Claim.is_later_sighting``'s rule as a query."""
        if claim.published_at is None:
            return self
        return self.filter(created_at__lte=claim.published_at)

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
    history = recorded()

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

    @property
    def seen_on(self) -> dt.date:
        """When the claim was seen here: the document's publication date if known,
        else the day the appearance was recorded."""
        return self.document.published_on or timezone.localdate(self.created_at)

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
