"""Security headers: Permissions-Policy (the public site and the desk use no device
APIs) and Content-Security-Policy (django-csp, configured in settings)."""

from __future__ import annotations

from collections.abc import Callable

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import HttpRequest, HttpResponse


def header_value(policy: dict[str, list[str]]) -> str:
    """``{"camera": [], "fullscreen": ["self"]}`` → ``camera=(), fullscreen=(self)``."""
    return ", ".join(
        f"{feature}=({' '.join(origins)})" for feature, origins in policy.items()
    )


class PermissionsPolicyMiddleware:
    """Sets ``Permissions-Policy`` from ``CLAIMDESK_PERMISSIONS_POLICY`` on responses
    that have none (a view may set its own)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.value = header_value(settings.CLAIMDESK_PERMISSIONS_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.value and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.value
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with a fresh nonce in every policy it sends.

    django-csp names the nonce only in responses whose template read it; drawing it
    up front gives every response the same policy shape, so a template that adds
    ``nonce="{{ CSP_NONCE }}"`` to an inline element needs nothing else, and a page
    whose header lacks the nonce cannot pass for one that used it."""

    def process_request(self, request: HttpRequest) -> None:
        super().process_request(request)
        str(request.csp_nonce)  # type: ignore[attr-defined]
