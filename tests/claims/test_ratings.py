"""The default verdict scale the data migration creates."""

from django.utils.translation import override

from claims.models import Rating


def test_default_scale_runs_worst_to_best_for_claimreview(db):
    on_scale = Rating.objects.filter(value__isnull=False).order_by("value")
    assert [r.label for r in on_scale] == [
        "False",
        "Mostly false",
        "Misleading",
        "Mixed",
        "Mostly true",
        "True",
    ]
    assert Rating.scale_bounds() == (1, 6)


def test_unproven_is_a_verdict_off_the_scale(db):
    unproven = Rating.objects.get(slug="unproven")
    assert unproven.value is None
    assert unproven.is_active


def test_labels_and_descriptions_are_translated(db):
    false = Rating.objects.get(slug="false")
    assert false.localized_label("id") == "Salah"
    assert false.localized_label("en") == "False"
    with override("id"):
        assert false.localized_label() == "Salah"
        assert false.localized_description() == "Klaim ini tidak akurat."
    assert false.localized_label("fr") == "False"  # no translation: the label
