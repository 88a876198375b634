"""The default verdict scale, worst (1) to best, with Indonesian translations."""

from django.db import migrations

RATINGS = [
    # slug, label, description, value, order, colour, id label, id description
    ("true", "True", "The claim is accurate.", 6, 1, "#15803d",
     "Benar", "Klaim ini akurat."),
    ("mostly-true", "Mostly true", "Accurate but needs clarification or detail.", 5, 2,
     "#65a30d", "Sebagian besar benar", "Akurat, tetapi perlu penjelasan atau rincian."),
    ("mixed", "Mixed", "Partly accurate, partly not.", 4, 3, "#ca8a04",
     "Campuran", "Sebagian akurat, sebagian tidak."),
    ("misleading", "Misleading", "Accurate facts that leave a false impression.", 3, 4,
     "#ea580c", "Menyesatkan", "Fakta akurat yang menimbulkan kesan keliru."),
    ("mostly-false", "Mostly false", "Contains an element of truth but ignores facts "
     "that would give a different impression.", 2, 5, "#dc2626",
     "Sebagian besar salah", "Mengandung unsur kebenaran, tetapi mengabaikan fakta penting."),
    ("false", "False", "The claim is inaccurate.", 1, 6, "#991b1b",
     "Salah", "Klaim ini tidak akurat."),
    ("unproven", "Unproven", "The evidence available does not settle it.", None, 7,
     "#6b7280", "Belum terbukti", "Bukti yang ada belum cukup untuk memutuskan."),
]


def create_scale(apps, schema_editor):
    Rating = apps.get_model("claims", "Rating")
    for slug, label, desc, value, order, colour, id_label, id_desc in RATINGS:
        Rating.objects.update_or_create(
            slug=slug,
            defaults={
                "label": label,
                "description": desc,
                "value": value,
                "order": order,
                "colour": colour,
                "translations": {"id": {"label": id_label, "description": id_desc}},
            },
        )


def remove_scale(apps, schema_editor):
    Rating = apps.get_model("claims", "Rating")
    Rating.objects.filter(slug__in=[r[0] for r in RATINGS], claims__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("claims", "0001_initial")]
    operations = [migrations.RunPython(create_scale, remove_scale)]
