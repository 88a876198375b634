"""The desk's figures: how much was captured, submitted and published, how long
it took, what waits and for how long, which verdicts, whose claims, who did it.

Each figure is one aggregate query over an indexed column (capture, publication
and event dates; the claimant and verdict of public claims), counted per week or
month by the database. ``desk_figures`` computes them all for one window and keeps
the result in the cache for ``CLAIMDESK_DASHBOARD_CACHE_SECONDS`` (five minutes by
default), so a busy dashboard costs one cache read.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.db.models import Case, Count, IntegerField, Value, When
from django.db.models.functions import TruncMonth, TruncWeek
from django.utils import timezone

from .models import Claim, Rating, ReviewEvent, Source
from .status import Status

#: Age buckets of the backlog: (upper bound in days, key); the last has none.
AGE_BUCKETS = ((7, "week"), (28, "month"), (91, "quarter"), (None, "older"))
OPEN_STATUSES = (Status.NEW, Status.RESEARCHING, Status.IN_REVIEW)
TOP_CLAIMANTS = 10


@dataclass
class Figures:
    """Everything the dashboard shows for one window of whole weeks."""

    start: dt.date
    end: dt.date  # exclusive
    computed_at: dt.datetime = field(default_factory=timezone.now)
    weeks: list[dt.date] = field(default_factory=list)
    captured: list[int] = field(default_factory=list)
    submitted: list[int] = field(default_factory=list)
    published: list[int] = field(default_factory=list)
    #: median days per week of publication, None where nothing was published
    capture_to_publication: list[float | None] = field(default_factory=list)
    submission_to_publication: list[float | None] = field(default_factory=list)
    #: over the whole window
    median_capture_days: float | None = None
    median_submission_days: float | None = None
    #: {status: {age bucket: count}} of open claims (all of them, not windowed)
    backlog: dict[str, dict[str, int]] = field(default_factory=dict)
    months: list[dt.date] = field(default_factory=list)
    #: [(rating id, label, colour, [count per month])]
    verdicts: list[tuple[int, str, str, list[int]]] = field(default_factory=list)
    #: [(claimant name, published in the window)]
    claimants: list[tuple[str, int]] = field(default_factory=list)
    #: [(username, submitted, published)] in the window
    throughput: list[tuple[str, int, int]] = field(default_factory=list)


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def window(*, weeks: int, end: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """``weeks`` whole weeks (Monday to Sunday) ending with the week of ``end``
    (today by default): (first Monday, the Monday after)."""
    last = week_start(end or timezone.localdate())
    return last - dt.timedelta(weeks=weeks - 1), last + dt.timedelta(weeks=1)


def _moment(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _day(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return (
            timezone.localtime(value).date()
            if timezone.is_aware(value)
            else (value.date())
        )
    return value  # type: ignore[no-any-return]


def _per_week(rows: Any, weeks: list[dt.date]) -> list[int]:
    counts = {week_start(_day(w)): n for w, n in rows}
    return [counts.get(w, 0) for w in weeks]


def desk_figures(*, weeks: int = 26, end: dt.date | None = None) -> Figures:
    """The dashboard's figures for ``weeks`` weeks up to ``end``, from the cache
    when it has them."""
    start, stop = window(weeks=weeks, end=end)
    # Not keyed by the site version: with every publication moving it, a busy
    # desk would recompute on most visits. Figures a few minutes old are fine.
    key = f"claimdesk:dashboard:{start}:{stop}"
    figures = cache.get(key)
    if figures is None:
        figures = compute_figures(start=start, end=stop)
        cache.set(key, figures, timeout=settings.CLAIMDESK_DASHBOARD_CACHE_SECONDS)
    return figures  # type: ignore[no-any-return]


def compute_figures(*, start: dt.date, end: dt.date) -> Figures:
    f = Figures(start=start, end=end)
    since, until = _moment(start), _moment(end)
    day = start
    while day < end:
        f.weeks.append(day)
        day += dt.timedelta(weeks=1)
    claims = Claim.objects.order_by()
    f.captured = _per_week(
        claims.filter(created_at__gte=since, created_at__lt=until)
        .annotate(w=TruncWeek("created_at"))
        .values_list("w")
        .annotate(n=Count("pk")),
        f.weeks,
    )
    f.submitted = _per_week(
        ReviewEvent.objects.order_by()
        .filter(
            action=ReviewEvent.Action.SUBMITTED,
            created_at__gte=since,
            created_at__lt=until,
        )
        .annotate(w=TruncWeek("created_at"))
        .values_list("w")
        .annotate(n=Count("pk")),
        f.weeks,
    )
    published = claims.filter(published_at__gte=since, published_at__lt=until)
    f.published = _per_week(
        published.annotate(w=TruncWeek("published_at"))
        .values_list("w")
        .annotate(n=Count("pk")),
        f.weeks,
    )
    _durations(f, published)
    _backlog(f)
    _verdicts(f, published)
    top = list(
        published.filter(claimant__isnull=False)
        .values_list("claimant")
        .annotate(n=Count("pk"))
        .order_by("-n", "claimant")[:TOP_CLAIMANTS]
    )
    names = dict(
        Source.objects.filter(pk__in=[pk for pk, _n in top]).values_list("pk", "name")
    )
    f.claimants = [(names.get(pk, "—"), n) for pk, n in top]
    _throughput(f, since, until, published)
    return f


def _durations(f: Figures, published: Any) -> None:
    """Median days from capture, and from the last submission before it, to
    publication: per week of publication and over the window."""
    if connection.vendor == "postgresql":
        capture, review, whole = _durations_pg(f)
    else:
        capture, review, whole = _durations_python(published)
    f.capture_to_publication = [capture.get(w) for w in f.weeks]
    f.submission_to_publication = [review.get(w) for w in f.weeks]
    f.median_capture_days, f.median_submission_days = whole


Medians = dict[dt.date, float]


def _days(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 86400, 1)


def _durations_pg(f: Figures) -> tuple[Medians, Medians, tuple[Any, Any]]:
    """PostgreSQL's ``percentile_cont`` over the window's publications (the
    publication index), each claim's last submission found through the events'
    (claim, created_at) index: one query, per week and for the whole window."""
    sql = """
        SELECT date_trunc('week', c.published_at AT TIME ZONE %(tz)s) AS w,
               percentile_cont(0.5) WITHIN GROUP (
                   ORDER BY extract(epoch FROM c.published_at - c.created_at)),
               percentile_cont(0.5) WITHIN GROUP (
                   ORDER BY extract(epoch FROM c.published_at - s.at))
        FROM claims_claim c
        LEFT JOIN LATERAL (
            SELECT max(e.created_at) AS at FROM claims_reviewevent e
            WHERE e.claim_id = c.id AND e.action = %(submitted)s
              AND e.created_at <= c.published_at
        ) s ON true
        WHERE c.published_at >= %(since)s AND c.published_at < %(until)s
        GROUP BY GROUPING SETS ((1), ())
    """
    capture: Medians = {}
    review: Medians = {}
    whole: tuple[Any, Any] = (None, None)
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            {
                "tz": timezone.get_current_timezone_name(),
                "submitted": ReviewEvent.Action.SUBMITTED.value,
                "since": _moment(f.start),
                "until": _moment(f.end),
            },
        )
        for week, cap, rev in cursor.fetchall():
            if week is None:
                whole = (_days(cap), _days(rev))
                continue
            w = week_start(_day(week))
            if cap is not None:
                capture[w] = _days(cap)  # type: ignore[assignment]
            if rev is not None:
                review[w] = _days(rev)  # type: ignore[assignment]
    return capture, review, whole


def _durations_python(published: Any) -> tuple[Medians, Medians, tuple[Any, Any]]:
    """The same medians where the database has no percentile (SQLite)."""
    rows = list(published.values_list("pk", "created_at", "published_at"))
    submitted: dict[int, list[dt.datetime]] = defaultdict(list)
    for claim_id, at in (
        ReviewEvent.objects.order_by()
        .filter(action=ReviewEvent.Action.SUBMITTED, claim__in=published.values("pk"))
        .values_list("claim_id", "created_at")
    ):
        submitted[claim_id].append(at)
    capture: dict[dt.date, list[float]] = defaultdict(list)
    review: dict[dt.date, list[float]] = defaultdict(list)
    for pk, created, done in rows:
        w = week_start(_day(done))
        capture[w].append((done - created).total_seconds())
        before = [at for at in submitted.get(pk, ()) if at <= done]
        if before:
            review[w].append((done - max(before)).total_seconds())

    def medians(per: dict[dt.date, list[float]]) -> Medians:
        return {w: _days(statistics.median(v)) for w, v in per.items()}  # type: ignore[misc]

    def overall(per: dict[dt.date, list[float]]) -> float | None:
        every = [d for ds in per.values() for d in ds]
        return _days(statistics.median(every)) if every else None

    return medians(capture), medians(review), (overall(capture), overall(review))


def _backlog(f: Figures) -> None:
    now = timezone.now()
    whens = [
        When(created_at__gte=now - dt.timedelta(days=days), then=Value(i))
        for i, (days, _key) in enumerate(AGE_BUCKETS)
        if days is not None
    ]
    rows = (
        Claim.objects.order_by()
        .filter(status__in=OPEN_STATUSES, is_archived=False)
        .annotate(
            age=Case(
                *whens,
                default=Value(len(AGE_BUCKETS) - 1),
                output_field=IntegerField(),
            )
        )
        .values_list("status", "age")
        # COUNT(*): answered from claim_live_status_age_idx alone
        .annotate(n=Count("*"))
    )
    f.backlog = {s: {key: 0 for _d, key in AGE_BUCKETS} for s in OPEN_STATUSES}
    for status, age, n in rows:
        f.backlog[status][AGE_BUCKETS[age][1]] = n


def _verdicts(f: Figures, published: Any) -> None:
    month = dt.date(f.start.year, f.start.month, 1)
    while month < f.end:
        f.months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    counts: dict[int, dict[dt.date, int]] = defaultdict(dict)
    for m, verdict, n in (
        published.filter(verdict__isnull=False)
        .annotate(m=TruncMonth("published_at"))
        .values_list("m", "verdict")
        .annotate(n=Count("pk"))
    ):
        d = _day(m)
        counts[verdict][dt.date(d.year, d.month, 1)] = n
    for rating in Rating.objects.filter(pk__in=list(counts)).order_by("order", "pk"):
        per = counts[rating.pk]
        f.verdicts.append(
            (rating.pk, str(rating), rating.colour, [per.get(m, 0) for m in f.months])
        )


def _throughput(f: Figures, since: Any, until: Any, published: Any) -> None:
    submitted = dict(
        ReviewEvent.objects.order_by()
        .filter(
            action=ReviewEvent.Action.SUBMITTED,
            created_at__gte=since,
            created_at__lt=until,
            actor__isnull=False,
        )
        .values_list("actor")
        .annotate(n=Count("pk"))
    )
    done = dict(
        published.filter(assignee__isnull=False)
        .values_list("assignee")
        .annotate(n=Count("pk"))
    )
    ids = set(submitted) | set(done)
    names = dict(
        get_user_model().objects.filter(pk__in=ids).values_list("pk", "username")
    )
    f.throughput = sorted(
        ((names.get(pk, "?"), submitted.get(pk, 0), done.get(pk, 0)) for pk in ids),
        key=lambda row: (-row[2], -row[1], row[0]),
    )
