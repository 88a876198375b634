"""Nearest claims by embedding, fast at a million claims without pgvector.

Debian 12's PostgreSQL 15 has no pgvector package, so the index lives in each
process: the 384-bit code of every stored vector (48 bytes a claim, 48 MB at a
million) in one numpy array, loaded from ``ClaimEmbedding`` once and then
refreshed by reading only the rows added since (ids only grow: a re-embedded
claim gets a new row). A search XORs the query's code with all of them and counts
bits (Hamming distance: ~20 ms at a million on one core), keeps the closest
``CLAIMDESK_MATCH_PREFILTER`` and ranks those by their exact (int8) vectors, read
from the database by id. While the index is small (``CLAIMDESK_MATCH_EXACT_LIMIT``
rows) the int8 vectors stay in memory too and every claim is compared exactly.
On the labelled set the true claim was among the 50 nearest codes for every query.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import numpy as np
from django.conf import settings
from django.db import connections

from .embedding import CODE_BYTES, DIMENSIONS, codes_as_words, dequantise, model_name
from .models import ClaimEmbedding

_LOAD_CHUNK = 20_000


@dataclass
class _Arrays:
    row_ids: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    claim_ids: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    codes: np.ndarray = field(
        default_factory=lambda: np.zeros((0, CODE_BYTES // 8), np.uint64)
    )
    vectors: np.ndarray | None = None  # (n, DIMENSIONS) float32, small indexes only
    #: the codes column by column (six contiguous arrays of n words), built at the
    #: first search after a change: XOR and popcount over contiguous words took
    #: 30 ms at a million codes where the (n, 6) rows took 150
    columns: np.ndarray | None = None


class VectorIndex:
    """The stored vectors of one database and model, kept in memory."""

    def __init__(self, using: str, model: str) -> None:
        self.using = using
        self.model = model
        self.lock = threading.Lock()
        self.arrays = _Arrays()
        self.position: dict[int, int] = {}
        self.last_id = 0
        self.last_created: object = None

    @property
    def size(self) -> int:
        return len(self.position)

    def _rows(self):  # type: ignore[no-untyped-def]
        return ClaimEmbedding.objects.using(self.using).of_model(self.model)

    def refresh(self) -> None:
        """Catch up with the table: read what was added since the last look, or
        everything again if rows it knew are gone (a test's rollback, a purge)."""
        with self.lock:
            newest = self._rows().order_by("-id").values_list("id", flat=True).first()
            if newest is None:
                self._reset()
                return
            if self.last_id:
                known = (
                    self._rows()
                    .filter(id=self.last_id)
                    .values_list("created_at", flat=True)
                    .first()
                )
                if known is None or known != self.last_created or newest < self.last_id:
                    self._reset()
            if newest == self.last_id:
                return
            self._load_after(self.last_id)

    def _reset(self) -> None:
        self.arrays = _Arrays()
        self.position = {}
        self.last_id = 0
        self.last_created = None

    def _load_after(self, last_id: int) -> None:
        exact = self._keep_vectors()
        if not exact:  # grown past the limit: codes only from now on
            self.arrays.vectors = None
        columns = ["id", "claim_id", "code", "created_at"]
        if exact:
            columns += ["vector", "scale"]
        rows = (
            self._rows()
            .filter(id__gt=last_id)
            .order_by("id")
            .values_list(*columns)
            .iterator(chunk_size=_LOAD_CHUNK)
        )
        batch: list[tuple] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= _LOAD_CHUNK:
                self._append(batch, exact)
                batch = []
        if batch:
            self._append(batch, exact)

    def _keep_vectors(self) -> bool:
        limit = settings.CLAIMDESK_MATCH_EXACT_LIMIT
        if self.arrays.vectors is None and self.size:
            return False
        return self.size + self._rows().filter(id__gt=self.last_id).count() <= limit

    def _append(self, rows: list[tuple], exact: bool) -> None:
        a = self.arrays
        codes = codes_as_words(b"".join(bytes(r[2]) for r in rows), len(rows))
        vectors = (
            np.vstack([dequantise(r[4], r[5]) for r in rows]).astype(np.float32)
            if exact
            else None
        )
        new_rows: list[int] = []
        new_claims: list[int] = []
        new_codes: list[np.ndarray] = []
        new_vectors: list[np.ndarray] = []
        for i, row in enumerate(rows):
            row_id, claim_id = row[0], row[1]
            at = self.position.get(claim_id)
            if at is not None:  # a re-embedded claim: replace in place
                a.row_ids[at] = row_id
                a.codes[at] = codes[i]
                if vectors is not None and a.vectors is not None:
                    a.vectors[at] = vectors[i]
                continue
            self.position[claim_id] = len(a.claim_ids) + len(new_claims)
            new_rows.append(row_id)
            new_claims.append(claim_id)
            new_codes.append(codes[i])
            if vectors is not None:
                new_vectors.append(vectors[i])
        if new_claims:
            a.row_ids = np.concatenate([a.row_ids, np.array(new_rows, np.int64)])
            a.claim_ids = np.concatenate([a.claim_ids, np.array(new_claims, np.int64)])
            a.codes = np.concatenate([a.codes, np.vstack(new_codes)])
            if exact:
                block = np.vstack(new_vectors) if new_vectors else None
                if block is not None:
                    a.vectors = (
                        block if a.vectors is None else np.vstack([a.vectors, block])
                    )
        a.columns = None
        self.last_id = rows[-1][0]
        self.last_created = rows[-1][3]

    def search(
        self, vector: np.ndarray, k: int, exclude: frozenset[int] = frozenset()
    ) -> list[tuple[int, float, np.ndarray]]:
        """The ``k`` claims nearest to ``vector``: (claim id, cosine, its vector),
        best first."""
        self.refresh()
        a = self.arrays
        n = len(a.claim_ids)
        if not n:
            return []
        want = k + len(exclude)
        if a.vectors is not None:
            sims = a.vectors @ vector.astype(np.float32)
            picked = _top(sims, want)
            found = [
                (int(a.claim_ids[i]), float(sims[i]), a.vectors[i]) for i in picked
            ]
        else:
            query = codes_as_words(np.packbits(vector > 0).tobytes(), 1)[0]
            if a.columns is None:
                a.columns = np.ascontiguousarray(a.codes.T)
            distance = np.bitwise_count(a.columns[0] ^ query[0]).astype(np.uint16)
            for word in range(1, len(query)):
                distance += np.bitwise_count(a.columns[word] ^ query[word])
            wide = max(want, settings.CLAIMDESK_MATCH_PREFILTER)
            near = _nearest(distance, wide)
            stored = dict(
                (row_id, (v, s))
                for row_id, v, s in ClaimEmbedding.objects.using(self.using)
                .filter(id__in=[int(a.row_ids[i]) for i in near])
                .values_list("id", "vector", "scale")
            )
            found = []
            for i in near:
                hit = stored.get(int(a.row_ids[i]))
                if hit is not None:
                    stored_vector = dequantise(*hit)
                    found.append(
                        (
                            int(a.claim_ids[i]),
                            float(stored_vector @ vector),
                            stored_vector,
                        )
                    )
            found.sort(key=lambda hit: -hit[1])
        return [hit for hit in found if hit[0] not in exclude][:k]


def _top(values: np.ndarray, k: int) -> np.ndarray:
    """Indices of the ``k`` largest values, largest first."""
    if k >= len(values):
        return np.argsort(-values, kind="stable")
    part = np.argpartition(-values, k)[:k]
    return part[np.argsort(-values[part], kind="stable")]


def _nearest(distance: np.ndarray, k: int) -> np.ndarray:
    """Indices of the ``k`` smallest Hamming distances, nearest first: the
    distances are 0 to 384, so a histogram finds the cut-off (2 ms at a million,
    where a partial sort took 40)."""
    if k >= len(distance):
        return np.argsort(distance, kind="stable")
    counts = np.cumsum(np.bincount(distance, minlength=8 * CODE_BYTES + 1))
    cut = int(np.searchsorted(counts, k))
    within = np.flatnonzero(distance <= cut)
    return within[np.argsort(distance[within], kind="stable")][:k]


_INDEXES: dict[tuple[str, str], VectorIndex] = {}
_INDEXES_LOCK = threading.Lock()


def vector_index(using: str = "default") -> VectorIndex:
    """This process's index of the current model's vectors in ``using``."""
    key = (connections[using].settings_dict["NAME"], model_name())
    with _INDEXES_LOCK:
        index = _INDEXES.get(key)
        if index is None:
            index = _INDEXES[key] = VectorIndex(using, model_name())
        return index


def vector_indexes_clear() -> None:
    """Forget every loaded index (tests; after restoring a backup)."""
    with _INDEXES_LOCK:
        _INDEXES.clear()


__all__ = ["DIMENSIONS", "VectorIndex", "vector_index", "vector_indexes_clear"]
