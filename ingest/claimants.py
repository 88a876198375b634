"""Who may be a claimant: a person or an organisation, never a day, a month, a
nationality, a place or a role without its holder.

A speaker found by the reporting-clause rules (``ingest.attribution``) becomes the
claimant only when no rule below refuses it and

- it is a known Source or alias (when the caller can ask the database), or
- a role noun or an office introduced it ("Menteri PUPR Basuki Hadimuljono") and it
  is written as a name, or
- in Indonesian text, the statistical tagger (``ingest.ner``) reads one of its
  mentions in the article as a person (PER) or an organisation (ORG), or the name
  carries an organisation's word ("Kementerian …", "… News", "Partai …": the
  tagger's corpora leave most government bodies unmarked), or
- in English text (no tagger ships for it), it is written as a name (every word
  capitalised but "of", "bin", …) or carries an organisation's word ("China's
  defense ministry").

Refused, in either language: a weekday or month ("Tuesday"), a demonym or
nationality adjective ("Chinese"), a country, region or city ("Jakarta"), only
titles and qualifiers ("Duta Besar Indonesia", "The"), and words the article writes
in lower case elsewhere (a common noun opening a sentence: "Scientists").
"""

from __future__ import annotations

import bisect
import re
import zoneinfo
from collections import Counter
from collections.abc import Callable
from functools import lru_cache

from . import ner
from .names import _GOVERNMENT_HINT, _ORG_HINT, _OUTLET_HINT, FUNCTION_WORDS, HEADS

WEEKDAYS = {
    "senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}  # fmt: skip
MONTHS = {
    "januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus",
    "september", "oktober", "november", "desember", "january", "february", "march",
    "may", "june", "july", "august", "october", "december", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "okt", "nov", "dec", "des",
}  # fmt: skip
#: nationality adjectives and demonyms (English; Indonesian says "warga X", "orang X")
DEMONYMS = {
    "afghan", "african", "albanian", "algerian", "american", "americans", "arab",
    "arabs", "argentine", "argentinian", "armenian", "asian", "australian",
    "australians", "austrian", "azerbaijani", "bangladeshi", "belgian", "brazilian",
    "british", "briton", "britons", "bruneian", "bulgarian", "burmese", "cambodian",
    "canadian", "chilean", "chinese", "colombian", "croatian", "cuban", "czech",
    "danish", "dutch", "egyptian", "emirati", "english", "eritrean", "estonian",
    "ethiopian", "european", "europeans", "filipino", "filipinos", "finnish",
    "french", "georgian", "german", "germans", "greek", "hungarian", "indian",
    "indians", "indonesian", "indonesians", "iranian", "iranians", "iraqi",
    "iraqis", "irish", "israeli", "israelis", "italian", "italians", "japanese",
    "jordanian", "kazakh", "kenyan", "korean", "koreans", "kuwaiti", "lao",
    "laotian", "latvian", "lebanese", "libyan", "lithuanian", "malaysian",
    "malaysians", "mexican", "mongolian", "moroccan", "myanmar", "nepali",
    "nepalese", "nigerian", "norwegian", "pakistani", "pakistanis", "palestinian",
    "palestinians", "papuan", "persian", "peruvian", "polish", "portuguese",
    "qatari", "romanian", "russian", "russians", "saudi", "saudis", "scottish",
    "serbian", "singaporean", "singaporeans", "slovak", "somali", "spanish",
    "sudanese", "swedish", "swiss", "syrian", "syrians", "taiwanese", "thai",
    "timorese", "turkish", "ukrainian", "ukrainians", "venezuelan", "vietnamese",
    "welsh", "western", "westerners", "yemeni", "zimbabwean", "javanese", "balinese",
    "sundanese", "acehnese", "northern", "southern", "eastern",
}  # fmt: skip
#: words that qualify a role but are no name: "Duta Besar Indonesia", "Wakil Ketua",
#: "Kepala Negara"
QUALIFIERS = {
    "besar", "luar", "negeri", "dalam", "muda", "utama", "senior", "junior",
    "umum", "khusus", "tinggi", "agung", "tetap", "kepresidenan", "utusan", "duta",
    "juru", "bicara", "staf", "pelaksana", "tugas", "plt", "pj", "penjabat",
    "foreign", "deputy", "acting", "assistant", "special", "envoy", "top", "chief",
    "former", "new", "then", "current", "official", "officials", "the", "a", "an",
    "negara", "pemerintahan",
}  # fmt: skip
#: a name never opens with a question word or a pronoun: "What’s Trending Today" (a
#: programme's tagline), "This week", "Siapa"
OPENERS = {
    "what", "who", "whom", "whose", "which", "where", "when", "why", "how", "this",
    "that", "these", "those", "there", "here", "it", "i", "we", "you", "they", "he",
    "she", "our", "my", "your", "their", "his", "her", "apa", "siapa", "mengapa",
    "kenapa", "bagaimana", "kapan", "dimana", "mana", "ini", "itu", "kami", "kita",
}  # fmt: skip
#: unnamed groups and documents: they report, but name nobody ("Researchers found
#: that …", "A new study says …", "Para peneliti menemukan bahwa …")
GROUPS = {
    "researchers", "researcher", "scientists", "scientist", "experts", "expert",
    "officials", "doctors", "analysts", "economists", "authorities", "witnesses",
    "residents", "sources", "study", "studies", "research", "report", "survey",
    "findings", "team", "peneliti", "ilmuwan", "pakar", "ahli", "penelitian",
    "studi", "riset", "survei", "laporan", "tim", "warga", "pejabat", "dokter",
}  # fmt: skip
#: words that only qualify such a group: "a new study", "some experts", "tim itu"
GROUP_QUALIFIERS = {
    "a", "an", "the", "new", "some", "many", "other", "several", "most", "two",
    "three", "its", "their", "independent", "medical", "recent", "latest", "para",
    "beberapa", "sejumlah", "itu", "tersebut", "ini", "baru", "terbaru", "lain",
    "banyak",
}  # fmt: skip
#: cities that are often written as the seat of a government but are places
CITIES = {
    "jakarta", "washington", "beijing", "moskow", "moscow", "tokyo", "seoul",
    "pyongyang", "london", "paris", "berlin", "canberra", "kuala lumpur",
    "singapura", "singapore", "bangkok", "manila", "hanoi", "new delhi", "delhi",
    "brussels", "brussel", "jenewa", "geneva", "den haag", "the hague", "kyiv",
    "kiev", "teheran", "tehran", "riyadh", "ankara", "cairo", "kairo", "new york",
    "surabaya", "bandung", "medan", "semarang", "yogyakarta", "makassar", "denpasar",
    "bali", "jawa", "sumatera", "kalimantan", "sulawesi", "papua", "ikn", "nusantara",
    "gaza", "tepi barat", "west bank", "yerusalem", "jerusalem", "hong kong",
    "taipei", "ottawa", "wellington", "dili", "naypyidaw", "phnom penh", "vientiane",
}  # fmt: skip
#: tagger types that may speak
SPEAKING = {"PER", "ORG"}
#: a name right after one of these is the body (or person) behind a finding:
#: "penelitian Kantar", "data BPS", "a report by Amnesty"
_FINDING_BEFORE = re.compile(
    r"\b(?:penelitian|survei|riset|data|laporan|studi|kajian|lembaga|perusahaan|"
    r"firma|organisasi|study|survey|report|research|poll|firm|company|agency)"
    r"(?:\s+(?:by|from|of|oleh|dari))?\s+$",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    """Country and region names in English and Indonesian (CLDR, through babel),
    the cities of the time-zone database, and a few capitals it leaves out."""
    from babel import Locale

    names: set[str] = set(CITIES)
    for locale in ("en", "id"):
        for code, name in Locale(locale).territories.items():
            if not code.isdigit():
                names.add(name.casefold())
    for zone in zoneinfo.available_timezones():
        city = zone.rsplit("/", 1)[-1]
        if "/" in zone and not city.startswith(("GMT", "UTC", "Etc")):
            names.add(city.replace("_", " ").casefold())
    return frozenset(names)


def _words(name: str) -> list[str]:
    return [w.strip(".,’'\"“”()").casefold() for w in name.split() if w.strip(".,")]


def _possessive_base(name: str) -> str:
    """ "China’s defense ministry" -> "" (a body); "China’s" -> "china"."""
    match = re.fullmatch(r"(.+?)[’']s?", name.strip())
    return match.group(1) if match else name


#: Balinese names open with "I" (men) or "Ni" (women) and a birth-order name:
#: "I Nyoman Sarna", "I Gusti Ngurah Rai" — not the English pronoun
_BALINESE = re.compile(
    r"^(?:I|Ni)\s+(?:Wayan|Made|Nyoman|Ketut|Gede|Putu|Kadek|Komang|Gusti|Gusti|"
    r"Nengah|Luh|Kade|Ngurah|Dewa|Ida)\b"
)


def refusal(name: str) -> str:
    """Why ``name`` can never be a claimant ("weekday", "month", "demonym",
    "place", "title", "word"), or "" when nothing refuses it."""
    words = _words(_possessive_base(name))
    if not words:
        return "word"
    if all(w in WEEKDAYS for w in words):
        return "weekday"
    if all(w in MONTHS or w.isdigit() for w in words):
        return "month"
    if all(w in DEMONYMS for w in words):
        return "demonym"
    if " ".join(words) in places():
        return "place"
    if len(words) == 1 and words[0] in FUNCTION_WORDS:
        return "word"
    if re.sub(r"[’']s$", "", words[0]) in OPENERS and not _BALINESE.match(name):
        return "word"
    if any(w in GROUPS for w in words) and all(
        w in GROUPS or w in GROUP_QUALIFIERS or w in DEMONYMS or w in FUNCTION_WORDS
        for w in words
    ):
        return "group"  # "Researchers", "A new study", "Para peneliti": no name
    ignorable = HEADS | QUALIFIERS | DEMONYMS | FUNCTION_WORDS
    if all(w in ignorable or w in places() for w in words):
        return "title"  # a role and where it belongs, without its holder
    return ""


def has_organisation_word(name: str) -> bool:
    """An organisation by its own name: "Kementerian Perdagangan", "NK News"."""
    return bool(
        _OUTLET_HINT.search(name) or _ORG_HINT.search(name)
        or _GOVERNMENT_HINT.search(name)
    )  # fmt: skip


#: lower-case words a name may hold: "Church of Scientology", "Ahmad bin Ali"
_CONNECTORS = {
    "of", "the", "for", "and", "&", "de", "van", "von", "der", "bin", "binti", "al",
    "da", "dos", "del", "la", "le", "y", "dan",
}  # fmt: skip


def written_as_name(name: str) -> bool:
    """Every word capitalised (or a connector): "Church of Scientology", not "One
    reader from Virginia" or "Indonesia surpassed 1 million"."""
    words = name.split()
    if len(words) == 1 and re.fullmatch(r"@\w{2,}", words[0]):
        return True  # a social-media handle: "@arisharp"
    return (
        bool(words)
        and all(w[:1].isupper() or w.lower() in _CONNECTORS for w in words)
        and words[0][:1].isupper()
    )


class Claimants:
    """The claimant check for one article; the tagger runs only on the sentences
    that mention a speaker, and each name is judged once."""

    def __init__(
        self,
        text: str,
        starts: list[int],
        language: str,
        is_known: Callable[[str], bool] | None = None,
    ) -> None:
        self.text = text
        self.starts = starts  # sentence start offsets, in order
        self.language = language
        self.is_known = is_known
        self._verdicts: dict[tuple[str, bool], bool] = {}
        self._lower: frozenset[str] | None = None
        self._tagged: dict[int, list[ner.Entity]] = {}

    def accepts(self, name: str, *, titled: bool = False) -> bool:
        """``titled``: a role noun or an office introduced the name in the text."""
        key = (name.strip(), titled)
        if key not in self._verdicts:
            self._verdicts[key] = self._judge(*key)
        return self._verdicts[key]

    def _judge(self, name: str, titled: bool = False) -> bool:
        if refusal(name) or self.common_words(name):
            return False  # even as a Source: earlier imports made "Tuesday" one
        if self.is_known is not None and self.is_known(name):
            return True
        if titled and written_as_name(name):
            return True  # "Kepala BPAB Rina Kartika Sari", whatever the tagger says
        if self.language == "en":
            return written_as_name(name) or has_organisation_word(name)
        # the corpora leave most government bodies unmarked ("kementerian" is O
        # 77 times in NERP), so a body's own word vouches for it too
        return bool(self.entity_kinds(name) & SPEAKING) or has_organisation_word(name)

    def common_words(self, name: str) -> bool:
        """Every word of ``name`` is written in lower case elsewhere in the article:
        a common noun that opened a sentence ("Scientists", "The team",
        "Contohnya"), not a name."""
        if self._lower is None:
            self._lower = frozenset(re.findall(r"(?<![\w.])[a-z][a-z’'-]*", self.text))
        words = [w.strip(".,’'\"“”()") for w in name.split()]
        return all(w.lower() in self._lower for w in words if w)

    def _sentence(self, offset: int) -> tuple[int, int]:
        i = max(0, bisect.bisect_right(self.starts, offset) - 1)
        start = self.starts[i] if self.starts else 0
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
        return start, end

    def entity_kinds(self, name: str, mentions: int = 4) -> set[str]:
        """The tagger's types for the entities that overlap ``name`` where the
        article writes it (its first few mentions; else its last word's)."""
        found: Counter[str] = Counter()
        for needle in dict.fromkeys([name, name.split()[-1]]):
            pattern = re.compile(rf"(?<!\w){re.escape(needle)}(?!\w)")
            for count, match in enumerate(pattern.finditer(self.text)):
                if count >= mentions:
                    break
                if _FINDING_BEFORE.search(
                    self.text[max(0, match.start() - 40) : match.start()]
                ):
                    found["ORG"] += 1
                    continue
                start, end = self._sentence(match.start())
                if start not in self._tagged:
                    self._tagged[start] = ner.entities(self.text[start:end])
                for entity in self._tagged[start]:
                    e_start, e_end = start + entity.start, start + entity.end
                    shared = min(e_end, match.end()) - max(e_start, match.start())
                    # the entity is most of the name: "VOA" is not "Ditemui VOA"
                    if shared * 2 >= match.end() - match.start():
                        found[entity.kind] += 1
            if found:
                break
        return set(found)
