"""The admin's "Import article" screen: paste or upload, review, save."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from claims import attribution as attribution_parts
from claims.attribution import Link
from claims.models import Source
from matching.finder import reasons as matching_reasons
from matching.finder import similar_to_texts
from matching.text import base_language, guess_language

from .failures import log_failure
from .forms import (
    ArticleForm,
    CandidateFormSet,
    ReviewForm,
    dates_text,
    parse_dates,
    sign,
)
from .jobs import article_import_start
from .pipeline import Analysis, Candidate, analyse, from_payload, to_payload
from .reading import InputError
from .scoring import FEATURES
from .services import (
    Decision,
    annotate_one,
    article_import,
    existing_source,
    is_known_source,
)

PERMISSIONS = ("claims.add_claim", "claims.add_document")
#: at most this many rows on the review screen (Django takes 1,000 fields a
#: request; each row posts 7)
logger = logging.getLogger(__name__)

MAX_REVIEW = 130
#: how many candidates the review screen looks up possible duplicates for (the
#: suggested ones, most check-worthy first): each is embedded, ~30 ms apiece on a
#: busy 2-core machine
DUPLICATES_ON_REVIEW = 20


def import_article(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perms(PERMISSIONS):
        raise PermissionDenied
    if request.method == "POST" and "payload" in request.POST:
        return _save(request)
    form = ArticleForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        if upload is not None and upload.size > settings.CLAIMDESK_IMPORT_JOB_BYTES:
            return _start_job(request, form.cleaned_data)
        try:
            analysis = _analyse(form.cleaned_data)
        except InputError as exc:
            log_failure(exc.code, *_described(form.cleaned_data), level=logging.WARNING)
            form.add_error(None, str(exc))
        except Exception as exc:
            log_failure("unexpected", *_described(form.cleaned_data), exception=exc)
            raise
        else:
            return _review(request, analysis)
    return render(
        request,
        "ingest/import_form.html",
        {
            **admin.site.each_context(request),
            "title": _("Import article"),
            "form": form,
        },
    )


def _start_job(request: HttpRequest, data: dict[str, Any]) -> HttpResponse:
    """A large file: analysed and saved by a worker, followed on the job's page."""
    upload = data["file"]
    job = article_import_start(
        by=request.user,
        raw=upload.read(),
        filename=upload.name or "",
        url=data.get("url"),
        publisher=data.get("publisher"),
        language=data.get("language"),
        published=data.get("published_on"),
    )
    messages.success(
        request,
        _(
            "The file is large, so it is imported in the background: the candidates "
            "at least as check-worthy as the review screen's default are saved."
        ),
    )
    return redirect(reverse("admin:claims_job_change", args=[job.pk]))


def _described(data: dict[str, Any]) -> tuple[str, int]:
    """The uploaded file's name and size, or "" and the pasted text's size."""
    upload = data.get("file")
    if upload is not None:
        return upload.name or "", upload.size or 0
    return "", len((data.get("text") or "").encode())


def _analyse(data: dict[str, Any]) -> Analysis:
    upload = data.get("file")
    if upload is not None:
        raw: bytes | str = upload.read()
        filename = upload.name
    else:
        raw, filename = data["text"], ""
    return analyse(
        raw,
        filename=filename,
        url=data.get("url") or "",
        publisher=data.get("publisher") or "",
        language=data.get("language") or "",
        published=data.get("published_on"),
        is_known_source=is_known_source,
    )


def _review(
    request: HttpRequest,
    analysis: Analysis,
    review: ReviewForm | None = None,
    formset: Any = None,
) -> HttpResponse:
    if review is None:
        review = ReviewForm(
            initial={
                "title": analysis.title,
                "url": analysis.url,
                "publisher": analysis.publisher,
                "language": analysis.language,
                "published_on": analysis.published_on,
                "payload": sign(to_payload(analysis)),
            }
        )
    candidates = analysis.candidates
    threshold = settings.CLAIMDESK_CHECKWORTHINESS_THRESHOLD
    shown = sorted(
        sorted(range(len(candidates)), key=lambda i: -candidates[i].checkworthiness)[
            :MAX_REVIEW
        ]
    )
    if formset is None:
        formset = CandidateFormSet(
            prefix="c",
            initial=[
                {
                    "index": i,
                    "accept": candidates[i].suggested,
                    "statement": candidates[i].statement,
                    "claimant": candidates[i].claimant,
                    "attribution": _attribution(candidates[i]),
                    "checkworthiness": candidates[i].checkworthiness,
                    "dates": dates_text(candidates[i].dates),
                }
                for i in shown
            ],
        )
    duplicates = _duplicates(analysis, shown)
    rows = []
    for form in formset.forms:
        try:
            index = int(form["index"].value())
            candidate = candidates[index]
        except (TypeError, ValueError, IndexError):
            continue
        rows.append(
            {
                "form": form,
                "candidate": candidate,
                "context": _context(analysis.text, candidate),
                "reasons": [
                    {
                        "label": FEATURES.get(feature, feature),
                        "weight": weight,
                        "up": weight > 0,
                    }
                    for feature, weight in candidate.reasons
                ],
                "chain": _chain(candidate),
                "duplicates": duplicates.get(index, []),
                **annotate_one(candidate),
            }
        )
    if len(candidates) > len(shown):
        messages.warning(
            request,
            _(
                "This text has %(n)d candidate claims; the %(shown)d most check-worthy "
                "are shown. Import long documents with the import_article command."
            )
            % {"n": len(candidates), "shown": len(shown)},
        )
    return render(
        request,
        "ingest/import_review.html",
        {
            **admin.site.each_context(request),
            "title": _("Review candidate claims"),
            "review": review,
            "formset": formset,
            "rows": rows,
            "analysis": analysis,
            "threshold": threshold,
        },
    )


def _duplicates(analysis: Analysis, shown: list[int]) -> dict[int, list[dict]]:
    """For the suggested candidates among ``shown`` (at most
    ``DUPLICATES_ON_REVIEW``, most check-worthy first), the existing claims over
    the suggest threshold, each with its score, a link and why. Matching that
    fails (no model, a database error) leaves the panel empty, never the
    review."""
    candidates = analysis.candidates
    picked = sorted(
        (i for i in shown if candidates[i].suggested),
        key=lambda i: -candidates[i].checkworthiness,
    )[:DUPLICATES_ON_REVIEW]
    if not picked:
        return {}
    try:
        found = similar_to_texts(
            [candidates[i].statement for i in picked], language=analysis.language
        )
    except Exception:  # the review must stay usable without matching
        logger.warning("Possible duplicates skipped on the review", exc_info=True)
        return {}
    query_language = base_language(analysis.language)
    return {
        i: [
            {
                "suggestion": s,
                "url": reverse("admin:claims_claim_change", args=[s.claim.pk]),
                "reasons": matching_reasons(
                    s, query_language or guess_language(candidates[i].statement)
                ),
            }
            for s in suggestions
            if s.suggested
        ]
        for i, suggestions in zip(picked, found, strict=True)
    }


#: characters of the article shown on each side of a candidate's quote
CONTEXT = 240


def _context(text: str, candidate: Candidate) -> dict[str, str]:
    """The quote with the text around it, cut at word boundaries."""
    before = text[max(0, candidate.start - CONTEXT) : candidate.start]
    after = text[candidate.end : candidate.end + CONTEXT]
    if candidate.start > CONTEXT:
        before = "…" + before.split(" ", 1)[-1]
    if candidate.end + CONTEXT < len(text):
        after = after.rsplit(" ", 1)[0] + "…"
    return {
        "before": before,
        "quote": text[candidate.start : candidate.end],
        "after": after,
    }


def _chain(candidate: Candidate) -> list[dict[str, Any]]:
    """The attribution chain's steps with their links worded, for display: the
    claimant first, then who relayed their words, each marked known or new."""
    steps = []
    for position, part in enumerate(candidate.attribution_chain):
        link = part.get("link", "")
        steps.append(
            {
                "name": part.get("name", ""),
                "role": part.get("role", ""),
                "link": str(Link(link).label) if link in Link.values else "",
                "known": position == 0
                or existing_source(part.get("name", "")) is not None,
            }
        )
    return steps


def sources(request: HttpRequest) -> JsonResponse:
    """Existing Sources whose name or alias contains ``q``, for the review
    screen's claimant field (at most 10; nothing under two characters)."""
    if not request.user.has_perms(PERMISSIONS):
        raise PermissionDenied
    query = " ".join(request.GET.get("q", "").split())[:100].replace("\x00", "")
    if len(query) < 2:
        return JsonResponse({"results": []})
    found = Source.objects.search(query).order_by("name")[:10]
    return JsonResponse(
        {"results": [{"id": s.pk, "name": s.name, "kind": s.kind} for s in found]}
    )


def _attribution(candidate: Candidate) -> str:
    """The analysed attribution in the reviewer's language, for them to edit."""
    return attribution_parts.render(candidate.attribution_chain, candidate.speech)


def _typed(row: dict[str, Any], candidate: Candidate) -> str | None:
    """What the reviewer wrote over the suggested attribution; None when they left
    it as shown (in any of the site's languages: they may have switched since), so
    that the parts are stored rather than this screen's words."""
    typed = " ".join((row.get("attribution") or "").split())
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            if typed == " ".join(_attribution(candidate).split()):
                return None
    return typed


def _save(request: HttpRequest) -> HttpResponse:
    review = ReviewForm(request.POST)
    formset = CandidateFormSet(request.POST, prefix="c")
    if not review.is_valid():
        if "payload" in review.errors:
            messages.error(request, str(review.errors["payload"][0]))
            return redirect("ingest:import-article")
        analysis = from_payload(review.cleaned_data["payload"])
        return _review(request, analysis, review, formset)
    analysis = from_payload(review.cleaned_data["payload"])
    if not formset.is_valid():
        return _review(request, analysis, review, formset)
    data = review.cleaned_data
    analysis.title = data["title"]
    analysis.url = data["url"] or ""
    analysis.publisher = data["publisher"] or ""
    analysis.language = data["language"]
    analysis.published_on = data["published_on"]
    decisions = []
    seen: set[int] = set()
    for form in formset.forms:
        row = form.cleaned_data
        if not row.get("accept") or row["index"] in seen:
            continue
        if not 0 <= row["index"] < len(analysis.candidates):
            continue
        seen.add(row["index"])
        candidate = analysis.candidates[row["index"]]
        typed_dates = " ".join((row.get("dates") or "").split())
        decisions.append(
            Decision(
                index=row["index"],
                statement=row["statement"],
                claimant=row.get("claimant") or "",
                attribution=_typed(row, candidate),
                checkworthiness=row.get("checkworthiness"),
                dates=None
                if typed_dates == " ".join(dates_text(candidate.dates).split())
                else parse_dates(row.get("dates") or "", candidate.dates),
            )
        )
    try:
        result = article_import(
            analysis=analysis,
            by=request.user,
            decisions=decisions,
            assignee=data.get("assignee"),
        )
    except ValidationError as exc:
        review.add_error(None, "; ".join(exc.messages))
        return _review(request, analysis, review, formset)
    except Exception as exc:
        log_failure("unexpected", "", len(analysis.text.encode()), exception=exc)
        raise
    messages.success(
        request,
        _(
            "Imported “%(title)s”: %(created)d new claims, %(reused)d new appearances "
            "of existing claims."
        )
        % {
            "title": result.document.title,
            "created": result.created,
            "reused": result.reused,
        },
    )
    return redirect(reverse("admin:claims_document_change", args=[result.document.pk]))
