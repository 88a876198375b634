"""Forms of the admin's "Import article" screen: the article, then the review."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from claims.models import validate_language

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
    payload = forms.CharField(widget=forms.HiddenInput)

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


CandidateFormSet = forms.formset_factory(CandidateForm, extra=0, max_num=1000)


def sign(payload: dict[str, Any]) -> str:
    return signing.dumps(payload, salt=SALT, compress=True)
