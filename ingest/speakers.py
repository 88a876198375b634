"""Who says each sentence of an article: its own clause, then the context.

``attribution.attribute`` reads one sentence; here the sentences are read in order
and each one without a speaker of its own gets one from its neighbours: pronouns
and "the source" point back, a quotation over several sentences has one speaker, a
paragraph carries its speaker a few sentences on, "Hal itu disampaikan X" names the
speaker of what came before; the rest is the publication's own account.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from claims.attribution import Link, Speech, step

from . import attribution as attr
from . import claimants, furniture, sentences
from .names import squash


@dataclass
class Reading:
    """One sentence with what is known about who says it."""

    sentence: sentences.Sentence
    start: int  # the quote's offsets (the dateline prefix left out)
    end: int
    own: attr.Attribution | None
    claimant: str = ""
    #: who says it and through whom, as data (``claims.attribution``): no words of
    #: the importer's interface language are stored
    chain: list[dict[str, str]] = field(default_factory=list)
    speech: str = ""
    kind: str = ""
    via_publisher: bool = False
    is_lead: bool = False
    is_candidate: bool = True
    #: outlets that relayed it, nearest to the speaker first ("Mengutip Antara, ...")
    relay: list[str] = field(default_factory=list)


#: a sentence that is only a speaker tag, split off its quote: "Jokowi remarked.",
#: "kata Retno.", "ujarnya."
_TAG_ONLY = re.compile(
    rf"^[\"”’]?\s*(?:(?P<who>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,3}}|[Hh]e|[Ss]he|"
    rf"[Tt]hey)\s+(?:{attr.EN_VERBS})|(?:{attr.ID_POST})(?:nya|\s+(?P<who2>[^.!?]{{2,60}})))"
    r"(?:\s+[\w,()/-]+){0,8}?\s*[.!]?\s*$"
)


#: sentences that introduce what follows: "Berikut ...", "Here are ..."
_FILLER = re.compile(
    r"^(?:berikut|simak|baca|lihat|saksikan|tonton|here\s+(?:is|are)|read|watch)\b",
    re.IGNORECASE,
)
#: "Hal itu disampaikan Menteri X ...": names the speaker of what came before
_META = re.compile(
    r"^(?:(?:Hal|Pernyataan|Penjelasan|Informasi|Keterangan|Pesan|Ucapan|Itu|Data|"
    r"Angka|Kabar)\s+(?:(?:itu|tersebut|ini)\s+)?|Demikian\s+)(?:juga\s+)?"
    r"(?:di(?:sampaikan|ungkap(?:kan)?|katakan|jelaskan|utarakan|tegaskan|ucapkan|"
    r"paparkan|kemukakan|beberkan|sebut(?:kan)?|nyatakan|tuturkan|terangkan|"
    r"umumkan|akui|klaim|ucap)(?:nya)?)\s+"
    r"(?:oleh\s+|langsung\s+)?(?P<who>.+)$"
    r"|^(?P<subject>[A-Z][\w.’' -]{1,60}?)\s+(?:made|gave)\s+the\s+(?:comments?|"
    r"remarks?|statement)\b",
)


#: "Hal senada disampaikan jemaah lain, X.", "X echoed the view": a transition that
#: names the speaker of what comes next, and says nothing itself
_ECHO = re.compile(
    r"^(?:(?:Hal|Pendapat|Pandangan|Keterangan|Pernyataan|Sikap)\s+(?:senada|serupa|"
    r"yang\s+sama)\s+(?:juga\s+)?(?:di(?:sampaikan|ungkapkan|katakan|utarakan|"
    r"kemukakan|nyatakan|tuturkan|akui|sebutkan))\s+(?:oleh\s+)?(?P<who>.+?)\.?$"
    r"|^(?P<subject>[A-Z][\w.’' -]{1,60}?)\s+(?:echoed|shared|agreed\s+with)\s+"
    r"(?:this|that|the|those|these|his|her)\b[^.]{0,40}\.?$)"
)
#: "Ditambahkannya, …", "Dijelaskannya, …": the last speaker goes on
_ADDED = re.compile(
    r"^(?:Di(?:tambah|tegas|jelas|ungkap|kata|sampai|terang|papar|ingat)kan(?:nya|"
    r"\s+(?:dia|ia|beliau))|Lanjutnya|Tambahnya|Imbuhnya)\s*[,:]\s*"
)
#: how many sentences after "Hal senada disampaikan X" are X's
ECHO_REACH = 3


def _is_statement(text: str) -> bool:
    if not furniture.is_sentence_like(text) or _FILLER.match(text):
        return False
    words = re.findall(r"\w+", text)
    return len(words) >= 4


def _only_asks(quote: str, own: attr.Attribution | None) -> bool:
    """A question (its reported words, when it has a reporting clause), or a
    reply of a few words, checks nothing: "Ke mana para menteri itu?",
    "\"Apa lagi?\" tanya dia."."""
    content = quote if own is None else quote[own.content[0] : own.content[1]]
    if own is not None and own.separable and len(re.findall(r"\w+", content)) < 4:
        return True  # a short reply ("\"Beras plastik, Pak,\" jawab X") states nothing
    return content.rstrip(" \"”’')]").endswith("?")


def read(
    text: str,
    sents: list[sentences.Sentence],
    language: str,
    publisher: str,
    dateline: tuple[int, int] | None,
    is_known: Callable[[str], bool] | None = None,
    *,
    author: tuple[int, str, str] | None = None,
    heading: str = "",
) -> list[Reading]:
    """Every sentence with its claimant and attribution worked out; ``is_known``
    says whether a name is a known Source or alias (see ``ingest.claimants``);
    ``author`` (offset, name, kind): from that offset on, an author box's author (or
    the body credited at the end of a press release a site carries) writes what the
    text states on its own account."""
    names = attr.NameIndex(text, heading)
    check = claimants.Claimants(text, [s.start for s in sents], language, is_known)
    readings: list[Reading] = []
    echo: tuple[str, int] | None = None  # (speaker, sentences left) after "Hal senada"
    for s in sents:
        start, end = s.start, s.end
        is_lead = False
        if dateline and start <= dateline[0] < end:
            start = max(start, dateline[1])
            is_lead = True
        quote = text[start:end]
        own, relay = _own(quote, language)
        reading = Reading(s, start, end, own, relay=relay)
        reading.is_lead = is_lead
        tag = _TAG_ONLY.match(quote)
        if (
            tag
            and readings
            and readings[-1].own is None
            and len(quote) < 90
            and _ends_quoting(readings[-1].sentence)
        ):  # a tag split off the quote before it; "He says infections fell." after
            # a sentence with no quotation is a statement of its own
            tagged = attr.attribute(
                '"'
                + readings[-1].sentence.text.strip(' "“”')
                + '," '
                + quote.strip(' "”'),
                language,
            )
            if tagged is not None:  # the quote before it is the tagged speaker's
                previous = readings[-1]
                tagged.content = (0, previous.end - previous.start)
                tagged.clause = (0, 0)
                tagged.direct = True
                previous.own = tagged
                reading.is_candidate = False
                readings.append(reading)
                continue
        added = _ADDED.match(quote)
        if added and reading.own is None:  # "Ditambahkannya, \"…\"": the last speaker
            reading.own = attr.Attribution(
                speaker=attr.Speaker("-nya", anaphoric=True),
                verb=added.group(0).strip(" ,:"),
                content=(added.end(), len(quote)),
                clause=(0, added.end()),
                direct='"' in quote or "“" in quote,
            )
        reading.is_candidate = _is_statement(quote) and not _only_asks(
            quote, reading.own
        )
        if echo is not None:
            echo = _echo_forward(reading, echo)
        echoed = _ECHO.match(quote.strip())
        if echoed and reading.own is None:
            who = echoed.group("who") or echoed.group("subject") or ""
            parts = [p.strip() for p in who.split(",") if p.strip()]
            named = [p for p in parts[1:] if re.match(r"[A-Z]\w*\s+[A-Z]", p)]
            speaker = attr.speaker_after_verb(named[-1] if named else who)
            if speaker is not None and not speaker.anaphoric:
                reading.is_candidate = False
                echo = (names.canonical(speaker.name), ECHO_REACH)
                readings.append(reading)
                continue
        meta = _META.match(quote)
        if meta and reading.own is None:
            who = meta.group("who") or meta.group("subject") or ""
            # "Menteri Luar Negeri RI, Retno Marsudi": the apposition names them
            parts = [p.strip() for p in who.split(",") if p.strip()]
            named = [p for p in parts[1:] if re.match(r"[A-Z]\w+\s+[A-Z]", p)]
            if named:
                who = named[-1]
            speaker = attr.speaker_after_verb(who)
            if speaker is not None and not speaker.anaphoric:
                reading.is_candidate = False
                _attribute_back(readings, speaker, names)
        readings.append(reading)
    resolve(readings, names, publisher, check, author=author)
    return readings


def _own(quote: str, language: str) -> tuple[attr.Attribution | None, list[str]]:
    """A sentence's own reporting clause, and the outlets that relayed it: "Dikutip
    TribunWow.com dari kemlu.go.id, Retno menerima ..." is kemlu.go.id's account,
    quoted by TribunWow.com; "Mengutip Antara, Presiden Joko Widodo mengatakan ..."
    is the president's, quoted by Antara."""
    lead = attr.cited_lead(quote)
    if lead is not None:
        rest = quote[lead.length :]
        own = attr.attribute(rest, language)
        relay = [lead.via]
        if own is not None:
            shift = lead.length
            own.content = (own.content[0] + shift, own.content[1] + shift)
            own.clause = (0, own.clause[1] + shift)
            if lead.origin:  # "Dikutip X dari Y, Retno mengatakan": Y quoted Retno
                relay = [lead.origin, lead.via]
            return own, relay
        source = lead.origin or lead.via
        own = attr.Attribution(
            speaker=attr.Speaker(source),
            verb="dikutip",
            content=(lead.length, len(quote.rstrip())),
            clause=(0, lead.length),
            is_speech=False,
        )
        return own, ([lead.via] if lead.origin else [])
    own = attr.attribute(quote, language)
    chain = attr.according_citing(quote)
    if chain is not None:  # "..., according to Reuters, citing the ministry"
        own = attr.Attribution(
            speaker=attr.Speaker(chain.origin),
            verb="citing",
            content=(0, chain.length),
            clause=(chain.length, len(quote)),
        )
        return own, [chain.via]
    return own, []


def _ends_quoting(sentence: sentences.Sentence) -> bool:
    """The sentence closes a quotation (or runs on inside one)."""
    return sentence.ends_in_quote or sentence.text.rstrip().endswith(
        ('"', "”", "’", "'", '",', "”,")
    )


def _echo_forward(reading: Reading, echo: tuple[str, int]) -> tuple[str, int] | None:
    """The sentences after "Hal senada disampaikan X" are X's until someone else
    speaks: an unattributed sentence or an "ujarnya" is given to X."""
    name, left = echo
    own = reading.own
    if own is not None and not own.speaker.anaphoric:
        return None  # someone is named: the echo ends
    if own is not None:
        own.speaker = attr.Speaker(name, titled=True)
    elif reading.is_candidate:
        reading.own = attr.Attribution(
            speaker=attr.Speaker(name, titled=True),
            verb="disampaikan",
            content=(0, reading.end - reading.start),
            clause=(0, 0),
        )
    return (name, left - 1) if left > 1 else None


def _attribute_back(
    readings: list[Reading], speaker: attr.Speaker, names: attr.NameIndex
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


def resolve(
    readings: list[Reading],
    names: attr.NameIndex,
    publisher: str,
    check: claimants.Claimants | None = None,
    *,
    author: tuple[int, str, str] | None = None,
) -> None:
    """Fill in claimant, chain and speech for every sentence, using its context.
    A speaker that ``check`` refuses (a day, a place, a role without its holder)
    claims nothing: a role points back to the last person, anything else leaves
    the sentence to its context."""
    last_named: tuple[str, str, str] | None = None  # (name, cited, kind)
    last_person: tuple[str, str, str] | None = None
    #: a person a sentence introduces after the last speaker spoke ("Mike Cohen is
    #: the head of …"): "he says" next is theirs
    introduced: tuple[str, str, str] | None = None
    # 1. each sentence's own clause; "ujarnya", "the source" -> the last speaker
    for r in readings:
        a = r.own
        if a is None:
            person = _introduces(r, names)
            if person is not None:
                introduced = person
            continue
        speaker = a.speaker
        personal = speaker.person or _PERSONAL.match(speaker.name) is not None
        antecedent = last_person if personal and last_person else last_named
        if speaker.anaphoric and speaker.name.casefold() == "it":
            # "It says …" after "The WHO published its report.": the organisation
            # (or its document) the sentence before names, never a person
            index = next(i for i, x in enumerate(readings) if x is r)
            body = _organisation_named_before(readings, r, reach=1)
            if body is not None and any(_same_paragraph(readings, index, -1, 1)):
                r.claimant, r.kind = body, attr.source_kind(body)
                r.chain, r.speech = _parts(body, "", a.direct)
            continue
        if speaker.person and last_person is None:
            antecedent = _person_named_before(readings, r, names) or last_named
        elif personal and speaker.anaphoric and last_person is None:
            # "he said", "ujarnya" before any person has spoken: the person the
            # text last named ("... pendengar setia Heribertus Sunu Budiharjo")
            antecedent = (
                _person_named_before(readings, r, names, untitled=True) or last_named
            )
        if personal and speaker.anaphoric and introduced is not None:
            antecedent = introduced
        if speaker.anaphoric and antecedent:
            name, cited, kind = antecedent
            if personal and antecedent is introduced:
                last_person, introduced = antecedent, None
            if speaker.unnamed:
                who = speaker.name if speaker.name != "-nya" else cited
                # a few words in quotes do not make the sentence a direct quote
                r.chain, r.speech = [step(who), step(name, link=Link.QUOTED_BY)], ""
            else:
                r.chain, r.speech = _parts(name, cited, a.direct)
            r.claimant, r.kind = name, kind
            continue
        if speaker.anaphoric:
            continue
        if _ORG_ANAPHOR.match(speaker.name.strip()):
            # "The group said in its report …", "Lembaga itu menyebutkan …": the
            # organisation the text last named, else nobody named
            body = _organisation_named_before(readings, r)
            if body is not None:
                r.claimant, r.kind = body, attr.source_kind(body)
                r.chain, r.speech = _parts(body, "", a.direct)
            continue
        name = names.canonical(speaker.name)
        if (
            check is not None
            and not speaker.unnamed
            and not check.accepts(name, titled=speaker.titled)
        ):
            if claimants.refusal(name) == "title":  # "Duta Besar Indonesia ini"
                person = last_person or _person_named_before(readings, r, names)
                if person is not None:
                    r.claimant, r.kind = person[0], person[2]
                    r.chain, r.speech = _parts(person[0], "", a.direct)
            continue
        kind = attr.source_kind(name, unnamed=speaker.unnamed)
        r.claimant, r.kind = name, kind
        r.chain, r.speech = _parts(
            name,
            a.cited or speaker.described,
            a.direct,
            through=bool(speaker.described),
            role=speaker.role,
        )
        last_named = (name, a.cited or (last_named[1] if last_named else ""), kind)
        if kind == "person":
            last_person = last_named
            introduced = None
    # 1b. "Researchers found that …", "The team says …": the study's lead, when the
    #     article names one ("X was the lead researcher"), else the publication
    lead = _study_lead(readings, names)
    if lead is not None:
        for r in readings:
            if not r.claimant and r.own is not None and _research_group(r.own):
                r.claimant, r.kind = lead, "person"
                r.chain = [step(lead)]
                r.speech = ""
    # 2. an interview: the answers after each question are the interviewee's
    _interview(readings, names, publisher)
    # 3. a quotation running over several sentences has one speaker
    for i, r in enumerate(readings):
        if r.claimant or not (r.sentence.ends_in_quote or r.sentence.opens_in_quote):
            continue
        for j in [*_same_paragraph(readings, i, 1), *_same_paragraph(readings, i, -1)]:
            other = readings[j]
            if other.claimant and other.own and other.own.direct:
                r.claimant, r.kind = other.claimant, other.kind
                r.chain, r.speech = list(other.chain), other.speech
                break
    # 4. within a paragraph, what follows a speaker's statement and what leads up
    #    to their direct quote is their account too
    for i, r in enumerate(readings):
        if r.claimant or _own_source_refused(r):
            continue
        source = None
        for j in _same_paragraph(readings, i, -1, CARRY_REACH):
            other = readings[j]
            if (
                other.claimant
                and other.own is not None
                and other.own.is_speech
                # "According to X, …" attributes its own sentence, no more
                # ("Menurutnya, …" goes on as the speaker's turn)
                and not (
                    other.own.verb.casefold().split()[0] in _SENTENCE_SCOPED
                    and not other.own.speaker.anaphoric
                )
            ):
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
            r.chain, r.speech = [step(source.claimant)], Speech.PARAPHRASE
    # 5. one sentence between two of the same speaker's is theirs too
    #    and a lead reported from a source named in the next sentence is that source's
    statements = [r for r in readings if r.is_candidate]
    for i, r in enumerate(statements):
        if r.claimant or _own_source_refused(r):
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
            r.chain, r.speech = [step(before.claimant)], Speech.PARAPHRASE
        elif (
            r.is_lead
            and after is not None
            and after.own is not None
            and after.own.cited
            and after.claimant
        ):
            r.claimant, r.kind = after.claimant, after.kind
            r.chain, r.speech = list(after.chain), after.speech
    # 6. outlets that relayed a statement follow its speaker in the chain
    for r in readings:
        if r.claimant and r.relay:
            names_in = {step_["name"] for step_ in r.chain}
            r.chain = [*r.chain] + [
                step(outlet, link=Link.QUOTED_BY)
                for outlet in r.relay
                if outlet not in names_in
            ]
    # 7. the rest is the publication's own account, or, after an author box, the
    #    author's post carried by the publication (a carried release: its body's)
    for r in readings:
        if not r.claimant and author is not None and r.start >= author[0]:
            r.claimant, r.kind = author[1], author[2]
            r.chain = [step(author[1])]
            if publisher:
                r.chain.append(step(publisher, link=Link.QUOTED_BY))
            r.speech = ""
        if not r.claimant:
            r.claimant = publisher
            r.kind = "outlet"
            r.chain, r.speech = [step(publisher, link=Link.ARTICLE)], ""
            r.via_publisher = True


#: a speaker label opening a paragraph of an interview: "JK: Terima kasih", "Q:"
_LABEL = re.compile(r"^(?P<label>[A-Z][\w.’'-]{0,24}(?:\s+[A-Z][\w.’'-]*){0,2}):\s")
#: labels that are the interviewer's, not a name: the question, the reporter, the
#: host ("Wartawan asing", "Reporter from Reuters")
_ASKER = re.compile(
    r"^(?:Q|T|P|Tanya|Question|Pertanyaan|Interviewer|Pewawancara|Wartawan|"
    r"Jurnalis|Reporter|Journalist|Penanya|Moderator|Host|Pembawa\s+acara|"
    r"Audience|Hadirin)\b",
    re.IGNORECASE,
)
#: a sentence addressed to the person interviewed
_ADDRESSED = re.compile(
    r"\b(?:[Yy]ou(?:r|rself|['’](?:re|ve|ll|d))?|Anda|[Kk]amu|[Kk]alian|Bapak|Ibu)\b"
)
#: labels that only say "the answer": the interviewee is named elsewhere
_ANSWER = re.compile(r"^(?:A|J|Jawab|Jawaban|Answer)$")


def _interview(readings: list[Reading], names: attr.NameIndex, publisher: str) -> None:
    """An interview (paragraphs labelled "VOA:", "JK:", or questions followed by
    answers): every answer paragraph is the interviewee's, and a labelled
    paragraph is its label's. Only when the text has at least two labels or two
    question-answer pairs; the interviewee is the most frequent label that is not
    the publication's."""
    paragraphs: dict[int, list[Reading]] = {}
    for r in readings:
        paragraphs.setdefault(r.sentence.paragraph, []).append(r)
    order = sorted(paragraphs)
    labels: dict[int, str] = {}
    line_label = ""  # the label on a line of its own that this paragraph follows
    for index in order:
        group = paragraphs[index]
        opening = group[0].sentence.text
        on_its_own = furniture.LABEL_LINE.match(opening.strip())
        if len(group) == 1 and on_its_own:
            # "Presiden Republik Indonesia:" alone on its line: the turn follows it
            line_label = on_its_own.group("label")
            group[0].is_candidate = False
            continue
        match = _LABEL.match(opening)
        if match:
            labels[index] = match.group("label")
            line_label = ""
        elif furniture.IMAGE_FILE.match(opening):
            # a wiki's interviewer, framed by icons: "Wikinews waves Left.pngLaura
            # HaleWikinews waves Right.png You're …"
            labels[index] = "Q"
            line_label = ""
        elif line_label:
            labels[index] = line_label
    asker_key = squash(publisher)

    def asks(label: str) -> bool:
        key = squash(label)
        return bool(_ASKER.match(label)) or bool(
            key
            and asker_key
            and (asker_key.startswith(key) or key.startswith(asker_key))
        )

    guests = Counter(
        label
        for label in labels.values()
        if not asks(label) and not _ANSWER.match(label)
    )
    answers = [i for i, label in labels.items() if _ANSWER.match(label)]
    if guests:
        guest = _label_name(guests.most_common(1)[0][0], names)
    elif answers:
        # "Q: … / A: …": the interviewee is the person the text named before
        first = paragraphs[min(answers)][0]
        named = _person_named_before(readings, first, names, untitled=True)
        if named is None:
            return
        guest = named[0]
    else:
        return
    questions = [
        i
        for i in order
        if paragraphs[i][-1].sentence.text.rstrip(" \"”’')").endswith("?")
    ]
    if len(labels) + len(questions) < 3:
        return
    kind = attr.source_kind(guest)
    previous_asked = False
    for index in order:
        group = paragraphs[index]
        label = labels.get(index)
        asked = group[-1].sentence.text.rstrip(" \"”’')").endswith("?")
        if label is not None:
            if asks(label):
                speaker = publisher
            elif _ANSWER.match(label):
                speaker = guest
            else:
                speaker = _label_name(label, names)
            if asks(label):  # the interviewer's turn: questions and prompts
                for r in group:
                    r.is_candidate = False
        elif previous_asked and not asked:
            speaker = guest
        elif asked:
            # the interviewer's turn: what it says to the interviewee ("You broke
            # the record …", "Anda pernah …") frames the question; facts it states
            # on its own account stay the publication's
            speaker = publisher
            for r in group:
                if _ADDRESSED.search(r.sentence.text):
                    r.is_candidate = False
        else:
            speaker = ""
        previous_asked = asked
        if not speaker:
            continue
        for r in group:
            r.claimant = speaker
            r.kind = (
                "outlet"
                if speaker == publisher
                else (kind if speaker == guest else attr.source_kind(speaker))
            )
            if speaker == publisher:
                r.chain, r.speech = [step(publisher, link=Link.ARTICLE)], ""
                r.via_publisher = True
            else:
                r.chain, r.speech = [step(speaker)], Speech.QUOTE
                r.via_publisher = False


#: reporting words that attribute only the sentence they are in ("According to the
#: survey, …", "Menurut BPS, …"): what follows is not carried to their source, unless
#: it is a pronoun's ("Menurutnya, …", the speaker's turn going on)
_SENTENCE_SCOPED = {"according", "menurut"}


#: a sentence introducing a person by what they are: "Mike Cohen is the head of …",
#: "Rina Kartika adalah dosen …"
_INTRO = re.compile(
    r"^(?P<name>[A-Z][\w.’'-]+(?:\s+[A-Z][\w.’'-]+){1,3})\s+(?:is|was|adalah|"
    r"merupakan|ialah)\s+(?:a|an|the|one|seorang|salah|dosen|peneliti|kepala|ketua|"
    r"direktur|\w+'s)\b"
)


def _introduces(reading: Reading, names: attr.NameIndex) -> tuple[str, str, str] | None:
    """The person a sentence with no speaker introduces as its subject."""
    match = _INTRO.match(reading.sentence.text.strip(' "“'))
    if match is None:
        return None
    name = match.group("name")
    if (
        _DESCRIBED_SOURCE.match(name)  # "The Lancet is a journal …": no person
        or attr.source_kind(name) != "person"
        or claimants.refusal(name)
    ):
        return None
    return names.canonical(name), "", "person"


def _own_source_refused(reading: Reading) -> bool:
    """The sentence names its own source, one that is no claimant ("The study
    found …", "Researchers say …", "Penelitian itu menemukan …"): it is not the
    previous speaker's account, it is the publication's report of that source."""
    own = reading.own
    if own is None or own.speaker.anaphoric or own.speaker.unnamed or reading.claimant:
        return False
    # a group or a described source, not a refused name ("kata Jakarta", "Contohnya"),
    # which leaves the sentence to its context as before
    name = own.speaker.name.strip()
    return claimants.refusal(name) == "group" or bool(_DESCRIBED_SOURCE.match(name))


#: a source described, not named: "The research", "A report by the agency"
_DESCRIBED_SOURCE = re.compile(r"^(?:The|A|An|Para|Sebuah|Beberapa|Sejumlah)\s")


#: the person who stands for a study: "X was the lead researcher on the project",
#: "X, who led the study", "X is a researcher who helped lead the study",
#: "peneliti utama X", "X, ketua tim peneliti"
_LEAD = re.compile(
    r"(?P<name>[A-Z][\w.’'-]+(?:\s+[A-Z][\w.’'-]+){1,3}),?\s+(?:is|was|who|yang)\b"
    r"[^.]{0,40}?\b(?:(?:lead|chief|principal|senior|main)\s+(?:researcher|author|"
    r"scientist|investigator)|(?:led|leads|lead|headed|heads)\s+the\s+(?:study|"
    r"research|team|project|survey)|(?:memimpin|ketua)\s+(?:tim|penelitian|studi|"
    r"riset)|peneliti\s+utama)\b"
    r"|(?:lead\s+(?:researcher|author)|peneliti\s+utama|ketua\s+tim\s+peneliti)"
    r",?\s+(?P<name2>[A-Z][\w.’'-]+(?:\s+[A-Z][\w.’'-]+){1,3})"
)
#: the words of an unnamed research group: "Researchers", "The study", "Tim itu"
_RESEARCH = {
    "researchers", "researcher", "scientists", "scientist", "study", "studies",
    "research", "findings", "team", "peneliti", "ilmuwan", "penelitian", "studi",
    "riset", "tim",
}  # fmt: skip


def _research_group(own: attr.Attribution) -> bool:
    words = re.findall(r"\w+", own.speaker.name.lower())
    return (
        not own.speaker.anaphoric
        and claimants.refusal(own.speaker.name) == "group"
        and any(w in _RESEARCH for w in words)
    )


def _study_lead(readings: list[Reading], names: attr.NameIndex) -> str | None:
    """The person the article names as a study's lead, if any."""
    for r in readings:
        match = _LEAD.search(r.sentence.text)
        if match:
            name = match.group("name") or match.group("name2")
            if attr.source_kind(name) == "person" and not claimants.refusal(name):
                return names.canonical(name)
    return None


#: a description that points back to an organisation: "the group", "the agency",
#: "lembaga itu", "organisasi tersebut"
_ORG_ANAPHOR = re.compile(
    r"^(?:(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?:group|organi[sz]ation|committee|agency|"
    r"company|firm|association|society|council|institute|foundation|union|body|"
    r"panel|commission|ministry|department)|(?:[Kk]elompok|[Oo]rganisasi|[Ll]embaga|"
    r"[Kk]omite|[Pp]erusahaan|[Bb]adan|[Aa]sosiasi|[Yy]ayasan|[Ss]erikat|[Kk]omisi|"
    r"[Kk]ementerian|[Dd]inas)\s+(?:itu|tersebut|ini))$"
)
_CAPITALISED_RUN = re.compile(
    r"[A-Z][\w&'’.-]*(?:\s+(?:of|for|and|on|dan|untuk|[A-Z][\w&'’.-]*))*"
    r"(?<=[\w.])"
)


def _organisation_named_before(
    readings: list[Reading], current: Reading, reach: int = 8
) -> str | None:
    """The last organisation named by its own name in the sentences before
    ``current`` (at most ``reach`` back, ``current`` included before its clause)."""
    index = next(i for i, r in enumerate(readings) if r is current)
    for previous in reversed(readings[max(0, index - reach) : index + 1]):
        text = previous.sentence.text
        if previous is current and previous.own is not None:
            text = text[: previous.own.clause[1]]
        found = [
            run.rstrip(" .")
            for run in _CAPITALISED_RUN.findall(text)
            if claimants.has_organisation_word(run)
            and len(run.split()) >= 2
            and not claimants.refusal(run)
        ]
        found = [re.sub(r"\s+(?:of|for|and|on|dan|untuk)$", "", run) for run in found]
        found = [re.sub(r"^(?:The|A|An)\s+", "", run) for run in found]
        found = [
            run
            for run in found
            if len(run.split()) >= 2
            and not _ORG_ANAPHOR.match(run)
            and attr.source_kind(run) != "outlet"  # "the group" is no journal
        ]
        if found:  # the sentence's first: its subject, more often than not
            return found[0]
    return None


def _label_name(label: str, names: attr.NameIndex) -> str:
    """The speaker a label names: a short name expanded ("KH" → the name the text
    writes in full), an office kept whole ("Presiden Republik Indonesia", whose
    holder the transcript does not name, is not cut to "Republik Indonesia")."""
    name = names.canonical(label)
    return name if len(name.split()) >= len(label.split()) else label


def _person_named_before(
    readings: list[Reading],
    current: Reading,
    names: attr.NameIndex,
    *,
    untitled: bool = False,
) -> tuple[str, str, str] | None:
    """The last person the text names with a role before ``current`` ("Menteri
    Perhubungan (Menhub) Ignasius Jonan tampak kaget ..."), for a description
    ("menteri asal Surabaya ini") when nobody has spoken yet."""
    index = next(i for i, r in enumerate(readings) if r is current)
    for previous in reversed(readings[max(0, index - 12) : index + 1]):
        sentence = previous.sentence
        text = sentence.text[previous.start - sentence.start :]
        if previous is current and previous.own is not None:
            text = text[: previous.own.clause[0]]
        found = attr.titled_names(text)
        titled = [
            n
            for n, is_titled in found
            if is_titled and len(n.split()) >= 2 and not claimants.refusal(n)
        ]
        if titled:
            return names.canonical(titled[-1]), "", "person"
        if untitled:
            people = [
                n
                for n, _titled in found
                if 2 <= len(n.split()) <= 4
                and attr.source_kind(n) == "person"
                and not claimants.refusal(n)
            ]
            if people:
                return names.canonical(people[-1]), "", "person"
    return None


#: how many sentences on a speaker's paraphrase carries, within its paragraph
#: (measured on the tuned gold split: see ingest/README.md)
CARRY_REACH = 1

#: pronouns that point back to a person, not to an organisation
_PERSONAL = re.compile(r"^(?:-nya|ia|dia|beliau|he|she)$", re.IGNORECASE)


def _same_paragraph(
    readings: list[Reading], i: int, step: int, reach: int = 6
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


def _parts(
    name: str, cited: str, direct: bool, *, through: bool = False, role: str = ""
) -> tuple[list[dict[str, str]], str]:
    """The chain and speech of a speaker's own clause: "Budi Arie Setiadi" with
    the role "Menteri Komunikasi dan Informatika (Menkominfo)", "NK News" citing
    "a high-level source", "Kementerian Perdagangan" through "pejabat ..."."""
    chain = [step(name, role=role)]
    if cited:  # whose words a quote through someone else holds is not known
        chain.append(step(cited, link=Link.THROUGH if through else Link.CITING))
        return chain, ""
    return chain, Speech.QUOTE if direct else ""
