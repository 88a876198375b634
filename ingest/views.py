"""The admin's "Import article" screen: paste or upload, review, save."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from claims import attribution as attribution_parts

from .failures import log_failure
from .forms import ArticleForm, CandidateFormSet, ReviewForm, sign
from .jobs import article_import_start
from .pipeline import Analysis, Candidate, analyse, from_payload, to_payload
from .reading import InputError
from .services import Decision, annotate_one, article_import, is_known_source

PERMISSIONS = ("claims.add_claim", "claims.add_document")
#: at most this many rows on the review screen (Django takes 1,000 fields a request)
MAX_REVIEW = 150


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
                    "accept": candidates[i].checkworthiness >= threshold,
                    "statement": candidates[i].statement,
                    "claimant": candidates[i].claimant,
                    "attribution": _attribution(candidates[i]),
                    "checkworthiness": candidates[i].checkworthiness,
                }
                for i in shown
            ],
        )
    rows = []
    for form in formset.forms:
        try:
            index = int(form["index"].value())
            candidate = candidates[index]
        except (TypeError, ValueError, IndexError):
            continue
        rows.append({"form": form, "candidate": candidate, **annotate_one(candidate)})
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
        decisions.append(
            Decision(
                index=row["index"],
                statement=row["statement"],
                claimant=row.get("claimant") or "",
                attribution=_typed(row, analysis.candidates[row["index"]]),
                checkworthiness=row.get("checkworthiness"),
            )
        )
    try:
        result = article_import(analysis=analysis, by=request.user, decisions=decisions)
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
