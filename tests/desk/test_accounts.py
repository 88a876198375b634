"""Accounts: sign-in throttling, two-factor sign-in, session lifetime, roles.

Sign-ins go through the login page with a password, as a person's would; the
second step through its page with a code.
"""

import base64
import datetime as dt
import logging
import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from desk.sessions import LOGIN_AT, SEEN_AT
from tests.clients import DeskClient, totp_now
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
INDEX = reverse("admin:index")
VERIFY = reverse("admin:2fa-verify")
SETUP = reverse("admin:2fa-setup")
ATTEMPTS = reverse("admin:axes_accessattempt_changelist")
USERS = reverse("admin:auth_user_changelist")
PASSWORD = "pass-word-123"
HOME = "203.0.113.7"


def login(client, username, password, ip=HOME, **headers):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": INDEX},
        REMOTE_ADDR=ip,
        **headers,
    )


def signed_in(client):
    return client.get(INDEX).status_code == 200


def lock_out(client, username, ip=HOME, **headers):
    """The failure limit (5) of wrong passwords; returns the responses."""
    return [login(client, username, "wrong-Secret-42", ip, **headers) for _ in range(5)]


# --- Throttling ----------------------------------------------------------------------


def test_five_wrong_passwords_lock_the_username_from_that_address(client, fact_checker):
    responses = lock_out(client, "fc")
    assert [r.status_code for r in responses[:4]] == [200] * 4  # login page, error
    refused = login(client, "fc", PASSWORD)
    assert refused.status_code == 429
    text = refused.content.decode()
    assert "Too many failed sign-ins" in text
    assert "Try again in 15 minutes" in text
    assert refused["Retry-After"] == "900"
    assert not signed_in(client)
    (attempt,) = AccessAttempt.objects.all()
    assert (attempt.username, attempt.ip_address) == ("fc", HOME)


def test_four_wrong_passwords_do_not_lock(client, fact_checker):
    for _ in range(4):
        login(client, "fc", "wrong-Secret-42")
    assert login(client, "fc", PASSWORD).status_code == 302
    assert signed_in(client)


def test_another_address_or_another_user_behind_it_still_gets_in(
    client, fact_checker, editor
):
    lock_out(client, "fc")
    elsewhere = DeskClient()
    assert login(elsewhere, "fc", PASSWORD, ip="198.51.100.20").status_code == 302
    colleague = DeskClient()  # same newsroom NAT, another account
    assert login(colleague, "ed", PASSWORD).status_code == 302


def test_the_lock_lifts_after_the_cool_off(client, fact_checker):
    lock_out(client, "fc")
    assert login(client, "fc", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=16))
    assert login(client, "fc", PASSWORD).status_code == 302
    assert signed_in(client)


def test_an_editor_unlocks_in_the_admin(client, fact_checker, editor):
    lock_out(client, "fc")
    desk = DeskClient()
    desk.force_login(editor)
    listing = desk.get(ATTEMPTS)
    assert listing.status_code == 200
    assert "Unlock: allow these sign-ins again" in listing.content.decode()
    attempt = AccessAttempt.objects.get(username="fc")
    response = desk.post(
        ATTEMPTS,
        {"action": "unlock", "_selected_action": [attempt.pk]},
        follow=True,
    )
    assert "Unlocked 1 sign-in" in response.content.decode()
    assert login(client, "fc", PASSWORD).status_code == 302


def test_a_fact_checker_cannot_unlock(client, fact_checker):
    client.force_login(fact_checker)
    assert client.get(ATTEMPTS).status_code == 403


def test_one_trusted_proxy_picks_the_address_it_saw(client, fact_checker, settings):
    settings.CLAIMDESK_TRUSTED_PROXIES = 1
    proxy = "10.0.0.2"
    lock_out(client, "fc", ip=proxy, HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {
        "198.51.100.9"
    }
    # The client writes another address in front: the proxy still appends the real.
    spoofed = login(
        client,
        "fc",
        PASSWORD,
        ip=proxy,
        HTTP_X_FORWARDED_FOR="192.0.2.55, 198.51.100.9",
    )
    assert spoofed.status_code == 429
    neighbour = DeskClient()
    assert (
        login(
            neighbour, "fc", PASSWORD, ip=proxy, HTTP_X_FORWARDED_FOR="198.51.100.10"
        ).status_code
        == 302
    )


def test_without_trusted_proxy_the_header_is_ignored(client, fact_checker):
    lock_out(client, "fc", HTTP_X_FORWARDED_FOR="198.51.100.9")
    # A new X-Forwarded-For does not make a new address.
    refused = login(client, "fc", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.77")
    assert refused.status_code == 429
    assert AccessAttempt.objects.get().ip_address == HOME


def test_failures_and_the_lockout_are_logged_without_the_password(
    client, fact_checker, caplog
):
    with caplog.at_level(logging.INFO):
        lock_out(client, "fc")
        login(client, "fc", "another-Secret-43")
    refused = [r for r in caplog.records if r.name == "desk.signals"]
    assert len(refused) == 6
    assert {(r.username, r.ip) for r in refused} == {("fc", HOME)}
    locked = [r for r in caplog.records if r.name == "desk.lockout"]
    assert locked and {(r.username, r.ip) for r in locked} == {("fc", HOME)}
    axes = [r.getMessage() for r in caplog.records if r.name.startswith("axes")]
    assert any("New login failure" in m and "fc" in m and HOME in m for m in axes)
    assert any("Locking out" in m and "fc" in m for m in axes)
    everything = caplog.text + " ".join(repr(vars(r)) for r in caplog.records)
    assert "wrong-Secret-42" not in everything
    assert "another-Secret-43" not in everything


# --- Two-factor sign-in ------------------------------------------------------------


def enrol(client, user):
    """Walk the enrolment page as the user: read the secret, give its code."""
    page = client.get(SETUP).content.decode()
    assert "<svg" in page
    secret = re.search(r'id="cd-2fa-secret">([A-Z2-7 ]+)<', page).group(1)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert secret.replace(" ", "") == base64.b32encode(device.bin_key).decode()
    # A wrong code before holds the device back a second (django-otp's throttle).
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    return client.post(SETUP, {"otp_token": totp_now(device), "next": INDEX})


def test_an_editor_must_enrol_before_the_desk_opens(client, editor):
    assert login(client, "ed", PASSWORD).status_code == 302
    response = client.get(INDEX)
    assert response.status_code == 302
    assert response["Location"] == f"{SETUP}?next=%2Fadmin%2F"
    assert client.get(reverse("admin:claims_claim_changelist")).status_code == 302
    wrong = client.post(SETUP, {"otp_token": "000000"})
    assert "That code is not right" in wrong.content.decode()
    codes_page = enrol(client, editor)
    assert codes_page.status_code == 200
    codes = re.findall(r"<li><code>(\w+)</code></li>", codes_page.content.decode())
    assert len(codes) == 10
    assert "no-store" in codes_page["Cache-Control"]
    assert signed_in(client)


def test_a_superuser_must_enrol_too(client, superuser):
    login(client, "root", PASSWORD)
    assert client.get(INDEX)["Location"].startswith(SETUP)


def test_a_fact_checker_may_go_in_without_and_enrol_from_the_user_tools(
    client, fact_checker
):
    login(client, "fc", PASSWORD)
    index = client.get(INDEX)
    assert index.status_code == 200
    assert f'href="{SETUP}">Two-factor sign-in</a>' in index.content.decode()
    assert enrol(client, fact_checker).status_code == 200
    # From now on the fact-checker's sign-in asks for the code.
    other = DeskClient()
    login(other, "fc", PASSWORD)
    assert other.get(INDEX)["Location"].startswith(VERIFY)


def unthrottle(user):
    """django-otp holds a device back a second after a wrong code: a person takes
    longer than that to type the next one; a test does not."""
    for model in (TOTPDevice, StaticDevice):
        model.objects.filter(user=user).update(throttling_failure_count=0)


def test_an_enrolled_user_passes_the_code_step(client, editor):
    enrolled = DeskClient()
    login(enrolled, "ed", PASSWORD)
    codes = re.findall(
        r"<li><code>(\w+)</code></li>", enrol(enrolled, editor).content.decode()
    )
    device = TOTPDevice.objects.get(user=editor, confirmed=True)

    login(client, "ed", PASSWORD)
    assert client.get(INDEX)["Location"] == f"{VERIFY}?next=%2Fadmin%2F"
    wrong = client.post(VERIFY, {"otp_token": "123456", "next": INDEX})
    assert wrong.status_code == 200
    assert "That code is not right" in wrong.content.decode()
    assert not signed_in(client)
    unthrottle(editor)

    # A recovery code works once.
    used = client.post(VERIFY, {"otp_token": codes[0], "next": INDEX})
    assert used.status_code == 302
    assert signed_in(client)
    assert StaticToken.objects.filter(device__user=editor).count() == 9
    again = DeskClient()
    login(again, "ed", PASSWORD)
    refused = again.post(VERIFY, {"otp_token": codes[0], "next": INDEX})
    assert "That code is not right" in refused.content.decode()
    unthrottle(editor)

    # The app's code: the one enrolment used is spent, the next step's is not.
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    accepted = again.post(VERIFY, {"otp_token": totp_now(device), "next": INDEX})
    assert accepted["Location"] == INDEX
    assert signed_in(again)


def test_the_public_site_never_asks_for_a_code(client, editor):
    login(client, "ed", PASSWORD)
    assert client.get("/").status_code == 200


def test_two_factor_is_not_enforced_when_turned_off(client, editor, settings):
    settings.CLAIMDESK_2FA_ENFORCED = False
    login(client, "ed", PASSWORD)
    assert signed_in(client)


# --- Sessions -------------------------------------------------------------------------


def shift(client, **seconds):
    session = client.session
    for key, back in seconds.items():
        session[key] = session[key] - back
    session.save()


def test_an_idle_session_ends(client, fact_checker):
    login(client, "fc", PASSWORD)
    shift(client, **{SEEN_AT: 7 * 3600})
    assert signed_in(client)  # 7 hours idle: still in, and the clock is reset
    shift(client, **{SEEN_AT: 8 * 3600 + 60})
    assert not signed_in(client)


def test_a_session_ends_a_day_after_sign_in_however_busy(client, fact_checker):
    login(client, "fc", PASSWORD)
    shift(client, **{LOGIN_AT: 24 * 3600 + 60})
    assert not signed_in(client)


def test_changing_the_password_signs_out_the_other_sessions(fact_checker):
    laptop, phone = DeskClient(), DeskClient()
    for device in (laptop, phone):
        login(device, "fc", PASSWORD)
        assert signed_in(device)
    response = laptop.post(
        reverse("admin:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a-New-secret-2026",
            "new_password2": "a-New-secret-2026",
        },
    )
    assert response.status_code == 302
    assert signed_in(laptop)
    assert not signed_in(phone)


# --- Roles ----------------------------------------------------------------------------


def test_a_role_makes_staff_and_the_last_role_gone_takes_it(client):
    user = UserFactory(username="newbie", is_staff=False)
    editors = Group.objects.get(name="Editors")
    user.groups.add(Group.objects.get(name="Fact-checkers"))
    user.refresh_from_db()
    assert user.is_staff
    assert login(client, "newbie", PASSWORD).status_code == 302
    assert signed_in(client)

    editors.user_set.add(user)
    user.groups.remove(Group.objects.get(name="Fact-checkers"))
    user.refresh_from_db()
    assert user.is_staff  # still an editor
    editors.user_set.clear()
    user.refresh_from_db()
    assert not user.is_staff
    assert not signed_in(client)


def test_a_superuser_keeps_staff_without_a_role(superuser):
    superuser.groups.add(Group.objects.get(name="Editors"))
    superuser.groups.clear()
    superuser.refresh_from_db()
    assert superuser.is_staff


def test_the_users_list_shows_and_filters_roles(
    client, superuser, fact_checker, editor
):
    client.force_login(superuser)
    page = client.get(USERS).content.decode()
    assert "<th" in page and "Roles" in page
    assert re.search(r"fc</a></th>.*?Fact-checkers", page, re.S)
    editors = client.get(USERS, {"role": "Editors"}).content.decode()
    assert ">ed</a>" in editors and ">fc</a>" not in editors
    none = client.get(USERS, {"role": "none"}).content.decode()
    assert ">root</a>" in none and ">ed</a>" not in none
