"""The dashboard's charts write their dates in the page's language."""

import datetime as dt

import pytest
from django.utils import translation

from desk.charts import line_chart, stacked_columns

WEEKS = [dt.date(2023, 8, 7), dt.date(2023, 10, 2), dt.date(2023, 12, 4)]
MONTHS = [dt.date(2023, 8, 1), dt.date(2023, 10, 1), dt.date(2023, 12, 1)]


@pytest.mark.parametrize(
    ("language", "week", "month", "tick"),
    [
        ("en", "07 Aug", "Oct 2023", "Dec 23"),
        ("id", "07 Agu", "Okt 2023", "Des 23"),
    ],
)
def test_chart_dates_follow_the_language(language, week, month, tick):
    with translation.override(language):
        weekly = line_chart(title="t", labels=WEEKS, series=[("a", [1, 2, 3])])
        monthly = stacked_columns(
            title="t", labels=MONTHS, series=[("a", "#000000", [1, 2, 3])]
        )
    assert f">{week}<" in weekly
    assert f"<title>{month} a: 2</title>" in monthly
    assert f">{tick}<" in monthly
