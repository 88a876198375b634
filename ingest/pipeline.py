"""From an article's text to a document and its candidate claims.

``analyse()`` runs the steps in order, each a small function of its own module:
read (decode, HTML via trafilatura) -> lay out (furniture, title, dateline) ->
language (lingua) -> sentences -> dates (regex spans + dateparser) -> attribution
(reporting verbs, then context) -> candidates (check-worthiness, duplicates). It
writes nothing; ``ingest.services.article_import`` saves what the user accepts.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

from django.utils.translation import gettext as _

from . import attribution as attr
from . import datefinder, furniture, sentences
from .reading import InputError, RawArticle, read_article

LANGUAGES = ("id", "en")


@dataclass
class Candidate:
    quote: str
    start: int
    end: int
    statement: str
    claimant: str
    attribution: str
    claimant_kind: str
    checkworthiness: float
    dates: list[dict[str, str]] = field(default_factory=list)
    #: further places in the same article where the same statement appears
    repeats: list[tuple[int, int]] = field(default_factory=list)
    is_publisher_claim: bool = False

    def as_json(self, text: str) -> dict[str, Any]:
        return {
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "statement": self.statement,
            "claimant": self.claimant,
            "claimant_kind": self.claimant_kind,
            "attribution": self.attribution,
            "dates": self.dates,
            "checkworthiness": self.checkworthiness,
            "appearances": [
                {"quote": text[s:e], "start": s, "end": e}
                for s, e in [(self.start, self.end), *self.repeats]
            ],
        }


@dataclass
class Analysis:
    title: str
    text: str
    language: str
    url: str
    publisher: str
    published_on: dt.date | None
    authors: str
    candidates: list[Candidate]
    boilerplate: list[str]
    warnings: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """The result as ``import_article --json`` prints it: the document's fields
        at the top (and again under "document"), ``claims`` and ``boilerplate``."""
        document = self.document_json()
        return {
            **document,
            "document": dict(document),
            "claims": [c.as_json(self.text) for c in self.candidates],
            "boilerplate": self.boilerplate,
            "warnings": self.warnings,
        }

    def document_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "url": self.url,
            "publisher": self.publisher,
            "language": self.language,
            "published_on": self.published_on.isoformat()
            if self.published_on
            else None,
            "authors": self.authors,
            "text": self.text,
            "text_sha256": hashlib.sha256(self.text.encode()).hexdigest(),
        }


def to_payload(analysis: Analysis) -> dict[str, Any]:
    """A JSON-able copy of ``analysis`` (for the admin's review step)."""
    data = asdict(analysis)
    data["published_on"] = (
        analysis.published_on.isoformat() if analysis.published_on else None
    )
    return data


def from_payload(data: dict[str, Any]) -> Analysis:
    """The inverse of ``to_payload``."""
    data = dict(data)
    published = data.pop("published_on")
    candidates = [
        Candidate(**{**c, "repeats": [tuple(r) for r in c["repeats"]]})
        for c in data.pop("candidates")
    ]
    return Analysis(
        **data,
        candidates=candidates,
        published_on=dt.date.fromisoformat(published) if published else None,
    )


# --- language -----------------------------------------------------------------------


@lru_cache(maxsize=1)
def _detector() -> Any:
    from lingua import Language, LanguageDetectorBuilder

    # A few languages only: all of them cost 1.3 GB and 17 s; Malay is in the set
    # so that Malaysian text is not taken for Indonesian.
    return LanguageDetectorBuilder.from_languages(
        Language.INDONESIAN, Language.ENGLISH, Language.MALAY
    ).build()


def detect_language(text: str) -> str:
    """ "id", "en" or "ms" (Malay, handled with the Indonesian rules), "" if unsure."""
    sample = text[:3000]
    if len(re.findall(r"\w+", sample)) < 3:
        return ""
    language = _detector().detect_language_of(sample)
    if language is None:
        return ""
    return {"INDONESIAN": "id", "ENGLISH": "en", "MALAY": "ms"}.get(language.name, "")


# --- checkworthiness ----------------------------------------------------------------

_NUMBER = re.compile(
    r"\d|\b(?:satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|puluh|"
    r"ratus|ribu|juta|miliar|triliun|persen|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|hundred|thousand|million|billion|trillion|percent|half|"
    r"setengah|separuh|dozens?|puluhan|ratusan|ribuan|twice|double|dua\s+kali)\b",
    re.IGNORECASE,
)
_FIRSTS = re.compile(
    r"\b(?:pertama|terakhir|terbesar|terkecil|tertinggi|terendah|terbanyak|"
    r"termahal|rekor|satu-satunya|lebih|kurang|paling|dibanding\w*|first|last|"
    r"largest|biggest|highest|lowest|most|least|more|less|fewer|than|record|only|"
    r"never|pernah|belum\s+pernah|increase[ds]?|decrease[ds]?|naik|turun|"
    r"meningkat|menurun)\b",
    re.IGNORECASE,
)
_EVENT = re.compile(
    r"\b(?:bertemu|menolak|mengirim\w*|menandatangani|sepakat|menyepakati|gagal|"
    r"berakhir|meninggal|tewas|ditangkap|mengadakan|menyerang|diluncurkan|"
    r"menjadi|mengunjungi|met|refused|sent|signed|agreed|failed|ended|died|killed|"
    r"arrested|held|attacked|launched|became|visited|invited|mengundang)\b",
    re.IGNORECASE,
)
_OPINION = re.compile(
    r"\b(?:hebat|cerdas|luar\s+biasa|bagus|indah|buruk|jelek|hebat|sangat|"
    r"mudah-mudahan|semoga|berharap|harap|yakin|percaya|menurut\s+saya|saya\s+pikir|"
    r"seharusnya|sebaiknya|harus|great|smart|wonderful|terrible|beautiful|amazing|"
    r"awesome|fantastic|horrible|nice|good|bad|hope|hopefully|believe|feel|think|"
    r"should|must|ought|love|hate|i\s+think|we\s+think)\b",
    re.IGNORECASE,
)
_PLEASANTRY = re.compile(
    r"\b(?:terima\s+kasih|thank|thanks|selamat|congratulat\w+|apresiasi|"
    r"mengapresiasi|welcome|salam|senang|happy|pleased|grateful|bersyukur)\b",
    re.IGNORECASE,
)
_CAPITALISED = re.compile(r"(?<=\s)[A-Z][\w’'-]+")


def checkworthiness(content: str, *, has_dates: bool, attributed: bool) -> float:
    """0-1: how much checkable content a statement carries.

    Up for numbers, dates, named people, places and organisations, events,
    comparisons and "firsts"; down for opinions, hopes and pleasantries.
    """
    score = 0.3
    if _NUMBER.search(content):
        score += 0.15
    if has_dates:
        score += 0.15
    names = len(_CAPITALISED.findall(" " + content))
    score += min(names, 3) * 0.06
    if _FIRSTS.search(content):
        score += 0.1
    if _EVENT.search(content):
        score += 0.1
    if attributed:
        score += 0.05
    if _OPINION.search(content):
        score -= 0.3
    if _PLEASANTRY.search(content):
        score -= 0.35
    if content.rstrip("\"”’' ").endswith("?"):
        score -= 0.3
    return round(min(1.0, max(0.0, score)), 2)


# --- the steps ----------------------------------------------------------------------


def _normalise(text: str) -> str:
    text = re.sub(r"[\"“”„‘’'`]", "", text)
    return " ".join(text.split()).casefold().rstrip(".!?,")


def _statement(sentence: str, content: tuple[int, int] | None) -> str:
    if content is None:
        text = sentence
    else:
        text = sentence[content[0] : content[1]]
        if len(text.split()) < 3:
            text = sentence
    text = text.strip().strip('"“”').strip()
    text = re.sub(r"\s+", " ", text).rstrip(",;:")
    if text and text[-1] not in ".!?…":
        text += "."
    return text[:1].upper() + text[1:]


def _publisher(layout: furniture.Layout, url: str, given: str, raw: RawArticle) -> str:
    if given:
        return given.strip()
    if layout.dateline_outlet:
        return furniture.outlet_name(layout.dateline_outlet)
    if raw.publisher:
        return raw.publisher
    name, _host = furniture.host_outlet(url)
    return name


def _published(
    layout: furniture.Layout,
    url: str,
    given: dt.date | None,
    raw: RawArticle,
    lang: str,
) -> dt.date | None:
    if given:
        return given
    if raw.published:
        return raw.published
    for line in layout.header_lines:
        for mention in datefinder.find_dates(line, language=lang):
            if mention.value.precision == "day" and not mention.relative:
                return mention.value.value
    match = re.search(
        r"/((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2])[/-]?([0-3]\d)(?:/|\b)", url
    )
    if match:
        try:
            return dt.date(*(int(g) for g in match.groups()))
        except ValueError:
            pass
    return None


def analyse(
    data: bytes | str,
    *,
    filename: str = "",
    url: str = "",
    publisher: str = "",
    language: str = "",
    published: dt.date | None = None,
    title: str = "",
) -> Analysis:
    """Run the whole pipeline on one article. Raises ``InputError`` on bad input."""
    raw = read_article(data, filename)
    url = url or raw.url
    layout = furniture.lay_out(raw.text, title=title or raw.title)
    text = "\n\n".join(layout.paragraphs)
    if not text.strip():
        raise InputError(_("No article text was left once page furniture was removed."))
    warnings: list[str] = []
    lang = language or detect_language(text)
    if not lang:
        lang = "en"
        warnings.append(_("Could not tell the language; assumed English."))
    rules = "en" if lang == "en" else "id"
    publisher_name = _publisher(layout, url, publisher, raw)
    published_on = _published(layout, url, published, raw, rules)
    reference = published_on or datefinder.latest_full_date(text, rules)
    if published_on is None and reference is not None:
        warnings.append(
            _(
                "No publication date given; relative dates were read from %(date)s, "
                "the latest date in the text."
            )
            % {"date": reference.isoformat()}
        )
    sents = sentences.split(text)
    dateline_skip = _dateline_offset(layout, text)
    mentions = datefinder.find_dates(text, reference=reference, language=rules)
    candidates = _candidates(
        text, sents, mentions, rules, publisher_name, dateline_skip
    )
    doc_title = layout.title or raw.title or _fallback_title(candidates, text)
    return Analysis(
        title=doc_title[:500],
        text=text,
        language=lang,
        url=url,
        publisher=publisher_name,
        published_on=published_on,
        authors=raw.authors or furniture.authors_from(layout.boilerplate),
        candidates=candidates,
        boilerplate=layout.boilerplate,
        warnings=warnings,
    )


def _fallback_title(candidates: list[Candidate], text: str) -> str:
    first = candidates[0].quote if candidates else text.strip().split("\n")[0]
    words = first.split()
    return " ".join(words[:14]) + ("…" if len(words) > 14 else "")


def _dateline_offset(layout: furniture.Layout, text: str) -> tuple[int, int] | None:
    """(start, end) in ``text`` of the dateline prefix ("TRIBUNNEWS.COM - ")."""
    if layout.dateline_at is None:
        return None
    index, length = layout.dateline_at
    offset = sum(len(p) + 2 for p in layout.paragraphs[:index])
    return offset, offset + length


@dataclass
class _Reading:
    """One sentence with what is known about who says it."""

    sentence: sentences.Sentence
    start: int  # the quote's offsets (the dateline prefix left out)
    end: int
    own: attr.Attribution | None
    claimant: str = ""
    attribution: str = ""
    kind: str = ""
    via_publisher: bool = False
    is_lead: bool = False
    is_candidate: bool = True


#: sentences that introduce what follows: "Berikut ...", "Here are ..."
_FILLER = re.compile(
    r"^(?:berikut|simak|baca|lihat|saksikan|tonton|here\s+(?:is|are)|read|watch)\b",
    re.IGNORECASE,
)
#: "Hal itu disampaikan Menteri X ...": names the speaker of what came before
_META = re.compile(
    r"^(?:Hal|Pernyataan|Penjelasan|Informasi|Keterangan|Pesan|Ucapan|Itu)\s+"
    r"(?:(?:itu|tersebut|ini)\s+)?(?:di(?:sampaikan|ungkapkan|katakan|jelaskan|"
    r"utarakan|tegaskan|ucapkan|paparkan|kemukakan|beberkan)(?:nya)?)\s+"
    r"(?:oleh\s+|langsung\s+)?(?P<who>.+)$"
    r"|^(?P<subject>[A-Z][\w.’' -]{1,60}?)\s+(?:made|gave)\s+the\s+(?:comments?|"
    r"remarks?|statement)\b",
)


def _is_statement(text: str) -> bool:
    if not furniture.is_sentence_like(text) or _FILLER.match(text):
        return False
    words = re.findall(r"\w+", text)
    return len(words) >= 4


def _candidates(
    text: str,
    sents: list[sentences.Sentence],
    mentions: list[datefinder.DateMention],
    language: str,
    publisher: str,
    dateline: tuple[int, int] | None,
) -> list[Candidate]:
    names = attr.NameIndex(text)
    readings: list[_Reading] = []
    for s in sents:
        start, end = s.start, s.end
        is_lead = False
        if dateline and start <= dateline[0] < end:
            start = max(start, dateline[1])
            is_lead = True
        quote = text[start:end]
        reading = _Reading(s, start, end, attr.attribute(quote, language))
        reading.is_lead = is_lead
        reading.is_candidate = _is_statement(quote)
        meta = _META.match(quote)
        if meta and reading.own is None:
            who = meta.group("who") or meta.group("subject") or ""
            speaker = attr.speaker_after_verb(who)
            if speaker is not None and not speaker.anaphoric:
                reading.is_candidate = False
                _attribute_back(readings, speaker, names)
        readings.append(reading)
    _resolve_speakers(readings, names, publisher)
    starts = [m.start for m in mentions]
    by_key: dict[str, Candidate] = {}
    out: list[Candidate] = []
    for unit in _units(readings):
        head, tail = unit[0], unit[-1]
        start, end = head.start, tail.end
        quote = text[start:end]
        speaker = next((r for r in unit if r.own is not None), head)
        clauses = [
            (r.start + r.own.clause[0], r.start + r.own.clause[1])
            for r in unit
            if r.own is not None
        ]
        if len(unit) == 1:
            content = head.own.content if head.own and head.own.separable else None
            statement = _statement(quote, content)
        else:  # one quotation over several sentences: its words, without "kata X"
            first = head.start + head.own.content[0] if head.own else start
            last = tail.start + tail.own.content[1] if tail.own else end
            statement = _statement(text[first:last], None)
        key = _normalise(statement)
        if key in by_key:
            by_key[key].repeats.append((start, end))
            continue
        dates = []
        first_mention = bisect.bisect_left(starts, start)
        for m in mentions[first_mention : bisect.bisect_right(starts, end)]:
            if start <= m.start and m.end <= end:
                reported = any(c0 <= m.start and m.end <= c1 for c0, c1 in clauses)
                dates.append(m.as_json("reported" if reported else "event"))
        candidate = Candidate(
            quote=quote,
            start=start,
            end=end,
            statement=statement,
            claimant=speaker.claimant,
            attribution=speaker.attribution,
            claimant_kind=speaker.kind,
            checkworthiness=checkworthiness(
                statement, has_dates=bool(dates), attributed=not speaker.via_publisher
            ),
            dates=dates,
            is_publisher_claim=speaker.via_publisher,
        )
        by_key[key] = candidate
        out.append(candidate)
    return out


#: a quotation over more sentences than this is offered sentence by sentence
MAX_QUOTE_SENTENCES = 4


def _units(readings: list[_Reading]) -> Iterator[list[_Reading]]:
    """Candidate sentences, with a quotation over a few sentences kept together."""
    i = 0
    while i < len(readings):
        j = i
        while (
            j + 1 < len(readings)
            and readings[j].sentence.ends_in_quote
            and readings[j + 1].sentence.opens_in_quote
            and readings[j + 1].sentence.paragraph == readings[i].sentence.paragraph
        ):
            j += 1
        group = readings[i : j + 1]
        if 1 < len(group) <= MAX_QUOTE_SENTENCES and any(r.is_candidate for r in group):
            yield group
        else:
            yield from ([r] for r in group if r.is_candidate)
        i = j + 1


def _attribute_back(
    readings: list[_Reading], speaker: attr.Speaker, names: attr.NameIndex
) -> None:
    """Give the statements just before a "Hal itu disampaikan X" sentence to X."""
    name = names.canonical(speaker.name)
    for previous in reversed(readings[-3:]):
        if previous.own is not None:
            if previous.own.speaker.anaphoric:  # "ujar dia" before anyone is named
                previous.own.speaker = attr.Speaker(name)
                continue
            break
        if previous.is_candidate:
            previous.own = attr.Attribution(
                speaker=attr.Speaker(name),
                verb="disampaikan",
                content=(0, previous.end - previous.start),
                clause=(0, 0),
            )


def _resolve_speakers(
    readings: list[_Reading], names: attr.NameIndex, publisher: str
) -> None:
    """Fill in claimant and attribution for every sentence, using its context."""
    last_named: tuple[str, str, str] | None = None  # (name, cited, kind)
    last_person: tuple[str, str, str] | None = None
    # 1. each sentence's own clause; "ujarnya", "the source" -> the last speaker
    for r in readings:
        a = r.own
        if a is None:
            continue
        speaker = a.speaker
        personal = _PERSONAL.match(speaker.name) is not None
        antecedent = last_person if personal and last_person else last_named
        if speaker.anaphoric and antecedent:
            name, cited, kind = antecedent
            if speaker.unnamed:
                r.attribution = _("%(who)s, quoted by %(name)s") % {
                    "who": speaker.name if speaker.name != "-nya" else cited,
                    "name": name,
                }
            else:
                r.attribution = _attribution_text(name, cited, a.direct)
            r.claimant, r.kind = name, kind
            continue
        if speaker.anaphoric:
            continue
        name = names.canonical(speaker.name)
        kind = attr.source_kind(name, unnamed=speaker.unnamed)
        r.claimant, r.kind = name, kind
        r.attribution = _attribution_text(name, a.cited, a.direct)
        last_named = (name, a.cited or (last_named[1] if last_named else ""), kind)
        if kind == "person":
            last_person = last_named
    # 2. a quotation running over several sentences has one speaker
    for i, r in enumerate(readings):
        if r.claimant or not (r.sentence.ends_in_quote or r.sentence.opens_in_quote):
            continue
        for j in [*_same_paragraph(readings, i, 1), *_same_paragraph(readings, i, -1)]:
            other = readings[j]
            if other.claimant and other.own and other.own.direct:
                r.claimant, r.kind = other.claimant, other.kind
                r.attribution = other.attribution
                break
    # 3. within a paragraph, what follows a speaker's statement and what leads up
    #    to their direct quote is their account too
    for i, r in enumerate(readings):
        if r.claimant:
            continue
        source = None
        for j in _same_paragraph(readings, i, -1):
            other = readings[j]
            if other.claimant and other.own is not None and other.own.is_speech:
                source = other
                break
        if source is None:
            for j in _same_paragraph(readings, i, 1):
                other = readings[j]
                if other.claimant and other.own is not None and other.own.direct:
                    source = other
                    break
        if source is not None:
            r.claimant, r.kind = source.claimant, source.kind
            r.attribution = _("%(name)s (paraphrased)") % {"name": source.claimant}
    # 4. one sentence between two of the same speaker's is theirs too
    #    and a lead reported from a source named in the next sentence is that source's
    statements = [r for r in readings if r.is_candidate]
    for i, r in enumerate(statements):
        if r.claimant:
            continue
        before = statements[i - 1] if i > 0 else None
        after = statements[i + 1] if i + 1 < len(statements) else None
        if (
            before is not None
            and after is not None
            and before.claimant
            and before.claimant == after.claimant
            and before.own is not None
            and after.own is not None
            and after.own.is_speech
        ):
            r.claimant, r.kind = before.claimant, before.kind
            r.attribution = _("%(name)s (paraphrased)") % {"name": before.claimant}
        elif (
            r.is_lead
            and after is not None
            and after.own is not None
            and after.own.cited
            and after.claimant
        ):
            r.claimant, r.kind = after.claimant, after.kind
            r.attribution = after.attribution
    # 5. the rest is the publication's own account
    for r in readings:
        if not r.claimant:
            r.claimant = publisher
            r.kind = "outlet"
            r.attribution = _("stated by the article")
            r.via_publisher = True


#: pronouns that point back to a person, not to an organisation
_PERSONAL = re.compile(r"^(?:-nya|ia|dia|beliau|he|she)$", re.IGNORECASE)


def _same_paragraph(
    readings: list[_Reading], i: int, step: int, reach: int = 6
) -> Iterator[int]:
    """Indexes of the sentences after (step 1) or before (-1) ``i`` in its paragraph,
    at most ``reach`` of them: context carries over a few sentences, not a page."""
    paragraph = readings[i].sentence.paragraph
    j = i + step
    while (
        0 <= j < len(readings)
        and abs(j - i) <= reach
        and readings[j].sentence.paragraph == paragraph
    ):
        yield j
        j += step


def _attribution_text(name: str, cited: str, direct: bool) -> str:
    if cited:
        return _("%(name)s, citing %(cited)s") % {"name": name, "cited": cited}
    if direct:
        return _("%(name)s (direct quote)") % {"name": name}
    return name
