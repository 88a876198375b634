"""``/sitemap.xml``: an index of per-section sitemaps of the public pages.

URLs are written on ``CLAIMDESK_SITE_URL`` (the public address), not on whichever host
the request came through. The claims and sources sections are paged by blocks of
primary keys (``?p=N`` holds ids ``(N-1)*block+1`` to ``N*block``), not by counting
rows: the index learns how many pages there are from ``MAX(id)`` (one index lookup)
and a page is one range scan of the primary key, so neither grows with the data (an
exact count of a million published claims, and a row-numbered page deep into them,
did). The price: a page holds at most ``block`` URLs but often fewer (unpublished
and archived rows leave holes), and may be empty, which is still a valid urlset.
The last page follows the highest id of any row, published or not; ids are in the
public URLs anyway, so this tells nobody more than the newest claim's address.

The XML is built as a string: Django's sitemap framework spent about a second per
5,000 URLs in its template and in ``reverse()`` per item.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from urllib.parse import quote
from xml.sax.saxutils import escape

from django.db.models import Max, Model
from django.db.models.functions import TruncDate
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse

from claims.links import site_url
from claims.models import Claim, Source

XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"

#: A sitemap entry: its location (already XML-escaped) and the day it last changed.
Entry = tuple[str, date | None]


def url_maker(name: str, kwarg: str, sample: str) -> Callable[[int | str], str]:
    """A function of a value giving ``name``'s public URL for it, XML-escaped:
    ``reverse()`` runs once (with ``sample``), and each value is spliced into
    its result, a string percent-encoded as ``reverse()`` would."""
    head, _, tail = site_url(reverse(name, kwargs={kwarg: sample})).rpartition(sample)
    head, tail = escape(head), escape(tail)

    def url(value: int | str) -> str:
        if isinstance(value, str):
            value = quote(value, safe="")
        return f"{head}{value}{tail}"

    return url


class Section:
    changefreq = ""
    priority = ""

    def page_count(self) -> int:
        return 1

    def entries(self, page: int) -> Iterable[Entry]:
        raise NotImplementedError

    def render(self, page: int) -> str:
        """Page ``page`` (from 1) as a sitemaps.org urlset."""
        tail = (
            f"<changefreq>{self.changefreq}</changefreq>"
            f"<priority>{self.priority}</priority></url>\n"
        )
        parts = [XML_HEAD, f'<urlset xmlns="{NAMESPACE}">\n']
        for location, lastmod in self.entries(page):
            parts.append(f"<url><loc>{location}</loc>")
            if lastmod is not None:
                parts.append(f"<lastmod>{lastmod}</lastmod>")
            parts.append(tail)
        parts.append("</urlset>\n")
        return "".join(parts)


class StaticSection(Section):
    changefreq = "daily"
    priority = "0.6"
    names = ("claims:home", "claims:claim-list", "claims:timeline")

    def entries(self, page: int) -> Iterable[Entry]:
        return [(escape(site_url(reverse(name))), None) for name in self.names]


class BlockSection(Section):
    """A section paged by blocks of ``block`` primary keys of ``model``."""

    model: type[Model]
    block = 2000

    def page_count(self) -> int:
        last = self.model._default_manager.aggregate(last=Max("pk"))["last"] or 0
        return max(1, -(-last // self.block))  # whole blocks, rounded up

    def ids(self, page: int) -> tuple[int, int]:
        """The first and last primary key of page ``page``'s block."""
        return (page - 1) * self.block + 1, page * self.block


class ClaimSection(BlockSection):
    """Published claims (``published()``: not retracted, not archived), with the
    day their page last changed (``page_changed_at``, not the desk's edits) in the
    site's time zone, as Django's sitemaps printed it. The database truncates it:
    loading and converting 2,000 aware datetimes took longer than the query."""

    model = Claim
    changefreq = "weekly"
    priority = "0.8"

    def entries(self, page: int) -> Iterable[Entry]:
        url = url_maker("claims:claim-detail", "pk", "2147483647")
        rows = (
            Claim.objects.published()
            .filter(pk__range=self.ids(page))
            .order_by("pk")
            .values_list("pk", TruncDate("page_changed_at"))
        )
        return [(url(pk), changed) for pk, changed in rows]


class SourceSection(BlockSection):
    """Sources with a public page (``with_public_page()``; never archived ones).

    No lastmod: the latest change among a source's claims is a scan of all of
    them (87,800 for the largest source at a million claims), and the field is
    optional."""

    model = Source
    changefreq = "weekly"
    priority = "0.5"

    def entries(self, page: int) -> Iterable[Entry]:
        url = url_maker("claims:source-detail", "slug", "sitemap-slug")
        rows = (
            Source.objects.with_public_page()
            .filter(pk__range=self.ids(page))
            .order_by("pk")
            .values_list("slug", flat=True)
        )
        return [(url(slug), None) for slug in rows]


SECTIONS: dict[str, Section] = {
    "pages": StaticSection(),
    "claims": ClaimSection(),
    "sources": SourceSection(),
}


def _xml(body: str) -> HttpResponse:
    response = HttpResponse(body, content_type="application/xml")
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"  # as Django's sitemaps
    return response


def sitemap_index(request: HttpRequest) -> HttpResponse:
    """The sitemap index, with every page of every section, on the public address."""
    parts = [XML_HEAD, f'<sitemapindex xmlns="{NAMESPACE}">\n']
    for name, section in SECTIONS.items():
        url = escape(site_url(reverse("claims:sitemap-section", args=[name])))
        pages = [url] + [
            f"{url}?p={page}" for page in range(2, section.page_count() + 1)
        ]
        parts += [f"<sitemap><loc>{loc}</loc></sitemap>\n" for loc in pages]
    parts.append("</sitemapindex>\n")
    return _xml("".join(parts))


def sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    """One page (``?p=N``, from 1) of a section; 404 for an unknown section, a
    ``p`` that is not a whole number from 1 or one past the last page."""
    sitemap = SECTIONS.get(section)
    if sitemap is None:
        raise Http404(f"No sitemap section {section!r}")
    try:
        page = int(request.GET.get("p", "1"))
    except ValueError:
        raise Http404("No such sitemap page") from None
    if not 1 <= page <= sitemap.page_count():
        raise Http404("No such sitemap page")
    return _xml(sitemap.render(page))
