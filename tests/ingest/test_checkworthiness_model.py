"""The learned check-worthiness weights: the shipped file, how scoring uses it, how
it is trained, and what it does to sentences written for these tests."""

import io
import json
import math

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from ingest import scoring
from ingest import train_checkworthiness as train
from ingest.evaluation import evaluate_file
from ingest.scoring import FEATURES, MODEL_PATH, Model, explain, features, load_model

from .conftest import GOLD_FILES

SHIPPED = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
THRESHOLD = settings.CLAIMDESK_CHECKWORTHINESS_THRESHOLD

#: sentences written for these tests: between them every feature the extractor has
SENTENCES = [
    ("The ferry carried 240 passengers to Lombok in March 2019.", True, True),
    ("The Governor of Bali opened the largest harbour in Denpasar.", False, True),
    ("We hope the bridge will be finished soon, thank you all.", False, True),
    ("It seems the council might probably change its mind?", False, False),
    ("Kan, gitu, saya cuma kesal sih.", False, True),
    ("I think we must strengthen our commitment together.", False, False),
    ("He asked whether? the port would reopen, maybe, the mayor said.", False, True),
    ("The agency expects prices to rise 3 percent by the end of 2030.", True, True),
    ("Photo: a street in Medan after the flood.", False, False),
    (
        "The report, which was written over several months by a team of twelve "
        "engineers from three universities in Java and Sumatra, lists every bridge "
        "that needs repair and how much each repair would cost the province.",
        False,
        True,
    ),
    ("Mereka berencana membangun pasar baru.", False, True),
    ("Polisi menangkap dua orang dan mereka ditangkap di pelabuhan.", False, True),
]


def _values(sentence, has_dates, attributed):
    return features(sentence, has_dates=has_dates, attributed=attributed)


def test_the_shipped_file_names_exactly_the_features_the_extractor_emits():
    assert SHIPPED["features"] == list(FEATURES)
    assert set(SHIPPED["weights"]) == set(FEATURES)
    emitted = set()
    for sentence, has_dates, attributed in SENTENCES:
        emitted |= set(_values(sentence, has_dates, attributed))
    assert emitted <= set(SHIPPED["features"])
    assert emitted == set(FEATURES)  # the sentences above exercise every feature


def test_the_shipped_file_says_how_it_was_made():
    assert SHIPPED["kind"] == "logistic"
    # the shipped weights are the fourth pass's (31 articles); the command now also
    # reads tuned_4, but its retrained weights were not shipped (ingest/README.md,
    # "Fifth pass")
    assert SHIPPED["training_splits"] == ["tuned", "tuned_late", "tuned_3"]
    assert set(SHIPPED["training_splits"]) <= set(train.TRAIN_SPLITS)
    assert "heldout" not in json.dumps(SHIPPED["report"])
    assert SHIPPED["command"] == "python -m ingest.train_checkworthiness"
    assert SHIPPED["report"]["cv"]["threshold"] == SHIPPED["threshold"]
    assert SHIPPED["threshold"] == THRESHOLD


def test_scoring_uses_the_shipped_weights():
    sentence = "The ferry carried 240 passengers to Lombok in March 2019."
    score, reasons = explain(sentence, has_dates=True, attributed=True)
    values = _values(sentence, True, True)
    logit = SHIPPED["bias"] + sum(SHIPPED["weights"][n] * v for n, v in values.items())
    assert score == round(1 / (1 + math.exp(-logit)), 2)
    assert dict(reasons) == {
        n: round(SHIPPED["weights"][n] * v, 2)
        for n, v in values.items()
        if round(SHIPPED["weights"][n] * v, 2)
    }
    assert scoring.model() == load_model()


def test_another_weights_file_changes_the_score(tmp_path):
    path = tmp_path / "weights.json"
    path.write_text(
        json.dumps({"weights": {"hope": -5.0}, "bias": 1.0, "threshold": 0.5}),
        encoding="utf-8",
    )
    model = load_model(path)
    assert model.explain({"number": 1.0}) == (0.73, [])
    assert model.explain({"hope": 1.0}) == (0.02, [("hope", -5.0)])
    hand = Model(weights={"number": 0.15}, bias=0.3, threshold=0.35, kind="linear")
    assert hand.explain({"number": 1.0}) == (0.45, [("number", 0.15)])
    path.write_text(
        json.dumps({"kind": "tree", "weights": {}, "bias": 0, "threshold": 0})
    )
    with pytest.raises(ValueError, match="tree"):
        load_model(path)


# --- behaviour on sentences written for these tests ----------------------------


@pytest.mark.parametrize(
    "sentence, has_dates",
    [
        ("The ferry carried 240 passengers to Lombok in March 2019.", True),
        ("Harga beras di Surabaya naik 8 persen pada Januari 2024.", True),
        ("The court in Makassar sentenced the two men to nine years in prison.", False),
    ],
)
def test_specific_attributed_facts_are_suggested(sentence, has_dates):
    score, reasons = explain(sentence, has_dates=has_dates, attributed=True)
    assert score >= THRESHOLD
    assert all(weight > 0 for feature, weight in reasons if feature == "number")


@pytest.mark.parametrize(
    "sentence",
    [
        "We hope the new school will make the children happy.",
        "Semoga pembangunan jembatan ini lancar dan bermanfaat bagi warga.",
        "Thank you to everyone who came tonight, it was wonderful.",
        "I think people should be kinder to each other.",
        "Kita harus bersama-sama menjaga kebersihan kota.",
        "Maybe the weather will be better tomorrow.",
        "The minister believes 40 percent of homes will have solar panels by 2030.",
    ],
)
def test_hopes_thanks_opinions_appeals_and_forecasts_are_not_suggested(sentence):
    score, reasons = explain(sentence, has_dates="2030" in sentence, attributed=True)
    assert score < THRESHOLD
    assert any(weight < 0 for _feature, weight in reasons)


def test_a_hope_scores_below_the_same_sentence_as_a_fact():
    fact, _ = explain("The bridge opened in May.", has_dates=True, attributed=True)
    hope, reasons = explain(
        "We hope the bridge opened in May.", has_dates=True, attributed=True
    )
    assert hope < fact
    assert dict(reasons)["hope"] < 0


def test_the_publications_own_vague_line_is_not_suggested():
    score, reasons = explain(
        "It is a story about courage and friendship.", has_dates=False, attributed=False
    )
    assert score < THRESHOLD
    assert "framing" in dict(reasons)


# --- training -----------------------------------------------------------------


def test_training_never_reads_the_held_out_split(monkeypatch):
    read = []

    def fake_evaluate_file(path):
        read.append(path)
        raise StopIteration

    monkeypatch.setattr("ingest.evaluation.evaluate_file", fake_evaluate_file)
    with pytest.raises(StopIteration):
        train.collect()
    assert read and "heldout" not in str(read[0])
    assert "heldout" not in train.TRAIN_SPLITS


def test_training_reads_every_tuned_split_and_nothing_held_out(monkeypatch):
    from types import SimpleNamespace

    from .conftest import HELDOUT_FILES, TUNED_4_FILES

    read = []

    def fake_evaluate_file(path):
        read.append(path.resolve())
        score = SimpleNamespace(
            checkable_candidates=set(), finders=[], gold_checkable=0
        )
        return score, SimpleNamespace(candidates=[])

    monkeypatch.setattr("ingest.evaluation.evaluate_file", fake_evaluate_file)
    articles = train.collect()
    assert {a.split for a in articles} == {"tuned", "tuned_late", "tuned_3", "tuned_4"}
    assert {p.resolve() for p in TUNED_4_FILES} <= set(read)
    assert not {p.resolve() for p in HELDOUT_FILES} & set(read)
    assert all("heldout" not in str(p) for p in read)


def test_the_training_labels_and_figures_agree_with_the_evaluator(tmp_path):
    """Counted from the training examples, the suggested candidates of the seed
    articles are exactly what ``evaluate_extraction`` counts."""
    manifest = tmp_path / "splits.json"
    manifest.write_text(
        json.dumps(
            {
                "tuned": [str(p) for p in GOLD_FILES],
                "tuned_late": [],
                "tuned_3": [],
                "tuned_4": [],
            }
        ),
        encoding="utf-8",
    )
    articles = train.collect(manifest)
    model = load_model()
    scores = {
        a.name: train.candidate_scores(a, lambda v: model.explain(v)[0])
        for a in articles
    }
    got = train.figures(articles, scores, THRESHOLD)
    suggested = right = found = gold = 0
    for path in GOLD_FILES:
        score, _analysis = evaluate_file(path)
        suggested += score.suggested
        right += score.suggested_right
        found += score.checkable_suggested
        gold += score.gold_checkable
    assert got["suggested"] == f"{right}/{suggested}"
    assert got["found"] == f"{found}/{gold}"


def test_the_fit_is_a_regularised_logistic_regression():
    rows = [{"a": 1.0}] * 8 + [{"a": 1.0}] * 2 + [{}] * 2 + [{}] * 8
    labels = [True] * 8 + [False] * 2 + [True] * 2 + [False] * 8
    weights, bias = train.fit(rows, labels, ["a"], penalty=1e-6)
    # unpenalised, it recovers the log-odds: 8:2 with "a", 2:8 without
    assert bias == pytest.approx(math.log(2 / 8), abs=1e-3)
    assert weights["a"] == pytest.approx(math.log(8 / 2) - math.log(2 / 8), abs=1e-3)
    shrunk, _ = train.fit(rows, labels, ["a"], penalty=10.0)
    assert 0 < shrunk["a"] < weights["a"]


def test_an_unwritable_output_is_a_clear_error_and_writes_nothing(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("kept", encoding="utf-8")
    with pytest.raises(CommandError, match=r"Cannot write .*not-a-folder"):
        call_command(
            "train_checkworthiness",
            "--hand",
            "--out",
            str(blocker / "weights.json"),
            stdout=io.StringIO(),
        )
    assert blocker.read_text(encoding="utf-8") == "kept"
    assert json.loads(MODEL_PATH.read_text(encoding="utf-8"))["kind"] == "logistic"
