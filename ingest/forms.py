"""Forms of the admin's "Import article" screen: the article, then the review."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from claims.dates import PartialDate
from claims.models import ClaimDate, validate_language

from .reading import MAX_BYTES

SALT = "ingest.review"
#: an article pasted or uploaded in the admin (the command takes files up to MAX_BYTES)
MAX_UPLOAD = 1024 * 1024  # the review round trip must stay under Django's 2.5 MB


class ArticleForm(forms.Form):
    text = forms.CharField(
        label=_("Paste the article"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "cols": 100}),
        max_length=MAX_UPLOAD,
    )
    file = forms.FileField(
        label=_("or upload a .txt or saved .html page"),
        required=False,
    )
    url = forms.URLField(
        label=_("URL"), required=False, max_length=2000, assume_scheme="https"
    )
    publisher = forms.CharField(
        label=_("Publisher"),
        required=False,
        max_length=200,
        help_text=_("Leave empty to read it from the dateline or the URL."),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("detect")), ("id", _("Indonesian")), ("en", _("English"))],
    )
    published_on = forms.DateField(
        label=_("Published on"),
        required=False,
        help_text=_("YYYY-MM-DD. Resolves “Tuesday”, “tahun lalu”…"),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload is None:
            return None
        name = (upload.name or "").lower()
        if not name.endswith((".txt", ".html", ".htm")):
            raise forms.ValidationError(_("Upload a .txt or .html file."))
        if upload.size > min(MAX_UPLOAD, MAX_BYTES):
            raise forms.ValidationError(
                _("The file is too large: the limit is %(mb)d MB.")
                % {"mb": MAX_UPLOAD // (1024 * 1024)}
            )
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_text = bool((data.get("text") or "").strip())
        has_file = data.get("file") is not None
        if not has_text and not has_file and not self.errors:
            raise forms.ValidationError(_("Paste the article's text or upload a file."))
        if has_text and has_file:
            raise forms.ValidationError(_("Paste text or upload a file, not both."))
        return data


class ReviewForm(forms.Form):
    """The document as it will be saved, plus the signed analysis it came from."""

    title = forms.CharField(label=_("Title"), max_length=500)
    url = forms.URLField(
        label=_("URL"), required=False, max_length=2000, assume_scheme="https"
    )
    publisher = forms.CharField(label=_("Publisher"), required=False, max_length=200)
    language = forms.CharField(
        label=_("Language"), max_length=35, validators=[validate_language]
    )
    published_on = forms.DateField(label=_("Published on"), required=False)
    assignee = forms.ModelChoiceField(
        label=_("Assign the new claims to"),
        queryset=get_user_model().objects.none(),
        required=False,
        help_text=_("Optional: the fact-checker who will check them."),
    )
    payload = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        users = get_user_model().objects.filter(is_active=True, is_staff=True)
        field = self.fields["assignee"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = users.order_by("username")
        field.label_from_instance = _person  # type: ignore[method-assign,assignment]

    def clean_payload(self) -> dict[str, Any]:
        """The analysis signed for this screen, if untouched and younger than
        ``CLAIMDESK_IMPORT_REVIEW_MAX_AGE`` seconds."""
        max_age = settings.CLAIMDESK_IMPORT_REVIEW_MAX_AGE
        try:
            return signing.loads(
                self.cleaned_data["payload"], salt=SALT, max_age=max_age
            )
        except signing.SignatureExpired as exc:
            raise forms.ValidationError(
                _(
                    "This review screen expired after %(minutes)d minutes; "
                    "import the article again."
                )
                % {"minutes": max(1, max_age // 60)}
            ) from exc
        except signing.BadSignature as exc:
            raise forms.ValidationError(
                _(
                    "The review data was altered or is too old; "
                    "import the article again."
                )
            ) from exc


def _person(user: Any) -> str:
    full = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return f"{full} ({user.get_username()})" if full else user.get_username()


_ROLES = {choice for choice, _label in ClaimDate.Role.choices}


def dates_text(dates: list[dict[str, str]]) -> str:
    """A candidate's dates as the review screen writes them, one a line:
    "2023-09 event", "2023-07-31..2023-08-06 event", "2021-08-05 reported"."""
    lines = []
    for date in dates:
        value = date["value"] + (f"..{date['end']}" if date.get("end") else "")
        lines.append(f"{value} {date.get('role') or 'event'}")
    return "\n".join(lines)


def parse_dates(text: str, original: list[dict[str, str]]) -> list[dict[str, str]]:
    """The dates a reviewer typed (see ``dates_text``): YYYY, YYYY-MM or
    YYYY-MM-DD (the form gives the precision), optionally "..END", then the role.
    A line the reviewer left as it was keeps the words it was found in."""
    by_line = {
        line: date
        for line, date in zip(dates_text(original).split("\n"), original, strict=False)
    }
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = " ".join(line.split())
        if not line:
            continue
        if line in by_line:
            out.append(by_line[line])
            continue
        value, _sep, role = line.partition(" ")
        role = role.strip() or ClaimDate.Role.EVENT
        start_text, _dots, end_text = value.partition("..")
        try:
            start = PartialDate.parse(start_text)
            end = PartialDate.parse(end_text) if end_text else None
        except ValidationError as exc:
            raise forms.ValidationError(
                _("Line %(n)d: %(error)s")
                % {"n": number, "error": " ".join(exc.messages)}
            ) from exc
        if role not in _ROLES:
            raise forms.ValidationError(
                _("Line %(n)d: the role is “event” or “reported”.") % {"n": number}
            )
        if end is not None and end.value < start.value:
            raise forms.ValidationError(
                _("Line %(n)d: the end is before the start.") % {"n": number}
            )
        date = {
            "text": "",
            "value": start.iso(),
            "precision": start.precision,
            "role": role,
        }
        if end is not None:
            date["end"] = end.iso()
        out.append(date)
    return out


class CandidateForm(forms.Form):
    index = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    accept = forms.BooleanField(label=_("Accept"), required=False)
    statement = forms.CharField(
        label=_("Statement"), widget=forms.Textarea(attrs={"rows": 3, "cols": 60})
    )
    claimant = forms.CharField(label=_("Claimant"), required=False, max_length=200)
    attribution = forms.CharField(
        label=_("Attribution"), required=False, max_length=500
    )
    checkworthiness = forms.FloatField(
        label=_("Check-worthiness"), min_value=0, max_value=1, required=False
    )
    dates = forms.CharField(
        label=_("Dates"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 26}),
        help_text=_(
            "One a line: YYYY, YYYY-MM or YYYY-MM-DD (that is the precision), "
            "“..” and an end for a range, then event or reported."
        ),
    )

    def clean_dates(self) -> str:
        text = self.cleaned_data.get("dates") or ""
        parse_dates(text, [])  # the errors, line by line; the view parses again
        return text


CandidateFormSet = forms.formset_factory(CandidateForm, extra=0, max_num=1000)


def sign(payload: dict[str, Any]) -> str:
    return signing.dumps(payload, salt=SALT, compress=True)
