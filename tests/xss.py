"""What counts as an executable payload, decided by a real HTML parser (lxml's
libxml2) rather than by looking for substrings: the tests of every public and
admin surface ask ``executable(html)`` for a list of what would run."""

from __future__ import annotations

import json
import re
from html import unescape

import lxml.etree
import lxml.html

#: Elements that load or run something whatever their attributes.
_ACTIVE = {"iframe", "frame", "frameset", "object", "embed", "applet", "base"}
_URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "data", "poster", "background",
    "xlink:href", "{http://www.w3.org/1999/xlink}href", "srcdoc", "lowsrc",
    "dynsrc", "ping", "cite", "codebase",
}  # fmt: skip
_BAD_SCHEME = re.compile(r"^(?:javascript|data|vbscript|livescript):", re.I)
_IGNORED = re.compile(r"[\x00-\x20\x7f]+")
#: Our own script elements: data for machines, or a file from our static folder.
_DATA_SCRIPTS = {"application/ld+json", "application/json"}


def dangerous_url(value: str) -> bool:
    """Would a browser run ``value`` as a URL? Entities decoded (a parser already
    decoded them once; a second pass catches double-encoding), whitespace and
    control characters dropped, as browsers drop them."""
    for text in (value, unescape(value)):
        if _BAD_SCHEME.match(_IGNORED.sub("", text)):
            return True
    return False


#: Where our own script files come from: the static folder and the admin's catalog.
OWN_SCRIPTS = ("/static/", "/admin/jsi18n/")


def executable(html: str, own_scripts: tuple[str, ...] = OWN_SCRIPTS) -> list[str]:
    """Each part of ``html`` that a browser would execute, described."""
    found: list[str] = []
    if not html.strip():
        return found
    try:
        root = lxml.html.document_fromstring(html)
    except lxml.etree.ParserError:
        return found  # nothing but whitespace or comments
    for element in root.iter():
        if not isinstance(element.tag, str):  # comments, processing instructions
            continue
        tag = element.tag.lower().rpartition("}")[2]
        described = lxml.html.tostring(element, encoding="unicode")[:160]
        for name, value in element.attrib.items():
            name = name.lower()
            if name.startswith("on"):
                found.append(f"event handler {name}: {described}")
            elif name in _URL_ATTRIBUTES and dangerous_url(value):
                found.append(f"{name}={value!r}: {described}")
            elif name == "style" and re.search(
                r"expression\(|javascript:|url\(\s*['\"]?\s*(?:javascript|data):",
                value,
                re.I,
            ):
                found.append(f"style: {described}")
        if tag in _ACTIVE:
            found.append(f"<{tag}>: {described}")
        elif tag == "meta" and element.get("http-equiv", "").lower() == "refresh":
            found.append(f"meta refresh: {described}")
        elif tag == "script":
            problem = _foreign_script(element, own_scripts)
            if problem:
                found.append(f"{problem}: {described}")
    return found


def _foreign_script(element: lxml.html.HtmlElement, own: tuple[str, ...]) -> str:
    """Why this <script> is not one of ours, or ""."""
    kind = (element.get("type") or "").strip().lower()
    text = element.text or ""
    src = element.get("src")
    if src is not None:
        if not src.startswith(own) or text.strip():
            return "script from elsewhere"
        return ""
    if kind not in _DATA_SCRIPTS:
        return "inline script"
    if "</script" in text.lower():
        return "script data that closes its element"
    try:
        json.loads(text)
    except ValueError:
        return "script data that is not JSON"
    return ""
