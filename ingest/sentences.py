"""Sentence splitting with character offsets, for Indonesian and English news text.

Written by hand: pysbd (the usual rule-based choice) has no Indonesian rules and has
not been released since 2021, NLTK's punkt models cannot be downloaded here, and the
pipeline needs exact offsets into the stored text plus to know, for each sentence,
whether it lies inside a quotation. Rules: a sentence ends at . ! ? (and any closing
quote or bracket) followed by a space and a capital, digit or opening quote; never
after an abbreviation ("Y.M.", "U.S.", "Dr.", "No."), an initial ("L.P."), inside a
decimal ("5.2", "2.000") or an ellipsis glued to the next word ("hebat...Dia").
Paragraph breaks always end a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ABBREVIATIONS = {
    # Indonesian
    "y.m", "yth", "h", "hj", "kh", "dr", "drs", "dra", "ir", "prof", "drg", "s.h",
    "s.e", "m.si", "m.a", "m.sc", "s.ip", "s.pd", "tbk", "no", "jl", "jln", "rp",
    "dkk", "dll", "dsb", "dst", "tgl", "hlm", "a.n", "u.p", "s.d", "bpk", "sdr",
    "kol", "jend", "brigjen", "mayjen", "letjen", "kapt", "st", "moh", "muh", "kec",
    "kab", "prov", "ds", "tsb", "pt", "cv", "ybs", "kpd", "sbg", "thn", "bln",
    # English
    "mr", "mrs", "ms", "mt", "sr", "jr", "gen", "col", "lt", "sgt", "capt", "gov",
    "sen", "rep", "rev", "inc", "ltd", "co", "corp", "vs", "etc", "e.g", "i.e",
    "u.s", "u.k", "u.n", "e.u", "u.s.a", "d.c", "jan", "feb", "mar", "apr", "aug",
    "sep", "sept", "oct", "nov", "dec", "a.m", "p.m", "approx", "est", "dept",
    "univ", "assn", "bros", "ft", "op", "fig", "vol", "ed", "eds", "pp",
}  # fmt: skip

#: a country's or a body's initials end a sentence when the next word can only
#: open one: "… has reached the U.S. According to …" (never "U.S. President")
_ENDS_SENTENCE = re.compile(r"(?:^|\s)(?:the\s+)?(?:U\.S|U\.K|U\.N|E\.U|U\.S\.A|D\.C)$")
_OPENER = re.compile(
    r"\s+(?:According|The|This|That|These|Those|It|He|She|They|We|But|However|"
    r"Meanwhile|In|On|At|After|Before|When|While|Since|Officials|Menurut|Namun|"
    r"Sementara|Ia|Dia|Mereka|Hal)\s"
)
_OPENING = "\"“‘'(["
_CLOSING = "\"”’')]"
_BOUNDARY = re.compile(r"[.!?]+")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int
    #: the sentence opens inside a quotation that began in an earlier sentence
    opens_in_quote: bool = False
    #: the sentence ends inside a quotation that continues in the next one
    ends_in_quote: bool = False


def _is_abbreviation(before: str) -> bool:
    match = _WORD_BEFORE.search(before)
    if not match:
        return False
    word = match.group(1).lower().strip(".")
    if not word:
        return False
    if word in ABBREVIATIONS:
        return True
    # initials: "L.P", "J", "A.B.C" (single letters separated by periods)
    return bool(re.fullmatch(r"(?:[a-z]\.)*[a-z]", word))


def _quote_toggle(char: str, in_quote: bool) -> bool:
    if char == "“":
        return True
    if char == "”":
        return False
    if char == '"':
        return not in_quote
    return in_quote


def split_paragraph(text: str, offset: int, paragraph: int) -> list[Sentence]:
    """Sentences of one paragraph; offsets are relative to the whole document."""
    sentences: list[Sentence] = []
    start = 0
    in_quote = False
    started_in_quote = False
    i = 0
    n = len(text)
    while i < n:
        char = text[i]
        if char in '"“”':
            in_quote = _quote_toggle(char, in_quote)
            i += 1
            continue
        if char not in ".!?":
            i += 1
            continue
        match = _BOUNDARY.match(text, i)
        assert match is not None
        end = match.end()
        punct = match.group()
        # glued ellipsis or decimal: "hebat...Dia", "5.2"
        if end < n and not text[end].isspace() and text[end] not in _CLOSING + "”":
            i = end
            continue
        if (
            punct == "."
            and _is_abbreviation(text[start:i])
            and not (_ENDS_SENTENCE.search(text[start:i]) and _OPENER.match(text, end))
        ):
            i = end
            continue
        # closing quotes and brackets that belong to this sentence
        j = end
        quote_state = in_quote
        while j < n and text[j] in _CLOSING + "”":
            if text[j] in '"”':
                if not quote_state and text[j] == '"':
                    break  # an opening quote glued to the period: 2016." Mudah
                quote_state = False
            j += 1
        k = j
        while k < n and text[k] in " \t":
            k += 1
        if k >= n:
            break
        nxt = text[k]
        if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENING + "“"):
            i = j
            continue
        # an ellipsis runs on ("hebat... Dia"); four dots are a period and an
        # ellipsis ("Trending Today.... Researchers say"): the sentence ends
        if (punct.startswith("...") and not punct.startswith("....")) or punct == "…":
            i = j
            continue
        if j == end and k == end and not (nxt in '"“' and not in_quote):
            i = j  # no space after the period and no quote: not a boundary
            continue
        in_quote = quote_state
        piece = text[start:j]
        sentences.append(
            Sentence(
                offset + start,
                offset + j,
                piece,
                paragraph,
                opens_in_quote=started_in_quote,
                ends_in_quote=in_quote,
            )
        )
        started_in_quote = in_quote
        start = k
        i = k
    if start < n and text[start:].strip():
        piece = text[start:].rstrip()
        sentences.append(
            Sentence(
                offset + start,
                offset + start + len(piece),
                piece,
                paragraph,
                opens_in_quote=started_in_quote,
                ends_in_quote=in_quote,
            )
        )
    return sentences


def split(text: str) -> list[Sentence]:
    """All sentences of ``text``; paragraphs are separated by newlines."""
    sentences: list[Sentence] = []
    offset = 0
    paragraph = 0
    for line in text.split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            sentences.extend(split_paragraph(line[lead:], offset + lead, paragraph))
            paragraph += 1
        offset += len(line) + 1
    return sentences
