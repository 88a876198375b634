"""Synthetic data at scale: realistic claims, deterministic for a seed, loaded fast.

``manage.py generate_synthetic`` runs ``generate``; the benchmarks (``benchmarks/``)
use it to fill their databases. What it makes, per claim: a claimant drawn from a
Zipf-like long tail (a few claimants with tens of thousands of claims at a million,
most with one or two), one to three appearances in documents published by outlets,
dates of mixed precision, tags, evidence once research started, a verdict from the
rating scale once submitted, the review events the services would have written for
its status (created, research started, verdict, submitted, published…), and one
``+`` history row per created object, as django-simple-history writes on a save.

Rows are built in Python from word lists (English and Indonesian; no network) with
one ``random.Random(seed)``, and ids are assigned here, so the same seed on an empty
database gives the same rows. They are written with COPY on PostgreSQL (with the
search triggers and secondary indexes off during the load, then the search vectors
filled by one set-based UPDATE, indexes rebuilt and sequences reset), and with
``executemany`` elsewhere (SQLite). The history rows and search vectors are made by
the database from the loaded rows (``INSERT … SELECT``). Everything happens in one
transaction: a failed run leaves nothing behind. Review events are only inserted,
which the append-only triggers allow; no trigger of theirs is touched.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import itertools
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils.text import slugify

from .models import (
    Appearance,
    Claim,
    ClaimDate,
    Correction,
    Document,
    Evidence,
    Rating,
    ReviewEvent,
    Source,
    SourceAlias,
    Status,
    Tag,
)
from .status import PAGE_STATUSES

#: A word in about 1% of the claims (English statements on one of 50 topics), and
#: one in about 1 claim in 10,000: what the benchmarks search for.
COMMON_TERM = "inflation"
RARE_TERM = "komodo"

#: The change reason on every history row this module writes.
HISTORY_REASON = "synthetic data"

#: How the statuses are spread: about 77% publicly visible (published or corrected).
STATUS_WEIGHTS = {
    Status.NEW: 6,
    Status.RESEARCHING: 7,
    Status.IN_REVIEW: 4,
    Status.PUBLISHED: 74,
    Status.CORRECTED: 3,
    Status.NOT_CHECKABLE: 5,
    Status.RETRACTED: 1,
}
_VERDICT_STATUSES = {
    Status.IN_REVIEW,
    Status.PUBLISHED,
    Status.CORRECTED,
    Status.RETRACTED,
}

_START = dt.datetime(2015, 1, 1, tzinfo=dt.UTC)
_SPAN = dt.timedelta(days=3650)

FIRST_NAMES = [
    "Joko",
    "Sri",
    "Budi",
    "Ahmad",
    "Siti",
    "Dewi",
    "Agus",
    "Rina",
    "Hendra",
    "Wati",
    "Bambang",
    "Yusuf",
    "Ratna",
    "Eko",
    "Putri",
    "Andi",
    "Maria",
    "John",
    "Sarah",
    "Michael",
    "Emma",
    "David",
    "Laura",
    "James",
    "Anna",
    "Robert",
    "Linda",
    "Kim",
    "Park",
    "Lee",
    "Chen",
    "Nguyen",
    "Aung",
    "Maya",
    "Fatima",
    "Omar",
    "Hassan",
    "Leila",
    "Ivan",
    "Olga",
    "Pedro",
    "Ana",
]
LAST_NAMES = [
    "Widodo",
    "Santoso",
    "Wijaya",
    "Prabowo",
    "Hartono",
    "Kusuma",
    "Lestari",
    "Saputra",
    "Nugroho",
    "Pratama",
    "Setiawan",
    "Rahman",
    "Hidayat",
    "Siregar",
    "Nasution",
    "Smith",
    "Johnson",
    "Brown",
    "Garcia",
    "Miller",
    "Davis",
    "Wilson",
    "Moore",
    "Taylor",
    "Anderson",
    "Thomas",
    "Jackson",
    "Martin",
    "Thompson",
    "Harris",
    "Clark",
    "Lewis",
    "Walker",
    "Hall",
    "Young",
    "Allen",
    "Wright",
    "Scott",
    "Green",
    "Baker",
    "Adams",
    "Nelson",
    "Hill",
    "Ramirez",
]
BODIES_EN = [
    "Ministry of Health",
    "Ministry of Finance",
    "Ministry of Education",
    "Central Bank",
    "Statistics Office",
    "Election Commission",
    "Ministry of Energy",
    "Police Headquarters",
    "National Disaster Agency",
    "Ministry of Trade",
    "Ministry of Agriculture",
    "Parliament",
]
BODIES_ID = [
    "Kementerian Kesehatan",
    "Kementerian Keuangan",
    "Kementerian Pendidikan",
    "Bank Indonesia",
    "Badan Pusat Statistik",
    "Komisi Pemilihan Umum",
    "Kementerian ESDM",
    "Mabes Polri",
    "BNPB",
    "Kementerian Perdagangan",
    "Kementerian Pertanian",
    "DPR RI",
]
ORGS = [
    "Transparency Watch",
    "Institute for Economic Research",
    "Green Earth Foundation",
    "Lembaga Survei Nasional",
    "Indonesia Corruption Watch",
    "Pusat Kajian Kebijakan",
    "Health Policy Forum",
    "Yayasan Pendidikan Rakyat",
    "Workers' Union",
    "Asosiasi Pengusaha",
]
OUTLET_WORDS = [
    "Tribun",
    "Kompas",
    "Tempo",
    "Detik",
    "Jakarta",
    "Nusantara",
    "Harian",
    "Global",
    "Daily",
    "Post",
    "Times",
    "Herald",
    "Observer",
    "Warta",
    "Suara",
    "Metro",
    "Berita",
    "Kabar",
    "Pos",
    "Sentinel",
    "Chronicle",
    "Gazette",
]
PLACES = [
    "Jakarta",
    "Surabaya",
    "Bandung",
    "Medan",
    "Makassar",
    "Papua",
    "Bali",
    "Aceh",
    "Kalimantan",
    "Sumatra",
    "Java",
    "Sulawesi",
    "Singapore",
    "Malaysia",
    "Thailand",
    "Vietnam",
    "Philippines",
    "Korea",
    "Japan",
    "China",
]
REGIONS_EN = ["Southeast Asia", "Asia", "the world", "the region", "ASEAN"]
REGIONS_ID = ["Asia Tenggara", "Asia", "dunia", "kawasan", "ASEAN"]
TOPICS_EN = [
    "inflation",
    "unemployment",
    "poverty",
    "vaccination",
    "rice",
    "deforestation",
    "flooding",
    "electricity",
    "fuel",
    "subsidies",
    "exports",
    "imports",
    "tourism",
    "literacy",
    "corruption",
    "crime",
    "debt",
    "taxes",
    "wages",
    "housing",
    "traffic",
    "pollution",
    "emissions",
    "coal",
    "palm-oil",
    "fisheries",
    "stunting",
    "malaria",
    "dengue",
    "tuberculosis",
    "hospitals",
    "schools",
    "teachers",
    "roads",
    "bridges",
    "railways",
    "ports",
    "airports",
    "internet",
    "smartphones",
    "startups",
    "investment",
    "growth",
    "budget",
    "pensions",
    "elections",
    "turnout",
    "migration",
    "refugees",
    "water",
    "sanitation",
]
TOPICS_ID = [
    "inflasi",
    "pengangguran",
    "kemiskinan",
    "vaksinasi",
    "beras",
    "deforestasi",
    "banjir",
    "listrik",
    "subsidi",
    "ekspor",
    "impor",
    "pariwisata",
    "literasi",
    "korupsi",
    "kejahatan",
    "utang",
    "pajak",
    "upah",
    "perumahan",
    "kemacetan",
    "polusi",
    "emisi",
    "batubara",
    "sawit",
    "perikanan",
    "stunting",
    "malaria",
    "demam",
    "tuberkulosis",
    "rumah-sakit",
    "sekolah",
    "guru",
    "jalan",
    "jembatan",
    "kereta",
    "pelabuhan",
    "bandara",
    "internet",
    "ponsel",
    "investasi",
    "pertumbuhan",
    "anggaran",
    "pensiun",
    "pemilu",
    "partisipasi",
    "migrasi",
    "pengungsi",
    "air",
    "sanitasi",
]
MOVED_EN = ["rose", "fell", "doubled", "halved", "grew", "dropped", "increased"]
MOVED_ID = ["naik", "turun", "berlipat", "berkurang", "tumbuh", "merosot", "meningkat"]
SUPERL_EN = ["highest", "lowest", "fastest-growing", "largest", "smallest"]
SUPERL_ID = ["tertinggi", "terendah", "tercepat", "terbesar", "terkecil"]
UNITS_EN = ["tonnes", "households", "people", "villages", "hectares", "schools"]
UNITS_ID = ["ton", "rumah tangga", "orang", "desa", "hektare", "sekolah"]
VERBED_EN = ["lost", "built", "recorded", "imported", "distributed", "destroyed"]
VERBED_ID = ["hilang", "dibangun", "tercatat", "diimpor", "dibagikan", "rusak"]

TEMPLATES_EN = [
    "{who} said {topic} {moved} by {pct} percent {when}.",
    "{who} claimed that {num} {unit} of {topic} were {verbed} in {place} {when}.",
    "According to {who}, {place} has the {superl} {topic} in {region}.",
    "{who} stated that the government spent {money} on {topic} {when}.",
    "{who} said {place} now has {num} {unit} without {topic}.",
]
TEMPLATES_ID = [
    "{who} mengatakan {topic} {moved} {pct} persen {when}.",
    "Menurut {who}, {place} memiliki {topic} {superl} di {region}.",
    "{who} menyebut {num} {unit} {topic} telah {verbed} di {place} {when}.",
    "{who} menyatakan pemerintah menghabiskan {money} untuk {topic} {when}.",
    "{who} mengklaim {place} kini punya {num} {unit} tanpa {topic}.",
]
WHEN_EN = ["last year", "this year", "since 2019", "in 2023", "in the last decade"]
WHEN_ID = ["tahun lalu", "tahun ini", "sejak 2019", "pada 2023", "dalam satu dekade"]
LEADS_EN = [
    "Officials gave new figures at a press conference on Monday.",
    "The statement was made during a televised debate.",
    "The remarks drew criticism from opposition lawmakers.",
]
LEADS_ID = [
    "Pejabat menyampaikan angka terbaru dalam konferensi pers, Senin.",
    "Pernyataan itu disampaikan dalam debat yang disiarkan televisi.",
    "Ucapan tersebut menuai kritik dari anggota parlemen oposisi.",
]
SUMMARY = [
    "Official statistics do not support this: the figure is **{pct}%**, not the "
    "number quoted.",
    "The data published by the statistics office show the claim is **accurate**.",
    "The claim takes a real figure out of context; see the evidence below.",
    "Data resmi menunjukkan angka sebenarnya adalah **{pct}%**.",
]
EVIDENCE_HOSTS = [
    "https://www.bps.go.id/statistics-table/",
    "https://data.worldbank.org/indicator/",
    "https://www.who.int/data/gho/data/indicators/",
    "https://satudata.kemkes.go.id/data/",
    "https://www.imf.org/en/Publications/WEO/",
]


@dataclass
class Report:
    """What a run made: counts per table, elapsed seconds per phase, a checksum."""

    counts: dict[str, int] = field(default_factory=dict)
    phases: list[tuple[str, float]] = field(default_factory=list)
    checksum: str = ""
    first_claim_id: int = 0


class _Sink:
    """Writes rows to one table: COPY on PostgreSQL, ``executemany`` elsewhere."""

    def __init__(self) -> None:
        self.vendor = connection.vendor
        connection.ensure_connection()

    def write(self, table: str, columns: Sequence[str], rows: list[tuple]) -> None:
        if not rows:
            return
        qn = connection.ops.quote_name
        cols = ", ".join(qn(c) for c in columns)
        if self.vendor == "postgresql":
            raw = connection.connection
            with (
                raw.cursor() as cursor,
                cursor.copy(f"COPY {qn(table)} ({cols}) FROM STDIN") as copy,
            ):
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["?"] * len(columns))
        cursor = connection.connection.cursor()
        try:
            cursor.executemany(
                f"INSERT INTO {qn(table)} ({cols}) VALUES ({marks})",
                [tuple(_sqlite_value(v) for v in row) for row in rows],
            )
        finally:
            cursor.close()


def _sqlite_value(value: Any) -> Any:
    # As Django stores them on SQLite: naive UTC text.
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _columns(model: type[models.Model]) -> list[str]:
    return [f.column for f in model._meta.concrete_fields]


def _next_id(model: type[models.Model]) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {model._meta.db_table}")
        return int(cursor.fetchone()[0]) + 1


class Generator:
    """Builds and loads ``claims`` synthetic claims with everything around them."""

    def __init__(
        self,
        *,
        claims: int,
        seed: int = 1,
        batch: int = 10_000,
        progress: Callable[[str], None] = lambda _line: None,
    ) -> None:
        self.n = claims
        self.batch = max(1, batch)
        self.rng = random.Random(seed)
        self.progress = progress
        self.report = Report()
        self.sink = _Sink()
        self.digest = hashlib.sha256()

    # --- driver ---------------------------------------------------------------

    def run(self) -> Report:
        pg = connection.vendor == "postgresql"
        with transaction.atomic():
            with self._phase("prepare"):
                if pg:
                    self._pg_prepare()
                self.start_ids: dict[Any, int] = {
                    m: _next_id(m)
                    for m in (
                        Source,
                        SourceAlias,
                        Document,
                        Claim,
                        ClaimDate,
                        Appearance,
                        Evidence,
                        ReviewEvent,
                        Correction,
                        Claim.tags.through,
                    )
                }
                self.ids = dict(self.start_ids)
                self._people()
            with self._phase("sources"):
                self._sources()
            with self._phase("claims"):
                self._claims()
            with self._phase("history"):
                self._history()
            if pg:
                with self._phase("search vectors"):
                    self._pg_search_vectors()
                with self._phase("indexes"):
                    self._pg_finish()
            with self._phase("sequences"):
                self._reset_sequences()
        with self._phase("analyze"), connection.cursor() as cursor:
            if pg:
                cursor.execute(f"ANALYZE {', '.join(self._pg_tables())}")
            else:
                # Without statistics SQLite sorts every published claim by the
                # status index rather than walk the partial newest-first one
                # (0.2 s for a list page at 100,000 claims, 1 ms after).
                cursor.execute("ANALYZE")
        self.report.checksum = self.digest.hexdigest()[:16]
        self.report.first_claim_id = self.start_ids[Claim]
        return self.report

    def _phase(self, name: str) -> _Phase:
        return _Phase(self, name)

    def _take(self, model: Any, count: int = 1) -> int:
        first = self.ids[model]
        self.ids[model] = first + count
        return first

    def _write(self, model: Any, columns: Sequence[str], rows: list[tuple]) -> None:
        self.sink.write(model._meta.db_table, columns, rows)
        label = model._meta.db_table.removeprefix("claims_")
        self.report.counts[label] = self.report.counts.get(label, 0) + len(rows)

    # --- people, tags, sources ------------------------------------------------------

    def _people(self) -> None:
        """A desk of 40 fact-checkers and 8 editors (reused by a second run), the
        tags (by name, reused too) and the rating scale of migration 0002."""
        User = get_user_model()
        groups = {g.name: g for g in Group.objects.filter(name__in=GROUPS.values())}
        self.fact_checkers: list[int] = []
        self.editors: list[int] = []
        for role, count, target in (
            ("factchecker", 40, self.fact_checkers),
            ("editor", 8, self.editors),
        ):
            for i in range(count):
                user, created = User.objects.get_or_create(
                    username=f"synthetic-{role}-{i:02d}",
                    defaults={"is_staff": True, "email": f"{role}{i}@example.org"},
                )
                if created:
                    user.set_unusable_password()
                    user.save(update_fields=["password"])
                    group = groups.get(GROUPS[role])
                    if group:
                        user.groups.add(group)
                target.append(user.pk)
        self.tags = []
        for name in sorted({*TOPICS_EN[:30], *TOPICS_ID[:30]}):
            tag = Tag.objects.filter(name=name).first()
            if tag is None:
                tag = Tag(name=name, slug=slugify(name))
                if Tag.objects.filter(slug=tag.slug).exists():
                    tag.slug = ""  # Tag.save picks a free one
                tag.save()
            self.tags.append(tag.pk)
        self.ratings = list(
            Rating.objects.active().order_by("order", "pk").values_list("pk", flat=True)
        )
        if not self.ratings:
            raise ValueError("There is no active rating: run the migrations first.")

    def _sources(self) -> None:
        rng = self.rng
        count = max(20, self.n // 20)
        first = self._take(Source, count)
        now = _START
        rows, names = [], []
        for i in range(count):
            pk = first + i
            kind = rng.choices(
                ["person", "government", "organisation", "anonymous"], [70, 15, 12, 3]
            )[0]
            if kind == "person":
                name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            elif kind == "government":
                name = rng.choice(BODIES_EN + BODIES_ID)
                if i >= len(BODIES_EN):
                    name = f"{name} {rng.choice(PLACES)}"
            elif kind == "organisation":
                name = f"{rng.choice(ORGS)} {rng.choice(PLACES)}"
            else:
                name = f"Unnamed official ({rng.choice(PLACES)})"
            names.append(name)
            rows.append(
                (
                    pk,
                    name,
                    f"{slugify(name)}-{pk}",
                    kind,
                    rng.choice(["ID", "US", ""]),
                    "",
                    "",
                    False,
                    now,
                    now,
                )
            )
        self._write(Source, _columns(Source), rows)
        self.claimant_names = names
        self.claimant_ids = list(range(first, first + count))
        # Zipf (s=1) over the claimants: rank r is chosen with weight 1/r.
        self.claimant_cum = list(
            itertools.accumulate(1 / r for r in range(1, count + 1))
        )

        aliases = []
        for i, name in enumerate(names):
            k = 3 if i < 20 else rng.choices([0, 1, 2], [60, 30, 10])[0]
            parts = name.split()
            options = [parts[-1], name.upper(), f"{parts[0][0]}. {' '.join(parts[1:])}"]
            for alias in dict.fromkeys(options[:k]):
                if alias and alias != name:
                    aliases.append((self._take(SourceAlias), first + i, alias))
        self._write(SourceAlias, ["id", "source_id", "name"], aliases)

        outlets = min(400, 30 + self.n // 5000)
        ofirst = self._take(Source, outlets)
        orows = []
        self.outlet_domains = []
        for i in range(outlets):
            name = " ".join(rng.sample(OUTLET_WORDS, 2)) + (f" {i}" if i >= 30 else "")
            domain = f"www.{slugify(name).replace('-', '')}.example"
            self.outlet_domains.append(domain)
            orows.append(
                (
                    ofirst + i,
                    name,
                    f"{slugify(name)}-{ofirst + i}",
                    "outlet",
                    "ID",
                    f"https://{domain}/",
                    "",
                    False,
                    now,
                    now,
                )
            )
        self._write(Source, _columns(Source), orows)
        self.outlet_ids = list(range(ofirst, ofirst + outlets))
        self.outlet_cum = list(
            itertools.accumulate(1 / r for r in range(1, outlets + 1))
        )

    # --- claims -------------------------------------------------------------------

    def _claims(self) -> None:
        done = 0
        started = time.perf_counter()
        while done < self.n:
            size = min(self.batch, self.n - done)
            self._claim_batch(done, size)
            done += size
            rate = done / max(time.perf_counter() - started, 1e-9)
            self.progress(f"  {done:,} / {self.n:,} claims ({rate:,.0f}/s)")

    def _pick(self, ids: list[int], cum: list[float]) -> int:
        x = self.rng.random() * cum[-1]
        return ids[min(bisect.bisect(cum, x), len(ids) - 1)]

    def _statement(self, language: str, who: str) -> str:
        rng = self.rng
        en = language == "en"
        pct = rng.randint(2, 95)
        text = rng.choice(TEMPLATES_EN if en else TEMPLATES_ID).format(
            who=who,
            topic=rng.choice(TOPICS_EN if en else TOPICS_ID),
            moved=rng.choice(MOVED_EN if en else MOVED_ID),
            pct=pct,
            when=rng.choice(WHEN_EN if en else WHEN_ID),
            num=f"{rng.randint(2, 900) * 1000:,}".replace(",", "," if en else "."),
            unit=rng.choice(UNITS_EN if en else UNITS_ID),
            verbed=rng.choice(VERBED_EN if en else VERBED_ID),
            place=rng.choice(PLACES),
            superl=rng.choice(SUPERL_EN if en else SUPERL_ID),
            region=rng.choice(REGIONS_EN if en else REGIONS_ID),
            money=f"{rng.randint(2, 900)} {'billion' if en else 'miliar'} rupiah",
        )
        if rng.random() < 0.0001:
            text = text[:-1] + (" on Komodo island." if en else " di Pulau Komodo.")
        return text

    def _claim_batch(self, offset: int, size: int) -> None:
        rng = self.rng
        claims, tags, dates, docs, appearances, evidence, events, fixes = (
            [],
            [],
            [],
            [],
            [],
            [],
            [],
            [],
        )
        # The documents of this batch: each quotes a few of its claims.
        doc_count = max(1, int(size * 0.7))
        doc_first = self._take(Document, doc_count)
        doc_lang = [rng.choice(["id", "en"]) for _ in range(doc_count)]
        doc_quotes: list[list[tuple[int, str]]] = [[] for _ in range(doc_count)]
        pools = {
            lang: [i for i in range(doc_count) if doc_lang[i] == lang] or [0]
            for lang in ("id", "en")
        }
        statuses = [s.value for s in STATUS_WEIGHTS]
        weights = list(STATUS_WEIGHTS.values())
        first = self._take(Claim, size)
        for j in range(size):
            pk = first + j
            index = offset + j
            created = (
                _START
                + _SPAN * (index / self.n)
                + dt.timedelta(minutes=rng.randint(0, 600))
            )
            claimant = self._pick(self.claimant_ids, self.claimant_cum)
            who = self.claimant_names[claimant - self.claimant_ids[0]]
            language = "id" if rng.random() < 0.55 else "en"
            statement = self._statement(language, who)
            status = rng.choices(statuses, weights)[0]
            verdict = rng.choice(self.ratings) if status in _VERDICT_STATUSES else None
            fc = rng.choice(self.fact_checkers)
            editor = rng.choice(self.editors)
            self.digest.update(f"{statement}|{status}|{language}|{verdict}\n".encode())

            # Review events, as the services write them for this status.
            t = created
            trail: list[tuple] = []

            def event(
                action: str, by: int, frm: str, to: str, fv=None, tv=None, note=""
            ) -> None:
                trail.append((str(action), by, t, str(frm), str(to), fv, tv, note))  # noqa: B023

            event(ReviewEvent.Action.CREATED, fc, "", Status.NEW)
            assignee = None
            published_at = None
            if status == Status.NOT_CHECKABLE:
                t += dt.timedelta(hours=rng.randint(1, 48))
                event(
                    ReviewEvent.Action.MARKED_NOT_CHECKABLE,
                    fc,
                    Status.NEW,
                    status,
                    note="Opinion, not a checkable fact.",
                )
            elif status != Status.NEW:
                assignee = fc
                t += dt.timedelta(hours=rng.randint(1, 48))
                event(
                    ReviewEvent.Action.RESEARCH_STARTED,
                    fc,
                    Status.NEW,
                    Status.RESEARCHING,
                )
            if verdict is not None:
                t += dt.timedelta(hours=rng.randint(2, 120))
                event(
                    ReviewEvent.Action.VERDICT_CHANGED,
                    fc,
                    Status.RESEARCHING,
                    Status.RESEARCHING,
                    tv=verdict,
                )
                event(
                    ReviewEvent.Action.SUBMITTED,
                    fc,
                    Status.RESEARCHING,
                    Status.IN_REVIEW,
                )
            if status in PAGE_STATUSES:  # each was published once
                t += dt.timedelta(hours=rng.randint(1, 72))
                published_at = t
                event(
                    ReviewEvent.Action.PUBLISHED, editor, Status.IN_REVIEW, "published"
                )
            if status == Status.CORRECTED:
                t += dt.timedelta(days=rng.randint(1, 90))
                new_verdict = rng.choice(self.ratings)
                note = "A figure in the write-up was corrected."
                event(
                    ReviewEvent.Action.CORRECTED,
                    editor,
                    Status.PUBLISHED,
                    status,
                    verdict,
                    new_verdict,
                    note,
                )
                fixes.append(
                    (
                        self._take(Correction),
                        pk,
                        note,
                        verdict,
                        new_verdict,
                        "",
                        "[]",
                        editor,
                        t,
                    )
                )
                verdict = new_verdict
            if status == Status.RETRACTED:
                t += dt.timedelta(days=rng.randint(1, 90))
                event(
                    ReviewEvent.Action.RETRACTED,
                    editor,
                    Status.PUBLISHED,
                    status,
                    note="Retracted: the original source was misidentified.",
                )
            ref = f"#{pk} {statement[:180]}"
            for action, by, at, frm, to, fv, tv, note in trail:
                events.append(
                    (
                        self._take(ReviewEvent),
                        pk,
                        ref,
                        action,
                        by,
                        at,
                        frm,
                        to,
                        fv,
                        tv,
                        note,
                    )
                )

            made = created.date() - dt.timedelta(days=rng.randint(0, 10))
            precision = rng.choices(["day", "month", "year", None], [60, 25, 10, 5])[0]
            made_on = _truncate(made, precision) if precision else None
            summary = (
                rng.choice(SUMMARY).format(pct=rng.randint(1, 99)) if verdict else ""
            )
            attribution = (
                f"{who}, citing {rng.choice(ORGS)}" if rng.random() < 0.1 else ""
            )
            claims.append(
                (
                    pk,
                    statement,
                    language,
                    claimant,
                    attribution,
                    rng.choice(["", "quote", "paraphrase"]),
                    "[]",
                    made_on,
                    precision or "day",
                    assignee,
                    status,
                    verdict,
                    summary,
                    "desk",  # origin: our own fact-check
                    round(rng.random(), 3),
                    False,
                    published_at,
                    t if published_at else None,  # revised_at: the last public change
                    fc,
                    created,
                    by_last(trail),
                    t,
                    1,
                    1,
                    t,
                    None,
                    # due_on: two weeks after capture for claims still in research
                    created.date() + dt.timedelta(days=14)
                    if status == Status.RESEARCHING
                    else None,
                )
            )
            for tag in rng.sample(self.tags, rng.choice([1, 1, 2, 2, 3])):
                tags.append((self._take(Claim.tags.through), pk, tag))
            for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
                role = rng.choices(["event", "reported"], [75, 25])[0]
                p = rng.choices(["day", "month", "year"], [50, 30, 20])[0]
                start = _truncate(
                    dt.date(
                        rng.randint(1950, 2025), rng.randint(1, 12), rng.randint(1, 28)
                    ),
                    p,
                )
                end, end_p = None, "day"
                if p == "year" and rng.random() < 0.2:
                    end, end_p = dt.date(start.year + rng.randint(1, 5), 1, 1), "year"
                text = start.isoformat() if p == "day" else str(start.year)
                dates.append(
                    (self._take(ClaimDate), pk, role, start, p, end, end_p, text, "")
                )
            pool = pools[language]
            for d in rng.sample(pool, min(len(pool), rng.choice([1, 1, 2, 2, 3]))):
                doc_quotes[d].append((pk, statement))
            if status not in (Status.NEW, Status.NOT_CHECKABLE):
                for _ in range(rng.choice([0, 1, 1, 2, 2, 3])):
                    source = (
                        self._pick(self.claimant_ids, self.claimant_cum)
                        if rng.random() < 0.3
                        else None
                    )
                    url = f"{rng.choice(EVIDENCE_HOSTS)}{rng.randint(1, 99999)}"
                    stance = rng.choice(["supports", "refutes", "context"])
                    evidence.append(
                        (
                            self._take(Evidence),
                            "",
                            "",
                            "",
                            None,
                            "",
                            pk,
                            url,
                            None,
                            source,
                            stance,
                            f"Table {rng.randint(1, 40)}: {who}.",
                            created.date(),
                            "",
                            False,
                            fc,
                            created,
                        )
                    )

        for d in range(doc_count):
            pk = doc_first + d
            lang = doc_lang[d]
            lead = rng.choice(LEADS_EN if lang == "en" else LEADS_ID)
            text, at = lead, len(lead)
            placed = []
            for claim_pk, quote in doc_quotes[d]:
                text += " "
                at += 1
                placed.append((claim_pk, quote, at))
                text += quote
                at += len(quote)
            index = offset + int(d / 0.7)
            day = (_START + _SPAN * min(index / self.n, 1.0)).date()
            publisher = self._pick(self.outlet_ids, self.outlet_cum)
            domain = self.outlet_domains[publisher - self.outlet_ids[0]]
            title = (doc_quotes[d][0][1] if doc_quotes[d] else lead)[:120]
            url = f"https://{domain}/{day:%Y/%m}/{slugify(title)[:60]}-{pk}"
            stamp = dt.datetime.combine(day, dt.time(8), tzinfo=dt.UTC)
            docs.append(
                (
                    pk,
                    "",
                    "",
                    "",
                    None,
                    "",
                    url,
                    title,
                    publisher,
                    "",
                    day,
                    lang,
                    text,
                    Document.hash_text(text),
                    stamp,
                    "",
                    False,
                    None,
                    stamp,
                    stamp,
                )
            )
            for claim_pk, quote, begin in placed:
                appearances.append(
                    (
                        self._take(Appearance),
                        claim_pk,
                        pk,
                        quote,
                        begin,
                        begin + len(quote),
                        None,
                        stamp,
                    )
                )

        self._write(Document, _columns(Document), docs)
        self._write(Claim, _columns(Claim), claims)
        self._write(Claim.tags.through, ["id", "claim_id", "tag_id"], tags)
        self._write(ClaimDate, _columns(ClaimDate), dates)
        self._write(Appearance, _columns(Appearance), appearances)
        self._write(Evidence, _columns(Evidence), evidence)
        self._write(ReviewEvent, _columns(ReviewEvent), events)
        self._write(Correction, _columns(Correction), fixes)

    # --- after the load ---------------------------------------------------------------

    def _history(self) -> None:
        """One ``+`` row per created object, made by the database from the rows."""
        tracked = [Source, SourceAlias, Document, Claim, ClaimDate, Appearance]
        tracked += [Evidence, Correction]
        with connection.cursor() as cursor:
            for model in tracked:
                historical = model.history.model  # type: ignore[attr-defined]
                own = [
                    f.column
                    for f in historical._meta.concrete_fields
                    if not f.column.startswith("history_")
                ]
                user = next(
                    (c for c in ("created_by_id", "added_by_id") if c in own), None
                )
                stamp = next((c for c in ("created_at", "added_at") if c in own), None)
                cols = ", ".join(connection.ops.quote_name(c) for c in own)
                params: list[Any] = [] if stamp else [_START]
                params += [HISTORY_REASON, self.start_ids[model]]
                cursor.execute(
                    f"INSERT INTO {historical._meta.db_table} ({cols}, history_date, "
                    "history_change_reason, history_type, history_user_id) "
                    f"SELECT {cols}, {stamp or '%s'}, %s, '+', {user or 'NULL'} "
                    f"FROM {model._meta.db_table} WHERE id >= %s",
                    params,
                )
                self.report.counts[
                    historical._meta.db_table.removeprefix("claims_")
                ] = cursor.rowcount
            through = apps.get_model("claims", "HistoricalClaim_tags")
            cursor.execute(
                f"INSERT INTO {through._meta.db_table} "
                "(id, claim_id, tag_id, history_id) "
                "SELECT t.id, t.claim_id, t.tag_id, h.history_id "
                "FROM claims_claim_tags t JOIN claims_historicalclaim h "
                "ON h.id = t.claim_id AND h.history_change_reason = %s "
                "WHERE t.claim_id >= %s",
                [HISTORY_REASON, self.start_ids[Claim]],
            )

    def _reset_sequences(self) -> None:
        tracked = [Source, SourceAlias, Document, Claim, ClaimDate, Appearance]
        tracked += [Evidence, Correction, ReviewEvent, Claim.tags.through]
        tracked += [m.history.model for m in tracked if hasattr(m, "history")]
        tracked.append(apps.get_model("claims", "HistoricalClaim_tags"))
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), tracked):
                cursor.execute(sql)

    # PostgreSQL: triggers and indexes off during the load, then rebuilt.

    _TRIGGERS = (
        ("claims_claim", "claims_claim_search_vector"),
        ("claims_appearance", "claims_appearance_search"),
        ("claims_sourcealias", "claims_sourcealias_search"),
        ("claims_claim_tags", "claims_claim_tags_search_insert"),
    )

    def _pg_tables(self) -> list[str]:
        tracked = [Source, SourceAlias, Document, Claim, ClaimDate, Appearance]
        tracked += [Evidence, Correction, ReviewEvent]
        tables = [m._meta.db_table for m in tracked]
        tables += [
            m.history.model._meta.db_table for m in tracked if hasattr(m, "history")
        ]
        return [*tables, "claims_claim_tags", "claims_historicalclaim_tags"]

    def _pg_prepare(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")
            # Check the foreign keys row by row as they arrive, rather than queue
            # millions of deferred checks (and block the index rebuild on them).
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for table, trigger in self._TRIGGERS:
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {trigger}")
            # Secondary indexes: not primary keys, not the ones behind a constraint.
            cursor.execute(
                "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) "
                "FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid "
                "WHERE t.relname = ANY(%s) AND NOT i.indisprimary "
                "AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
                "WHERE c.conindid = i.indexrelid)",
                [self._pg_tables()],
            )
            self.dropped_indexes = cursor.fetchall()
            for name, _definition in self.dropped_indexes:
                cursor.execute(f"DROP INDEX {name}")
            # Foreign keys too, as pg_restore does: re-adding one checks every row
            # in one join, far faster than a check per inserted row.
            cursor.execute(
                "SELECT c.conrelid::regclass::text, c.conname, "
                "pg_get_constraintdef(c.oid) FROM pg_constraint c "
                "JOIN pg_class t ON t.oid = c.conrelid "
                "WHERE c.contype = 'f' AND t.relname = ANY(%s)",
                [self._pg_tables()],
            )
            self.dropped_keys = cursor.fetchall()
            for table, name, _definition in self.dropped_keys:
                cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        self.progress(
            f"  dropped {len(self.dropped_indexes)} secondary indexes and "
            f"{len(self.dropped_keys)} foreign keys"
        )

    def _pg_search_vectors(self) -> None:
        """Fill ``search_vector`` of the new claims as the triggers would (same
        functions, same weights), in one set-based UPDATE
        (``claims_claim_search_vectors_fill``, migration 0035)."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT claims_claim_search_vectors_fill(%s)",
                [self.start_ids[Claim]],
            )

    def _pg_finish(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            for _name, definition in self.dropped_indexes:
                cursor.execute(definition)
            for table, name, definition in self.dropped_keys:
                cursor.execute(
                    f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'
                )
            for table, trigger in self._TRIGGERS:
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {trigger}")


GROUPS = {"factchecker": "Fact-checkers", "editor": "Editors"}


def by_last(trail: list[tuple]) -> int:
    """Who wrote the last review event: the claim's ``updated_by``."""
    return trail[-1][1]


def _truncate(day: dt.date, precision: str) -> dt.date:
    if precision == "year":
        return dt.date(day.year, 1, 1)
    if precision == "month":
        return day.replace(day=1)
    return day


class _Phase:
    def __init__(self, generator: Generator, name: str) -> None:
        self.generator, self.name = generator, name

    def __enter__(self) -> None:
        self.started = time.perf_counter()
        self.generator.progress(f"{self.name}…")

    def __exit__(self, *exc: object) -> None:
        elapsed = time.perf_counter() - self.started
        self.generator.report.phases.append((self.name, elapsed))
        self.generator.progress(f"{self.name}: {elapsed:.1f} s")


def generate(
    *,
    claims: int,
    seed: int = 1,
    batch: int = 10_000,
    progress: Callable[[str], None] = lambda _line: None,
) -> Report:
    """Load ``claims`` synthetic claims (and their sources, documents, dates,
    evidence, review events and history) in one transaction; see the module."""
    if claims < 1:
        raise ValueError("The number of claims must be at least 1.")
    return Generator(claims=claims, seed=seed, batch=batch, progress=progress).run()


__all__ = ["COMMON_TERM", "HISTORY_REASON", "RARE_TERM", "Report", "generate"]
