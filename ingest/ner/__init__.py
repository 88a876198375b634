"""Named entities in Indonesian news text: a CRF tagger trained on IndoNLU's NERP and
NERGrit corpora (``ingest/ner/data``, Apache-2.0), shipped as ``model/id.crfsuite``.

``entities(text)`` gives the person (PER), place (LOC), organisation (ORG), event (EVT)
and product (FNB) spans of a sentence with their offsets. The importer asks it whether
a speaker it found is a person or an organisation (``ingest.claimants``). Retrain
with ``python manage.py train_ner`` (or ``python -m ingest.ner.train``), which also
prints the entity-level F1 on both test splits.
"""

from .tagger import Entity, entities, tag_tokens
from .tokens import Token, tokenize

__all__ = ["Entity", "Token", "entities", "tag_tokens", "tokenize"]
