import json
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data"
TRIBUNNEWS = DATA / "tribunnews-nk-letter-2025.txt"
REUTERS = DATA / "en_reuters_2018-10-25_china-mattis-meeting-constructive.txt"
LIPUTAN6 = DATA / "id_liputan6_2021-08-05_menlu-retno-lembaran-baru-as.txt"
TEMPO = DATA / "id_tempo_2015-10-23_retno-bertemu-julie-bishop.txt"
#: the four seed articles: the threshold tests hold the importer to these. The other
#: gold files (tests/data/gold_splits.json: "tuned", "tuned_late", "tuned_3",
#: "tuned_4", "tuned_5" and "heldout") are scored and
#: reported by ``evaluate_extraction --split``; see ingest/README.md
GOLD_FILES = [
    DATA / "tribunnews-nk-letter-2025.gold.json",
    DATA / "en_reuters_2018-10-25_china-mattis-meeting-constructive.gold.json",
    DATA / "id_liputan6_2021-08-05_menlu-retno-lembaran-baru-as.gold.json",
    DATA / "id_tempo_2015-10-23_retno-bertemu-julie-bishop.gold.json",
]
SPLITS = DATA / "gold_splits.json"
ALL_GOLD_FILES = sorted(
    [
        *DATA.glob("*.gold.json"),
        *DATA.glob("tuned_late/*.gold.json"),
        *DATA.glob("tuned_3/*.gold.json"),
        *DATA.glob("tuned_4/*.gold.json"),
        *DATA.glob("tuned_5/*.gold.json"),
        *DATA.glob("heldout/*.gold.json"),
    ]
)
#: the gold split: "tuned", "tuned_late", "tuned_3", "tuned_4" and "tuned_5" (the
#: first to fourth held-out splits, whose errors were read to write rules) may be
#: tuned on, "heldout" never
#: ("heldout" is empty until the new blind set is merged: tests must cope with that)
_SPLIT_NAMES = json.loads(SPLITS.read_text(encoding="utf-8"))
TUNED_FILES = [DATA / name for name in _SPLIT_NAMES["tuned"]]
TUNED_LATE_FILES = [DATA / name for name in _SPLIT_NAMES["tuned_late"]]
TUNED_3_FILES = [DATA / name for name in _SPLIT_NAMES["tuned_3"]]
TUNED_4_FILES = [DATA / name for name in _SPLIT_NAMES["tuned_4"]]
TUNED_5_FILES = [DATA / name for name in _SPLIT_NAMES["tuned_5"]]
HELDOUT_FILES = [DATA / name for name in _SPLIT_NAMES["heldout"]]


@pytest.fixture
def data_dir() -> Path:
    return DATA
