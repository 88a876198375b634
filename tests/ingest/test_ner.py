"""The Indonesian named-entity tagger: the shipped model, its scoring, retraining."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from ingest import ner
from ingest.ner import corpus, metrics, train

TINY = {
    "nerp": (
        "presiden\tO\njoko\tB-PPL\nwidodo\tI-PPL\ntiba\tO\ndi\tO\nsurabaya\tB-PLC\n.\tO\n\n"
        "kementerian\tB-IND\nkeuangan\tI-IND\nmengumumkan\tO\ndata\tO\n.\tO\n"
    ),
    "nergrit": (
        "Presiden\tO\nJoko\tB-PERSON\nWidodo\tI-PERSON\ntiba\tO\ndi\tO\n"
        "Surabaya\tB-PLACE\n.\tO\n\nBank\tB-ORGANISATION\nIndonesia\tI-ORGANISATION\n"
        "menaikkan\tO\nbunga\tO\n.\tO\n"
    ),
}


@pytest.fixture
def tiny_data(tmp_path):
    for name, text in TINY.items():
        (tmp_path / name).mkdir()
        for split in ("train", "valid", "test"):
            (tmp_path / name / f"{split}.txt").write_text(text, encoding="utf-8")
    return tmp_path


def test_spans_are_read_as_seqeval_reads_iob2():
    assert metrics.spans(["B-PER", "I-PER", "O", "B-LOC"]) == {
        ("PER", 0, 2),
        ("LOC", 3, 4),
    }
    # an I- after O, or after another type, starts an entity
    assert metrics.spans(["O", "I-ORG", "I-PER"]) == {("ORG", 1, 2), ("PER", 2, 3)}
    assert metrics.spans(["B-PER", "B-PER"]) == {("PER", 0, 1), ("PER", 1, 2)}


def test_an_entity_counts_only_with_its_exact_span_and_type():
    gold = [["B-PER", "I-PER", "O", "B-LOC"], ["B-ORG", "O"]]
    predicted = [["B-PER", "O", "O", "B-LOC"], ["B-PER", "O"]]
    scores = metrics.evaluate(gold, predicted)
    assert scores["LOC"].f1 == 1.0
    assert scores["PER"].precision == 0.0  # "Joko" alone is not "Joko Widodo"
    assert scores["ORG"].recall == 0.0
    micro = scores["micro"]
    assert (micro.precision, micro.recall) == (1 / 3, 1 / 3)


def test_each_corpus_is_answered_in_its_own_types():
    assert corpus.to_model(["B-PPL", "I-IND", "B-PLACE", "O"]) == [
        "B-PER",
        "I-ORG",
        "B-LOC",
        "O",
    ]
    assert corpus.from_model(["B-PER", "B-EVT", "I-ORG"], "nergrit") == [
        "B-PERSON",
        "O",  # NERGrit marks no events
        "I-ORGANISATION",
    ]


def test_the_shipped_model_finds_people_places_and_bodies():
    sentence = (
        "Menteri Luar Negeri Retno Marsudi bertemu Presiden Joko Widodo di "
        "Istana Merdeka, Jakarta, dan mengatakan Bank Indonesia menaikkan bunga."
    )
    found = {(e.kind, e.text) for e in ner.entities(sentence)}
    assert ("PER", "Retno Marsudi") in found
    assert ("PER", "Joko Widodo") in found
    assert ("LOC", "Jakarta") in found
    assert ("ORG", "Bank Indonesia") in found
    for entity in ner.entities(sentence):
        assert sentence[entity.start : entity.end] == entity.text


def test_a_weekday_and_a_month_are_no_entities():
    found = ner.entities("Ia tiba di Jakarta pada Selasa, 8 Agustus 2023, pukul 10.00.")
    assert all(e.kind != "PER" for e in found)
    assert not any(e.text in ("Selasa", "Agustus") for e in found)


def test_retraining_writes_a_model_that_tags_and_prints_both_test_splits(tiny_data):
    model = tiny_data / "model.crfsuite"
    out = io.StringIO()
    call_command(
        "train_ner", data=tiny_data, out=model, iterations=30, min_freq=1,
        stdout=out, stderr=io.StringIO(),
    )  # fmt: skip
    printed = out.getvalue()
    assert "nerp" in printed and "nergrit" in printed and "micro" in printed
    assert "PPL" in printed and "PERSON" in printed
    assert model.stat().st_size > 0
    tags = ner.tag_tokens(["Presiden", "Joko", "Widodo", "tiba", "."], model)
    assert tags[1:3] == ["B-PER", "I-PER"]


def test_evaluate_only_scores_a_model_as_json(tiny_data):
    out = io.StringIO()
    call_command(
        "train_ner", data=tiny_data, evaluate_only=True, json=True, stdout=out,
        stderr=io.StringIO(),
    )  # fmt: skip
    report = json.loads(out.getvalue())
    assert set(report) == {"nerp", "nergrit"}
    assert set(report["nergrit"]["micro"]) == {"precision", "recall", "f1", "support"}


def test_missing_data_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match=r"train\.txt"):
        call_command(
            "train_ner", data=tmp_path, out=tmp_path / "m.crfsuite",
            stdout=io.StringIO(), stderr=io.StringIO(),
        )  # fmt: skip


def test_the_shipped_model_holds_its_figures_on_both_test_splits():
    """The figures in ingest/README.md, on the copy of the corpora in the repo."""
    report = train.evaluate(train.DATA, train.MODEL, "test")
    assert report["nerp"]["micro"]["f1"] >= 0.66
    assert report["nergrit"]["micro"]["f1"] >= 0.66
    assert report["nerp"]["PPL"]["f1"] >= 0.72
    assert report["nergrit"]["PERSON"]["f1"] >= 0.66


def test_the_model_is_small():
    assert Path(train.MODEL).stat().st_size < 5 * 1024 * 1024
