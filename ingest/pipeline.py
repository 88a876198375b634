"""From an article's text to a document and its candidate claims.

``analyse()`` runs the steps in order, each in a module of its own:
``reading`` (decode; HTML via trafilatura) -> ``furniture`` (page furniture, title,
dateline, publisher) -> language (lingua, here) -> ``sentences`` -> ``datefinder``
(regex spans, dateparser) -> ``attribution`` (one sentence's reporting clause) and
``speakers`` (context) -> candidates, here: quotations kept whole, duplicates
merged, ``scoring.checkworthiness``. It writes nothing;
``ingest.services.article_import`` saves what the user accepts.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from claims.models import Document

from . import datefinder, furniture, sentences, speakers
from .names import body_of_site, spelled_in_text, squash
from .reading import InputError, RawArticle, read_article
from .scoring import CAPTION, features, model

LANGUAGES = ("id", "en")


@dataclass
class Candidate:
    quote: str
    start: int
    end: int
    statement: str
    claimant: str
    #: who says it and through whom, as data; ``claims.attribution.render`` words it
    attribution_chain: list[dict[str, str]]
    speech: str
    claimant_kind: str
    checkworthiness: float
    dates: list[dict[str, str]] = field(default_factory=list)
    #: further places in the same article where the same statement appears
    repeats: list[tuple[int, int]] = field(default_factory=list)
    is_publisher_claim: bool = False
    #: pre-ticked: check-worthy enough to offer (score at least the threshold)
    suggested: bool = False
    #: why the score is what it is: [feature, weight] pairs (``scoring.FEATURES``)
    reasons: list[list[Any]] = field(default_factory=list)
    #: what the score was computed from, for training (``train_checkworthiness``):
    #: per statement folded into this candidate (its own first, then a paraphrase
    #: it backs), the features present and whether its quote is a caption. Not in
    #: the review payload.
    scored: list[tuple[dict[str, float], bool]] = field(
        default_factory=list, repr=False, compare=False
    )

    def as_json(self, text: str) -> dict[str, Any]:
        return {
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "statement": self.statement,
            "claimant": self.claimant,
            "claimant_kind": self.claimant_kind,
            "attribution_chain": self.attribution_chain,
            "speech": self.speech,
            "dates": self.dates,
            "checkworthiness": self.checkworthiness,
            "suggested": self.suggested,
            "reasons": [
                {"feature": feature, "weight": weight}
                for feature, weight in self.reasons
            ],
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
            "text_sha256": Document.hash_text(self.text),
        }


def to_payload(analysis: Analysis) -> dict[str, Any]:
    """A JSON-able copy of ``analysis`` (for the admin's review step)."""
    data = asdict(analysis)
    for candidate in data["candidates"]:
        del candidate["scored"]
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


#: The commonest words of the languages the importer reads: running text in
#: English, Indonesian or Malay has several in every dozen words (22-38 % of the
#: words of the gold articles), other languages few.
FUNCTION_WORDS = frozenset(
    """the of and to in a is that for on was with as by at from it be are has have
    said not this were will which an its his her their he she they but or been would
    yang dan di ke dari ini itu dengan untuk tidak akan pada dalam adalah juga oleh
    kata bahwa ada karena telah sudah tersebut kami kita saya ia dia mereka atau bisa
    lebih para secara menjadi masih harus dapat namun serta""".split()  # noqa: SIM905
)


#: The commonest words of the other languages written in Latin letters that news
#: reaches us in (Spanish, Portuguese, French, Italian, German, Dutch, Tagalog,
#: Vietnamese, Turkish, Polish, Swedish, Romanian): lingua is asked to name the
#: language of a paragraph only when these outnumber English and Indonesian ones
#: (asking it about every paragraph poor in function words cost a third of the
#: importer's time: leads full of names are many).
FOREIGN_WORDS = (
    frozenset(
        """de la que el en y los las del se por con una para es al lo como más pero
        sus le ya o fue este ha sí porque esta entre cuando muy sin sobre también
        me hasta hay donde quien desde todo nos durante uno les ni contra otros
        não do da em um para com uma os no se na por mais as dos como mas foi ao
        ele das tem à seu sua ou ser quando muito há nos já está eu também só
        pelo pela até isso ela entre era depois sem mesmo aos ter seus quem nas
        le les des est et dans qui une pas pour sur ce il du au avec se plus par
        je mais ou son sont été elle nous vous leur cette aux ont ses sa ces
        il di che non un per una sono mi ha ma si lo ci questo della le gli nel
        der die und den das ist nicht zu ein eine mit sich auf für im dem des
        auch es als wird bei nach aus wie oder hat werden sie wir ich aber
        het een van en niet dat op te zijn voor met ook maar bij aan er om nog
        ang ng mga sa na si ay ni para hindi kay naman lang ito mga
        và của có là không được cho những với này một các người trong đã
        ve bir bu da için ile çok gibi daha olarak ama kadar sonra ya
        się nie jest na że do to jak ale za od po tak jego są przez
        och att det som för är med till av om har inte han hon var
        și în cu pe nu la este sunt care mai pentru din ca""".split()  # noqa: SIM905
    )
    - FUNCTION_WORDS
)
#: letters of scripts other than Latin: text mostly in them is not ours either
_NON_LATIN = re.compile(r"[^\W\d_a-zA-Z\u00c0-\u024f\u1e00-\u1eff]")


def _maybe_foreign(text: str) -> bool:
    """Cheap: does ``text`` read like another language, by its words or script?
    Needs a few sentences' worth (a name or a title says nothing)."""
    sample = text[:3000]
    letters = re.findall(r"[^\W\d_]", sample)
    if len(letters) < 40:
        return False
    if len(_NON_LATIN.findall(sample)) > len(letters) / 2:
        return True
    words = re.findall(r"[^\W\d_]+", sample.casefold())
    if len(words) < 12:
        return False
    ours = sum(1 for w in words if w in FUNCTION_WORDS)
    theirs = sum(1 for w in words if w in FOREIGN_WORDS)
    return theirs > max(2, ours)


@lru_cache(maxsize=1)
def _any_detector() -> Any:
    from lingua import LanguageDetectorBuilder

    # Every language lingua knows, in its low-accuracy mode (trigrams only: ~70 MB,
    # models loaded on first use): only asked about text that is neither English
    # nor Indonesian by its words, to say which language it is.
    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


def foreign_language(text: str) -> str:
    """The ISO 639-1 code of ``text``'s language when it is one the importer does
    not read ("es" for Spanish), else "". Needs a few sentences to judge."""
    if not _maybe_foreign(text):
        return ""
    language = _any_detector().detect_language_of(text[:1000])
    if language is None:
        return ""
    code = language.iso_code_639_1.name.lower()
    return "" if code in ("id", "en", "ms") else code


def language_name(code: str) -> str:
    """ "es" -> "Spanish" (in the active interface language), else the code."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse((get_language() or "en").replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        locale = Locale("en")
    return locale.languages.get(code, code)


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


#: a government's own site: its short name stands for a body the text names
_GOVERNMENT_HOST = re.compile(r"\.(?:go\.id|gov(?:\.[a-z]{2})?)$")


def _publisher(layout: furniture.Layout, url: str, given: str, raw: RawArticle) -> str:
    if given:
        return given.strip()
    if layout.dateline_outlet:
        outlet = furniture.outlet_name(layout.dateline_outlet)
        _name, host = furniture.host_outlet(url)
        if _GOVERNMENT_HOST.search(host):  # "Maritim--Jakarta," on maritim.go.id
            return body_of_site(outlet, "\n".join(layout.paragraphs))
        return outlet
    if raw.publisher:
        return raw.publisher
    # a copy on a mirror or a blog names its outlet in the page: a wiki's tagline
    # ("From Wikinews, the free news source …"), or the blog's name holds it
    # ("wikinewsreports.blogspot.com" and "Wikinews" in the text)
    for line in layout.boilerplate[:30]:
        tagline = furniture.WIKI_TAGLINE.match(line)
        if tagline:
            return tagline.group("outlet")
    # a broadcast's script names its outlet in the presenter's sign-on or sign-off
    # ("This is the VOA Special English Health Report.", "For VOA News, I'm …")
    for line in [*layout.boilerplate[:30], *layout.boilerplate[-10:]]:
        outlet = furniture.sign_on_outlet(line)
        if outlet:
            return outlet
    name, _host = furniture.host_outlet(url)
    body = "\n".join(layout.paragraphs)
    blog = furniture.blog_outlet(url, body)
    if blog:
        return blog
    pages = "\n".join([body, *layout.boilerplate])
    return spelled_in_text(name, pages) if name else name


def _page_days(layout: furniture.Layout, lang: str) -> tuple[dt.date, ...]:
    """The days the page writes in its furniture (a stamp, a score box's match day)."""
    days = []
    for line in layout.boilerplate[:40]:
        if len(line) > 80 or not re.search(r"\d", line):
            continue
        for mention in datefinder.find_dates(line, language=lang):
            if mention.value.precision == "day" and not mention.relative:
                days.append(mention.value.value)
    return tuple(days)


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
    # the URL, else a link printed in the page's furniture (".../2019/07/17/8102/")
    links = [url, *re.findall(r"https?://\S+", "\n".join(layout.boilerplate[:20]))]
    for link in links:
        match = re.search(
            r"/((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2])[/-]?([0-3]\d)(?:/|\b)", link
        )
        if match:
            try:
                return dt.date(*(int(g) for g in match.groups()))
            except ValueError:
                continue
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
    is_known_source: Callable[[str], bool] | None = None,
) -> Analysis:
    """Run the whole pipeline on one article. Raises ``InputError`` on bad input.
    ``is_known_source`` (a name -> is it a Source or alias?) lets a speaker the
    tagger does not recognise still be the claimant when the newsroom knows it."""
    raw = read_article(data, filename)
    url = url or raw.url
    layout = furniture.lay_out(raw.text, title=title or raw.title)
    text = "\n\n".join(layout.paragraphs)
    if not text.strip():
        raise InputError(
            _("No article text was left once page furniture was removed."),
            code="no_article_text",
        )
    warnings: list[str] = []
    sents = sentences.split(text)
    lang, sents = _language(text, sents, language, warnings)
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
    dateline_skip = _dateline_offset(layout, text)
    mentions = datefinder.find_dates(
        text, reference=reference, language=rules, anchors=_page_days(layout, rules)
    )
    author = None
    if layout.author_box is not None:  # the post after an author box is the author's
        index, name = layout.author_box
        author = (sum(len(p) + 2 for p in layout.paragraphs[:index]), name, "person")
    elif layout.release_credit and squash(layout.release_credit) not in squash(
        publisher_name
    ):
        # a site carrying a press release ("… (BPMI Setpres)" after the text): what
        # the release states on its own account is the crediting body's
        author = (0, layout.release_credit, "organisation")
    candidates = _candidates(
        text,
        sents,
        mentions,
        rules,
        publisher_name,
        dateline_skip,
        is_known_source,
        author=author,
        heading=f"{layout.title or raw.title}\n{furniture.url_title(url)}",
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


#: a paragraph needs this many words for its language to be judged on its own
PARAGRAPH_WORDS = 20


def _language(
    text: str, sents: list[sentences.Sentence], given: str, warnings: list[str]
) -> tuple[str, list[sentences.Sentence]]:
    """The article's language and the sentences the importer can read.

    Text mostly in a language other than Indonesian, English or Malay is refused
    with that language named (unless the user gave the language); a paragraph in
    one is left out, with a warning that names it."""
    paragraphs: dict[int, list[int]] = {}
    for s in sents:
        paragraphs.setdefault(s.paragraph, [s.start, s.end])[1] = s.end
    foreign: dict[int, str] = {}
    words: Counter[str] = Counter()
    for paragraph, (start, end) in paragraphs.items():
        body = text[start:end]
        if len(body.split()) >= PARAGRAPH_WORDS:
            code = foreign_language(body)
            if code:
                foreign[paragraph] = code
                words[code] += len(body.split())
    total = len(text.split())
    if not given:
        code = words.most_common(1)[0][0] if words else ""
        if sum(words.values()) * 2 <= total:
            code = "" if foreign or len(paragraphs) > 1 else foreign_language(text)
        if code:
            raise InputError(
                _(
                    "The text is in %(language)s (%(code)s); the importer reads "
                    "Indonesian and English only. Nothing was analysed."
                )
                % {"language": language_name(code), "code": code},
                code="unsupported_language",
            )
    for paragraph, code in foreign.items():
        start, end = paragraphs[paragraph]
        warnings.append(
            _("A paragraph in %(language)s (%(code)s) was left out: “%(opening)s…”")
            % {
                "language": language_name(code),
                "code": code,
                "opening": " ".join(text[start:end].split()[:8]),
            }
        )
    kept = [s for s in sents if s.paragraph not in foreign]
    rest = "\n".join(text[s.start : s.end] for s in kept) if foreign else text
    lang = given or detect_language(rest)
    if not lang:
        lang = "en"
        warnings.append(_("Could not tell the language; assumed English."))
    return lang, kept


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


def _candidates(
    text: str,
    sents: list[sentences.Sentence],
    mentions: list[datefinder.DateMention],
    language: str,
    publisher: str,
    dateline: tuple[int, int] | None,
    is_known_source: Callable[[str], bool] | None = None,
    *,
    author: tuple[int, str, str] | None = None,
    heading: str = "",
) -> list[Candidate]:
    readings = speakers.read(
        text,
        sents,
        language,
        publisher,
        dateline,
        is_known_source,
        author=author,
        heading=heading,
    )
    threshold = settings.CLAIMDESK_CHECKWORTHINESS_THRESHOLD
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
        values = features(
            statement,
            has_dates=bool(dates),
            attributed=not speaker.via_publisher,
            names_known=(speaker.claimant, publisher),
            verb=speaker.own.verb if speaker.own is not None else "",
        )
        score, reasons = model().explain(values)
        caption = bool(CAPTION.search(quote))
        candidate = Candidate(
            quote=quote,
            start=start,
            end=end,
            statement=statement,
            claimant=speaker.claimant,
            attribution_chain=list(speaker.chain),
            speech=speaker.speech,
            claimant_kind=speaker.kind,
            checkworthiness=score,
            dates=dates,
            is_publisher_claim=speaker.via_publisher,
            suggested=score >= threshold and not caption,
            reasons=[[feature, weight] for feature, weight in reasons],
            scored=[(values, caption)],
        )
        backed = _paraphrased(out, candidate, text)
        if backed is not None:  # the direct quote that backs a paraphrase, or back
            backed.repeats.append((start, end))
            backed.dates += [d for d in dates if d not in backed.dates]
            backed.suggested = backed.suggested or candidate.suggested
            backed.checkworthiness = max(backed.checkworthiness, score)
            backed.scored += candidate.scored
            by_key[key] = backed
            continue
        by_key[key] = candidate
        out.append(candidate)
    return out


#: the furthest apart (in characters) a paraphrase and its direct quote may be
PARAPHRASE_REACH = 600
_STOPWORDS = frozenset(
    {
        "yang", "dan", "di", "ke", "dari", "ini", "itu", "dengan", "untuk", "dalam",
        "pada", "juga", "akan", "adalah", "sudah", "telah", "saya", "kami", "kita",
        "dia", "ia", "bahwa", "tidak", "the", "and", "of", "to", "in", "a", "an",
        "is", "are", "was", "were", "that", "this", "it", "we", "i", "he", "she",
        "they", "have", "has", "had", "be", "for", "on", "with", "at", "by", "as",
        "from",
    }
)  # fmt: skip


def _content_words(text: str) -> set[str]:
    words = re.findall(r"\w+", text.casefold())
    return {w for w in words if len(w) > 2 and w not in _STOPWORDS}


def _paraphrased(
    earlier: list[Candidate], candidate: Candidate, text: str
) -> Candidate | None:
    """The candidate just before ``candidate`` that says the same thing, by the same
    speaker, once in their words (a direct quote) and once in the reporter's: one
    claim with two appearances. Measured reach: ``PARAPHRASE_REACH`` characters."""
    if candidate.is_publisher_claim:
        return None
    words = _content_words(candidate.statement)
    if len(words) < 3:
        return None
    quoted = candidate.speech == "quote" or '"' in candidate.quote[:2]
    for other in reversed(earlier[-3:]):
        if candidate.start - other.end > PARAPHRASE_REACH:
            break
        if other.claimant != candidate.claimant or other.is_publisher_claim:
            continue
        other_quoted = other.speech == "quote" or '"' in other.quote[:2]
        if other_quoted == quoted:
            continue
        theirs = _content_words(other.statement)
        if len(theirs) < 3:
            continue
        if len(words & theirs) / min(len(words), len(theirs)) >= 0.6:
            return other
    return None


#: a quotation over more sentences than this is offered sentence by sentence
MAX_QUOTE_SENTENCES = 4


def _units(readings: list[speakers.Reading]) -> Iterator[list[speakers.Reading]]:
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
