"""Check-worthiness: how much checkable content a statement carries (0-1)."""

from __future__ import annotations

import re

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
#: a capitalised word inside a sentence (a name), not the first word of the next one
_CAPITALISED = re.compile(r"(?<![.!?…][\"”’)]\s)(?<![.!?…]\s)(?<=\s)[A-Z][\w’'-]+")
#: hedges, guesses and appeals: "kayaknya", "sepertinya", "jangan …", "maybe"
_HEDGE = re.compile(
    r"\b(?:kayaknya|kayak\s*nya|sepertinya|kelihatannya|rasanya|barangkali|"
    r"kira-kira|jangan|janganlah|ayo|mari|maybe|perhaps|i\s+guess|let'?s|don'?t)\b",
    re.IGNORECASE,
)


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
    if _HEDGE.search(content):
        score -= 0.2
    if content.rstrip("\"”’' ").endswith("?"):
        score -= 0.3
    elif "?" in content:  # a question asked on the way is not a checkable claim
        score -= 0.15
    return round(min(1.0, max(0.0, score)), 2)
