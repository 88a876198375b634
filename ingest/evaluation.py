"""Score the pipeline against hand-made gold files (tests/data/*.gold.json).

A gold file lists the claims a careful fact-checker finds in one article: verbatim
quote, whether it is checkable, claimant, dates (value, precision, role) and the lines
that are page furniture. A gold quote counts as found when one candidate (or one of its
appearances) covers most of it. Figures are counts, so files can be summed.

``checkable`` is the gold's check-worthiness label: true for specific, verifiable
content (numbers, dates, named events, comparisons, "firsts", attributed factual
assertions), false for statements worth recording that should not be suggested
(opinions, hopes, plans without facts, appeals, vague lines). Recall counts the
checkable claims; the precision of ``suggested`` counts suggested candidates that are
mostly a checkable gold quote.

A gold document may say that its text does not carry its publication date
(``published_in_text: false``) or its publisher (``publisher_in_text: false``, e.g. a
copy on a blog or mirror); the importer is then given them, as a person importing it
would type ``--published``/``--publisher``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings

from .names import TITLES, close_variant
from .pipeline import Analysis, Candidate, analyse
from .reading import MAX_BYTES

#: share of a gold quote a candidate must cover to count as finding it
COVERAGE = 0.6
TARGETS = {
    "recall": 0.9,
    "precision": 0.75,
    "suggested_precision": 0.8,
    "claimant_accuracy": 0.9,
    "date_accuracy": 0.9,
}


@dataclass
class Score:
    name: str
    gold_checkable: int = 0
    found_checkable: int = 0
    candidates: int = 0
    matched_candidates: int = 0
    claimants_checked: int = 0
    claimants_right: int = 0
    dates_checked: int = 0
    dates_right: int = 0
    roles_right: int = 0
    #: candidates pre-ticked on the review screen, and those that are mostly a
    #: checkable gold quote; checkable gold claims found by a suggested candidate
    suggested: int = 0
    suggested_right: int = 0
    checkable_suggested: int = 0
    boilerplate_candidates: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    #: suggested candidates that are no checkable gold claim
    wrongly_suggested: list[str] = field(default_factory=list)
    #: checkable gold claims found, but not suggested
    not_suggested: list[str] = field(default_factory=list)
    wrong_claimants: list[str] = field(default_factory=list)
    wrong_dates: list[str] = field(default_factory=list)
    #: indices of the candidates that are mostly a checkable gold quote (or the
    #: best match of one): the label the check-worthiness model is trained on
    checkable_candidates: set[int] = field(default_factory=set)
    #: for each checkable gold claim found, the index of the candidate that finds it
    finders: list[int] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for key in (
            "gold_checkable",
            "found_checkable",
            "candidates",
            "matched_candidates",
            "claimants_checked",
            "claimants_right",
            "dates_checked",
            "dates_right",
            "roles_right",
            "suggested",
            "suggested_right",
            "checkable_suggested",
        ):
            setattr(self, key, getattr(self, key) + getattr(other, key))
        self.boilerplate_candidates += other.boilerplate_candidates

    @staticmethod
    def _ratio(a: int, b: int) -> float:
        return a / b if b else 1.0

    @property
    def recall(self) -> float:
        return self._ratio(self.found_checkable, self.gold_checkable)

    @property
    def precision(self) -> float:
        return self._ratio(self.matched_candidates, self.candidates)

    @property
    def claimant_accuracy(self) -> float:
        return self._ratio(self.claimants_right, self.claimants_checked)

    @property
    def date_accuracy(self) -> float:
        return self._ratio(self.dates_right, self.dates_checked)

    @property
    def role_accuracy(self) -> float:
        return self._ratio(self.roles_right, self.dates_checked)

    @property
    def suggested_precision(self) -> float:
        return self._ratio(self.suggested_right, self.suggested)

    @property
    def suggested_recall(self) -> float:
        return self._ratio(self.checkable_suggested, self.gold_checkable)

    def figures(self) -> dict[str, Any]:
        return {
            "recall": round(self.recall, 3),
            "precision": round(self.precision, 3),
            "claimant_accuracy": round(self.claimant_accuracy, 3),
            "date_accuracy": round(self.date_accuracy, 3),
            "date_role_accuracy": round(self.role_accuracy, 3),
            "suggested_precision": round(self.suggested_precision, 3),
            "suggested_recall": round(self.suggested_recall, 3),
            "boilerplate_candidates": len(self.boilerplate_candidates),
            "counts": {
                "gold_checkable": self.gold_checkable,
                "found_checkable": self.found_checkable,
                "candidates": self.candidates,
                "matched_candidates": self.matched_candidates,
                "claimants": f"{self.claimants_right}/{self.claimants_checked}",
                "dates": f"{self.dates_right}/{self.dates_checked}",
                "suggested": f"{self.suggested_right}/{self.suggested}",
            },
        }

    def failures(self) -> list[str]:
        """Targets this score misses, as readable lines."""
        out = [
            f"{key} {getattr(self, key):.3f} < {target}"
            for key, target in TARGETS.items()
            if getattr(self, key) < target
        ]
        if self.boilerplate_candidates:
            out.append(f"{len(self.boilerplate_candidates)} boilerplate candidates")
        return out


def _norm(text: str) -> str:
    text = text.replace("’", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.split()).casefold()


def names_match(found: str, gold: str) -> bool:
    """Same source: equal, or one name's words contained in the other's
    ("Retno L.P. Marsudi" / "Retno Marsudi"; "Trump" / "Donald Trump")."""

    def words(name: str) -> set[str]:
        tokens = re.findall(r"\w+", _norm(name).replace("'s", "").replace(".", ""))
        return {t for t in tokens if t not in TITLES} or set(tokens)

    if close_variant(found, gold):  # "Voaindonesia" / "VOA Indonesia"
        return True
    a, b = words(found), words(gold)
    return bool(a and b) and (a <= b or b <= a)


def is_suggested(candidate: Candidate) -> bool:
    """Whether the candidate starts ticked: its own ``suggested`` flag when the
    pipeline sets one, else a check-worthiness at or above the threshold."""
    flag = getattr(candidate, "suggested", None)
    if flag is not None:
        return bool(flag)
    threshold = float(settings.CLAIMDESK_CHECKWORTHINESS_THRESHOLD)
    return candidate.checkworthiness >= threshold


def _spans(candidate: Candidate) -> list[tuple[int, int]]:
    return [(candidate.start, candidate.end), *candidate.repeats]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _locate(text: str, quote: str) -> list[tuple[int, int]]:
    spans, start = [], text.find(quote)
    while start >= 0:
        spans.append((start, start + len(quote)))
        start = text.find(quote, start + 1)
    return spans


def score_analysis(name: str, gold: dict[str, Any], analysis: Analysis) -> Score:
    score = Score(name)
    text = analysis.text
    candidates = analysis.candidates
    score.candidates = len(candidates)
    matched: set[int] = set()
    #: candidates that are mostly a checkable gold quote (or its best match)
    matched_checkable: set[int] = set()
    suggested = [is_suggested(c) for c in candidates]
    for claim in gold["claims"]:
        checkable = bool(claim.get("checkable", True))
        # a claim may list several quotes: a paraphrase and the quote backing it
        quotes = [claim["quote"], *claim.get("quotes", [])]
        spans = [span for quote in quotes for span in _locate(text, quote)]
        best: tuple[float, int] = (0.0, -1)
        for index, candidate in enumerate(candidates):
            for gold_span in spans:
                for span in _spans(candidate):
                    cover = _overlap(span, gold_span) / (gold_span[1] - gold_span[0])
                    if cover > best[0]:
                        best = (cover, index)
        # a candidate that is mostly this gold quote counts towards precision
        for index, candidate in enumerate(candidates):
            for gold_span in spans:
                for span in _spans(candidate):
                    if _overlap(span, gold_span) >= 0.5 * (span[1] - span[0]):
                        matched.add(index)
                        if checkable:
                            matched_checkable.add(index)
        found = best[0] >= COVERAGE
        if checkable:
            score.gold_checkable += 1
            if found:
                score.found_checkable += 1
                score.finders.append(best[1])
                if suggested[best[1]]:
                    score.checkable_suggested += 1
                else:
                    score.not_suggested.append(claim["quote"])
            else:
                score.missed.append(claim["quote"])
        if not found:
            continue
        candidate = candidates[best[1]]
        matched.add(best[1])
        if checkable:
            matched_checkable.add(best[1])
        score.claimants_checked += 1
        if names_match(candidate.claimant, claim.get("claimant", "")):
            score.claimants_right += 1
        else:
            score.wrong_claimants.append(
                f"{claim['id']}: {candidate.claimant!r} "
                f"(gold {claim.get('claimant')!r})"
            )
        for date in claim.get("dates", []):
            score.dates_checked += 1
            hits = [
                d
                for d in candidate.dates
                if d["value"] == date["value"]
                and d["precision"] == date["precision"]
                and d.get("end") == date.get("end")
            ]
            if hits:
                score.dates_right += 1
                if any(d["role"] == date.get("role") for d in hits):
                    score.roles_right += 1
            else:
                score.wrong_dates.append(
                    f"{claim['id']}: {date['text']!r} = {date['value']} "
                    f"{date['precision']}; "
                    f"found {[d['value'] for d in candidate.dates]}"
                )
    score.matched_candidates = len(matched)
    score.checkable_candidates = matched_checkable
    score.suggested = sum(suggested)
    score.suggested_right = sum(1 for i in matched_checkable if suggested[i])
    score.wrongly_suggested = [
        c.quote
        for i, c in enumerate(candidates)
        if suggested[i] and i not in matched_checkable
    ]
    score.unmatched = [c.quote for i, c in enumerate(candidates) if i not in matched]
    boilerplate = [_norm(b) for b in gold.get("boilerplate", []) if len(b.strip()) > 3]
    for candidate in candidates:
        quote = _norm(candidate.quote)
        for line in boilerplate:
            if line in quote or (len(quote) > 10 and quote in line):
                score.boilerplate_candidates.append(candidate.quote)
                break
    return score


class GoldFileError(ValueError):
    """A gold file, or the article it names, that may not be read."""


def readable_file(path: Path, folder: Path | None = None) -> Path:
    """``path`` resolved, if it is a regular file (not a device, a pipe or a
    folder; nothing under /dev or /proc) no larger than the importer takes and,
    when ``folder`` is given, inside it once symlinks and ".." are resolved."""
    resolved = path.resolve()
    if folder is not None and not resolved.is_relative_to(folder.resolve()):
        raise GoldFileError(
            f"{path} is outside the gold file's folder {folder}; gold files name "
            "their article by a path inside their own folder"
        )
    if resolved.parts[1:2] in (("dev",), ("proc",), ("sys",)):
        raise GoldFileError(f"{path} is a device or system file, not an article")
    try:
        info = resolved.stat()
    except OSError as exc:
        raise GoldFileError(f"{path} cannot be read: {exc.strerror}") from exc
    if not stat.S_ISREG(info.st_mode):
        raise GoldFileError(f"{path} is not a regular file")
    if info.st_size > MAX_BYTES:
        raise GoldFileError(f"{path} is larger than {MAX_BYTES // 2**20} MB")
    return resolved


def evaluate_file(path: Path) -> tuple[Score, Analysis]:
    """Score the pipeline on the article a gold file names. Refuses (with
    ``GoldFileError``) a gold file or article that is not a regular file, and an
    article outside the gold file's folder."""
    path = readable_file(path)
    gold = json.loads(path.read_text(encoding="utf-8"))
    document = gold["document"]
    article = readable_file(path.parent / str(document["file"]), folder=path.parent)
    given: dict[str, Any] = {}
    if document.get("published_in_text") is False and document.get("published"):
        given["published"] = dt.date.fromisoformat(str(document["published"]))
    if document.get("publisher_in_text") is False and document.get("publisher"):
        given["publisher"] = str(document["publisher"])
    analysis = analyse(article.read_bytes(), filename=article.name, **given)
    return score_analysis(path.name, gold, analysis), analysis


def evaluate(paths: list[Path]) -> tuple[list[Score], Score]:
    scores = [evaluate_file(path)[0] for path in paths]
    total = Score("overall")
    for score in scores:
        total.add(score)
    return scores, total


#: the manifest of gold files by split, relative to the project
SPLITS_MANIFEST = Path("tests") / "data" / "gold_splits.json"


def load_splits(manifest: Path) -> dict[str, list[Path]]:
    """The gold files of each split named in ``manifest`` (a JSON object mapping a
    split name to a list of paths relative to the manifest). Raises
    ``GoldFileError`` when the manifest cannot be read or is not of that form."""
    manifest = readable_file(manifest)
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldFileError(f"{manifest} is not a JSON manifest: {exc}") from exc
    if not isinstance(data, dict):
        raise GoldFileError(f"{manifest} must map split names to lists of gold files")
    splits: dict[str, list[Path]] = {}
    for name, files in data.items():
        if name == "description":
            continue
        if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
            raise GoldFileError(f"{manifest}: split {name!r} must be a list of paths")
        splits[name] = [manifest.parent / f for f in files]
    return splits
