"""Indonesian dates: "23 Oktober 2015" (Django's own "j N Y" abbreviates the month)."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H.i"
MONTH_DAY_FORMAT = "j F"
SHORT_DATETIME_FORMAT = "j M Y, H.i"
