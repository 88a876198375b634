from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data"
TRIBUNNEWS = DATA / "tribunnews-nk-letter-2025.txt"
REUTERS = DATA / "en_reuters_2018-10-25_china-mattis-meeting-constructive.txt"
LIPUTAN6 = DATA / "id_liputan6_2021-08-05_menlu-retno-lembaran-baru-as.txt"
TEMPO = DATA / "id_tempo_2015-10-23_retno-bertemu-julie-bishop.txt"
GOLD_FILES = sorted(DATA.glob("*.gold.json"))


@pytest.fixture
def data_dir() -> Path:
    return DATA
