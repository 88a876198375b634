"""The features the CRF sees for each token: the word, its affixes and shape, its
neighbours, and a few word classes the corpora see too rarely (weekdays, months,
titles). Capitalisation is only a feature in a sentence that has any: NERP is
lower-cased, so from it the model learns words and contexts, from NERGrit (and from
the text it reads at run time) what capital letters say."""

from __future__ import annotations

import re

WEEKDAYS = {
    "senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}  # fmt: skip
MONTHS = {
    "januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus",
    "september", "oktober", "november", "desember", "january", "february", "march",
    "may", "june", "july", "august", "october", "december", "jan", "feb", "mar",
    "apr", "jun", "jul", "agu", "agt", "aug", "sep", "okt", "oct", "nov", "des", "dec",
}  # fmt: skip
TITLES = {
    "presiden", "wapres", "menteri", "menlu", "gubernur", "bupati", "walikota",
    "wali", "ketua", "kepala", "direktur", "dirut", "jenderal", "sekjen", "kapolri",
    "kapolda", "kapolres", "kombes", "brigjen", "irjen", "mayjen", "letjen",
    "panglima", "dubes", "duta", "anggota", "pak", "bu", "bapak", "ibu", "dr", "prof",
    "ir", "h", "hj", "kh", "mr", "mrs", "ms", "juru", "bicara", "jubir", "kabid",
    "kadiv", "wakil", "mantan", "sekretaris", "pengamat", "senator", "raja", "ratu",
}  # fmt: skip
_SHAPE = [
    (re.compile(r"^[A-Z][a-z]+$"), "Xx"),
    (re.compile(r"^[A-Z]+$"), "XX"),
    (re.compile(r"^[a-z]+$"), "x"),
    (re.compile(r"^\d+$"), "d"),
    (re.compile(r"^[A-Z][a-z]*[A-Z]\w*$"), "XxX"),
    (re.compile(r"^\w+$"), "w"),
]


def _shape(word: str) -> str:
    for pattern, name in _SHAPE:
        if pattern.match(word):
            return name
    return "p"


def _own(word: str, cased: bool) -> list[str]:
    """Features of a token that do not depend on its neighbours."""
    low = word.lower()
    feats = [f"w={low}", f"s3={low[-3:]}", f"s2={low[-2:]}", f"p3={low[:3]}"]
    if cased:
        feats.append(f"sh={_shape(word)}")
    else:
        feats.append(
            "sh=" + ("d" if word.isdigit() else "x" if word.isalpha() else "p")
        )
    if low in WEEKDAYS:
        feats.append("weekday")
    elif low in MONTHS:
        feats.append("month")
    elif low in TITLES:
        feats.append("title")
    if len(word) == 1:
        feats.append("len1")
    return feats


def sentence_features(words: list[str]) -> list[list[str]]:
    """One feature list per word of a sentence."""
    cased = any(ch.isupper() for w in words for ch in w)
    low = [w.lower() for w in words]
    shapes = [_shape(w) if cased else "-" for w in words]
    out = []
    n = len(words)
    for i, word in enumerate(words):
        feats = ["b", *_own(word, cased)]
        prev = low[i - 1] if i > 0 else "<s>"
        nxt = low[i + 1] if i + 1 < n else "</s>"
        feats += [f"-1w={prev}", f"+1w={nxt}", f"-1w|w={prev}|{low[i]}"]
        feats.append(f"w|+1w={low[i]}|{nxt}")
        feats.append(f"-1w|+1w={prev}|{nxt}")
        feats.append(f"-1s3={prev[-3:]}")
        feats.append(f"+1s3={nxt[-3:]}")
        feats.append(f"-2w={low[i - 2] if i > 1 else '<s>'}")
        feats.append(f"+2w={low[i + 2] if i + 2 < n else '</s>'}")
        if cased:
            feats.append(f"-1sh={shapes[i - 1] if i > 0 else '<s>'}")
            feats.append(f"+1sh={shapes[i + 1] if i + 1 < n else '</s>'}")
            feats.append(
                f"sh-1|sh|sh+1={shapes[i - 1] if i else '<s>'}|{shapes[i]}|"
                f"{shapes[i + 1] if i + 1 < n else '</s>'}"
            )
        if i > 0 and low[i - 1] in TITLES:
            feats.append("after_title")
        out.append(feats)
    return out
