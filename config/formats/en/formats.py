"""English dates as the public site writes them: "23 October 2015", the same order
as a partial date ("June 2018", "30 June 2019") and as Indonesian."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
MONTH_DAY_FORMAT = "j F"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
