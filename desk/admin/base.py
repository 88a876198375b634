"""What every ModelAdmin of the desk shares: status badges, error messages,
the refusal of regular-expression lookups, and read-only inlines and admins."""

from __future__ import annotations

import json
from collections.abc import Callable
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DataError, transaction
from django.db import models as dj_models
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from claims.models import (
    Status,
)
from desk.forms import BoundedJSONField
from desk.widgets import (
    KnownAutocompleteSelect,
    KnownAutocompleteSelectMultiple,
    list_choices,
)

if TYPE_CHECKING:
    from claims.services import User


def status_badge(status: str) -> SafeString:
    """The status as a coloured badge; the colours are static/css/desk.css's
    ``cd-badge--<status>`` classes (no style attribute: the CSP runs none)."""
    return format_html(
        '<span class="cd-badge cd-badge--{}">{}</span>',
        Status(status).value,
        Status(status).label,
    )


def actor(request: HttpRequest) -> User:
    """The signed-in user a service acts for. ``admin_site.admin_view`` lets only
    active staff in, so an anonymous user here is refused, never passed on."""
    user = request.user
    if not user.is_authenticated:
        raise PermissionDenied
    return user


_RENDERING: ContextVar[HttpRequest | None] = ContextVar("desk_rendering", default=None)


def rendering_request() -> HttpRequest | None:
    """The request whose change form is being rendered, for read-only fields,
    whose callables get only the object. It lives in the request's own context,
    not on the ModelAdmin, which one process shares between its threads."""
    return _RENDERING.get()


def error_text(exc: ValidationError | PermissionDenied) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc) or str(_("You do not have permission to do this."))


#: URLs typed without a scheme are taken as https (Django 6's default); JSON is
#: parsed only within the bounds of ``claims.validators.check_json_text``.
HTTPS_URLS: dict[Any, dict[str, Any]] = {
    dj_models.URLField: {"assume_scheme": "https"},
    dj_models.JSONField: {"form_class": BoundedJSONField},
}

#: What a lookup value the database cannot take raises: a year the calendar has not
#: (``created_at__year=-1``), a number past the column (``id=10**23``), a NUL.
BAD_LOOKUP_VALUE = (ValueError, OverflowError, DataError, ValidationError)


class FilteredChangeList(ChangeList):
    """A changelist that filters only by what its list filters and date hierarchy
    read. The stock admin applies any other ``field__lookup=value`` of the URL to the
    queryset as it is (``?statement__contains=…``, ``?created_at__year=99999``):
    an unknown one here is the admin's "?e=1" answer, not a query."""

    def get_filters(self, request: HttpRequest) -> Any:
        specs, has_filters, remaining, duplicates, active = super().get_filters(request)
        hierarchy = (
            {f"{self.date_hierarchy}__gte", f"{self.date_hierarchy}__lt"}
            if self.date_hierarchy
            else set()
        )
        # links from before a filter changed shape, which the admin still honours
        kept = set(getattr(self.model_admin, "url_lookups", ()))
        unknown = set(remaining) - hierarchy - kept
        if unknown:
            raise IncorrectLookupParameters(f"Not a filter: {sorted(unknown)}")
        return specs, has_filters, remaining, duplicates, active


class KnownChoicesAdmin:
    """Autocomplete boxes that name rows the form has loaded without a query
    (``desk.widgets``); the form hands them over with ``know_loaded_choices``."""

    def _known_widget(
        self, db_field: Any, request: HttpRequest, kwargs: dict[str, Any], widget: Any
    ) -> None:
        autocomplete = self.get_autocomplete_fields(request)  # type: ignore[attr-defined]
        if "widget" not in kwargs and db_field.name in autocomplete:
            kwargs["widget"] = widget(
                db_field,
                self.admin_site,  # type: ignore[attr-defined]
                using=kwargs.get("using"),
            )

    def formfield_for_foreignkey(
        self, db_field: Any, request: HttpRequest, **kwargs: Any
    ) -> Any:
        self._known_widget(db_field, request, kwargs, KnownAutocompleteSelect)
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]
        return list_choices(field)

    def formfield_for_manytomany(
        self, db_field: Any, request: HttpRequest, **kwargs: Any
    ) -> Any:
        self._known_widget(db_field, request, kwargs, KnownAutocompleteSelectMultiple)
        return super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]


class HostileInputAdmin(KnownChoicesAdmin, admin.ModelAdmin):
    """The desk's answer to URLs and posts no page of its own makes: unknown filters
    and values the database cannot take give the changelist's "?e=1" redirect,
    selected ids that are not ids give an error message, never a 500."""

    def get_changelist(self, request: HttpRequest, **kwargs: Any) -> type[ChangeList]:
        return FilteredChangeList

    def action_checkbox(self, obj: Any) -> SafeString:
        """The stock checkbox, written out: Django renders it through the form
        widget templates, which took a fifth of a 50-row list's time."""
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" '
            'aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            str(obj.pk),
            format_html(str(_("Select this object for an action - {}")), str(obj)),
        )

    def get_changelist_instance(self, request: HttpRequest) -> ChangeList:
        # The changelist counts its rows as it is built: a value the database
        # refuses fails here, in a savepoint so the request's transaction lives on.
        try:
            with transaction.atomic():
                return super().get_changelist_instance(request)
        except BAD_LOOKUP_VALUE as exc:
            raise IncorrectLookupParameters(exc) from exc

    def response_action(
        self, request: HttpRequest, queryset: Any
    ) -> HttpResponse | None:
        pk = self.model._meta.pk
        try:  # an id, and one within the column's range (SQLite: OverflowError)
            for value in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME):
                pk.run_validators(pk.to_python(value))
        except ValidationError:
            self.message_user(
                request,
                _("The selection holds something that is not an item's id."),
                messages.ERROR,
            )
            return HttpResponseRedirect(request.get_full_path())
        return super().response_action(request, queryset)


def guard_registered_admins() -> None:
    """Give the admins other apps register (django-otp's devices, django-axes'
    logs) the same answer to hostile URLs as ours: each is registered again with
    ``HostileInputAdmin`` in front of its own class."""
    for model, model_admin in list(admin.site._registry.items()):
        if isinstance(model_admin, HostileInputAdmin):
            continue
        guarded = type(
            type(model_admin).__name__, (HostileInputAdmin, type(model_admin)), {}
        )
        admin.site.unregister(model)
        admin.site.register(model, guarded)


#: Each inline's scripts and styles, by inline class and form fields.
_INLINE_MEDIA: dict[tuple[type, tuple[str, ...]], Any] = {}

#: The query parameter of a change or add page that asks for its blank rows only.
BLANK_ROWS = "_blank_rows"
#: Fills in the blank rows after the page (and holds an early "Add another").
BLANK_ROWS_MEDIA = forms.Media(js=["desk/blank_rows.js"])


def wants_blank_rows(request: HttpRequest) -> bool:
    """Whether this is a change or add page's request for its blank rows."""
    return request.method == "GET" and BLANK_ROWS in request.GET


class InlineAdminFormSet(helpers.InlineAdminFormSet):
    """An inline on a desk page, with two savings.

    Its scripts and styles are read off one form and kept: the stock wrapper adds
    up the media of every row and of the blank row, whose widgets are the same, and
    merging them was a tenth of the claim page's time. They depend only on the
    inline and its form's fields (which the frozen rules may narrow).

    Its blank row, the one "Add another" copies, comes after the page: the page
    holds the row's frame (its id, classes and hidden fields, so that the admin's
    inlines script sets up as usual) and ``static/desk/blank_rows.js`` fills it from
    the same page asked with ``?_blank_rows``, which renders the blank rows alone
    (``BaseAdmin.render_change_form``). Rendering them was a quarter of the claim
    page's time, for rows a person adds now and then."""

    blank_rows_later = False

    @property
    def media(self) -> Any:
        key = (type(self.opts), tuple(self.formset.form.base_fields))
        media = _INLINE_MEDIA.get(key)
        if media is None:
            media = _INLINE_MEDIA[key] = (
                self.opts.media + self.formset.media + BLANK_ROWS_MEDIA
            )
        return media

    def __iter__(self) -> Any:
        blank_prefix = self.formset.add_prefix("__prefix__")
        for inline_form in super().__iter__():
            if self.blank_rows_later and inline_form.form.prefix == blank_prefix:
                inline_form.fieldsets = []  # the frame: no fields until filled in
            yield inline_form

    def inline_formset_data(self) -> str:
        data = json.loads(super().inline_formset_data())
        data["blankRowsLater"] = self.blank_rows_later and self.has_add_permission
        data["blankRowsFailed"] = str(
            _("The blank row could not be loaded. Click again to try again.")
        )
        return json.dumps(data)


class BaseAdmin(HostileInputAdmin):
    """Refuses regular-expression lookups in the URL (``?status__regex=(a``): the
    stock admin allows any lookup on a filtered field, and a bad pattern is a 500."""

    def lookup_allowed(self, lookup: str, value: str, request: Any = None) -> bool:
        if lookup.endswith(("__regex", "__iregex")):
            return False
        return super().lookup_allowed(lookup, value, request)

    formfield_overrides = HTTPS_URLS

    def get_inline_formsets(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> list[Any]:
        wrappers = super().get_inline_formsets(request, *args, **kwargs)
        for wrapper in wrappers:
            wrapper.__class__ = InlineAdminFormSet
            wrapper.blank_rows_later = not wants_blank_rows(request)
        return wrappers

    def get_formset_kwargs(
        self, request: HttpRequest, obj: Any, inline: Any, prefix: str
    ) -> dict[str, Any]:
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if wants_blank_rows(request):
            kwargs["queryset"] = kwargs["queryset"].none()  # the blank rows alone
        return kwargs

    def render_change_form(
        self, request: HttpRequest, context: dict[str, Any], *args: Any, **kwargs: Any
    ) -> Any:
        if wants_blank_rows(request):
            return TemplateResponse(request, "admin/desk/blank_rows.html", context)
        token = _RENDERING.set(request)
        try:  # rendered here, so that rendering_request() is this request's
            page = super().render_change_form(request, context, *args, **kwargs)
            return cast(TemplateResponse, page).render()
        finally:
            _RENDERING.reset(token)


def _key_part(value: Any) -> Any:
    """``value`` itself where it can be a key (a class: by identity), else its
    text (a list of field names)."""
    try:
        hash(value)
    except TypeError:
        return repr(value)
    return value


#: (admin class, inputs) -> form or formset class, for every admin of the process
REUSED_CLASSES: dict[tuple[Any, ...], Any] = {}
REUSED_CLASSES_KEPT = 512


def reusable(request: Any) -> bool:
    """Whether this request may take a form class built for another: a page read
    with GET or HEAD. A save builds its own classes, as stock Django does, and so
    does a history revert (which adjusts the row while the form is built)."""
    return (
        request is not None
        and request.method in ("GET", "HEAD")
        and not getattr(request, "_restoring", False)
    )


def reused_class(
    admin_: Any,
    request: Any,
    obj: Any,
    kwargs: dict[str, Any],
    more: tuple[Any, ...],
    build: Callable[[], Any],
) -> Any:
    """The form or formset class ``build`` makes, built once for all the requests
    whose inputs are the same, and reused by them.

    Django's admin builds a new form class for the page's row, and a formset
    class with a form class under it for each inline, on every request (each
    field's widget chosen again, twice over): on the desk's claim page that was
    a fifth of the page's work. A class depends on the request only through
    what the key holds: the fields and read-only fields, the form classes
    handed over, the permissions (which also decide each widget's links to the
    related rows), whether there is a row yet, the language and ``more`` (the
    inline's row counts); a request whose inputs differ gets a class of its own.
    """
    user = request.user
    if "fields" in kwargs:
        fields = kwargs["fields"]
    else:
        fields = flatten_fieldsets(admin_.get_fieldsets(request, obj))
    key = (
        type(admin_),
        obj is None,
        repr(fields),
        repr(admin_.get_exclude(request, obj)),
        tuple(admin_.get_readonly_fields(request, obj)),
        tuple(sorted((k, _key_part(v)) for k, v in kwargs.items())),
        admin_.has_delete_permission(request, obj),
        admin_.has_change_permission(request, obj),
        (  # an inline's asks about the parent row, the page's has no row
            admin_.has_add_permission(request, obj)
            if isinstance(admin_, admin.options.InlineModelAdmin)
            else admin_.has_add_permission(request)
        ),
        admin_.has_view_permission(request, obj),
        user.is_active and user.is_superuser,
        frozenset(user.get_all_permissions()),
        get_language(),
        *more,
    )
    found = REUSED_CLASSES.get(key)
    if found is None:
        if len(REUSED_CLASSES) >= REUSED_CLASSES_KEPT:
            REUSED_CLASSES.clear()  # bounded: the kinds of page build theirs again
        found = REUSED_CLASSES[key] = build()
    return found


class ReusedFormsetMixin:
    """An inline whose formset class is reused by the pages that would build the
    same one (``reused_class``)."""

    def get_formset(self, request: Any, obj: Any = None, **kwargs: Any) -> Any:
        build = super().get_formset  # type: ignore[misc]
        if not reusable(request):
            return build(request, obj, **kwargs)
        admin_ = cast(Any, self)
        counts = (
            "formset",
            admin_.get_extra(request, obj),
            admin_.get_min_num(request, obj),
            admin_.get_max_num(request, obj),
        )
        return reused_class(
            self, request, obj, kwargs, counts, lambda: build(request, obj, **kwargs)
        )


class SuperuserDeletesOnly:
    """Deleting is for superusers; everyone else archives (``claims.services
    .archive``), which keeps the row and its history and can be undone."""

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if not (request.user.is_active and request.user.is_superuser):
            return False
        return super().has_delete_permission(request, obj)  # type: ignore[misc]


class ArchiveActionsAdmin(SuperuserDeletesOnly, BaseAdmin):
    """ "Archive selected" and "Restore selected" on a changelist, each row through
    its service (``archive_service``, ``restore_service``: ``(obj, by)``), with one
    message naming how many were done and one naming each refusal and why."""

    actions = ["archive_selected", "restore_selected"]
    archive_service: Callable[[Any, User], object]
    restore_service: Callable[[Any, User], object]

    def _archive_each(
        self, request: HttpRequest, queryset: Any, label: Any, apply: Any
    ) -> None:
        done, refused = 0, []
        for obj in queryset:
            try:
                apply(obj, actor(request))
                done += 1
            except (ValidationError, PermissionDenied) as exc:
                refused.append(f"“{obj}”: {error_text(exc)}")
        if done:
            self.message_user(
                request,
                _("%(action)s: %(n)d done.") % {"action": label, "n": done},
                messages.SUCCESS,
            )
        if refused:
            self.message_user(
                request,
                format_html(
                    "{} {}",
                    _("%(n)d refused:") % {"n": len(refused)},
                    "; ".join(refused[:20]),
                ),
                messages.ERROR,
            )

    @admin.action(description=_("Archive selected"), permissions=["change"])
    def archive_selected(self, request: HttpRequest, queryset: Any) -> None:
        self._archive_each(request, queryset, _("Archive"), type(self).archive_service)

    @admin.action(description=_("Restore selected"), permissions=["change"])
    def restore_selected(self, request: HttpRequest, queryset: Any) -> None:
        self._archive_each(request, queryset, _("Restore"), type(self).restore_service)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ViewOnlyAdmin(BaseAdmin):
    """History is append-only: nobody, superusers included, edits or deletes it."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
