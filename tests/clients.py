"""A test client whose ``force_login`` also passes the desk's second step.

Signing in with a password (``client.post`` to the login page, or the browser) goes
through two-factor sign-in as a user would; ``force_login`` is the shortcut for tests
about something else, so it gives the user a confirmed authenticator device and marks
the session verified by it, as ``django_otp.login`` does. ``verified=False`` leaves
the session at the password step.
"""

import django_otp
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

TEST_DEVICE = "Test authenticator"


def confirmed_device(user):
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name=TEST_DEVICE, defaults={"confirmed": True}
    )
    return device


class DeskClient(Client):
    def force_login(self, user, backend=None, *, verified=True):
        super().force_login(user, backend)
        if verified:
            session = self.session
            session[django_otp.DEVICE_ID_SESSION_KEY] = confirmed_device(
                user
            ).persistent_id
            session.save()


def totp_now(device):
    """The code the user's authenticator app shows now."""
    from django_otp.oath import totp

    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:0{device.digits}d}"
