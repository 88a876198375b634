"""Page furniture, title, dateline and publisher of a plain-text article.

Stored copies of news pages keep what surrounds the article: related-article lists,
"Baca juga" links, advertisement markers, photo captions, bylines, text-size widgets,
share buttons, comment disclaimers, navigation. Each rule below recognises one kind
by its form, in Indonesian and English, never by the words of a given article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from urllib.parse import urlsplit

_BULLET = re.compile(r"^[\s•·▪►>*\-–]+(?=\S)")

#: A line that is nothing but one of these is furniture.
_WHOLE_LINE = re.compile(
    r"""^(?:
        advertisement|advertisment|iklan|sponsored|konten\ promosi|promoted|ads?
      | advertisement\W+scroll\ to\ continue.*
      | (?:halaman|page)\s*(?:selanjutnya|berikutnya|sebelumnya
         |\d+(?:\s*(?:/|dari|of)\s*\d+)?)
      | (?:halaman|page|pages)\s*:                # "Halaman:" above the page links
      | selanjutnya|next\ page|previous\ page|\d+(?:\s+\d+){1,9}\s*(?:next|selanjutnya)?
      | (?:listen\ to\ this\ article|dengarkan(?:\ artikel)?(?:\ ini)?)\b.*
      | \([^()]{1,60}\)                          # "(Tribunnews.com/Andari)", "(AFP)"
      | scroll\ (?:to|untuk)\ (?:continue|lanjut\w*)(?:\ with\ content)?
      | (?:continue|lanjutkan)\ (?:reading|membaca)\b.*
      | artikel\ (?:berlanjut|dilanjutkan)\b.*
      | share(?:\ this)?(?:\ article)?|bagikan(?:\ artikel)?|tweet|email|print|cetak
      | (?:facebook|twitter|x|whatsapp|telegram|line|linkedin|pinterest|copy\ link
         |salin\ (?:link|tautan))(?:\s*[|/,·]\s*\w[\w ]*)*
      | (?:ukuran\ )?font\s*:?.*|text\ size.*|ukuran\ teks.*|a\s*a\s*a|[-+ ]+
      | \d+\s*(?:min(?:ute)?s?|menit)\s*(?:read|baca)|waktu\ baca.*
      | (?:lihat|baca|simak|tonton|saksikan)\ (?:juga|selengkapnya)\s*:?
      | (?:read|see)\ (?:more|also)\s*:?|also\ read\s*:?|related\s*:?
      | selengkapnya|grafis|video|foto|galeri|infografis|terpopuler|terkini
      | (?:berita|artikel)\ (?:terkait|lainnya|populer)\s*:?
      | related\ (?:articles|stories|news|coverage|content)\s*:?
      | more\ (?:from|stories|news|on)\b.*|most\ (?:read|popular)|trending(?:\ now)?
      | recommended(?:\ for\ you)?|rekomendasi(?:\ untuk\ anda)?|editor'?s\ picks?
      | tags?\s*:.*|topik\s*:.*|topics?\s*:.*
      | \(?[a-z]{2,5}(?:/[a-z]{2,5})+\)?        # Indonesian editor initials (mdk/ded)
      | !\[[^\]]*\]\([^)]*\).*                 # markdown images
      | \[[^\]]{1,80}\]                        # embeds: [Gambas:Video 20detik]
      | [_=*~#-]{3,}                           # rules
      | (?:saksikan|tonton|simak|lihat|watch|listen)\b.{0,80}:    # "Saksikan Live X:"
      | [-|:\s]*-{3,}[-|:\s]*                  # markdown table rules
    )$""",
    re.IGNORECASE | re.VERBOSE,
)

#: A line that starts like this is furniture (links, credits, disclaimers).
_LINE_START = re.compile(
    r"""^(?:
        (?:baca|lihat|simak|tonton|saksikan)\ (?:juga|pula)\b
      | (?:read|see)\ (?:more|also)\b|also\ read\b|related\s*:
      | (?:reporting|writing|editing|additional\ reporting|compiled)\ by\b
      | (?:oleh|penulis|reporter|editor|pewarta|penyunting|redaktur|kontributor
         |laporan\ wartawan|laporan\ reporter|writer|sumber\ foto|foto|photo
         |image|credit|caption)\s*:
      | (?:copyright|hak\ cipta)\b|©

      | (?:follow|ikuti)\ (?:us|kami)\b|dapatkan\ (?:update|berita)\b
      | ikuti\ (?:berita|update|saluran|channel|terus)\b
      | (?:tonton|saksikan|simak)\ (?:video|juga|selengkapnya)\b
      | artikel\ ini\ (?:telah|sudah)\ (?:tayang|terbit|dimuat)\b
      | this\ (?:article|story)\ (?:was|has\ been)\ (?:originally\ )?
        (?:published|updated)
      | our\ standards\b|sumber\s*:
      | (?:download|unduh)\ (?:aplikasi|app)\b|subscribe\b|berlangganan\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)

_DISCLAIMER = re.compile(
    r"contributed\s+(?:to\s+this\s+report|reporting)|contributing\s+reporting|"
    r"tanggung\s*jawab\s+(?:pengguna|penulis\s+komentar)|isi\s+komentar|UU\s+ITE"
    r"|comments?\s+(?:are|policy|section)|log\s+in\s+to\s+comment|tulis\s+komentar"
    r"|all\s+rights\s+reserved|kebijakan\s+privasi|privacy\s+policy|terms\s+of\s+use"
    r"|syarat\s+(?:dan|&)\s+ketentuan",
    re.IGNORECASE,
)
_CALL_TO_ACTION = re.compile(
    r"\b(?:silakan|silahkan|klik|click\s+here|kunjungi|hubungi\s+kami|whatsapp|"
    r"telegram|google\s+news|subscribe|sign\s+up|newsletter)\b",
    re.IGNORECASE,
)
#: a site's notice about itself, in the text of a stored page: donation banners,
#: translation and newsletter pitches, a feed's description of the programme
#: ("Previously known as Special English"), "Click here for the story you'll only
#: see on …"; only on lines the size of a notice
_SITE_NOTICE = re.compile(
    r"\b(?:donat(?:e|ion|ions)|without\s+your\s+help|support\s+(?:us|our\s+\w+)"
    r"|we\s+translate\b|you'?ll\s+only\s+see\s+on|click\s+here|(?:previously|formerly)"
    r"\s+known\s+as|limited\s+vocabulary|slower\s+pace|sign\s+up\s+for|our\s+newsletter"
    r"|dukung\s+kami|berlangganan\s+newsletter|klik\s+di\s*sini"
    # a plea to the readers ("… needs the help of friends and readers like you") and
    # a wiki's note on its own reporting ("This article features first-hand
    # journalism by … members. See the collaboration page …")
    r"|readers\s+like\s+you|pembaca\s+seperti\s+anda|first-?hand\s+journalism"
    r"|collaboration\s+page|original\s+reporting\s+by\s+\w+\s+(?:members|reporters)"
    # an archived wiki page's notice: "This page is archived, and is no longer
    # publicly editable.", "… our archival policy …", "Add the template
    # {{editprotected}} …", "… external links may no longer be available …"
    r"|(?:page|article)\s+(?:is|has\s+been)\s+archived|no\s+longer\s+(?:publicly\s+)?"
    r"editable|archival\s+policy|(?<=\{\{)\w+(?=\}\})|(?:links|sources)\s+may\s+no\s+longer\s+"
    r"be\s+available|at\s+which\s+they\s+were\s+written\s+and\s+published"
    r"|halaman\s+ini\s+(?:telah\s+|sudah\s+)?diarsipkan)\b",
    re.IGNORECASE,
)
#: a bulletin's menu of the day's stories, as broadcast transcripts and audio briefs
#: open: "Today on <outlet>: A; B; C", "Coming up: …", "Hari ini di <outlet>: …",
#: "In this edition: …"; a list of stories (two ";" at least), not one of them
_STORY_MENU = re.compile(
    r"^(?:(?:today|tonight|this\s+(?:week|morning|evening|hour))\s+on\s+"
    r"[\w .&'’-]{2,40}"
    r"|coming\s+up(?:\s+on\s+[\w .&'’-]{2,40})?|still\s+to\s+come|in\s+the\s+headlines"
    r"|(?:today'?s|top|the)\s+(?:headlines|top\s+stories)|in\s+this\s+(?:edition|"
    r"bulletin|episode|programme|program|brief)|(?:hari|malam)\s+ini\s+di\s+"
    r"[\w .&'’-]{2,40}|(?:dalam|di)\s+edisi\s+(?:ini|kali\s+ini)|berita\s+(?:hari\s+"
    r"ini|utama)|sorotan\s+(?:hari\s+ini|berita))\s*:",
    re.IGNORECASE,
)
_WEEKDAY = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|senin|selasa|rabu|"
    r"kamis|jumat|jum'at|sabtu|minggu|ahad)"
)
_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december|januari|februari|maret|mei|juni|juli|agustus|oktober|"
    r"desember|jan|feb|mar|apr|jun|jul|aug|agu|sep|sept|oct|okt|nov|dec|des)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
#: a presenter's spoken date: "Today is Tuesday, June 8th, 2010.", "Hari ini Selasa,
#: 8 Juni 2010." (it says when the bulletin was recorded, nothing to check)
_SPOKEN_DATE = re.compile(
    rf"^(?:today\s+is|it\s+is|it'?s|hari\s+ini(?:\s+adalah)?(?:\s+hari)?)\s+"
    rf"(?:{_WEEKDAY}\s*,?\s*)?(?:the\s+)?(?:tanggal\s+)?(?:{_MONTH}\s+{_DAY}|{_DAY}"
    rf"(?:\s+of)?\s+{_MONTH})(?:\s*,?\s*\d{{4}})?\s*[.!]?$",
    re.IGNORECASE,
)
#: a line that is only a date (with its weekday, maybe a time): the page's stamp of
#: when it was posted, "Saturday, May 22, 2010", "Senin, 12 Maret 2024 | 10:15 WIB";
#: never the headline
_DATE_ONLY = re.compile(
    rf"^(?:{_WEEKDAY}\s*,?\s*)?(?:{_MONTH}\s+{_DAY},?\s+\d{{4}}|{_DAY}\s+{_MONTH}\s+"
    rf"\d{{4}})(?:\s*[,|·-]?\s*(?:pukul\s+)?\d{{1,2}}[:.]\d{{2}}(?:\s*[A-Za-z]{{2,4}})?)?$",
    re.IGNORECASE,
)
_PRESENTER = r"[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}"
#: an audio player's links a copied script opens with: "(Download MP3, Mirror)"
_PLAYER_NOTE = r"(?:\((?i:download|listen|play|audio|mp3|watch|video)[^)]{0,40}\)\s*)?"
#: "the VOA Special English Health Report", "Radio Nusantara Morning Show"
_PROGRAMME = (
    r"[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,5}?(?:\s+(?:Health|Science|Technology|"
    r"Agriculture|Economics|Business|Education|Development|Environment|Sports?|"
    r"Music|Arts?|News|Weekly|Daily|Morning|Evening|Weekend))?\s+(?:Report|Program|"
    r"Programme|Show|Hour|Magazine|Podcast|Bulletin|Broadcast)"
)
#: a presenter's sign-on or sign-off: "I'm Jane Doe and this is Radio X.", "This is
#: Jane Doe reporting for X.", "For VOA News, I'm Jane Doe.", "Saya Jane Doe,
#: melaporkan dari Jakarta untuk VOA."
_SIGN_ON = re.compile(
    rf"^{_PLAYER_NOTE}(?:(?i:I'?m|I’m|I\s+am)\s+{_PRESENTER}\s*(?:,|and)\s*(?i:this\s+is|you'?re\s+"
    rf"(?:listening|watching)\s+to|reporting\s+(?:for|from))\s+[A-Z].{{0,60}}"
    rf"|(?i:this\s+is)\s+{_PRESENTER},?\s+(?i:reporting\s+(?:for|from))\s+[A-Z].{{0,60}}"
    rf"|(?i:for)\s+[A-Z][\w .&'’-]{{1,40}},\s+(?i:I'?m|I’m|this\s+is)\s+{_PRESENTER}"
    rf"(?:\s+(?:in|at|from)\s+[A-Z][\w ,.'’-]{{1,40}})?"
    rf"|(?:(?i:untuk)\s+[A-Z][\w .&'’-]{{1,40}},\s+)?(?i:saya)\s+{_PRESENTER},?\s+"
    rf"(?:melaporkan\s+)?(?:dari|untuk)\s+[A-Z].{{1,60}}"
    rf"|(?i:this\s+is)\s+(?:the\s+)?{_PROGRAMME}"
    rf"|(?i:from)\s+[A-Z][\w .&'’-]{{1,40}},\s+(?i:this\s+is|I'?m|I’m)\s+.{{1,60}}?)"
    rf"\s*[.!]?$",
)
#: what a sign-on or sign-off names as the outlet: "For <outlet>, I'm …", "I'm … and
#: this is <outlet>", "This is the <outlet> <topic> Report"
_SIGN_ON_OUTLET = re.compile(
    rf"^{_PLAYER_NOTE}(?i:for|from)\s+(?P<a>[A-Z][\w .&'’-]{{1,40}}?),\s+"
    rf"(?i:I'?m|I’m|this\s+is)\s"
    rf"|^(?i:I'?m|I’m|I\s+am)\s+{_PRESENTER}\s*(?:,|and)\s*(?i:this\s+is)\s+"
    rf"(?P<b>[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){{0,4}})\s*[.!]?$"
    rf"|^(?i:this\s+is)\s+(?:the\s+)?(?P<c>{_PROGRAMME})\s*[.!]?$"
)
#: outlets that were renamed: a copy of an old broadcast names the old one
RENAMED_OUTLETS = {"voa special english": "VOA Learning English"}
#: a programme's topic and kind, after the outlet's name in a sign-on
_TOPIC = (
    r"Health|Science|Technology|Agriculture|Economics|Business|Education|"
    r"Development|Environment|Sports?|Music|Arts?|Entertainment|News|Weekly|Daily|"
    r"Morning|Evening|Weekend|American\s+Mosaic|People\s+in\s+America"
)
_KIND = r"Report|Program|Programme|Show|Hour|Magazine|Podcast|Bulletin|Broadcast"


def sign_on_outlet(line: str) -> str:
    """The outlet a presenter's sign-on or sign-off names ("For VOA News, I'm …",
    "This is the VOA Special English Health Report."), renamed outlets under their
    name of today; "" when the line is none."""
    parts = [p for p in re.split(r"(?<=[.!])\s+(?=[A-Z(])", line.strip()) if p]
    for part in parts:
        match = _SIGN_ON_OUTLET.match(part.strip())
        if not match:
            continue
        name = (match.group("a") or match.group("b") or match.group("c") or "").strip()
        name = re.sub(rf"(?:\s+(?:{_TOPIC}))?\s+(?:{_KIND})$", "", name)
        name = name.strip(" .")
        if name:
            return RENAMED_OUTLETS.get(name.casefold(), name)
    return ""


#: a transcript's speaker label on a line of its own, the turn on the lines after it:
#: "Presiden Republik Indonesia:", "Wartawan asing:", "Moderator:", "Q:" (the
#: article's, even above the first paragraph: ``speakers`` reads it)
LABEL_LINE = re.compile(
    r"^(?P<label>[A-Z][\w.’'()-]{0,30}(?:\s+(?:[A-Z(][\w.’'()-]*|asing|dari|of|the|"
    r"and|dan|untuk|for)){0,6})\s*:$"
)
#: a picture's credit alone on its line: the short line before it is the caption
#: ("Shakemap of the quake." / "Image: US Geological Survey.")
_CREDIT_LINE = re.compile(
    r"^(?:image|photo|picture|foto|gambar|credit|kredit|sumber\s+foto)\s*:\s*\S",
    re.IGNORECASE,
)
#: a press release's credit after its text, alone on its line: "(BPMI Setpres)",
#: "(Humas Pemkot Bandung)"; capitalised words only, not an editor's initials ("(ant)",
#: "(Red)")
_RELEASE_CREDIT = re.compile(r"^\((?P<name>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,4})\)$")


#: a short line sending the reader to the site's own pages: "Problems? See our
#: media guide.", "Visit our archive", "Lihat panduan kami"
_SITE_HELP = re.compile(
    r"\b(?:see|visit|read|check(?:\s+out)?|consult|view|browse)\s+our\s+\w+"
    r"|\b(?:lihat|kunjungi|baca|simak)\s+(?:\w+\s+){1,2}kami\b",
    re.IGNORECASE,
)
#: an author box: "About the Author: Jane Roe serves as …", "Tentang Penulis: …".
#: The text after it is the author's (see ``Layout.author_box``)
AUTHOR_BOX = re.compile(
    r"^(?i:about\s+the\s+(?:author|writer)s?|tentang\s+(?:penulis|pengarang)"
    r"|author\s+bio(?:graphy)?|biodata\s+penulis)\s*[:\-–—]\s*"
    rf"(?P<name>(?:(?:Dr|Prof|Mr|Mrs|Ms)\.?\s+)?{_PRESENTER}(?![\w’'-]))?",
)
#: an image's file name left in the text ("Wikinews waves Left.png", "clock.jpg")
IMAGE_FILE = re.compile(r"\b[\w ,.'()-]{0,60}?\.(?:png|jpe?g|gif|svg|webp)\b", re.I)
_PHONE_OR_URL = re.compile(r"\b\d{3,4}[ -]\d{3,4}[ -]\d{3,4}\b|https?://|www\.", re.I)

#: Photo credits end captions: "REUTERS/Phil Stewart", "ANTARA FOTO/Hafidz Mubarak A",
#: "(Foto: Istimewa)", "Tribunnews.com/Jeprima".
_PHOTO_CREDIT = re.compile(
    r"(?:\b[A-Z][A-Za-z.]*(?:\s(?:FOTO|PHOTO|Foto|Photo|IMAGES|Images))?"
    r"\s?/\s?[A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*){0,3}\.?"
    r"|\((?:foto|photo|ilustrasi|dok\.?)\s*:?[^)]*\)\.?"
    r"|\b(?:AFP|AP|Getty Images|Reuters|ANTARA|EPA|Xinhua)\s+(?:PHOTO|FOTO)\b.*)\s*$",
    re.IGNORECASE,
)
_PHOTO_CREDIT_STRICT = re.compile(
    r"\b[A-Z]{2,}(?:\s(?:FOTO|PHOTO))?\s?/\s?[A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*){0,3}"
    r"\.?\s*$|\((?:foto|photo|ilustrasi|dok\.?)\s*:[^)]*\)\.?\s*$",
    re.IGNORECASE,
)
#: a caption that ends with its credit: "The crowd at the final Image: Jane Roe.",
#: "Warga mengungsi. Foto: Budi Santoso", "… (Credit: Reuters)"
_CREDIT_AT_END = re.compile(
    r"(?:^|[\s.])(?:Image|Photo|Picture|Foto|Gambar|Credit|Kredit|Sumber\s+foto|"
    r"Photo\s+credit)\s*:\s*[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’/-]*|of|de|van))"
    r"{0,4}\s*\.?\s*$"
)
_NAME = r"[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,4}"
_BYLINE = re.compile(rf"^(?:By|Oleh)\s+{_NAME}(?:\s*(?:,|and|dan|&)\s+{_NAME})*$")
_NAME_LINE = re.compile(rf"^{_NAME}(?:\s*(?:,|and|dan|&)\s+{_NAME})*$")
#: one capitalised word alone before the article starts: a section or rubric label
_SECTION_LABEL = re.compile(r"^[A-Z][A-Za-z&-]{1,24}$")
_ALL_CAPS_NAME = re.compile(r"^[A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]+){1,3}$")  # 2-4 words
_GLUED = re.compile(r"[a-z][A-Z][a-z]")
_BREADCRUMB = re.compile(r"\s(?:›|»|>|/|\|)\s")
_TIME = re.compile(
    r"\b\d{1,2}[:.]\d{2}\s*(?:AM|PM|am|pm|WIB|WITA|WIT|GMT|UTC)?\b|\b(?:Updated|"
    r"Diperbarui|Published|Diterbitkan|Dipublikasikan|Last\s+updated)\b",
)
_META_DATE = re.compile(
    r"^\s*(?:date|tanggal|published)\s*:?\s*\d{4}-\d{2}-\d{2}", re.I
)
_DATE_IN_LINE = re.compile(
    r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{4}\b|\b\d{4}\b"
)
#: "5 months ago", "5 months agoon" (glued to "on" a date), "3 jam lalu", "2 hari yang
#: lalu", "kemarin": when a page printed the article, not what it reports.
_RELATIVE_STAMP = re.compile(
    r"^(?:(?:\d+|an?|one|satu|se)\s*(?:sec(?:ond)?s?|min(?:ute)?s?|hours?|hrs?|days?"
    r"|weeks?|months?|years?|yrs?)\s+ago(?:n|\s+on)?|(?:\d+|satu|se)\s*(?:detik|menit"
    r"|jam|hari|minggu|pekan|bulan|tahun)\s+(?:yang\s+)?lalu|just\s+now|baru\s+saja"
    r"|(?:diperbarui|updated|published|diterbitkan)\s+\d+\s+\w+\s+(?:ago|lalu))"
    r"\s*[|·•,]?$",
    re.IGNORECASE,
)
#: a label standing alone on its line, its value on the next: "Published", "By"
_STAMP_LABEL = re.compile(
    r"^(?:published|updated|last\s+updated|posted|diterbitkan|dipublikasikan"
    r"|diperbarui|terbit|diunggah|dibuat)\s*(?:on|pada)?\s*:?$",
    re.IGNORECASE,
)
_BYLINE_LABEL = re.compile(
    r"^(?:by|oleh|penulis|reporter|pewarta|editor|penyunting|writer|author)\s*:?$",
    re.IGNORECASE,
)
_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*\s*$|[\"”]\s*$")
#: Lines after one of these are a list of other articles, never the article itself.
_TAIL_MARKER = re.compile(
    r"^(?:lihat\ juga|berita\ terkait|artikel\ terkait|berita\ lainnya"
    r"|related\ (?:articles|stories|news|coverage|topics)|more\ (?:from|stories)\b.*"
    r"|terpopuler|rekomendasi|recommended(?:\ for\ you)?|most\ read|trending"
    r"|editor'?s\ picks?|komentar|comments?|tags?|topik|explore\ more\b.*"
    r"|more\ on\ this\ story|reuse\ this\ content|topics)\s*:?$",
    re.IGNORECASE | re.VERBOSE,
)

#: "TRIBUNNEWS.COM -", "Liputan6.com, Washington, DC -", "TEMPO.CO, Jakarta -",
#: "JAKARTA, KOMPAS.com -", "BEIJING (Reuters) -", "Jakarta (ANTARA) -".
_DOMAIN = r"[A-Za-z][\w-]*(?:\.[A-Za-z]{2,4}){1,2}"
_DATELINE = [
    re.compile(
        rf"^(?P<outlet>{_DOMAIN})(?:\s*,\s*(?P<place>[^-–—\n]{{1,40}}?))?\s*"
        r"(?:-{1,2}|–|—)\s+"
    ),
    re.compile(
        rf"^(?P<place>[A-Z][\w .'’]{{1,40}}?)\s*,\s*(?P<outlet>{_DOMAIN})\s*"
        r"(?:-{1,2}|–|—)\s+"
    ),
    re.compile(
        r"^(?P<place>[A-Z][\w .,'’]{1,40}?)\s*\((?P<outlet>[A-Z][\w .&'-]{1,30})\)"
        r"\s*(?:-{1,2}|–|—|:)\s+"
    ),
    re.compile(  # an agency alone: "(CNN) — "
        r"^\((?P<outlet>[A-Z][\w .&'-]{1,30})\)\s*(?:-{1,2}|–|—|:)\s+"
    ),
    re.compile(
        r"^(?P<place>[A-Z][\w .'’]{1,30}?)\s*,\s*(?P<outlet>(?:CNN|CNBC|Kompas|"
        r"Detik|Tempo|Antara|Kumparan|Okezone|Republika|Suara|iNews|Sindonews)"
        r"[\w .]{0,15}?)\s*(?:-{1,2}|–|—)\s+"
    ),
    re.compile(  # a site's short name glued to the place: "Maritim--Jakarta, "
        r"^(?P<outlet>[A-Z][A-Za-z]{2,30})--(?P<place>[A-Z][\w .'’]{1,30}?)\s*,\s+"
    ),
    re.compile(  # a place alone: "Jakarta - ", "WASHINGTON — "
        r"^(?P<place>[A-Z][A-Za-z'’.]+(?:[ ,]+[A-Z][A-Za-z'’.]+){0,2})"
        r"\s+(?:-{1,2}|–|—)\s+(?=[A-Z\"“])"
    ),
]
_DOMAIN_SUFFIXES = {
    "com", "co", "id", "net", "org", "news", "uk", "au", "go", "or", "ac", "my",
    "sg", "tv", "info", "in", "us", "de", "fr", "jp", "kr", "cn", "tempo",
}  # fmt: skip
_SUBDOMAINS = {"www", "m", "amp", "mobile", "en", "id", "news", "dunia", "nasional"}


@dataclass
class Line:
    text: str
    is_furniture: bool = False
    reason: str = ""


@dataclass
class Layout:
    """What the furniture pass found: the article's paragraphs and what was dropped."""

    paragraphs: list[str]
    boilerplate: list[str]
    title: str = ""
    dateline_outlet: str = ""
    dateline_place: str = ""
    #: (paragraph index, length of the dateline prefix) when a dateline was found
    dateline_at: tuple[int, int] | None = None
    header_lines: list[str] = field(default_factory=list)
    #: (index of the first paragraph after it, author) of an author box: what
    #: follows it is the author's post, not the publication's own account
    author_box: tuple[int, str] | None = None
    #: the body a release credits on a line of its own after the text ("(BPMI
    #: Setpres)", "(Humas Kemenko Marves)"): a site carrying a press release
    release_credit: str = ""


def is_sentence_like(text: str) -> bool:
    return bool(_TERMINAL.search(text))


def furniture_reason(line: str, *, position: int, total: int) -> str:
    """Why ``line`` is page furniture, or "" when it belongs to the article."""
    stripped = line.strip()
    bare = _BULLET.sub("", stripped).strip()
    if not bare:
        return ""
    if _WHOLE_LINE.match(bare):
        return "widget"
    if _LINE_START.match(bare):
        return "link or credit"
    if stripped.endswith("|") or stripped.startswith("|"):
        return "related list"
    if _DISCLAIMER.search(bare) and len(bare) < 400:
        return "disclaimer"
    if _CALL_TO_ACTION.search(bare) and (
        _PHONE_OR_URL.search(bare) or bare != stripped or len(bare.split()) < 8
    ):
        return "call to action"
    if _SITE_NOTICE.search(bare) and 3 <= len(bare.split()) <= 45:
        return "site notice"
    if IMAGE_FILE.fullmatch(bare.rstrip(".")):
        return "image"
    if _STORY_MENU.match(bare) and (bare.count(";") >= 2 or len(bare.split()) <= 12):
        return "story menu"
    if _broadcast_only(bare):
        return "presenter"
    if _SITE_HELP.search(bare) and len(bare.split()) <= 10:
        return "site notice"
    if AUTHOR_BOX.match(bare) and len(bare.split()) <= 60:
        return "author box"
    if _PHOTO_CREDIT_STRICT.search(bare) or (
        bare != stripped and _PHOTO_CREDIT.search(bare)
    ):
        return "photo caption"
    if _CREDIT_AT_END.search(bare) and len(bare.split()) <= 40:
        return "photo caption"
    if _ALL_CAPS_NAME.match(bare) and not re.search(r"\d", bare):
        return "byline"
    if _BYLINE.match(bare) and len(bare) < 120:
        return "byline"
    if len(_GLUED.findall(bare)) >= 2 and not is_sentence_like(bare):
        return "navigation"
    if len(_BREADCRUMB.findall(bare)) >= 2 and not is_sentence_like(bare):
        return "navigation"
    if _META_DATE.match(bare) or _RELATIVE_STAMP.match(bare) or _DATE_ONLY.match(bare):
        return "timestamp"
    if _STAMP_LABEL.match(bare):
        return "timestamp label"
    if _BYLINE_LABEL.match(bare):
        return "byline"
    if (
        len(bare) < 120
        and _TIME.search(bare)
        and _DATE_IN_LINE.search(bare)
        and not is_sentence_like(bare.rstrip("."))
    ):
        return "timestamp"
    if bare != stripped and len(bare.split()) <= 3 and not is_sentence_like(bare):
        return "widget"
    return ""


def _broadcast_only(line: str) -> bool:
    """A line that is only a presenter's spoken date and sign-on or sign-off."""
    parts = [p for p in re.split(r"(?<=[.!])\s+(?=[A-Z(])", line) if p]
    return (
        len(parts) <= 3
        and all(
            _SPOKEN_DATE.match(p) or _SIGN_ON.match(p) or _ADAPTED.match(p)
            for p in parts
        )
        and not all(_ADAPTED.match(p) for p in parts)
    )


#: a broadcast script's note after the sign-off: "(Adapted from a radio program
#: broadcast 19Dec2012)", "(Diadaptasi dari …)"
_ADAPTED = re.compile(
    r"^\((?:adapted|based|taken|diadaptasi|disadur)\s+(?:from|on|dari)\b[^)]{0,120}\)\.?$",
    re.IGNORECASE,
)


def author_in_box(line: str) -> str:
    """The author an author box names ("About the Author: Jane Roe serves as …"),
    or ""."""
    match = AUTHOR_BOX.match(_BULLET.sub("", line.strip()))
    if match is None or not match.group("name"):
        return ""
    return re.sub(r"^(?:Dr|Prof|Mr|Mrs|Ms)\.?\s+", "", match.group("name")).strip()


def find_dateline(paragraph: str) -> re.Match[str] | None:
    for pattern in _DATELINE:
        match = pattern.match(paragraph)
        if match and len(paragraph) > match.end() + 20:
            return match
    return None


def stacked_dateline(paragraph: str) -> tuple[str, str, int] | None:
    """(outlet, place, length) of the dateline markers opening ``paragraph``: one
    or several in a row ("jpnn.com - JAKARTA -", "Monitorday.com – Bogor –")."""
    match = find_dateline(paragraph)
    if match is None:
        return None
    outlet = (match.groupdict().get("outlet") or "").strip()
    place = (match.groupdict().get("place") or "").strip()
    end = match.end()
    for _ in range(2):  # an outlet, then a place (or the other way round)
        more = find_dateline(paragraph[end:])
        if more is None:
            break
        outlet = outlet or (more.groupdict().get("outlet") or "").strip()
        place = place or (more.groupdict().get("place") or "").strip()
        end += more.end()
    return outlet, place, end


def outlet_name(raw: str) -> str:
    """ "TRIBUNNEWS.COM" -> "Tribunnews", "Liputan6.com" -> "Liputan6", "AFP" stays."""
    raw = raw.strip().strip("()")
    parts = raw.split(".")
    while len(parts) > 1 and parts[-1].lower() in _DOMAIN_SUFFIXES:
        parts.pop()
    name = parts[-1] if parts else raw
    if len(parts) > 1 and parts[0].lower() in _SUBDOMAINS:
        name = parts[-1]
    if name.isupper() and len(name) > 4:
        name = name.capitalize()
    return name.strip()


def host_outlet(url: str) -> tuple[str, str]:
    """(name, host) of a URL's site: https://dunia.tempo.co/x -> (Tempo, tempo.co)."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return "", ""
    if not host:
        return "", ""
    labels = [p for p in host.split(".") if p]
    while labels and labels[0] in _SUBDOMAINS and len(labels) > 2:
        labels.pop(0)
    core = list(labels)
    while len(core) > 1 and core[-1] in _DOMAIN_SUFFIXES:
        core.pop()
    name = core[-1] if core else host
    name = name.upper() if len(name) <= 3 else name.capitalize()
    registered = ".".join(labels[len(core) - 1 :]) if core else host
    return name, registered


#: words a URL's slug leaves in lower case when it is read back as a title
_SLUG_LOWER = {
    "dan", "di", "ke", "dari", "dengan", "untuk", "yang", "pada", "dalam", "atau",
    "and", "of", "the", "with", "at", "in", "on", "for", "to", "a", "an", "by",
}  # fmt: skip


def url_title(url: str) -> str:
    """The headline a page's address spells ("…/wawancara-eksklusif-voa-dengan-wapres-
    jusuf-kalla-di-pbb-/4592514.html" -> "Wawancara Eksklusif Voa dengan Wapres Jusuf
    Kalla di Pbb"): the last path segment with words, its joining words in lower
    case; "" when there is none."""
    try:
        path = urlsplit(url).path
    except ValueError:
        return ""
    for segment in reversed([s for s in path.split("/") if s]):
        segment = re.sub(r"\.\w{2,5}$", "", segment)
        words = [w for w in re.split(r"[-_+]+", segment) if w.isalpha()]
        if len(words) >= 3:
            return " ".join(
                w.lower() if w.lower() in _SLUG_LOWER else w.capitalize() for w in words
            )
    return ""


#: a wiki's tagline under its page title: "From Wikinews, the free news source
#: you can write!"
WIKI_TAGLINE = re.compile(r"^From (?P<outlet>\w+), the free [\w\s]+!?$")
_WIKI_TAGLINE = WIKI_TAGLINE
#: hosts where anyone keeps a blog: the blog's own name is the subdomain
_BLOG_HOSTS = ("blogspot.com", "wordpress.com", "tumblr.com", "medium.com")


def blog_outlet(url: str, text: str) -> str:
    """The outlet a blog's copy carries, when the blog's name holds a name the text
    writes ("wikinewsreports.blogspot.com", "Wikinews has learned …"), else ""."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
    if not host.endswith(_BLOG_HOSTS):
        return ""
    blog = host.split(".")[0]
    for word in sorted(set(re.findall(r"\b[A-Z][\w]{3,}\b", text)), key=len)[::-1]:
        if word.casefold() in blog and len(word) >= 5:
            return word
    return ""


#: a credit inside a caption line: "Photo by X from Wikimedia", "Foto oleh X"
_PHOTO_CREDIT = re.compile(
    r"\b(?:Photo|Image|Picture|Foto|Gambar)\s+(?:by|from|courtesy\s+of|oleh|dari)\s"
)


def _notice_sized(line: str) -> bool:
    """A line short enough to be a site notice, not an article's paragraph."""
    return 5 <= len(line.split()) <= 45


def _doubled_captions(lines: list[str]) -> set[int]:
    """Indexes of photo captions printed twice in a row, as pages do with an
    image's alt text and its caption: the same line twice, or a line cut with "…"
    followed by the whole of it. Also a wiki's tagline."""
    found: set[int] = set()
    seen: dict[str, int] = {}
    for i, line in enumerate(lines):
        if _WIKI_TAGLINE.match(line) or (
            _PHOTO_CREDIT.search(line) and len(line.split()) <= 30
        ):
            found.add(i)
        # a notice of several lines printed twice ("This page is archived …"): not
        # the article (one sentence printed twice, a lead and its body, stays)
        j = seen.get(line)
        if j is not None and 1 < i - j <= 6 and _notice_sized(line):
            block = (
                i + 1 < len(lines)
                and lines[i + 1] == lines[j + 1]
                and _notice_sized(lines[i + 1])
            ) or (lines[i - 1] == lines[j - 1] and i - 1 != j)
            gap = lines[j:i]
            if block and all(_notice_sized(between) for between in gap):
                # the notice, its repeat and the lines between them
                found.update(range(j, i + 1))
        seen.setdefault(line, i)
        if i + 1 >= len(lines) or len(line) > 400:
            continue
        following = lines[i + 1]
        if line == following and len(line.split()) >= 3:
            found.update((i, i + 1))
        elif line.endswith(("…", "...")) and len(line.split()) >= 6:
            head = line.rstrip("….").split()[:6]
            if following.split()[:6] == head or _same_start(line, following):
                found.update((i, i + 1))
    return found


def _reworded_copy(before: str, line: str) -> bool:
    """``line`` repeats ``before`` but for a word or two: 12 words or more, at most
    two words more or fewer, and at most three words changed, added or dropped."""
    a, b = before.split(), line.split()
    if abs(len(a) - len(b)) > 2 or min(len(a), len(b)) < 12 or a == b:
        return False
    same = sum(
        block.size
        for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    )
    return max(len(a), len(b)) - same <= 3


def _same_start(cut: str, whole: str) -> bool:
    """A caption cut short and its whole: the same first words, near enough
    ("healthcare worker" / "health care worker")."""
    a = re.findall(r"\w+", cut.casefold())[:6]
    b = re.findall(r"\w+", whole.casefold())[:7]
    return len(a) == 6 and a[:2] == b[:2] and len(set(a) & set(b)) >= 4


def lay_out(text: str, *, title: str = "") -> Layout:
    """Split ``text`` into article paragraphs and furniture; find title and dateline."""
    raw_lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in raw_lines if line]
    total = len(lines)
    paragraphs: list[str] = []
    boilerplate: list[str] = []
    header: list[str] = []
    in_tail = False
    after_link_marker = False
    after_byline_label = False
    seen_body = False
    title_seen = False
    captions = _doubled_captions(lines)
    author_box: tuple[int, str] | None = None
    release_credit = ""
    for position, line in enumerate(lines):
        bare = _BULLET.sub("", line).strip()
        if position in captions:
            boilerplate.append(line)
            if not seen_body:
                header.append(line)
            continue
        if in_tail and is_sentence_like(line) and len(line.split()) >= 12:
            in_tail = False  # the article goes on after an inline list of links
        if in_tail:
            reason = "related list"
        elif seen_body and _TAIL_MARKER.match(bare):
            reason, in_tail = "related list", True
        elif after_link_marker and not is_sentence_like(line):
            reason = "related link"
        elif after_byline_label and _NAME_LINE.match(bare):
            reason = "byline"  # "By" on one line, the author on the next
        else:
            reason = furniture_reason(line, position=position, total=total)
        if (
            not reason
            and position + 1 < total
            and _CREDIT_LINE.match(lines[position + 1])
            and len(bare.split()) <= 15
        ):
            reason = "photo caption"  # the line its credit follows
        if not reason and not seen_body and _SECTION_LABEL.match(bare):
            reason = "section label"  # "News", "Nasional" above the headline
        after_byline_label = bool(_BYLINE_LABEL.match(bare))
        after_link_marker = bool(
            re.match(
                r"^(?:baca|lihat|simak|read)\s+(?:juga|also|more)\s*:?$", bare, re.I
            )
        )
        if reason == "author box" and author_in_box(line):
            author_box = (len(paragraphs), author_in_box(line))
        credit = _RELEASE_CREDIT.match(bare) if seen_body else None
        if credit and (" " in credit["name"] or len(credit["name"]) >= 4):
            release_credit = credit["name"]
        if reason:
            boilerplate.append(line)
            if not seen_body:
                header.append(line)
            continue
        if title and _same_text(line, title):
            if title_seen or seen_body:  # the headline printed again, after a byline
                boilerplate.append(line)
                if not seen_body:
                    header.append(line)
            title_seen = True
            continue
        if not title and not seen_body and _is_headline(line):
            title, title_seen = bare, True
            continue
        if (
            title
            and not seen_body
            and not is_sentence_like(line)
            and not paragraphs
            and not LABEL_LINE.match(bare)
        ):
            # between the headline and the first paragraph: section, byline, date
            # (not a transcript's first speaker label: the turn after it is theirs)
            boilerplate.append(line)
            header.append(line)
            continue
        if paragraphs and _reworded_copy(paragraphs[-1], line):
            # the paragraph before printed again with a word or two changed (an
            # editing remnant a copy kept): one of them is the article's
            boilerplate.append(line)
            continue
        # the same caption printed twice, or a heading echoing the title
        paragraphs.append(bare if bare != line and _BULLET.match(line) else line)
        if is_sentence_like(line) and len(line.split()) >= 6:
            seen_body = True
    layout = Layout(paragraphs=paragraphs, boilerplate=boilerplate, title=title)
    layout.header_lines = header
    layout.author_box = author_box
    layout.release_credit = release_credit
    for index, paragraph in enumerate(paragraphs[:8]):
        found = stacked_dateline(paragraph)
        if found:
            layout.dateline_outlet, layout.dateline_place, length = found
            layout.dateline_at = (index, length)
            break
    return layout


_AUTHOR_LINE = re.compile(
    r"^(?:by|oleh|penulis|reporter|pewarta|laporan\s+wartawan\s+[\w.]+|"
    r"reporting\s+by|writing\s+by)\s*:?\s*(?P<names>[^|;]+)",
    re.IGNORECASE,
)


def authors_from(lines: list[str]) -> str:
    """Authors named in byline lines: "By A and B", "Penulis: A | Editor: B"."""
    names: list[str] = []
    lines = list(lines)
    for i, line in enumerate(lines[:-1]):  # "By" on one line, the name on the next
        if _BYLINE_LABEL.match(line.strip()) and _NAME_LINE.match(lines[i + 1]):
            lines[i] = f"{line.strip().rstrip(':')} {lines[i + 1]}"
    for line in lines:
        for part in re.split(r"[|;]", _BULLET.sub("", line)):
            match = _AUTHOR_LINE.match(part.strip())
            if not match:
                continue
            for name in re.split(r",|\s+(?:and|dan)\s+|\s*&\s*", match["names"]):
                name = name.strip(" .")
                if 2 <= len(name) <= 60 and not re.search(r"\d", name):
                    name = name.title() if name.isupper() else name
                    if name not in names:
                        names.append(name)
    return ", ".join(names)


def _is_headline(line: str) -> bool:
    words = line.split()
    # a headline may ask or exclaim ("Ke Mana Menteri X?"); a quotation is no headline
    asks = (
        line.rstrip().endswith(("?", "!"))
        and len(words) <= 20
        and not re.search(r"[\"“”]", line)
    )
    return (
        2 <= len(words) <= 30
        and (asks or not is_sentence_like(line))
        and not line.endswith((":", ","))
        and find_dateline(line) is None
    )


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()
