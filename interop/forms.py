"""The admin's "Import fact-checks" form: a file, its format, a column mapping."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from claims.models import validate_language

from .reader import max_bytes
from .tabular import Layout, default_dataset, parse_mapping


class FactChecksImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "ClaimReview (.json, .jsonld, .html), the LIAR dataset's .tsv, or a "
            ".csv/.tsv with a header row."
        ),
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[
            ("", _("from the file's name")),
            ("claimreview", _("ClaimReview (JSON or HTML)")),
            ("liar", _("LIAR dataset (TSV, 14 columns)")),
            ("csv", _("Table with a header row (CSV or TSV)")),
        ],
        required=False,
    )
    mapping = forms.CharField(
        label=_("Columns"),
        required=False,
        max_length=1000,
        help_text=_(
            "For a table: target=column, … e.g. statement=Claim,claimant=Speaker,"
            "label=Verdict,id=No. Targets: id, statement, claimant, job, state, "
            "party, subjects, context, label, date, language. Columns named like a "
            "target need no mapping."
        ),
    )
    dataset = forms.CharField(
        label=_("Dataset name"),
        required=False,
        max_length=40,
        help_text=_(
            "For a table: prefixes each row's id in its external key "
            "(default: the file's name)."
        ),
    )
    language = forms.CharField(
        label=_("Language"),
        initial="en",
        max_length=35,
        help_text=_("The statements' language when no column says."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        limit = max_bytes()
        if upload.size > limit:
            raise forms.ValidationError(
                _(
                    "The file is %(size)s bytes, over the import limit of %(limit)s: "
                    "split it."
                )
                % {"size": f"{upload.size:,}", "limit": f"{limit:,}"}
            )
        return upload

    def clean_language(self) -> str:
        language = self.cleaned_data["language"].strip().lower()
        validate_language(language)
        return language

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("file")
        if upload is None:
            return data
        suffix = Path(upload.name or "").suffix.lower()
        fmt = data.get("format") or {
            ".json": "claimreview",
            ".jsonld": "claimreview",
            ".html": "claimreview",
            ".htm": "claimreview",
            ".tsv": "liar",
            ".csv": "csv",
            ".txt": "csv",
        }.get(suffix, "")
        if not fmt:
            raise forms.ValidationError(
                _("Choose the file's format: its name does not say.")
            )
        data["format"] = fmt
        data["delimiter"] = "\t" if suffix == ".tsv" else ","
        if fmt == "csv":
            data["dataset"] = data.get("dataset") or default_dataset(upload.name)
            try:
                data["mapping"] = parse_mapping(data.get("mapping") or "")
                Layout.table(dataset=data["dataset"], mapping=data["mapping"])
            except ValueError as exc:
                raise forms.ValidationError(str(exc)) from None
        else:
            data["mapping"] = {}
        return data
