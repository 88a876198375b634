"""Partial dates: parsing, validation and rendering in English and Indonesian."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import override

from claims.dates import PartialDate, Precision, format_span, validate_span


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("2019-06-30", dt.date(2019, 6, 30), Precision.DAY),
        ("2018-06", dt.date(2018, 6, 1), Precision.MONTH),
        ("2018-6", dt.date(2018, 6, 1), Precision.MONTH),
        ("1950", dt.date(1950, 1, 1), Precision.YEAR),
        (" 2019-06-30 ", dt.date(2019, 6, 30), Precision.DAY),
    ],
)
def test_parse_infers_precision_from_the_form(text, value, precision):
    date = PartialDate.parse(text)

    assert date.value == value
    assert date.precision == precision


@pytest.mark.parametrize(
    ("text", "precision"),
    [("2019-06-30", "day"), ("2018-06", "month"), ("1950", "year")],
)
def test_parse_round_trips_through_iso(text, precision):
    assert PartialDate.parse(text, precision).iso() == text


@pytest.mark.parametrize(
    ("text", "precision", "message"),
    [
        ("2019-06", "day", "A day-precision date needs a day"),
        ("2019", "day", "A day-precision date needs a day"),
        ("2019-06-30", "month", "A month-precision date is written YYYY-MM"),
        ("2019-06", "year", "A year-precision date is written YYYY"),
    ],
)
def test_parse_refuses_a_precision_the_text_does_not_have(text, precision, message):
    with pytest.raises(ValidationError) as exc:
        PartialDate.parse(text, precision)

    assert message in exc.value.messages[0]


@pytest.mark.parametrize("text", ["", "June 2018", "30/06/2019", "19-06-30", "2019-"])
def test_parse_refuses_text_that_is_not_an_iso_date(text):
    with pytest.raises(ValidationError) as exc:
        PartialDate.parse(text)

    assert "Enter a date as YYYY, YYYY-MM or YYYY-MM-DD" in exc.value.messages[0]


@pytest.mark.parametrize("text", ["2019-02-30", "2019-13", "2019-00-10", "0000"])
def test_parse_refuses_dates_that_do_not_exist(text):
    with pytest.raises(ValidationError) as exc:
        PartialDate.parse(text)

    assert "is not a real date" in exc.value.messages[0]


def test_parse_refuses_an_unknown_precision_with_a_validation_error():
    with pytest.raises(ValidationError) as exc:
        PartialDate.parse("2019", "week")

    assert "week" in exc.value.messages[0]


def test_month_and_year_dates_must_be_stored_as_their_first_day():
    with pytest.raises(ValidationError):
        PartialDate(dt.date(2018, 6, 15), Precision.MONTH)
    with pytest.raises(ValidationError):
        PartialDate(dt.date(2018, 6, 1), Precision.YEAR)


@pytest.mark.parametrize(
    ("text", "english", "indonesian"),
    [
        ("2019-06-30", "30 June 2019", "30 Juni 2019"),
        ("2019-06-01", "1 June 2019", "1 Juni 2019"),
        ("2018-06", "June 2018", "Juni 2018"),
        ("2019", "2019", "2019"),
    ],
)
def test_rendering_follows_precision_and_language(text, english, indonesian):
    date = PartialDate.parse(text)

    with override("en"):
        assert str(date) == english
    with override("id"):
        assert str(date) == indonesian


def test_format_span_renders_ranges_with_an_en_dash():
    with override("en"):
        assert (
            format_span(PartialDate.parse("1950"), PartialDate.parse("1953"))
            == "1950–1953"
        )
        assert (
            format_span(PartialDate.parse("2018-06"), PartialDate.parse("2018-08"))
            == "June 2018–August 2018"
        )


def test_format_span_of_a_single_date_or_nothing():
    with override("en"):
        assert format_span(PartialDate.parse("2018-06")) == "June 2018"
        date = PartialDate.parse("2019-06-30")
        assert format_span(date, PartialDate.parse("2019-06-30")) == "30 June 2019"
    assert format_span(None) == ""


@pytest.mark.parametrize(
    ("text", "last"),
    [
        ("2019-06-30", dt.date(2019, 6, 30)),
        ("2019-06", dt.date(2019, 6, 30)),
        ("2019-12", dt.date(2019, 12, 31)),
        ("2020-02", dt.date(2020, 2, 29)),
        ("2019-02", dt.date(2019, 2, 28)),
        ("2019", dt.date(2019, 12, 31)),
    ],
)
def test_last_day_is_the_end_of_the_period(text, last):
    assert PartialDate.parse(text).last_day() == last


def test_validate_span_refuses_an_end_before_the_start():
    with pytest.raises(ValidationError) as exc:
        validate_span(PartialDate.parse("1953"), PartialDate.parse("1950"))

    assert exc.value.message_dict == {"end": ["The end date is before the start date."]}


def test_validate_span_refuses_an_end_period_that_starts_before_the_start():
    """Stored as 1 June, "June 2019" cannot end a range starting 15 June 2019."""
    with pytest.raises(ValidationError) as exc:
        validate_span(PartialDate.parse("2019-06-15"), PartialDate.parse("2019-06"))

    assert exc.value.message_dict == {"end": ["The end date is before the start date."]}


def test_validate_span_refuses_an_end_without_a_start():
    with pytest.raises(ValidationError) as exc:
        validate_span(None, PartialDate.parse("1950"))

    assert "end" in exc.value.message_dict


@pytest.mark.parametrize(
    ("start", "end"),
    [("1950", "1953"), ("2019-06-30", "2019-06-30"), ("2018-06", "2018-07-02")],
)
def test_validate_span_accepts_ordered_ranges(start, end):
    validate_span(PartialDate.parse(start), PartialDate.parse(end))
    validate_span(PartialDate.parse(start), None)


def test_partial_dates_sort_chronologically():
    dates = [PartialDate.parse(t) for t in ("2019-06-30", "1950", "2018-06")]

    assert [d.iso() for d in sorted(dates)] == ["1950", "2018-06", "2019-06-30"]
