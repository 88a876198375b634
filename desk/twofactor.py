"""Two-factor sign-in to the desk: an authenticator app (TOTP) and recovery codes.

After the password, a user with a confirmed device must give a code before any desk
page opens (``TwoFactorMiddleware``); a superuser or a member of a group in
``CLAIMDESK_2FA_REQUIRED_GROUPS`` without one is sent to enrol first. Enrolment shows
a QR code and the secret, asks for a first code, then shows ten single-use recovery
codes once. The public site never asks: the middleware looks only at the desk.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable
from urllib.parse import urlencode

import django_otp
import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .clientip import client_ip

logger = logging.getLogger(__name__)

RECOVERY_CODES = 10
APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"
#: desk URL names that open before the second step
OPEN_VIEWS = ("login", "logout", "jsi18n", "2fa-verify", "2fa-setup")

User = AbstractBaseUser | AnonymousUser


def is_required(user: User) -> bool:
    """Must this user have a second factor before the desk opens?"""
    if not settings.CLAIMDESK_2FA_ENFORCED or not user.is_authenticated:
        return False
    if getattr(user, "is_superuser", False):
        return True
    groups = settings.CLAIMDESK_2FA_REQUIRED_GROUPS
    return (
        bool(groups)
        and get_user_model()
        .objects.filter(pk=user.pk, groups__name__in=groups)
        .exists()
    )


def has_device(user: User) -> bool:
    return bool(django_otp.user_has_device(user, confirmed=True))


def is_verified(user: User) -> bool:
    return bool(getattr(user, "is_verified", lambda: False)())


def verify_code(user: User, code: str) -> Device | None:
    """The confirmed device of ``user`` that accepts ``code`` (a recovery code is
    used up by this), or None. Each device throttles its own failures."""
    code = "".join(code.split())
    if not code or len(code) > 32:
        return None
    with transaction.atomic():
        for device in django_otp.devices_for_user(user, for_verify=True):
            if device.verify_token(code):
                return device
    return None


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("admin:index")


def _to(name: str, request: HttpRequest) -> HttpResponseRedirect:
    return HttpResponseRedirect(
        reverse(name) + "?" + urlencode({"next": request.get_full_path()})
    )


class TwoFactorMiddleware:
    """Holds the desk shut until the signed-in user has passed the second step."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        prefix = reverse("admin:index")
        if request.path.startswith(prefix) and not self.is_open(request):
            user = request.user
            if user.is_authenticated and user.is_staff and not is_verified(user):
                if has_device(user):
                    return _to("admin:2fa-verify", request)
                if is_required(user):
                    return _to("admin:2fa-setup", request)
        return self.get_response(request)

    @staticmethod
    def is_open(request: HttpRequest) -> bool:
        return any(
            request.path == reverse(f"admin:{name}") for name in OPEN_VIEWS
        ) or request.path.startswith(settings.STATIC_URL)


class CodeForm(forms.Form):
    otp_token = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=64,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "size": 12}
        ),
    )


def _context(request: HttpRequest, title: str, **extra: object) -> dict[str, object]:
    return {
        **admin.site.each_context(request),
        "title": title,
        "next": _next(request),
        **extra,
    }


def verify_view(request: HttpRequest) -> HttpResponse:
    """The second step: a code from the app, or one recovery code."""
    user = request.user
    if not user.is_authenticated:
        return redirect("admin:login")
    if is_verified(user) or not has_device(user):
        return HttpResponseRedirect(_next(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = verify_code(user, form.cleaned_data["otp_token"])
        if device is not None:
            request.session.cycle_key()
            django_otp.login(request, device)
            if isinstance(device, StaticDevice):
                left = device.token_set.count()
                messages.warning(
                    request,
                    _(
                        "You signed in with a recovery code; %(left)d are left. "
                        "Make new ones under “Two-factor sign-in” if you run low."
                    )
                    % {"left": left},
                )
            return HttpResponseRedirect(_next(request))
        logger.warning(
            "second factor refused",
            extra={
                "event": "otp_refused",
                "username": user.get_username(),
                "ip": client_ip(request),
            },
        )
        form.add_error(
            "otp_token",
            _("That code is not right, or it has been used. Try the current one."),
        )
    return TemplateResponse(
        request,
        "admin/desk/2fa_verify.html",
        _context(request, _("Two-factor sign-in"), form=form),
    )


def _qr_svg(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    svg: str = image.to_string(encoding="unicode")
    return svg


def _new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(
        user=user, name=RECOVERY_DEVICE_NAME, confirmed=True
    )
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def setup_view(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app (or replace it), and make recovery codes."""
    user = request.user
    if not user.is_authenticated:
        return redirect("admin:login")
    enrolled = has_device(user)
    if enrolled and not is_verified(user):
        return _to("admin:2fa-verify", request)
    if enrolled and request.method == "POST" and "recovery" in request.POST:
        with transaction.atomic():
            codes = _new_recovery_codes(user)
        return _codes_page(request, codes)
    if enrolled and request.method == "GET" and "replace" not in request.GET:
        left = StaticToken.objects.filter(device__user=user).count()
        return TemplateResponse(
            request,
            "admin/desk/2fa_status.html",
            _context(request, _("Two-factor sign-in"), recovery_left=left),
        )
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name=APP_DEVICE_NAME, confirmed=False
        )
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token("".join(form.cleaned_data["otp_token"].split())):
            with transaction.atomic():
                TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                codes = _new_recovery_codes(user)
            request.session.cycle_key()
            django_otp.login(request, device)
            logger.info(
                "second factor enrolled",
                extra={"event": "otp_enrolled", "username": user.get_username()},
            )
            return _codes_page(request, codes)
        form.add_error(
            "otp_token",
            _("That code is not right. Check the clock of your phone and try again."),
        )
    secret = base64.b32encode(device.bin_key).decode()
    return TemplateResponse(
        request,
        "admin/desk/2fa_setup.html",
        _context(
            request,
            _("Set up two-factor sign-in"),
            form=form,
            secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            # SVG that qrcode drew from the otpauth URL: markup of our own making.
            qr_svg=mark_safe(_qr_svg(device.config_url)),
            required=is_required(user),
        ),
    )


def _codes_page(request: HttpRequest, codes: list[str]) -> HttpResponse:
    response = TemplateResponse(
        request,
        "admin/desk/2fa_recovery_codes.html",
        _context(request, _("Your recovery codes"), codes=codes),
    )
    response["Cache-Control"] = "no-store"
    return response
