from claims.models import Rating


def test_default_scale_exists(db):
    assert Rating.objects.count() == 7
