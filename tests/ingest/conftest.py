import json
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data"
TRIBUNNEWS = DATA / "tribunnews-nk-letter-2025.txt"
REUTERS = DATA / "en_reuters_2018-10-25_china-mattis-meeting-constructive.txt"
LIPUTAN6 = DATA / "id_liputan6_2021-08-05_menlu-retno-lembaran-baru-as.txt"
TEMPO = DATA / "id_tempo_2015-10-23_retno-bertemu-julie-bishop.txt"
#: the four seed articles, which meet every target
GOLD_FILES = sorted(
    DATA / name
    for name in (
        "en_reuters_2018-10-25_china-mattis-meeting-constructive.gold.json",
        "id_liputan6_2021-08-05_menlu-retno-lembaran-baru-as.gold.json",
        "id_tempo_2015-10-23_retno-bertemu-julie-bishop.gold.json",
        "tribunnews-nk-letter-2025.gold.json",
    )
)
#: the gold split: "tuned" may be tuned on, "heldout" never
SPLITS = json.loads((DATA / "gold_splits.json").read_text(encoding="utf-8"))
TUNED_FILES = [DATA / name for name in SPLITS["tuned"]]
HELDOUT_FILES = [DATA / name for name in SPLITS["heldout"]]


@pytest.fixture
def data_dir() -> Path:
    return DATA
