"""Refused logins to the desk are logged once, with the username and the client IP."""

import logging

from django.urls import reverse

from config.logformat import KeyValueFormatter

LOGIN = reverse("admin:login")


def refusals(caplog):
    return [r for r in caplog.records if r.name == "desk.signals"]


def login(client, username, password, **headers):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR="203.0.113.7",
        **headers,
    )


def test_a_wrong_password_is_logged_once_without_it(client, fact_checker, caplog):
    with caplog.at_level(logging.INFO):
        response = login(client, "fc", "wrong-Secret-42")
    assert response.status_code == 200  # the login page again, with its error
    (record,) = refusals(caplog)
    assert (record.levelname, record.username, record.ip) == (
        "WARNING",
        "fc",
        "203.0.113.7",
    )
    line = KeyValueFormatter().format(record)
    assert "username=fc ip=203.0.113.7" in line
    assert "wrong-Secret-42" not in line
    assert "wrong-Secret-42" not in repr(vars(record))
    assert "password" not in line and "credentials" not in vars(record)


def test_an_unknown_user_is_logged_too(client, db, caplog):
    with caplog.at_level(logging.INFO):
        login(client, "nobody", "x", HTTP_X_FORWARDED_FOR="198.51.100.1")
    (record,) = refusals(caplog)
    assert (record.username, record.ip, record.forwarded_for) == (
        "nobody",
        "203.0.113.7",
        "198.51.100.1",
    )


def test_a_username_cannot_forge_a_log_line(client, db, caplog):
    with caplog.at_level(logging.INFO):
        login(client, 'x\nlevel=INFO msg="login ok"', "x")
    line = KeyValueFormatter().format(refusals(caplog)[0])
    assert "\n" not in line
    assert 'username="x\\nlevel=INFO msg=\\"login ok\\""' in line


def test_a_successful_login_logs_no_refusal(client, fact_checker, caplog):
    with caplog.at_level(logging.INFO):
        response = login(client, "fc", "pass-word-123")
    assert response.status_code == 302
    assert refusals(caplog) == []
