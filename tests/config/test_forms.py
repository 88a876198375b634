"""The form renderer's fast paths (config/forms.py) give exactly what Django's
templates give, for every widget kind they stand in for and hostile values."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.forms.utils import ErrorList
from django.utils.safestring import mark_safe

from config.forms import FastDjangoTemplates

HOSTILE = [
    None,
    "",
    "plain",
    '"><script>alert(1)</script>',
    "it's & <b>",
    mark_safe("<em>safe</em>"),
    0,
    12345.5,
    True,
    False,
    ("a", "b"),
    dt.date(2025, 6, 11),
]

ATTRS = [
    {},
    {"required": True, "disabled": False, "class": "vTextField", "maxlength": 200},
    {"data-x": '"quoted" & <tag>', "placeholder": mark_safe("YYYY-MM-DD")},
    {"aria-describedby": "id_x_helptext", "autofocus": True, "step": 0.5},
]

WIDGETS = [
    forms.TextInput,
    forms.HiddenInput,
    forms.NumberInput,
    forms.EmailInput,
    forms.URLInput,
    forms.PasswordInput,
    forms.DateInput,
    forms.DateTimeInput,
    forms.TimeInput,
    forms.CheckboxInput,
    forms.Textarea,
]

CHOICES = [
    ("", "---------"),
    ("true", "True"),
    ("it's", "<It's> & more"),
    (3, 3),
    ("Group", [("a", "A"), ("b", mark_safe("<i>B</i>"))]),
]


def both(widget: forms.Widget, value: object, attrs: dict) -> tuple[str, str]:
    fast = widget.render("field", value, attrs=attrs, renderer=FastDjangoTemplates())
    slow = widget.render("field", value, attrs=attrs, renderer=DjangoTemplates())
    return fast, slow


def test_the_default_renderer_is_the_fast_one():
    assert isinstance(get_default_renderer(), FastDjangoTemplates)


@pytest.mark.parametrize("widget_class", WIDGETS)
@pytest.mark.parametrize("attrs", ATTRS)
def test_inputs_and_textareas_render_as_djangos_templates_do(widget_class, attrs):
    for value in HOSTILE:
        fast, slow = both(widget_class(), value, dict(attrs))
        assert fast == slow, (widget_class, value, attrs)


@pytest.mark.parametrize("attrs", ATTRS)
@pytest.mark.parametrize("value", ["", "it's", "a", 3, ["a", "true"], None])
def test_selects_render_as_djangos_templates_do(attrs, value):
    for widget in (
        forms.Select(choices=CHOICES),
        forms.SelectMultiple(choices=CHOICES),
    ):
        fast, slow = both(widget, value, dict(attrs))
        assert fast == slow, (widget, value, attrs)


def test_error_lists_render_as_djangos_templates_do():
    for errors in (ErrorList(), ErrorList(["Bad <input> & 'quotes'"])):
        for template in ("django/forms/errors/list/ul.html",
                         "django/forms/errors/list/default.html"):  # fmt: skip
            context = errors.get_context()
            fast = FastDjangoTemplates().render(template, context)
            slow = DjangoTemplates().render(template, context)
            assert fast == slow


@pytest.mark.parametrize("label", ["Name", "<b>it's</b>", mark_safe("<b>safe</b>"), ""])
def test_labels_render_as_djangos_templates_do(label):
    class One(forms.Form):
        name = forms.CharField(label=label)

    for auto_id in ("id_%s", False):
        for attrs in ATTRS:
            fast = One(auto_id=auto_id, renderer=FastDjangoTemplates())["name"]
            slow = One(auto_id=auto_id, renderer=DjangoTemplates())["name"]
            for suffix in (None, ":"):
                assert fast.label_tag(attrs=dict(attrs), label_suffix=suffix) == (
                    slow.label_tag(attrs=dict(attrs), label_suffix=suffix)
                )
            assert fast.legend_tag(attrs=dict(attrs)) == slow.legend_tag(
                attrs=dict(attrs)
            )


def test_a_whole_form_renders_the_same(settings):
    class Everything(forms.Form):
        name = forms.CharField(max_length=20, help_text="<b>help</b>")
        count = forms.IntegerField(min_value=0)
        when = forms.DateField(required=False)
        notes = forms.CharField(widget=forms.Textarea, required=False)
        kind = forms.ChoiceField(choices=CHOICES[1:])
        flag = forms.BooleanField(required=False)

    bound = Everything({"name": "x" * 30, "count": "-1", "kind": "nope"})
    fast = Everything(bound.data, renderer=FastDjangoTemplates())
    slow = Everything(bound.data, renderer=DjangoTemplates())
    assert str(fast) == str(slow)
    assert 'value="xxxxxxxx' in str(fast) and "errorlist" in str(fast)


def test_an_overridden_template_turns_the_fast_paths_off(tmp_path):
    """An app that overrides one of Django's widget templates gets its template: the
    fast paths stand in for Django's own files only."""
    mine = tmp_path / "input.html"
    mine.write_text('<input class="mine" name="{{ widget.name }}">')

    class Overridden(FastDjangoTemplates):
        def get_template(self, template_name):
            template = super().get_template(template_name)
            if template_name.endswith("widgets/input.html"):
                template.origin.name = str(mine)  # as if loaded from an app
            return template

    renderer = Overridden()
    assert renderer._own == frozenset()
    assert renderer._fast("django/forms/widgets/text.html", {"widget": {}}) is None
    assert FastDjangoTemplates()._own  # Django's own: on


@pytest.mark.parametrize("value", HOSTILE)
def test_the_admins_date_and_url_boxes_render_as_its_templates_do(value):
    from django.contrib.admin import widgets as admin_widgets

    for widget in (
        admin_widgets.AdminDateWidget(),
        admin_widgets.AdminURLFieldWidget(),
        admin_widgets.AdminURLFieldWidget(attrs={"placeholder": "<https://>"}),
    ):
        fast, slow = both(widget, value, {})
        assert fast == slow, (widget, value)
    valid = "https://example.org/a?b=<c>&d='e'"
    fast, slow = both(admin_widgets.AdminURLFieldWidget(), valid, {})
    assert fast == slow and '<p class="url">' in fast


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_related_row_box_renders_as_the_admins_template_does(language):
    """The box around a related row's choice, with each combination of links,
    a relation limited to some rows, and a hidden widget; twice, so the second
    comes from what the first kept."""
    import copy
    import itertools

    from django.contrib import admin
    from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
    from django.utils import translation

    from claims.models import Evidence

    rel = Evidence._meta.get_field("source").remote_field
    limited = copy.copy(rel)
    limited.limit_choices_to = {"name__startswith": "K"}
    renderer = FastDjangoTemplates()
    with translation.override(language):
        for flags in itertools.product([True, False], repeat=4):
            for relation, inner in itertools.product(
                (rel, limited), (forms.Select(choices=CHOICES), forms.HiddenInput())
            ):
                widget = RelatedFieldWidgetWrapper(inner, relation, admin.site, *flags)
                for value in ("it's", 3, None) * 2:
                    for name in ("source", "evidence-0-source"):
                        fast = widget.render(name, value, renderer=renderer)
                        slow = widget.render(name, value, renderer=DjangoTemplates())
                        assert fast == slow, (flags, relation, inner, value)
    assert renderer._related_frames  # kept, not rendered each time


def test_a_management_form_renders_as_djangos_template_does():
    fast, slow = (
        forms.formset_factory(forms.Form, extra=2, renderer=renderer)(prefix="rows-<x>")
        for renderer in (FastDjangoTemplates(), DjangoTemplates())
    )
    assert str(fast.management_form) == str(slow.management_form)
    assert "rows-&lt;x&gt;-TOTAL_FORMS" in str(fast.management_form)

    class Hidden(forms.Form):
        a = forms.CharField(widget=forms.HiddenInput)

    # a hidden field's error is shown, as Django's template shows it
    bound = {"a": ""}
    assert str(Hidden(bound, renderer=FastDjangoTemplates())) == str(
        Hidden(bound, renderer=DjangoTemplates())
    )


def test_an_overridden_admin_template_turns_its_fast_path_off(settings, tmp_path):
    (tmp_path / "admin" / "widgets").mkdir(parents=True)
    (tmp_path / "admin" / "widgets" / "url.html").write_text("mine {{ widget.name }}")

    class Overridden(FastDjangoTemplates):
        def get_template(self, template_name):
            template = super().get_template(template_name)
            if template_name == "admin/widgets/url.html":
                template.origin.name = str(tmp_path / template_name)
            return template

    renderer = Overridden()
    assert "admin/widgets/url.html" not in renderer._own_admin
    assert renderer._fast("admin/widgets/url.html", {"widget": {}}) is None
    assert "admin/widgets/url.html" in FastDjangoTemplates()._own_admin
