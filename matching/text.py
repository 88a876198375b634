"""Lexical signals between two statements, in English and Indonesian.

Pure functions, the same on every database, so a score means the same thing on
SQLite and PostgreSQL (the thresholds are calibrated once). ``trigram_similarity``
is pg_trgm's ``similarity()`` (words padded with two spaces in front and one
behind, lower case, shared trigrams over all trigrams); PostgreSQL's GIN index on
it only finds candidates faster (``matching.finder``).

The contradiction signals catch what embeddings miss: "Wisconsin is on pace to
double the number of layoffs" and "... to halve the number of layoffs" are 0.97
apart in cosine, but one says the opposite of the other.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+", re.UNICODE)

STOPWORDS = frozenset(
    """
    a an the and or but of to in on at by for from with as is are was were be been
    being it its this that these those he she they we you i his her their our my your
    has have had do does did will would can could should may might must not no than
    then so if about into over under after before says said say also just very there
    here which who whom whose what when where how all any some such only own same
    yang dan di ke dari ini itu dengan untuk pada adalah akan sudah telah dalam oleh
    para atau juga karena bahwa tersebut saat ia dia mereka kami kita kata ujar
    sebut menurut sebagai secara bagi masih hanya lebih serta tak tidak bukan pun
    """.split()
)

#: words that put a claim on one side of a scale; a claim and its rewording agree
#: on the side, a claim and its reversal do not
_POLES: list[tuple[frozenset[str], frozenset[str]]] = [
    (
        frozenset(
            "increase increased increases increasing rise rises rose risen rising "
            "raise raises raised raising hike hikes hiked up grow grows grew grown "
            "growing gain gains gained higher highest more most double doubled "
            "doubles doubling twice soar soared expand expands expanded expanding "
            "naik naiknya meningkat meningkatkan peningkatan bertambah menaikkan "
            "menaikan dinaikkan kenaikan kenaikannya "
            "tertinggi terbanyak melonjak tumbuh berlipat lipat "
            "memperluas".split()
        ),
        frozenset(
            "decrease decreased decreases decreasing fall falls fell fallen falling "
            "drop dropped drops dropping cut cuts cutting lower lowers lowered lowest "
            "low less least fewer fewest halve halved halves halving decline "
            "declines declined shrink shrinks shrank reduce reduces reduced reducing "
            "down defund defunded turun turunnya menurun menurunkan diturunkan "
            "penurunan penurunannya berkurang mengurangi dikurangi "
            "memotong pemotongan terendah anjlok".split()
        ),
    ),
    (
        frozenset(
            "support supports supported supporting backs backed endorse endorses "
            "endorsed favor favors accept accepted accepts approve approves approved "
            "mendukung dukungan setuju menyetujui menerima diterima".split()
        ),
        frozenset(
            "oppose opposes opposed opposing against reject rejected rejects "
            "refuse refused refuses veto vetoed menolak menentang melawan "
            "penolakan ditolak".split()
        ),
    ),
    (
        frozenset("open opens opened opening dibuka membuka beroperasi".split()),
        frozenset("close closes closed closing ditutup menutup".split()),
    ),
    (
        frozenset("win won wins winning menang memenangkan".split()),
        frozenset("lose lost loses losing kalah".split()),
    ),
    (
        frozenset(
            "accelerate accelerates accelerated faster speed mempercepat "
            "dipercepat percepatan".split()
        ),
        frozenset(
            "slow slows slowed slower delay delays delayed postpone postponed "
            "menunda ditunda tertunda memperlambat melambat".split()
        ),
    ),
    (
        frozenset(
            "help helps helped boost boosts boosted strengthen strengthens "
            "strengthened bolster bolsters bolstered subsidize subsidizes "
            "subsidized fuel fuels fueled benefit benefits benefited membantu "
            "memperkuat mendorong menguntungkan mensubsidi".split()
        ),
        frozenset(
            "hurt hurts hurting harm harms harmed weaken weakens weakened hinder "
            "hinders hindered hamper hampers hampered undermine undermines "
            "undermined slow slows slowed melemahkan menghambat merugikan "
            "memperlambat".split()
        ),
    ),
    (
        frozenset("save saves saved saving hemat menghemat".split()),
        frozenset("misplaced wasted squandered kehilangan menghilangkan".split()),
    ),
]
_NEGATION = frozenset(
    "not no never nothing none nobody neither nor cannot cant dont doesnt didnt "
    "isnt arent wasnt werent wont hasnt havent without lack lacks lacking absence "
    "tidak tak bukan belum tanpa jangan".split()
)

_SCALES = {
    "hundred": 1e2,
    "ratus": 1e2,
    "thousand": 1e3,
    "ribu": 1e3,
    "rb": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "juta": 1e6,
    "jt": 1e6,
    "billion": 1e9,
    "billions": 1e9,
    "miliar": 1e9,
    "milyar": 1e9,
    "trillion": 1e12,
    "triliun": 1e12,
}
_NUMBER_WORDS = {
    "one": 1,
    "satu": 1,
    "two": 2,
    "dua": 2,
    "three": 3,
    "tiga": 3,
    "four": 4,
    "empat": 4,
    "five": 5,
    "lima": 5,
    "six": 6,
    "enam": 6,
    "seven": 7,
    "tujuh": 7,
    "eight": 8,
    "delapan": 8,
    "nine": 9,
    "sembilan": 9,
    "ten": 10,
    "sepuluh": 10,
    "eleven": 11,
    "sebelas": 11,
    "twelve": 12,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "seratus": 100,
    "seribu": 1000,
}
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
#: "twice as likely" against "half as likely": a ratio is a quantity too
_MULTIPLIERS = {
    "half": 0.5,
    "setengah": 0.5,
    "separuh": 0.5,
    "twice": 2.0,
    "thrice": 3.0,
    "triple": 3.0,
    "quadruple": 4.0,
}


def fold(text: str) -> str:
    """Lower case without accents or apostrophes ("doesn't" → "doesnt")."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[’'`]", "", text)


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def content_words(text: str) -> set[str]:
    """The words that carry meaning: no stop words, numbers kept."""
    return {
        w for w in words(text) if w not in STOPWORDS and (len(w) > 1 or w.isdigit())
    }


@lru_cache(maxsize=4096)
def trigrams(text: str) -> frozenset[str]:
    """pg_trgm's trigrams of ``text``: each alphanumeric word, lower case, padded
    with two spaces in front and one behind."""
    grams: set[str] = set()
    for word in words(text):
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return frozenset(grams)


def trigram_similarity(a: str, b: str) -> float:
    """pg_trgm's ``similarity(a, b)``: shared trigrams over all trigrams, 0 to 1."""
    ta, tb = trigrams(a), trigrams(b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)


def _stem(word: str) -> str:
    return word[:5] if len(word) > 5 and not word.isdigit() else word


def coverage(query: str, candidate: str) -> float:
    """How much of ``candidate``'s wording ``query`` repeats: the share of the
    candidate's content words (cut to five letters, a cheap stemmer for both
    languages) found in the query. High when the claim is quoted inside a longer
    text, whatever the text adds around it."""
    cand = {_stem(w) for w in content_words(candidate)}
    if not cand:
        return 0.0
    query_words = {_stem(w) for w in content_words(query)}
    return len(cand & query_words) / len(cand)


def shared_words(query: str, candidate: str, limit: int = 8) -> list[str]:
    """The candidate's content words that the query repeats, in the candidate's
    order: what the desk shows as "why"."""
    query_words = {_stem(w) for w in content_words(query)}
    seen: list[str] = []
    for word in _WORD.findall(candidate):
        folded = fold(word)
        if (
            folded not in STOPWORDS
            and (len(folded) > 1 or folded.isdigit())
            and _stem(folded) in query_words
            and word not in seen
        ):
            seen.append(word)
    return seen[:limit]


def _parse_number(token: str) -> float | None:
    """A digit string as written in English or Indonesian: "18,000" and "18.000"
    are eighteen thousand, "4.4" and "4,4" four point four."""
    groups = re.split(r"[.,]", token)
    if len(groups) == 1:
        return float(token)
    if all(len(g) == 3 for g in groups[1:]):
        return float("".join(groups))
    if len(groups) == 2:
        return float(f"{groups[0]}.{groups[1]}")
    return None


def numbers(text: str) -> set[float]:
    """The quantities ``text`` states, scaled ("$1.2 trillion" and "1,2 triliun"
    are both 1.2e12; "sixty percent" and "enam puluh persen" are 60), rounded to
    three significant digits (below 10,000 whole numbers exactly: years) so that
    spelling differences do not count."""
    found: set[float] = set()
    tokens = re.findall(r"\d+(?:[.,]\d+)*|[^\W\d_]+", fold(text))
    i = 0
    while i < len(tokens):
        token = tokens[i]
        value: float | None = None
        if _NUMBER.fullmatch(token):
            value = _parse_number(token)
        elif token in _MULTIPLIERS and (
            (i + 1 < len(tokens) and tokens[i + 1] in ("as", "lipat", "kali"))
            or (i > 0 and tokens[i - 1] in ("than", "dari", "daripada"))
        ):  # "twice as likely", "half as likely", "more than half"
            value = _MULTIPLIERS[token]
        elif token in _NUMBER_WORDS:
            value = float(_NUMBER_WORDS[token])
            if i + 1 < len(tokens) and tokens[i + 1] == "puluh":
                value *= 10
                i += 1
                if i + 1 < len(tokens) and tokens[i + 1] in _NUMBER_WORDS:
                    value += _NUMBER_WORDS[tokens[i + 1]]
                    i += 1
            elif i + 1 < len(tokens) and tokens[i + 1] == "belas":
                value += 10
                i += 1
            elif (
                value >= 20
                and i + 1 < len(tokens)
                and _NUMBER_WORDS.get(tokens[i + 1], 99) < 10
            ):  # twenty-five
                value += _NUMBER_WORDS[tokens[i + 1]]
                i += 1
        if value is not None:
            if i + 1 < len(tokens) and tokens[i + 1] in _SCALES:
                value *= _SCALES[tokens[i + 1]]
                i += 1
            if value:
                # years and small counts exactly (2019 is not 2021), large
                # amounts to three significant digits
                exact = value < 10_000 and value == int(value)
                found.add(float(value) if exact else float(f"{value:.3g}"))
        i += 1
    return found


_UNITS = {
    "day": "day", "days": "day", "hari": "day",
    "week": "week", "weeks": "week", "minggu": "week", "pekan": "week",
    "month": "month", "months": "month", "bulan": "month",
    "year": "year", "years": "year", "tahun": "year", "annual": "year",
    # a decade or a century is counted in years ("ten years" = "a decade")
    "decade": "year", "decades": "year", "dekade": "year", "dasawarsa": "year",
    "century": "year", "centuries": "year", "abad": "year",
}  # fmt: skip


def _units(text: str) -> set[str]:
    return {_UNITS[w] for w in words(text) if w in _UNITS}


def number_conflict(query: str, candidate: str) -> float:
    """The share of the candidate's quantities that the query does not state, when
    both state some (0 when either states none): "$601 million" against "$6
    million" is 1. Spans of time count too: "years" against "a few months" is 1."""
    q_units, c_units = _units(query), _units(candidate)
    if q_units and c_units and not q_units & c_units:
        return 1.0
    cand = numbers(candidate)
    if not cand:
        return 0.0
    query_numbers = numbers(query)
    if not query_numbers:
        return 0.0
    return len(cand - query_numbers) / len(cand)


_VOTED_FOR = re.compile(r"\b(votes?|voted|voting|vote) for\b")
_REFUSE_TO_SUPPORT = re.compile(
    r"\b(?:menolak|refuses?d? to|tidak) (?:mendukung|support|memberikan dukungan)\b"
)
_COMPARATORS = frozenset("than daripada dibanding dibandingkan ketimbang".split())
#: "more than 500", "kurang dari 10", "over 60": an approximate quantity, not a
#: direction ("more than $500 billion" and "over $500 billion" agree)
_QUANTIFIER = re.compile(
    r"\b(?:more|less|fewer|lebih|kurang)\s+(?:than|dari|daripada)\s+"
    r"(?=[$€£]?\s*\d|rp|us\$|(?:one|two|three|half|satu|dua|tiga|setengah)\b)"
)
#: words that turn the next word of a scale into a comparison: "more toxic" is
#: up, "less toxic" down, "lebih rendah" (lower) down
_MORE = frozenset("more lebih".split())
_LESS = frozenset("less kurang".split())
_LOW = frozenset(
    "low small few cheap slow short weak rendah sedikit kecil murah lambat pendek "
    "lemah".split()
)
#: words that reverse the scale word just after them: "did not support" is
#: oppose, "menolak menerima" (refuse to accept) and "tidak mau menerima" reject
_REVERSERS = frozenset(
    "not never no cannot cant dont doesnt didnt isnt arent wasnt werent wont "
    "refuse refuses refused reject rejects rejected fail fails failed tidak tak "
    "belum bukan menolak enggan gagal".split()
)


def _sides(text: str) -> list[int]:
    text = _REFUSE_TO_SUPPORT.sub("oppose", _VOTED_FOR.sub(r"\1 support", fold(text)))
    ws = words(_QUANTIFIER.sub(" ", text))
    counts = [[0, 0] for _ in _POLES]
    for i, w in enumerate(ws):
        reversed_ = any(x in _REVERSERS for x in ws[max(0, i - 2) : i])
        for n, (up, down) in enumerate(_POLES):
            side = 1 if w in up else -1 if w in down else 0
            if n == 0 and w in _MORE | _LESS:
                following = ws[i + 1] if i + 1 < len(ws) else ""
                if following in up or following in down:
                    continue  # "more expensive": the next word says it
                side = 1 if w in _MORE else -1
                if following in _LOW:
                    side = -side
            if side:
                counts[n][(side if not reversed_ else -side) < 0] += 1
    return [
        1 if up and not down else -1 if down and not up else 0 for up, down in counts
    ]


def _comparison(text: str) -> tuple[set[str], set[str]] | None:
    """The content words (stemmed) just before and just after "than" ("daripada",
    "dibanding"), if the text compares."""
    ws = words(text)
    for i, w in enumerate(ws):
        if w in _COMPARATORS:
            before = [x for x in ws[max(0, i - 6) : i] if x not in STOPWORDS][-3:]
            after = [x for x in ws[i + 1 : i + 7] if x not in STOPWORDS][:3]
            return {_stem(x) for x in before}, {_stem(x) for x in after}
    return None


def _swapped(query: str, candidate: str) -> bool:
    """Whether the two compare the same things the other way round ("more
    Republicans than Democrats" against "more Democrats than Republicans")."""
    q, c = _comparison(query), _comparison(candidate)
    if not q or not c:
        return False
    return bool(q[1] & c[0]) and not (q[1] & c[1])


def polarity_conflict(query: str, candidate: str) -> float:
    """1 when the two put the claim on opposite sides of a scale (more/less,
    rise/fall, support/oppose, open/close, win/lose) or compare the same things
    the other way round, but not both ("marijuana is less toxic than alcohol" and
    "alcohol is more toxic than marijuana" agree); else 0."""
    pairs = zip(_sides(query), _sides(candidate), strict=True)
    opposite = any(q * c < 0 for q, c in pairs)
    return 1.0 if opposite != _swapped(query, candidate) else 0.0


#: "not only", "tidak hanya", "not since 1888": no negation of what follows
_NOT_NEGATING = frozenset("only just merely since hanya cuma sekadar".split())
_NEGATED_PREFIX = re.compile(r"^(?:ketidak|tidak|tak)(?=\w{4,})")


def _negation_scopes(text: str) -> tuple[int, set[str], set[str]]:
    """How many negations ``text`` has, the (stemmed) content words they negate
    (the first one after "not", "tidak"… within three words; "ketidakberpihakan"
    negates "berpihak") and the content words said without negation."""
    ws = words(text)
    count = 0
    negated: set[str] = set()
    ws = [
        w
        for i, w in enumerate(ws)
        if not (w in _NEGATION and i + 1 < len(ws) and ws[i + 1] in _NOT_NEGATING)
    ]
    plain: set[str] = set()
    pending = 0
    for w in ws:
        prefixed = _NEGATED_PREFIX.match(w)
        if w in _NEGATION:
            count += 1
            pending = 3
            continue
        if prefixed:
            count += 1
            negated.add(_stem(w[prefixed.end() :]))
            continue
        if w in STOPWORDS or (len(w) < 2 and not w.isdigit()):
            pending = max(0, pending - 1)
            continue
        if pending:
            negated.add(_stem(w))
            pending = 0
        else:
            plain.add(_stem(w))
    return count, negated - plain, plain


def negation_conflict(query: str, candidate: str) -> float:
    """1 when one negates what the other affirms, else 0. When only one of the two
    negates anything, it is a conflict if a word it negates is said plainly in
    the other ("90 percent do not show up" against "90 percent do show up"; "have
    no relations" against "restored relations"), not if the negation is about
    something the other does not mention ("does not apply" against "an exemption
    zone"). When both negate, an odd number of negations in one and an even
    number in the other. Only meaningful within one language: translations move
    negation around ("out of nothing" is "dari ketiadaan")."""
    q_count, q_negated, q_plain = _negation_scopes(query)
    c_count, c_negated, c_plain = _negation_scopes(candidate)
    if not q_count and not c_count:
        return 0.0
    if q_count and c_count:
        return 1.0 if (q_count % 2) != (c_count % 2) else 0.0
    if q_count:
        return 1.0 if q_negated & c_plain else 0.0
    return 1.0 if c_negated & q_plain else 0.0


_ID_MARKERS = frozenset(
    "yang dan di ke dari ini itu dengan untuk pada adalah akan sudah telah dalam "
    "oleh tidak bahwa tersebut juga karena kata menurut para jika bisa ada saya "
    "kami dia mereka lebih belum sebagai menjadi tanpa setiap sejak hingga "
    "sampai namun tetapi tahun orang persen".split()
)
_EN_MARKERS = frozenset(
    "the and of to in is was that for on with has have will by are were it "
    "says said than not from at as be been this an who would their".split()
)
#: Indonesian affixes: meN-, ber-, ter-, di-…-kan, -nya
_ID_SHAPE = re.compile(
    r"^(?:me[mny]?|ber|ter|di|pe[mn]?)\w{3,}(?:kan|an|i|nya)$|\w+nya$"
)
_EN_SHAPE = re.compile(r"\w{3,}(?:ing|tion|ed|ly)$")


def guess_language(text: str) -> str:
    """ "id", "en" or "" (cannot tell), from function words and word shapes:
    enough to know whether a query and a claim are in the same language."""
    ws = words(text)
    id_hits = sum(2 if w in _ID_MARKERS else 1 if _ID_SHAPE.match(w) else 0 for w in ws)
    en_hits = sum(2 if w in _EN_MARKERS else 1 if _EN_SHAPE.match(w) else 0 for w in ws)
    if id_hits == en_hits:
        return ""
    return "id" if id_hits > en_hits else "en"


def base_language(code: str) -> str:
    return (code or "").split("-")[0].lower()


@dataclass(frozen=True)
class Lexical:
    trigram: float
    coverage: float
    numbers: float
    polarity: float
    negation: float


def lexical(query: str, candidate: str, *, same_language: bool = True) -> Lexical:
    return Lexical(
        trigram=trigram_similarity(query, candidate),
        coverage=coverage(query, candidate),
        numbers=number_conflict(query, candidate),
        polarity=polarity_conflict(query, candidate),
        negation=negation_conflict(query, candidate) if same_language else 0.0,
    )
