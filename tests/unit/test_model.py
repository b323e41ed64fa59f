"""The record type: light enough for 10,000 articles, and the fast paths build the same records."""

from __future__ import annotations

import dataclasses
import pickle

import pytest
from pydantic import ValidationError

from coalition_tui.store.corpus import Corpus
from coalition_tui.store.model import Commitment, trusted_commitment


def test_trusted_construction_and_values_round_trip_every_record(corpus: Corpus):
    for record in corpus.records:
        assert trusted_commitment(*record.values()) == record
        assert dict(zip(Commitment.__dataclass_fields__, record.values(), strict=True)) == dataclasses.asdict(record)


def test_a_record_has_no_per_instance_dict(corpus: Corpus):
    """Slots: a record costs about 200 bytes, not the 1.3 KB of a pydantic model with its __dict__."""
    assert not hasattr(corpus.records[0], "__dict__")


def test_validation_still_guards_records_built_from_outside_data(corpus: Corpus):
    good = dataclasses.asdict(corpus.records[0])
    with pytest.raises(ValidationError, match="end - start"):
        Commitment(**{**good, "end": good["end"] + 1})
    with pytest.raises(ValidationError):
        Commitment(**{**good, "stance": "maybe"})
    with pytest.raises(ValidationError):
        Commitment(**{**good, "colour": "red"})


def test_a_pickled_corpus_comes_back_whole_with_its_indexes(corpus: Corpus):
    corpus = pickle.loads(pickle.dumps(corpus))  # a private copy: the fixture is shared
    corpus.rejected.append(dataclasses.replace(corpus.records[0], id="gone", rejected=True))
    back = pickle.loads(pickle.dumps(corpus))
    assert back.records == corpus.records and back.rejected == corpus.rejected
    for index in ("by_country", "by_summit", "by_source", "by_person"):
        assert dict(getattr(back, index)) == dict(getattr(corpus, index))
    assert back.sources == corpus.sources and back.homes == corpus.homes
