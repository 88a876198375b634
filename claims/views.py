"""Public pages (placeholder until the public site lands)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .models import Claim, Source


def home(request: HttpRequest) -> HttpResponse:
    claims = Claim.objects.published().with_public_related()[:20]
    return render(request, "claims/home.html", {"claims": claims})


def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim.objects.with_public_page(), pk=pk)
    return render(request, "claims/claim_detail.html", {"claim": claim})


def source_detail(request: HttpRequest, slug: str) -> HttpResponse:
    source = get_object_or_404(Source.objects.active(), slug=slug)
    return render(request, "claims/source_detail.html", {"source": source})
