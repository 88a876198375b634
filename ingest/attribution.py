"""Who says a sentence, and through whom: reporting verbs in Indonesian and English.

One sentence at a time, ``attribute()`` finds the reporting clause ("kata Trump",
"NK News ... menyebutkan,", "China's defense ministry said on Thursday that",
"Menurut BPS,", "according to officials") and splits the sentence into the clause
and the content it reports. Context (quotes spanning sentences, "ujarnya", "the
source", paragraphs) is resolved by the pipeline, which sees the whole article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .names import (
    CITING,
    HEADS,
    NameIndex,
    Speaker,
    described_person,
    source_kind,
    speaker_after_verb,
    speaker_from_subject,
    titled_names,
)

__all__ = [
    "EN_VERBS",
    "ID_POST",
    "Attribution",
    "CitedLead",
    "NameIndex",
    "Speaker",
    "according_citing",
    "attribute",
    "cited_lead",
    "source_kind",
    "speaker_after_verb",
    "titled_names",
]

# --- reporting verbs ------------------------------------------------------------------

_ID_POST = (
    r"kata|ujar|ucap|sebut|tutur|terang|jelas|imbuh|tambah|ungkap|tegas|papar|"
    r"lanjut|pungkas|tulis|seru|timpal|cetus|kilah|klaim|tanya|jawab|balas|sahut|"
    r"beber|sambung|tandas|tukas|bilang|urai"
)
_ID_PRE_STRONG = (
    r"mengatakan|berkata|menyebutkan|menuturkan|menjelaskan|menerangkan|mengaku|"
    r"menambahkan|menegaskan|mengungkapkan|menyatakan|mengklaim|bilang|menandaskan|"
    r"mengemukakan|memaparkan|membeberkan|mengingatkan|menekankan|mengumumkan|"
    r"memastikan|membenarkan|mengonfirmasi|melaporkan|memberitakan|menyebut|"
    r"memperingatkan|membantah|menampik|mengakui|menuding|menuduh|mencatat|"
    r"menginformasikan|mengeklaim|menyerukan|menandaskan|menggarisbawahi|"
    r"menceritakan|bercerita|mengisahkan|menggambarkan|mengenang|meminta|"
    r"mengimbau|mengajak|mendesak"
)
#: verbs that report a belief rather than speech: they attribute their own sentence
#: but do not make the neighbouring sentences the speaker's.
_ID_BELIEF = r"yakin|meyakini|menilai|berpendapat|berharap|memperkirakan|menduga"
_ID_PRE_WEAK = r"menulis|mengungkap|menyampaikan"
_EN_VERBS = (
    r"said|says|say|told|tells|added|adds|stated|states|claimed|claims|announced|"
    r"announces|reported|reports|wrote|writes|argued|argues|insisted|insists|warned|"
    r"warns|noted|notes|explained|explains|confirmed|confirms|denied|denies|"
    r"estimated|estimates|predicted|asserted|acknowledged|admitted|declared|"
    r"stressed|emphasised|emphasized|revealed|alleged|quoted|remarked|remarks|"
    r"commented|comments|disclosed|conveyed|mentioned|affirmed|underlined|"
    r"underscored|highlighted|elaborated|continued|concluded|replied|responded|"
    r"answered|assured|informed|observed|recalled|suggested|pointed\s+out|urged|"
    r"urges|urging"
)
_EN_BELIEF = r"believes|believed|thinks|thought|expects|expected|hopes|hoped"
#: what a study, a survey or researchers found: a report only with its clause
#: ("The study found that …", "Survei itu menunjukkan bahwa …"), not "police found
#: the car"
_EN_FINDING = (
    r"(?:found|finds|find|showed|shows|show|demonstrated|demonstrates|indicated|"
    r"indicates|concludes)(?=\s+that\b)"
)
_ID_FINDING = r"(?:menemukan|menunjukkan|menyimpulkan|mendapati)(?=\s+bahwa\b)"
_EN_PARTICIPLE = (
    r"adding|saying|noting|warning|stressing|arguing|insisting|explaining|"
    r"claiming|telling"
)

EN_VERBS = _EN_VERBS
ID_POST = _ID_POST

_POST_ID = re.compile(
    rf"(?P<sep>[,.!?…]?[\"”’]|,)\s+(?P<verb>(?:{_ID_POST})(?P<nya>nya)?)\b(?!-)"
    r"(?P<who>[^.;!?]*)[.!?]?[\"”’]?\s*$"
)
_POST_EN = re.compile(
    r"(?P<sep>[,.!?…]?[\"”’]|,)\s+(?:(?P<who1>(?:[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|of|"
    r"al|bin|van|de))*)|he|she|they|it|we|I|(?:the|a|an|one)\s+[\w’'-]+(?:\s+[\w’'-]+){0,4}"
    r"|(?:[a-z]+\s+)?(?:officials|authorities|police|experts|analysts|witnesses|"
    r"sources|residents|doctors|scientists|researchers|diplomats|observers|economists))"
    rf"\s+(?P<verb1>{_EN_VERBS})(?:\s+[\w’'-]+){{0,3}}|(?P<verb2>said|says|added|"
    r"wrote|told\s+\w+)\s+(?P<who2>(?:[A-Z]|the\s|a\s|an\s)[^,.;!?]*))"
    r"(?P<tail>[^\"”]*)[.!?]?[\"”’]?\s*$"
)
#: what can follow a post-posed Indonesian verb as its speaker
_WHO_START = re.compile(
    r"^(?:[A-Z]|(?:dia|ia|beliau|mereka|kami|sumber|pejabat|pihak|juru|jubir|para|"
    r"seorang|salah|pengamat|warga|menteri|presiden|kepala|ketua)\b)"
)
_MENURUT_PRE = re.compile(
    r"^(?P<lead>(?:[\w-]+,\s+)?)(?:(?P<verb>[Mm]enurut|[Aa]ccording\s+to|[Kk]ata)\s+"
    r"(?P<who>(?:[^,]|,(?=\d))+)|(?P<pronoun>[Mm]enurutnya|[Kk]atanya)),(?!\d)\s*"
)
#: a name in apposition after a role: "…, Herry Utomo, …"
_APPOSITION = re.compile(
    r"(?P<name>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3}),\s+(?=\S)"
)


_LIST_GOES_ON = re.compile(
    r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*\s*(?:,|dan\b|and\b|&)"
)


def _is_role(phrase: str) -> bool:
    """The phrase names an office or a role, not a holder: "Presiden IDN Amerika",
    "the head of the union", "Ketua Panitia"."""
    words = [w.lower().strip(".,") for w in phrase.split()]
    return any(w in HEADS for w in words[:3])


_MENURUT_POST = re.compile(
    r",\s*(?P<verb>menurut|according\s+to)\s+(?P<who>[^,.;!?]+)[.!?]?[\"”’]?\s*$"
)
#: a name as "according to" writes it: capitalised words joined by "of", "for",
#: "and", an acronym in brackets, an organisation's role-holder ("Acme's chief
#: executive John Miller")
_WORD = r"[A-Z][\w.&-]*(?:['’](?!s\b)[A-Za-z][\w-]*)?"
_NAMED = (
    r"(?:(?:[a-z][\w-]*\s+){1,6}(?:from|by|dari|oleh)\s+)?"  # "a statement from"
    rf"(?:the\s+)?(?:U\.S\.\s+)?{_WORD}(?:\s+(?:of|for|and|on|dan|untuk)\s+{_WORD}"
    rf"|\s+{_WORD})*(?:\s*\([A-Z][A-Za-z-]{{1,14}}\))?"
    r"(?:['’]s?\s+(?:[a-z][\w-]*\s+){1,4}[A-Z][\w.’'-]+(?:\s+[A-Z][\w.’'-]+){0,3})?"
)
#: "According to the Health Agency (HA) the river rose …": no comma, the name ends
#: where the lower-case sentence begins
_MENURUT_PRE_BARE = re.compile(
    rf"^(?P<verb>[Aa]ccording\s+to|[Mm]enurut)\s+(?P<who>{_NAMED})\s+(?=[a-z])"
)
#: "… has the virus according to the County Health Department, and …": the clause
#: in the middle (or at the end without a comma) of the sentence
_MENURUT_MID = re.compile(
    rf",?\s+(?P<verb>according\s+to|menurut)\s+(?P<who>{_NAMED})"
    r"(?=\s*(?:[.!?][\"”’]?\s*$|,\s*(?:and|but|while|dan|namun|tetapi|sedangkan)\b))"
)
_PRE_ID = re.compile(
    rf"\s(?:(?:juga|pun|turut|telah|sudah|pernah|kembali|lalu|kemudian|sempat|"
    rf"kepada\s+\w+|secara\s+\w+)\s+)*(?P<verb>{_ID_PRE_STRONG}|{_ID_BELIEF}|"
    rf"{_ID_PRE_WEAK}|{_ID_FINDING})\b(?P<after>\s*(?:[,:]|bahwa\b|\"|“)?)"
)
_PRE_EN = re.compile(
    rf"\s(?:(?:also|again|has|had|have|later|previously|earlier|then|once|is|are|"
    rf"was|were)\s+)*(?P<verb>{_EN_VERBS}|{_EN_BELIEF}|{_EN_FINDING})\b"
    # "words said in a neutral way", "the said company": a participle, no report
    r"(?!\s+(?:in\s+(?:a|an|the)\s+\w+\s+way|by|with|during|aloud)\b)"
)
#: who was told: "VOA", "the BBC", "reporters", "us", with a day after it
_ADDRESSEE = re.compile(
    r"\s+(?:(?:the\s+)?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3}|reporters|"
    r"journalists|the\s+press|us|me|him|her|them)"
    r"(?:\s+(?:on|in)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"an\s+interview))?,?(?=\s+[a-z\"“]|\s+(?:The|A|An|I|It|We|He|She|They)\b)"
)
_PARTICIPLE_EN = re.compile(
    rf",\s+(?P<verb>{_EN_PARTICIPLE})\s+(?:\w+\s+)?(?:that\s+)?"
)
_REPORTED_BY = re.compile(
    r"(?:(?:seperti|sebagaimana)\s+)?(?:dikutip|dilansir|diberitakan|dilaporkan|"
    r"reported\s+by|quoted\s+by|according\s+to)\s+(?:dari\s+|oleh\s+)?"
    r"(?P<who>[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,3})"
)
#: verbs of saying whose object is the clause said (not "menyebut" = to name)
_SAYS = re.compile(
    r"mengatakan|berkata|menyatakan|menegaskan|menjelaskan|mengungkapkan|"
    r"menuturkan|menambahkan|memastikan|menerangkan|bilang|menekankan|"
    r"said|says|told|added|stated|explained|stressed|confirmed|noted|remarked"
)
_PRONOUN_OPENING = re.compile(
    r"(?:dirinya|ia|dia|beliau|pihaknya|mereka|kami|kita|saya|itu|ini|tersebut|"
    r"he|she|they|it|this|that|we|i)\b",
    re.IGNORECASE,
)
#: a participle used as an adjective: "1 million confirmed cases", "the said firm"
_ADJECTIVAL = re.compile(
    r"(?:\b\d[\d.,]*|\b(?:million|billion|thousand|hundred|juta|ribu|miliar|the|a|an|"
    r"its|their|his|her|of))\s*$",
    re.IGNORECASE,
)
_THAT = re.compile(r"\bthat\s+|,\s*(?=[A-Z\"“])|:\s*")


@dataclass
class Attribution:
    speaker: Speaker
    verb: str
    #: offsets, within the sentence, of the content the clause reports
    content: tuple[int, int]
    #: offsets of the reporting clause itself (its dates are "reported" dates)
    clause: tuple[int, int]
    cited: str = ""
    direct: bool = False
    #: speech (not belief): the paragraph around it is the same speaker's account
    is_speech: bool = True
    #: the content stands alone as a statement ("X said, ...", "X said that ...")
    separable: bool = True


def _strip_quotes(start: int, end: int, sentence: str) -> tuple[int, int]:
    while start < end and sentence[start] in " \"“”'‘’,:":
        start += 1
    while end > start and sentence[end - 1] in " \"“”'‘’,:":
        end -= 1
    return start, end


#: a sentence that opens by naming where it was taken from: "Dikutip TribunWow.com
#: dari kemlu.go.id, ...", "Mengutip Antara, ...", "Seperti dilansir Reuters, ...",
#: "Citing Reuters, ..."
_CITED_LEAD = re.compile(
    r"^(?i:(?:seperti|sebagaimana)\s+)?(?i:dikutip|dilansir|diwartakan|dilaporkan|"
    r"mengutip|melansir|citing|quoting|as\s+reported\s+by|as\s+quoted\s+by)\s+"
    r"(?:dari\s+|oleh\s+|by\s+)?(?P<via>[\w.&'’-]+(?:\s+[A-Z][\w.&'’-]*){0,3})"
    r"(?:\s+(?:dari|from)\s+(?P<origin>[\w.&'’-]+(?:\s+[A-Z][\w.&'’-]*){0,3}))?"
    r"(?:\s+\([^)]{1,40}\))?\s*,\s*",
)
#: "..., according to X, citing Y": X reports what Y said
_ACCORDING_CITING = re.compile(
    r",\s*(?:according\s+to|menurut)\s+(?P<via>[^,]+),\s*(?:citing|quoting|mengutip)\s+"
    r"(?P<origin>[^,.;!?]+)[.!?]?[\"”’]?\s*$"
)


@dataclass
class CitedLead:
    """Where the sentence was taken from: ``via`` took it from ``origin`` (if
    named); ``length`` is the prefix's length ("Mengutip Antara, ")."""

    via: str
    origin: str
    length: int


def cited_lead(sentence: str) -> CitedLead | None:
    match = _CITED_LEAD.match(sentence)
    if match is None:
        return None
    via = match.group("via").strip(" ,")
    if not via[:1].isupper() and "." not in via:
        return None  # "Dikutip dari sumber lain, ..." names nobody
    return CitedLead(via, (match.group("origin") or "").strip(" ,"), match.end())


def according_citing(sentence: str) -> CitedLead | None:
    match = _ACCORDING_CITING.search(sentence)
    if match is None:
        return None
    return CitedLead(
        match.group("via").strip(), match.group("origin").strip(), match.start()
    )


#: a passive reporting verb's auxiliary: what "is said" or "were reported" (not "are
#: urging") is no speaker's subject
_PASSIVE = re.compile(r"\b(?:is|are|was|were)\b")


#: a speaker with a clause or an apposition between the name and the verb: "Maria
#: Lopez, who heads the Harbour Union, said …", "Tom Reyes, a former adviser to
#: Governor Ann Cole, said …", "X, a blog about Y has highlighted …": the name
#: before it speaks, not a name inside it
_APPOSED_EN = re.compile(
    rf"^(?P<who>[A-Z][^,]{{1,80}}),\s+(?:who|whose|which|a|an|the|also|one\s+of|"
    rf"now|then|formerly)\b[^,]{{0,150}}?(?:,\s+|\s+(?=(?:has|have|had)\s))"
    rf"(?:(?:also|has|had|have|later|then)\s+)*(?P<verb>{_EN_VERBS})\b"
)


def _apposed(sentence: str, has_quote: bool) -> Attribution | None:
    """ "X, who …, said that …": the speaker before the relative clause or the
    apposition (English)."""
    match = _APPOSED_EN.match(sentence)
    if match is None:
        return None
    speaker = speaker_from_subject(match.group("who"))
    if speaker is None or speaker.anaphoric:
        return None
    content_start = match.end()
    that = _THAT.match(sentence, content_start + 1)
    if that:
        content_start = that.end()
    elif match.group("verb") in ("told", "tells"):
        told = _ADDRESSEE.match(sentence, content_start)
        if told:
            content_start = told.end()
    start, end = _strip_quotes(content_start, len(sentence), sentence)
    if end - start < 10:
        return None
    return Attribution(
        speaker,
        match.group("verb"),
        (start, end),
        (0, content_start),
        direct=has_quote and sentence[start - 1 : start] in '"“',
        separable=True,
    )


def attribute(sentence: str, language: str) -> Attribution | None:
    """The reporting clause of ``sentence``, if it has one."""
    has_quote = bool(re.search(r"[\"“”]", sentence))
    # 0. Maria Lopez, who heads the union, said …
    apposed = _apposed(sentence, has_quote)
    if apposed is not None:
        return apposed
    # 1. "…," kata Trump.   /   "…," Mattis said.
    post = _POST_ID if language != "en" else _POST_EN
    for pattern in (post, _POST_EN if language != "en" else _POST_ID):
        match = pattern.search(sentence)
        if not match:
            continue
        groups = match.groupdict()
        if "nya" in groups:
            if groups.get("nya"):
                speaker: Speaker | None = Speaker("-nya", anaphoric=True)
            elif _WHO_START.match(groups["who"].strip(' ,"“”')) or described_person(
                groups["who"]
            ):
                speaker = speaker_after_verb(groups["who"])
            else:
                speaker = None  # ", jelas tidak mungkin" is no reporting clause
            verb = groups["verb"]
        else:
            tail = sentence[
                match.end("verb1") if groups.get("verb1") else match.end() :
            ]
            if groups.get("verb1") and (
                re.match(r"\s+that\b", tail) or len(tail.split()) > 8
            ):
                # "After ..., Jokowi explained that the readiness ...": the clause
                # reports what follows the verb, not what precedes the comma
                continue
            who = groups.get("who1") or groups.get("who2") or ""
            speaker = speaker_after_verb(who) if who else None
            verb = groups.get("verb1") or groups.get("verb2") or ""
        if speaker is None:
            continue
        sep_start = match.start("sep")
        start, end = _strip_quotes(0, sep_start + 1, sentence)
        if end - start < 10:
            continue
        cited_match = CITING.search(sentence[match.start() :])
        return Attribution(
            speaker=speaker,
            verb=verb.split()[0],
            content=(start, end),
            clause=(sep_start, len(sentence)),
            cited=cited_match.group("cited").strip() if cited_match else "",
            direct=has_quote,
        )
    # 2. Menurut X, …   /   …, according to X.
    match = _MENURUT_PRE.match(sentence)
    if match:
        speaker = (
            Speaker("-nya", anaphoric=True)
            if match.group("pronoun")
            else speaker_after_verb(match.group("who"))
        )
        clause_end = match.end()
        apposition = _APPOSITION.match(sentence, match.end())
        if (
            apposition is not None
            and not match.group("pronoun")
            and _is_role(match.group("who"))
            and len(sentence[apposition.end() :].split()) >= 4
            # not a list of names: "Menurut BPS, Jawa Barat, Jawa Tengah dan …"
            and not _LIST_GOES_ON.match(sentence, apposition.end())
        ):
            # "Menurut Presiden IDN Amerika, Herry Utomo, …", "According to the
            # head of the union, Maria Lopez, …": the name after the role speaks
            named = Speaker(
                apposition.group("name"),
                titled=True,
                person=True,
                role=match.group("who").strip(),
            )
            from .claimants import refusal  # claimants imports this module's names

            if named.name.split()[0].lower() not in HEADS and not refusal(named.name):
                speaker, clause_end = named, apposition.end()
        if speaker:
            start, end = _strip_quotes(clause_end, len(sentence), sentence)
            return Attribution(
                speaker,
                match.group("verb") or "menurut",
                (start, end),
                (0, clause_end),
            )
    match = _MENURUT_PRE_BARE.match(sentence)
    if match:
        speaker = speaker_after_verb(match.group("who"))
        if speaker:
            start, end = _strip_quotes(match.end(), len(sentence), sentence)
            return Attribution(
                speaker, match.group("verb"), (start, end), (0, match.end())
            )
    match = _MENURUT_POST.search(sentence) or _MENURUT_MID.search(sentence)
    if match:
        speaker = speaker_after_verb(match.group("who"))
        if speaker:
            start, end = _strip_quotes(0, match.start(), sentence)
            return Attribution(
                speaker,
                match.group("verb"),
                (start, end),
                (match.start(), len(sentence)),
            )
    # 3. X mengatakan, …   /   X said on Thursday that …   /   …, adding that …
    patterns = (_PRE_EN, _PRE_ID) if language == "en" else (_PRE_ID, _PRE_EN)
    for pattern in patterns:
        for match in pattern.finditer(sentence):
            verb = match.group("verb")
            subject = sentence[: match.start()]
            if len(subject.split()) > 30 or not subject.strip():
                continue
            if pattern is _PRE_EN and _ADJECTIVAL.search(subject):
                continue  # "1 million confirmed cases", "the reported deaths"
            if (
                pattern is _PRE_EN
                and _PASSIVE.search(sentence[match.start() : match.start("verb")])
                and not verb.endswith("ing")
            ):
                continue  # "Skyscrapers are reported to have swayed": no speaker
            after = (match.groupdict().get("after") or "").strip()
            if re.fullmatch(_ID_PRE_WEAK, verb) and not after:
                continue
            speaker = speaker_from_subject(subject)
            if speaker is None:
                continue
            content_start = match.end()
            separable = bool((match.groupdict().get("after") or "").strip()) or (
                # "Retno mengatakan Indonesia sudah ...": the clause stands alone,
                # unless it opens with a pronoun that needs the speaker
                _SAYS.fullmatch(verb) is not None
                and _PRONOUN_OPENING.match(sentence[match.end() :].lstrip()) is None
                and len(sentence[match.end() :].split()) >= 4
            )
            if pattern is _PRE_EN:
                that = _THAT.search(sentence, match.end(), match.end() + 80)
                if that:
                    content_start, separable = that.end(), True
                elif verb in ("told", "tells"):
                    # "X told VOA the bridge …", "told reporters on Monday …": the
                    # one told is no part of what was said
                    told = _ADDRESSEE.match(sentence, match.end())
                    if told:
                        content_start = told.end()
            start, end = _strip_quotes(content_start, len(sentence), sentence)
            if end - start < 10:
                continue
            cited = CITING.search(subject)
            belief = re.fullmatch(f"{_ID_BELIEF}|{_EN_BELIEF}", verb) is not None
            return Attribution(
                speaker,
                verb,
                (start, end),
                (0, content_start),
                cited=cited.group("cited").strip() if cited else "",
                direct=has_quote and sentence[start - 1 : start] in '"“',
                is_speech=not belief,
                separable=separable,
            )
    match = _PARTICIPLE_EN.search(sentence)
    if match:
        speaker = speaker_from_subject(sentence[: match.start()])
        if speaker:
            start, end = _strip_quotes(match.end(), len(sentence), sentence)
            return Attribution(
                speaker, match.group("verb"), (start, end), (0, match.end())
            )
    # 4. …, seperti dilansir Reuters.
    match = _REPORTED_BY.search(sentence)
    if match:
        speaker = Speaker(match.group("who").rstrip("."))
        end = match.start()
        start, end = _strip_quotes(0, end, sentence)
        if end - start >= 10:
            return Attribution(
                speaker, "reported", (start, end), (match.start(), len(sentence))
            )
    return None
