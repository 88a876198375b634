"""Names in news text: who a phrase names (a person, an office, a body, an outlet),
titles and offices around names, descriptions that point back to a person, and the
article's index of full names. ``ingest.attribution`` finds the reporting clauses;
this module says who speaks in them."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass

CITING = re.compile(
    r"\b(?:mengutip|citing|quoting|seperti\s+dikutip\s+dari|mengacu\s+pada)\s+"
    r"(?P<cited>[^,]+)",
)


# --- names ----------------------------------------------------------------------------

#: Role nouns: a name comes after them ("Menteri ... Zulkifli Hasan", "Senate
#: Majority Leader Chuck Schumer", "Kabid Humas Polda Metro Jaya Kombes Ade Ary").
HEADS = {
    "presiden", "wapres", "menteri", "menlu", "mendagri", "menhan", "menkeu", "menko",
    "mendag", "menkes", "gubernur", "wagub", "bupati", "walikota", "ketua", "kepala",
    "direktur", "dirut", "jenderal", "jubir", "bicara", "sekretaris", "sekjen",
    "dirjen", "kapolri", "kapolda", "kapolres", "kapolsek", "kabid", "kasubdit",
    "kadiv", "kombes", "akbp", "kompol", "akp", "brigjen", "irjen", "komjen", "mayjen",
    "letjen", "laksamana", "marsekal", "kolonel", "panglima", "dubes", "senator",
    "anggota", "pak", "bu", "bapak", "ibu", "dr", "prof", "ir", "h", "hj", "kh",
    "mr", "mrs", "ms", "miss", "sir", "president", "minister", "secretary", "chairman",
    "chairwoman", "chair", "chief", "director", "governor", "mayor", "rep", "sen",
    "gen", "general", "spokesman", "spokeswoman", "spokesperson", "ambassador",
    "king", "queen", "prince", "pope", "leader", "speaker", "adviser", "advisor",
    "ceo", "head", "commissioner", "pemimpin", "raja", "ratu", "perdana", "wakil",
    "vice", "deputy", "prime", "senior", "former", "mantan", "eks", "juru",
    "pengamat", "analis", "analyst", "professor", "profesor", "economist", "ekonom",
}  # fmt: skip
#: Words that qualify a role or say where it belongs: stripped before a name.
MODIFIERS = {
    "luar", "negeri", "dalam", "pertahanan", "keuangan", "perdagangan", "kesehatan",
    "pendidikan", "agama", "perhubungan", "pertanian", "sosial", "hukum", "ham",
    "bumn", "esdm", "koordinator", "bidang", "politik", "keamanan", "perekonomian",
    "investasi", "pariwisata", "ketenagakerjaan", "perindustrian", "humas", "umum",
    "besar", "state", "national", "security", "defense", "defence", "foreign",
    "finance", "trade", "health", "interior", "justice", "majority", "minority",
    "u.s.", "us", "as", "ri", "uk", "un", "pbb", "nsa",
    "australia", "indonesia", "china", "tiongkok", "amerika", "serikat", "inggris",
    "jepang", "korea", "utara", "selatan", "rusia", "ukraina", "israel", "palestina",
    "malaysia", "singapura", "india", "prancis", "jerman", "french", "german",
    "chinese", "russian", "american", "british", "japanese", "korean", "israeli",
    "ukrainian", "iranian", "iran", "turki", "turkish", "arab", "saudi", "australian",
    "indonesian", "north", "south", "polda", "polres", "metro", "jaya", "tni",
    "polri", "of", "for", "negara", "pemerintahan",
}  # fmt: skip
TITLES = HEADS | MODIFIERS
#: Capitalised only because they open a sentence: never the start of a name.
FUNCTION_WORDS = {
    "menurut", "namun", "tetapi", "tapi", "sementara", "selain", "kemudian", "dalam",
    "pada", "di", "ia", "dia", "hal", "ini", "itu", "saat", "ketika", "setelah",
    "sebelum", "meski", "meskipun", "jika", "karena", "bahkan", "adapun", "sebab",
    "oleh", "untuk", "dengan", "dari", "ke", "sejak", "kata", "ujar", "lalu",
    "according", "the", "a", "an", "in", "on", "at", "when", "while", "after",
    "before", "but", "and", "however", "meanwhile", "he", "she", "it", "they", "we",
    "this", "that", "these", "those", "if", "as", "for", "from", "with", "by", "said",
    "told", "mr", "mrs", "ms", "of",
}  # fmt: skip
_ANAPHORA = re.compile(
    r"^(?:ia|dia|beliau|mereka|kami|he|she|they|it|we|the\s+(?:source|official|"
    r"spokesman|spokeswoman|spokesperson|minister|ministry|president|report|"
    r"statement|sources)|(?:sumber|pejabat|narasumber|juru\s+bicara|jubir|menteri|"
    r"laporan|pernyataan)\s+(?:tersebut|itu|ini))\b",
    re.IGNORECASE,
)
_UNNAMED = re.compile(
    r"\b(?:sumber|narasumber|pejabat|source|sources|official|officials|diplomat|"
    r"diplomats|insider|authorities|police|experts|analysts|witnesses|residents)\b",
    re.IGNORECASE,
)
_CONNECTOR = re.compile(
    r"^(?:namun|tetapi|tapi|sementara\s+itu|selain\s+itu|kemudian|lalu|meski\s+demikian|"
    r"sebelumnya|adapun|oleh\s+karena\s+itu|di\s+sisi\s+lain|dan|however|but|"
    r"meanwhile|and|also|in\s+addition|moreover|earlier|later|separately)\b[,]?\s*",
    re.IGNORECASE,
)
_SUBORDINATE = re.compile(
    r"^(?:when|while|after|before|if|although|though|as|since|because|during|on|in|at|"
    r"last|this|ketika|saat|setelah|sebelum|meski|jika|karena|dalam|di|pada|usai|"
    r"selama|hari|kemarin|sejak|kepada|ditemui|dihubungi|diwawancarai|speaking|"
    r"talking|interviewed|contacted|asked\s+(?:by|about))\b",
    re.IGNORECASE,
)
_TRAILING_ADVERBS = re.compile(
    r"(?:\s+(?:juga|pun|turut|telah|sudah|pernah|kembali|lalu|kemudian|sempat|also|"
    r"again|has|had|have|later|previously|earlier|then|beberapa\s+waktu\s+lalu|"
    r"kala\s+itu|saat\s+itu|sebelumnya))+$",
    re.IGNORECASE,
)
_NAME_TOKEN = re.compile(r"[A-Z][\w’'.-]*|[A-Z]\.")
# A capitalised word or initials ("L.P.", "U.S."); runs never cross a line break
_TOKEN = r"(?:(?:[A-Z]\.){1,5}(?![\w])|[A-Z][\w’'-]*(?![.\w]\w))"
_RUN = re.compile(
    rf"{_TOKEN}(?:[ \t]+(?:(?:bin|binti|van|von|de|al|da|dos|of|for)[ \t]+(?=[A-Z]))?"
    rf"{_TOKEN})*"
)
_STOP_AFTER_WHO = re.compile(
    r"\s(?:di|dalam|pada|kepada|dari|setelah|saat|usai|ketika|kala|seusai|seperti|"
    r"yang|dengan|in|at|on|to|after|before|during|when|while|from|with|who|as)\b.*$"
)
_OUTLET_HINT = re.compile(
    r"(?:News|Times|Post|Daily|Herald|Journal|Tribune|Reuters|AFP|AP|Antara|Kompas|"
    r"Tempo|Detik|Yonhap|Xinhua|KCNA|Bloomberg|CNN|BBC|Jazeera|Guardian|Agency|TV|"
    r"Radio|\.com|\.co|Kantor\s+Berita|Telegraph|Gazette|Press|Media|Liputan6|"
    r"Tribunnews|Kumparan|Republika)\b",
)
_GOVERNMENT_HINT = re.compile(
    r"\b(?:ministry|kementerian|kementrian|kemenko|kemen[a-z]{2,8}|pemerintah|"
    r"government|department|departemen|kantor|"
    r"badan|komisi|DPR|MPR|TNI|Polri|police|polisi|army|military|ministry|kemlu|"
    r"kemenlu|white\s+house|gedung\s+putih|pentagon|congress|parliament|parlemen|"
    r"embassy|kedutaan|istana|palace|dinas|pemkot|pemkab|pemprov|kepolisian|"
    r"kejaksaan|pengadilan|mahkamah|otoritas|agency|authority|commission|court|"
    r"cent(?:er|re)s?\s+for)\b",
    re.IGNORECASE,
)
_ORG_HINT = re.compile(
    r"\b(?:Inc|Corp|PT|Tbk|University|Universitas|Bank|Association|Asosiasi|Partai|"
    r"Party|Institute|Lembaga|Foundation|Yayasan|Company|Group|Council|Dewan|Union|"
    r"Organisation|Organization|PBB|WHO|ASEAN|NATO|UN|IMF)\b"
)


@dataclass
class Speaker:
    name: str
    anaphoric: bool = False
    unnamed: bool = False
    #: how the text describes an unnamed speaker of a named body: "pejabat
    #: Kementerian Perdagangan" -> name "Kementerian Perdagangan"
    described: str = ""
    #: the office written before the name: "Menteri Komunikasi dan Informatika
    #: (Menkominfo)" for "Budi Arie Setiadi"
    role: str = ""
    #: an anaphoric description of a person ("menteri asal Surabaya ini", "the
    #: former governor"): it points back to the last named person
    person: bool = False
    #: a role noun or an office introduced the name ("Menteri PUPR Basuki
    #: Hadimuljono", "Kepala BPAB Rina Kartika Sari"): a person, whatever the tagger
    #: makes of it
    titled: bool = False


def source_kind(name: str, *, unnamed: bool = False) -> str:
    """A best guess at the kind of a new Source, for the fact-checker to confirm."""
    if unnamed or (_UNNAMED.search(name) and not _RUN.search(name)):
        return "anonymous"
    if _OUTLET_HINT.search(name):
        return "outlet"
    if _GOVERNMENT_HINT.search(name):
        return "government"
    if _ORG_HINT.search(name):
        return "organisation"
    words = name.split()
    if 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words):
        return "person"
    return "organisation"


def _strip_titles(tokens: list[str]) -> list[str]:
    while len(tokens) > 1 and tokens[0].lower().strip(".,") in TITLES | FUNCTION_WORDS:
        tokens = tokens[1:]
    return tokens


def person_tokens(tokens: list[str], starts: frozenset[str] = frozenset()) -> list[str]:
    """The name in a capitalised run: after the last role noun, without the words
    qualifying it; cut at a word the article uses on its own to start a name
    ("Kepala Bapanas Arief Prasetyo Adi" -> "Arief Prasetyo Adi" when "Arief"
    speaks alone later)."""
    while len(tokens) > 1 and tokens[0].lower() in FUNCTION_WORDS:
        tokens = tokens[1:]
    heads = [i for i, t in enumerate(tokens) if t.lower().strip(".,") in HEADS]
    if heads and heads[-1] < len(tokens) - 1:
        tokens = tokens[heads[-1] + 1 :]
        # the body the role belongs to, written as an acronym: "Kepala BPS Amalia …"
        if len(tokens) >= 2 and tokens[0].isupper() and len(tokens[0]) >= 2:
            tokens = tokens[1:]
    while len(tokens) > 2 and tokens[0].lower().strip(".,") in MODIFIERS:
        tokens = tokens[1:]
    if len(tokens) == 2 and tokens[0].lower().strip(".,") in MODIFIERS and heads:
        tokens = tokens[1:]
    if len(tokens) >= 3:
        for i in range(1, len(tokens)):
            if tokens[i] in starts:
                # "Arief" starts "Arief Prasetyo Adi"; a surname ends its name
                return tokens[i:] if i < len(tokens) - 1 else tokens[i - 1 :]
    return tokens


def _runs(phrase: str) -> list[str]:
    return [name for name, _titled in _titled_runs(phrase)]


def _titled_runs(phrase: str) -> list[tuple[str, bool]]:
    """Names in ``phrase``, each with whether a role noun introduced it."""
    runs = []
    for m in _RUN.finditer(phrase):
        raw = m.group().split()
        tokens = person_tokens(raw)
        titled = len(tokens) < len(raw) and any(
            t.lower().strip(".,") in HEADS for t in raw[: len(raw) - len(tokens)]
        )
        name = " ".join(tokens).rstrip(".")
        if name:
            runs.append((name, titled))
    return runs


_AFTER_ACRONYM = re.compile(r"\([A-Z][A-Za-z-]{1,14}\)\s+$")


def titled_names(phrase: str) -> list[tuple[str, bool]]:
    """Like ``_titled_runs``, and a name right after an office's acronym ("Menteri
    Perhubungan (Menhub) Ignasius Jonan") counts as introduced by the office."""
    out = []
    for m in _RUN.finditer(phrase):
        raw = m.group().split()
        tokens = person_tokens(raw)
        titled = len(tokens) < len(raw) and any(
            t.lower().strip(".,") in HEADS for t in raw[: len(raw) - len(tokens)]
        )
        before = phrase[max(0, m.start() - 120) : m.start()]
        if not titled and _AFTER_ACRONYM.search(before):
            words = before[: _AFTER_ACRONYM.search(before).start()].split()[-8:]  # type: ignore[union-attr]
            titled = any(w.lower().strip(".,") in HEADS for w in words)
        name = " ".join(tokens).rstrip(".")
        if name:
            out.append((name, titled))
    return out


_TITLE_ABBREVIATION = re.compile(
    r"\b(?:Sen|Rep|Gen|Gov|Lt|Col|Sgt|Capt|Cmdr|Adm|Dr|Prof|Mr|Mrs|Ms|Ir|Hj|H|KH|Drs|"
    r"Dra|St|Jend|Brigjen|Kol|Kapt)\.\s*(?=[A-Z])"
)


def _clean_phrase(phrase: str) -> str:
    phrase = _TITLE_ABBREVIATION.sub("", phrase)
    phrase = phrase.strip(" ,;:\"“”'’")
    phrase = _CONNECTOR.sub("", phrase)
    phrase = _TRAILING_ADVERBS.sub("", phrase)
    return phrase.strip(" ,")


_SPELLED_OUT = re.compile(
    r"^(?P<full>[A-Z][\w’'-]*(?:,?\s+(?:[A-Z][\w’'-]*|dan|and|of|for|&))*)\s*"
    r"\((?P<acronym>[A-Z][A-Za-z]{1,9})\)\s*$"
)


#: an office, its acronym in brackets, then the holder's name: "Menteri Komunikasi dan
#: Informatika (Menkominfo) Budi Arie Setiadi", "Kepala Badan X (BX) Dr. Y Z"
_OFFICE_ACRONYM_NAME = re.compile(
    r"^(?P<office>.*?[A-Z][\w’'-]*\s*\((?P<acronym>[A-Z][A-Za-z-]{1,14})\))\s+"
    r"(?P<name>[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|bin|binti|van|de|al))*)$"
)


#: an office whose name joins two fields, then the holder's name: "Menteri Pemuda dan
#: Olahraga X Y", "Menteri Hukum dan HAM X Y" (the word after "dan" ends the office)
_OFFICE_AND_NAME = re.compile(
    r"^(?P<office>[A-Z][\w’'-]*(?:,?\s+[A-Z][\w’'-]*)*,?\s+(?:dan|&)\s+"
    r"[A-Z][\w’'-]*)\s+"
    r"(?P<name>[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|bin|binti|van|de|al)){1,4})$"
)


def _office_holder(phrase: str) -> Speaker | None:
    match = _OFFICE_ACRONYM_NAME.match(phrase) or _OFFICE_AND_NAME.match(phrase)
    if match is None:
        return None
    office = match.group("office")
    if match.re is _OFFICE_AND_NAME and office.split()[-1].lower() in HEADS:
        return None  # "Presiden X dan Perdana Menteri Y": two people, not one office
    if not any(w.lower().strip(".,(") in HEADS for w in office.split()):
        return None  # "Badan X (BX) Jakarta": a body, not an office and its holder
    tokens = person_tokens(match.group("name").split())
    if not tokens:
        return None
    return Speaker(" ".join(tokens).rstrip("."), role=office.strip(), titled=True)


_WHEN_CLAUSE = re.compile(
    r"^(?:when|as|while|after|ketika|saat|setelah|sesudah)\s+(?P<who>.+)$",
    re.IGNORECASE,
)


def speaker_from_subject(subject: str) -> Speaker | None:
    """The speaker named by the text before a reporting verb."""
    subject = CITING.split(subject)[0]
    pronoun = re.search(
        r"(?:^|[\s\"”’,])(?P<p>he|she|they|ia|dia|beliau)$", subject.strip()
    )
    if pronoun and subject.strip() != pronoun.group("p"):
        # 'During the opening of "Paradise by the Dashboard Light" he suggested'
        return Speaker(pronoun.group("p"), anaphoric=True)
    last = subject.rsplit(",", 1)[-1].strip()
    when = _WHEN_CLAUSE.match(last)
    if (
        when
        and subject.strip() != last
        and any(len(r.split()) >= 2 for r in _runs(when.group("who")))
    ):  # "Indonesia surpassed 1 million cases, when the Health Ministry reported"
        return speaker_from_subject(when.group("who"))
    holder = _office_holder(_clean_phrase(subject.strip()))
    if holder is not None:
        return holder
    spelled = _SPELLED_OUT.match(_CONNECTOR.sub("", subject.strip()))
    if spelled:  # "Badan Meteorologi, Klimatologi, dan Geofisika (BMKG)"
        return Speaker(spelled.group("full").strip(" ,"))
    segments = [s for s in (seg.strip() for seg in subject.split(",")) if s]
    usable = []
    for segment in segments:
        segment = _CONNECTOR.sub("", segment).strip()
        if not segment or _SUBORDINATE.match(segment):
            continue
        if re.fullmatch(r"[\d\s/()-]+|(?:\w+\s+)?\d{1,2}\s+\w+\s+\d{4}", segment):
            continue
        usable.append(segment)
    # "The chancellor, Jeremy Hunt, said": the appositive that names someone
    named = [s for s in usable[:3] if any(len(r.split()) >= 2 for r in _runs(s))]
    chosen = named[0] if named else (usable[0] if usable else "")
    if not chosen:
        chosen = _CONNECTOR.sub("", segments[-1]).strip() if segments else ""
    chosen = _clean_phrase(chosen)
    if not chosen:
        return None
    description = described_person(chosen)
    if description is not None and description.name == chosen.strip(' ,"“”'):
        return description
    if _ANAPHORA.match(chosen):
        return Speaker(chosen, anaphoric=True, unnamed=bool(_UNNAMED.search(chosen)))
    words = chosen.split()
    titled_runs = _titled_runs(chosen)
    runs = [name for name, _titled in titled_runs]
    from .claimants import refusal

    # a role and a country are no person: "Duta Besar AS untuk Indonesia X Y"
    titled = [
        name for name, is_titled in titled_runs if is_titled and not refusal(name)
    ]
    located = re.match(
        r"^(?:[Tt]he\s+)?(?P<run>[A-Z][\w.&'’-]*(?:\s+(?:of|for|on|[A-Z][\w.&'’-]*))*)"
        r"\s+(?:in|at|from|based\s+in|di|dari|wilayah)\s+(?:the\s+)?[A-Za-z]",
        chosen,
    )
    if located and located.group("run") in runs:
        body = located.group("run")
        if body.isupper() or len(body.split()) >= 2 or _ORG_HINT.search(body):
            # "The CDC in Puerto Rico reports": the body, not the place it sits in
            return Speaker(body)
    if titled:  # the person a role introduces: "Kepala BNPB Letjen TNI Suharyanto"
        return Speaker(titled[-1], titled=True)
    multi = [r for r in runs if len(r.split()) >= 2]
    if multi:  # the name closest to the verb
        unnamed = _UNNAMED.search(chosen.split(multi[-1])[0])
        return Speaker(multi[-1], described=chosen if unnamed else "")
    if runs and not re.search(r"(?:^|\s)[a-z]", chosen):
        return Speaker(runs[0])
    if (
        runs
        and chosen.startswith(runs[0] + " ")
        and re.match(r"(?:me|ber|mem|men|meng|meny)\w+", chosen[len(runs[0]) :].strip())
    ):  # "Kalla mengawali pidatonya dengan mengatakan": the name that acts
        return Speaker(runs[0])
    if len(words) <= 6:
        return Speaker(chosen, unnamed=bool(_UNNAMED.search(chosen) and not runs))
    return Speaker(runs[-1]) if runs else None


#: nouns that describe a person: "menteri asal Surabaya ini", "pria kelahiran Medan
#: itu", "mantan dirut PT X ini", "politisi Partai Y tersebut", "the former governor"
_PERSON_NOUNS_ID = (
    r"menteri|pria|wanita|perempuan|lelaki|laki-laki|politisi|politikus|pengusaha|"
    r"tokoh|sosok|jenderal|purnawirawan|mantan|eks|dirut|direktur|gubernur|bupati|"
    r"wali\s*kota|ketua|kepala|presiden|wapres|ekonom|pengamat|akademisi|legislator|"
    r"anggota|kader|artis|penyanyi|aktor|aktris|atlet|pelatih|dosen|guru|profesor|"
    r"jaksa|hakim|pengacara|advokat|perwira|komisaris|bos|pendiri|petinggi|ulama|"
    r"kiai|ustaz|aktivis|peneliti|analis|diplomat|dubes|senator|sang"
)
_PERSON_NOUNS_EN = (
    r"minister|president|governor|mayor|senator|lawmaker|politician|businessman|"
    r"businesswoman|tycoon|executive|director|general|ambassador|diplomat|"
    r"economist|analyst|professor|man|woman|leader|chairman|chairwoman|secretary|"
    r"premier|chancellor|candidate|congressman|congresswoman|actor|actress|"
    r"singer|coach|player|founder|billionaire|veteran|judge|prosecutor|lawyer"
)
_DESCRIPTION_ID = re.compile(
    rf"^(?:{_PERSON_NOUNS_ID})\b(?:(?!\s(?:di|pada|saat|ketika|dalam|usai|seusai|"
    r"kepada|kemarin|sambil|sembari)\b)[^,.;!?\"“”])*?\s(?:ini|itu|tersebut)\b",
    re.IGNORECASE,
)
_DESCRIPTION_EN = re.compile(  # lower-case words only: "the Ministry's director" is
    r"^[Tt]he\s+(?:[a-z][\w’'-]*\s+){0,3}?"  # someone else
    rf"(?:{_PERSON_NOUNS_EN})(?=\s+(?:told|said|says|added|to|on|in|at)\b|\s*$)",
)


def described_person(phrase: str) -> Speaker | None:
    """A description pointing back to a person named earlier; the place, party or
    company inside it ("asal Surabaya", "PT KAI") is never the speaker."""
    phrase = phrase.strip(' ,"“”')
    match = _DESCRIPTION_ID.match(phrase) or _DESCRIPTION_EN.match(phrase)
    if match is None:
        return None
    described = match.group()
    # "Menteri Keuangan Sri Mulyani itu" names its person: no description; "Mantan
    # Duta Besar Indonesia untuk Belanda ini" names only a role and a country
    from .claimants import refusal

    if any(
        titled and len(n.split()) >= 2 and not refusal(n)
        for n, titled in _titled_runs(described)
    ):
        return None
    return Speaker(described, anaphoric=True, person=True)


#: a document that speaks for its author: "a statement on Monday from the Ministry
#: of Health", "figures released by the World Bank", "keterangan resmi dari Dinas
#: Kesehatan", "laporan yang dirilis oleh BPS": the author is the speaker
_DOCUMENT_FROM = re.compile(
    r"^(?:(?:a|an|the|its|their|his|her|new|latest|official|recent)\s+)*"
    r"(?:statement|report|press\s+release|release|data|figures|survey|study|analysis|"
    r"estimates?|count|tally|announcement|notice|bulletin|update|keterangan|"
    r"pernyataan|rilis|siaran\s+pers|laporan|data|catatan|survei|kajian|analisis|"
    r"pengumuman|perkiraan)\b[^.;!?]{0,50}?\s(?:from|by|of|issued\s+by|released\s+by|"
    r"published\s+by|dari|oleh)\s+(?P<author>(?:the\s+)?[A-Z].*)$"
)
#: an organisation's role-holder, English word order: "Acme's chief executive John
#: Miller", "the ministry's spokesman Ali Rahman": the person speaks
_POSSESSIVE_ROLE = re.compile(
    r"^(?:the\s+)?[\w.&-]+(?:\s+[\w.&-]+){0,5}['’]s?\s+(?P<role>(?:[a-z][\w-]*\s+)"
    r"{1,4})(?P<name>[A-Z][\w.’'-]+(?:\s+[A-Z][\w.’'-]+){1,3})$"
)


def speaker_after_verb(who: str) -> Speaker | None:
    """The speaker named right after a post-posed verb: "kata Trump kala itu"."""
    who = _TITLE_ABBREVIATION.sub("", who).strip(' ,"“”')
    if not who:
        return None
    document = _DOCUMENT_FROM.match(who)
    if document is not None:
        author = re.sub(r"^the\s+(?=[A-Z])", "", document.group("author"))
        return speaker_after_verb(author)
    possessive = _POSSESSIVE_ROLE.match(who)
    if possessive is not None:
        return Speaker(possessive.group("name"), titled=True)
    description = described_person(who)
    if description is not None:
        return description
    if _ANAPHORA.match(who):
        match = _ANAPHORA.match(who)
        assert match is not None
        return Speaker(
            match.group(), anaphoric=True, unnamed=bool(_UNNAMED.search(who))
        )
    head = _STOP_AFTER_WHO.sub("", " " + who).strip()
    head = _TRAILING_ADVERBS.sub("", head).strip(" ,")
    match = _RUN.match(head)
    if match:
        raw = match.group().split()
        tokens = person_tokens(raw)
        if tokens:
            titled = any(
                t.lower().strip(".,") in HEADS for t in raw[: len(raw) - len(tokens)]
            )
            return Speaker(" ".join(tokens).rstrip("."), titled=titled)
    opening = " ".join(who.split()[:8])
    match = _RUN.search(opening)
    if match and re.match(r"^[a-z]", opening) and _UNNAMED.match(opening):
        tokens = person_tokens(match.group().split())
        phrase = opening[: match.end()]
        if tokens:  # "pejabat Kementerian Perdagangan": the ministry, unnamed official
            return Speaker(" ".join(tokens).rstrip("."), described=phrase)
    if match and re.match(r"^[a-z]", opening) and not _UNNAMED.match(opening):
        # "data Badan Pusat Statistik", "data from the World Bank", "a summary
        # released by the Senate Appropriations Committee"
        tokens = person_tokens(match.group().split())
        if tokens and not _ANAPHORA.match(head):
            return Speaker(" ".join(tokens).rstrip("."))
    words = head.split()[:4]
    if words:
        phrase = " ".join(words)
        return Speaker(
            phrase,
            anaphoric=bool(re.search(r"\b(?:tersebut|itu|this|that)\b", phrase)),
            unnamed=bool(_UNNAMED.search(phrase)),
        )
    return None


_WEB_SUFFIX = re.compile(
    r"(?:\.(?:com|co|id|net|org|news|go|or|ac|my|tv|info|uk|au))+$"
)


def squash(name: str) -> str:
    """A name with case, spacing, punctuation and a web suffix ignored, to tell
    close variants of one source: "liputan6.com"/"Liputan6", "VOA Indonesia"/
    "voaindonesia.com", "Retno L.P. Marsudi"/"Retno LP Marsudi"."""
    name = _WEB_SUFFIX.sub("", name.strip().casefold())
    return re.sub(r"[\W_]+", "", name)


def close_variant(a: str, b: str) -> bool:
    """The same source written two ways (see ``squash``)."""
    x, y = squash(a), squash(b)
    return bool(x) and x == y


def spelled_in_text(name: str, text: str) -> str:
    """How ``text`` writes the outlet a bare host name stands for: "Voaindonesia"
    -> "VOA Indonesia" when the text has it; else ``name``."""
    key = squash(name)
    if len(key) < 4:
        return name
    for match in _RUN.finditer(text[:20000]):
        run = match.group().strip(" .")
        squashed = squash(run)
        if squashed == key or (squashed.startswith(key) and len(run.split()) <= 4):
            return run
        rest = key[len(squashed) :] if key.startswith(squashed) else ""
        if len(squashed) >= 6 and rest in _HOST_TAILS and len(run.split()) >= 2:
            return run  # "globalvoicesonline.org" -> "Global Voices"
    return name


def body_of_site(name: str, text: str) -> str:
    """The government body a site's short name stands for, as the text names it:
    "Maritim" (maritim.go.id) -> "Kemenko Bidang Kemaritiman", "Pertanian" ->
    "Kementerian Pertanian": the body's own word (a ministry, an agency) up to the
    word holding the site's name; else ``name``."""
    key = name.casefold()
    if len(key) < 5:
        return name
    found: Counter[str] = Counter()
    for match in _RUN.finditer(text[:20000]):
        tokens = match.group().strip(" .").split()
        for end, token in enumerate(tokens):
            if key not in token.casefold():
                continue
            heads = [i for i in range(end) if _GOVERNMENT_HINT.fullmatch(tokens[i])]
            if heads:
                found[" ".join(tokens[heads[-1] : end + 1])] += 1
            break
    return min(found, key=lambda b: (-found[b], len(b))) if found else name


#: words a site's host adds to its name: "globalvoicesonline", "jakartadaily"
_HOST_TAILS = {"online", "news", "daily", "web", "media", "net", "tv"}


class NameIndex:
    """Full names written in the article, to expand "Trump" to "Donald Trump";
    ``heading`` (the page's title and the headline its address spells) is read only
    to expand initials ("JK" -> "Jusuf Kalla", named in full nowhere else)."""

    def __init__(self, text: str, heading: str = "") -> None:
        self.text = text
        self.counts: Counter[str] = Counter()
        self.heading: Counter[str] = Counter()
        for match in _RUN.finditer(heading):
            tokens = person_tokens(match.group().split())
            if len(tokens) >= 2:
                self.heading[" ".join(tokens).rstrip(".")] += 1
        runs = [m.group().split() for m in _RUN.finditer(text)]
        self.starts = frozenset(
            _strip_titles(tokens)[0] for tokens in runs if len(tokens) <= 2
        )
        for tokens in runs:
            tokens = person_tokens(tokens, self.starts)
            if len(tokens) >= 2:
                self.counts[" ".join(tokens).rstrip(".")] += 1

    def _acronym(self, acronym: str) -> str:
        """ "ONS" -> "Office for National Statistics" when the article spells it."""
        for run in sorted(self.counts, key=self.counts.__getitem__, reverse=True):
            words = [w for w in run.split() if w.lower() not in {"of", "for", "and"}]
            if "".join(w[0] for w in words) == acronym and not self._goes_on(run):
                return run
        for run in self.heading:
            # initials of a name only the page's title or address spells in full,
            # whose last word the text writes ("JK", "Kalla", "…-jusuf-kalla-…")
            words = run.split()
            if "".join(w[0] for w in words) == acronym and re.search(
                rf"(?<!\w){re.escape(words[-1])}(?!\w)", self.text
            ):
                return run
        return ""

    def _goes_on(self, run: str) -> bool:
        """The article writes ``run`` only as the start of a longer name ("Center
        for Disease Control" of "… Control and Prevention"): no name to expand to."""
        ends = [
            m.end() for m in re.finditer(rf"(?<!\w){re.escape(run)}(?!\w)", self.text)
        ]
        return bool(ends) and all(
            re.match(r"\s+(?:and|dan|&)\s+[A-Z]", self.text[end : end + 40])
            for end in ends
        )

    def _contraction(self, single: str) -> str:
        """ "Jokowi" -> "Joko Widodo", "Zulhas" -> "Zulkifli Hasan": a one-word name
        that is the start of one name and the start of the next (two letters of
        each at least), as Indonesian shortens its public figures' names, when the
        article writes the full name; else ""."""
        word = single.casefold()
        if (
            len(word) < 5
            or not single.isalpha()
            or any(single in run.split() for run in self.counts)
        ):
            return ""
        found: Counter[str] = Counter()
        for run, count in self.counts.items():
            tokens = run.split()
            for first, second in itertools.pairwise(tokens):
                a, b = first.casefold(), second.casefold()
                if a in TITLES or b in TITLES:
                    continue
                if any(
                    word == a[:i] + b[: len(word) - i]
                    for i in range(2, min(len(a), len(word) - 2) + 1)
                    if len(word) - i <= len(b)
                ):
                    found[f"{first} {second}"] += count
        return found.most_common(1)[0][0] if found else ""

    def canonical(self, name: str) -> str:
        """The name a speaker goes by in the article, as fully as it is written."""
        tokens = name.split()
        if not tokens or not all(t[:1].isupper() for t in tokens):
            return name  # a description ("China’s defense ministry"), not a name
        tokens = person_tokens(tokens, self.starts)
        if len(tokens) > 1:
            # "Ade Ary" -> "Ade Ary Syam Indradi", written in full earlier
            n = len(tokens)
            longer = [
                run
                for run in self.counts
                if n < len(run.split()) <= 5
                and any(
                    run.split()[i : i + n] == tokens for i in range(len(run.split()))
                )
            ]
            return (
                max(longer, key=self.counts.__getitem__) if longer else " ".join(tokens)
            )
        single = tokens[0]
        if single.isupper() and 2 <= len(single) <= 6:
            expanded = self._acronym(single)
            if expanded:
                return expanded
        contracted = self._contraction(single)
        if contracted:
            return contracted
        best, best_score = single, 0
        for run, count in self.counts.items():
            run_tokens = run.split()
            if single not in run_tokens:
                continue
            i = run_tokens.index(single)
            left = i
            if (
                i > 0
                and run_tokens[i - 1].lower().strip(".") not in TITLES
                and not run_tokens[i - 1].isupper()
                and run_tokens[i - 1][:1].isupper()
            ):
                left = i - 1
            candidate = run_tokens[left:]
            if len(candidate) < 2 or len(candidate) > 4:
                continue
            score = count * 10 + len(candidate)
            if score > best_score:
                best, best_score = " ".join(candidate), score
        return best
