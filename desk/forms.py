"""Admin forms: partial dates typed as text, the claim's edit-conflict guard, and the
forms behind workflow actions that need more than a click."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from claims import services
from claims.dates import PartialDate, Precision, validate_span
from claims.models import Appearance, Claim, ClaimDate, Rating, Source
from claims.validators import check_json_text
from desk.widgets import know_loaded_choices

if TYPE_CHECKING:
    from claims.services import User

PARTIAL_DATE_HELP = _("YYYY-MM-DD, YYYY-MM or YYYY")


class PartialDateField(forms.CharField):
    """A text input for ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; cleans to text, the
    form pairs it with its precision (see ``parse_partial``)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault("help_text", PARTIAL_DATE_HELP)
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"placeholder": PARTIAL_DATE_HELP, "size": 26}),
        )
        super().__init__(**kwargs)


def parse_partial(
    form: forms.BaseForm, field: str, precision_field: str | None = None
) -> PartialDate | None:
    """Parse ``form.cleaned_data[field]`` with the precision chosen next to it, adding
    the error to the right field instead of raising."""
    text = form.cleaned_data.get(field) or ""
    precision = form.cleaned_data.get(precision_field) if precision_field else None
    if not text.strip():
        return None
    try:
        return PartialDate.parse(text, precision or None)
    except ValidationError as exc:
        form.add_error(field, exc)
        return None


def optional_precision(field: forms.Field) -> None:
    """Let the precision select default to "as typed": "2019" is a year, "2019-06" a
    month. Choosing one explicitly makes the date's form have to agree."""
    field.required = False
    if isinstance(field, forms.TypedChoiceField | forms.ChoiceField):
        field.choices = [("", _("as typed")), *Precision.choices]
    field.help_text = _("Leave “as typed” to take it from the date.")


def chosen_precision(form: forms.BaseForm, name: str) -> str | None:
    """The precision the user picked on purpose, if any."""
    value = form.cleaned_data.get(name)
    return value if value and name in form.changed_data else None


class ClaimAdminForm(forms.ModelForm):
    """The claim change form. ``loaded_version`` travels with the page, so a save
    from a copy someone else has since changed is refused, naming who and when.

    The check is the services' (``claim_check_version``): asked here first, under
    the row lock the admin's transaction holds until the save commits, so even of
    two saves at the same moment the second is refused with the user's edits
    still in the form; ``claim_save`` checks again under the same lock.
    """

    made_on_text = PartialDateField(label=_("Made on"), required=False)
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    actor: User | None = None  # who is saving: the admin sets it per request

    class Meta:
        model = Claim
        fields = [
            "statement",
            "language",
            "claimant",
            "attribution",
            "speech",
            "made_on_precision",
            "tags",
            "assignee",
            "due_on",
            "checkworthiness",
            "verdict",
            "verdict_summary",
        ]
        widgets = {"due_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instance = self.instance
        if "made_on_precision" not in self.fields:  # frozen: the admin shows it
            self.fields.pop("made_on_text", None)
        else:
            optional_precision(self.fields["made_on_precision"])
        if instance.pk:
            self.fields["loaded_version"].initial = instance.version
        if "made_on_text" not in self.fields:
            pass
        elif instance.made:
            self.fields["made_on_text"].initial = instance.made.iso()
        else:
            self.initial["made_on_precision"] = ""
        verdict = self.fields.get("verdict")
        if isinstance(verdict, forms.ModelChoiceField):
            verdict.queryset = Rating.objects.active()
        assignee = self.fields.get("assignee")
        people = getattr(assignee, "queryset", None)
        if (
            isinstance(assignee, forms.ModelChoiceField)
            and people is not None
            and instance.assignee_id
        ):
            # whoever is assigned now stays a choice (they may have left the
            # desk since), so that saving the page keeps them
            assignee.queryset = people | people.model.objects.filter(
                pk=instance.assignee_id
            )
        know_loaded_choices(self)  # the claimant and tags, loaded with the claim

    def clean_assignee(self) -> Any:
        """Taking a claim is anyone's; giving it to someone else is an editor's
        (``services.may_assign``): refused here, with the page's edits kept."""
        assignee = self.cleaned_data.get("assignee")
        before = self.instance.assignee_id if self.instance.pk else None
        new = assignee.pk if assignee else None
        if new != before and self.actor is not None:
            from claims.services import may_assign

            if not may_assign(self.actor, assignee):
                raise ValidationError(
                    _(
                        "You may take a claim yourself; only editors give it to "
                        "someone else."
                    )
                )
        return assignee

    def clean_statement(self) -> str:
        statement = (self.cleaned_data.get("statement") or "").strip()
        if not statement:
            raise ValidationError(_("The statement cannot be empty."))
        return statement

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "made_on_text" not in self.fields:  # read-only: a published claim
            self._check_version(cleaned.get("loaded_version"))
            return cleaned
        text = cleaned.get("made_on_text") or ""
        chosen = chosen_precision(self, "made_on_precision")
        made = None
        if text.strip():
            try:
                made = PartialDate.parse(text, chosen)
            except ValidationError as exc:
                self.add_error("made_on_text", exc)
        self.instance.made_on = made.value if made else None
        self.instance.made_on_precision = made.precision if made else Precision.DAY
        cleaned["made_on_precision"] = self.instance.made_on_precision
        self._check_version(cleaned.get("loaded_version"))
        return cleaned

    def _check_version(self, version: int | None) -> None:
        if self.instance.pk:
            services.claim_check_version(
                claim=self.instance, by=self.actor, expected_version=version
            )


class ClaimDateForm(forms.ModelForm):
    """An event or report date, typed with its precision; an optional end makes a
    range ("1950" – "1953")."""

    start_text = PartialDateField(label=_("Date"))
    end_text = PartialDateField(label=_("Until"), required=False)

    class Meta:
        model = ClaimDate
        fields = ["role", "start_text", "precision", "end_text", "text", "label"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        optional_precision(self.fields["precision"])
        if self.instance.pk:
            self.fields["start_text"].initial = self.instance.start_date.iso()
            if self.instance.end_date:
                self.fields["end_text"].initial = self.instance.end_date.iso()
        else:
            self.initial["precision"] = ""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start = None
        if cleaned.get("start_text"):
            try:
                start = PartialDate.parse(
                    cleaned["start_text"], chosen_precision(self, "precision")
                )
            except ValidationError as exc:
                self.add_error("start_text", exc)
        end = parse_partial(self, "end_text")
        try:
            validate_span(start, end)
        except ValidationError as exc:
            self.add_error("end_text", exc.message_dict.get("end", exc.messages))
            return cleaned
        if start:
            self.instance.start = start.value
            self.instance.precision = cleaned["precision"] = start.precision
        self.instance.end = end.value if end else None
        self.instance.end_precision = end.precision if end else Precision.DAY
        return cleaned


#: Every workflow page carries the version of the claim it shows; without it the
#: services cannot tell a stale page from a fresh one.
VERSION_REQUIRED = _(
    "The page did not say which version of the claim you opened: reload it and "
    "try again."
)


def version_field() -> forms.IntegerField:
    return forms.IntegerField(
        widget=forms.HiddenInput, error_messages={"required": VERSION_REQUIRED}
    )


class TransitionForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        help_text=_("Recorded in the claim's review history."),
    )
    version = version_field()

    def __init__(
        self,
        *args: Any,
        comment_required: bool = False,
        with_version: bool = True,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.fields["comment"].required = comment_required
        if not with_version:  # a bulk action: no page of one claim's content
            del self.fields["version"]


class AssignForm(forms.Form):
    """The bulk "Assign to…" action's page: a person at the desk and a due date."""

    assignee = forms.ModelChoiceField(
        label=_("Assign to"), queryset=services.desk_people()
    )
    due_on = forms.DateField(
        label=_("Due"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Left empty, each claim keeps the due date it has."),
    )


class CorrectionForm(forms.Form):
    note = forms.CharField(
        label=_("Public correction note"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        help_text=_("Shown, dated, on the published fact-check: say what changed."),
    )
    verdict = forms.ModelChoiceField(
        label=_("Verdict"), queryset=Rating.objects.active(), required=False
    )
    summary = forms.CharField(
        label=_("Verdict summary"),
        widget=forms.Textarea(attrs={"rows": 8, "cols": 80}),
        required=False,
    )
    version = version_field()


class AppearanceForm(forms.ModelForm):
    """A quote in a document. Leave the offsets empty to use the quote's first
    occurrence; give them to pick a later one. A quote not at its offsets is refused
    by the model, with where it does occur."""

    class Meta:
        model = Appearance
        fields = ["document", "quote", "start", "end"]
        widgets = {"quote": forms.Textarea(attrs={"rows": 2, "cols": 60})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("start", "end"):
            self.fields[name].required = False
            self.fields[name].widget.attrs["size"] = 6

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        document, quote = cleaned.get("document"), cleaned.get("quote") or ""
        if document is not None and quote and cleaned.get("start") is None:
            found = document.text.find(quote)
            if found < 0:
                self.add_error("quote", _("The quote does not occur in the document."))
            else:
                cleaned["start"] = found
                cleaned["end"] = found + len(quote)
        elif cleaned.get("start") is not None and cleaned.get("end") is None:
            cleaned["end"] = cleaned["start"] + len(quote)
        return cleaned


class ArchivableForm(forms.ModelForm):
    """A source's or document's form whose "archived" box, newly ticked, is
    checked as the archive action is (``claims.services.archive``), so the refusal
    shows next to the box with the user's other edits still on the page."""

    def clean_is_archived(self) -> bool:
        archived = bool(self.cleaned_data.get("is_archived"))
        if archived and self.instance.pk and not self.instance.is_archived:
            from claims.services import archive

            try:
                if isinstance(self.instance, Source):
                    archive.refuse_source_archive(self.instance)
                else:
                    archive.refuse_document_archive(self.instance)
            except ValidationError as exc:
                raise ValidationError(exc.messages) from exc
        return archived


class BoundedJSONField(forms.JSONField):
    """A JSON text box whose text is checked against ``claims.validators`` before
    it is parsed, so a hostile document is a form error, never a 500."""

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            check_json_text(value)
        return super().to_python(value)

    def bound_data(self, data: Any, initial: Any) -> Any:
        # Shown back as typed when it fails: never parsed past the bounds.
        if isinstance(data, str):
            try:
                check_json_text(data)
            except ValidationError:
                return forms.fields.InvalidJSONInput(data)
        return super().bound_data(data, initial)
