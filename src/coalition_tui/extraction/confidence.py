"""A learned confidence for each candidate: a logistic model over its features (``features.py``).

The weights are data, in ``confidence.toml`` beside this module, written by
``bench/train_confidence.py`` from hand-labelled articles (``shared/corpus-dev``: a candidate is right
when its (article, actor, kind, stance) is in the gold). The confidence is the model's probability
that the candidate is right; candidates under the file's ``threshold`` are not proposed. The figures
(leave one slice out) are in docs/extraction.md.
"""

from __future__ import annotations

import functools
import math
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

MODEL_FILE = "confidence.toml"
BANDS = (0.9, 0.8, 0.7, 0.6, 0.5, 0.0)  # lower edges of the confidence bands reported, highest first


def bands(scored: Iterable[tuple[float, bool]]) -> dict[float, tuple[int, int]]:
    """(right, proposed) per confidence band (by lower edge) of (confidence, right) pairs."""
    counts = {edge: [0, 0] for edge in BANDS}
    for confidence, right in scored:
        edge = next(e for e in BANDS if confidence >= e)
        counts[edge][0] += right
        counts[edge][1] += 1
    return {edge: (r, total) for edge, (r, total) in counts.items()}


@dataclass(frozen=True)
class Model:
    """Weights per feature name, a bias, and the confidence under which a candidate is dropped."""

    bias: float = 0.0
    weights: dict[str, float] = field(default_factory=dict)
    threshold: float = 0.0
    trained_on: str = ""

    def probability(self, features: Iterable[str]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) for name in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def as_toml(self) -> dict[str, Any]:
        return {
            "trained_on": self.trained_on,
            "threshold": round(self.threshold, 3),
            "bias": round(self.bias, 4),
            "weights": {name: round(w, 4) for name, w in sorted(self.weights.items()) if abs(w) >= 1e-4},
        }


def model_from(data: dict[str, Any]) -> Model:
    """A model from its TOML table (as :meth:`Model.as_toml` writes it)."""
    weights = data.get("weights", {})
    return Model(
        bias=float(data.get("bias", 0.0)),
        weights={str(k): float(v) for k, v in weights.items()} if isinstance(weights, dict) else {},
        threshold=float(data.get("threshold", 0.0)),
        trained_on=str(data.get("trained_on", "")),
    )


@functools.cache
def shipped_model() -> Model | None:
    """The model this package ships (None if its file is missing: confidences stay the rules' own)."""
    try:
        text = resources.files("coalition_tui.extraction").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
    return model_from(tomllib.loads(text))


# ------------------------------------------------------------------------------------------ training
L2 = 20.0  # chosen by leave-one-out among 0.3, 1, 3, 10, 15, 20, 30 (docs/extraction.md): the smallest
# penalty at which candidates the model puts at >= 0.9 are >= 0.9 precise on every slice left out


def train(
    rows: Sequence[tuple[str, ...]], labels: Sequence[bool], l2: float = L2, epochs: int = 300, rate: float = 0.5
) -> Model:
    """Logistic regression on yes/no features by full-batch gradient descent with an L2 penalty
    (deterministic: the same rows give the same weights). A strong penalty keeps rare features from
    pushing a candidate to certainty: confidence stays honest on articles not trained on."""
    names = sorted({name for row in rows for name in row})
    index = {name: i for i, name in enumerate(names)}
    encoded = [[index[name] for name in row] for row in rows]
    weights = [0.0] * len(names)
    bias = 0.0
    n = max(len(rows), 1)
    for _ in range(epochs):
        grad = [0.0] * len(names)
        grad_bias = 0.0
        for active, label in zip(encoded, labels, strict=True):
            z = bias + sum(weights[i] for i in active)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            error = p - (1.0 if label else 0.0)
            grad_bias += error
            for i in active:
                grad[i] += error
        bias -= rate * grad_bias / n
        for i in range(len(weights)):
            weights[i] -= rate * (grad[i] / n + l2 * weights[i] / n)
    return Model(bias=bias, weights=dict(zip(names, weights, strict=True)))
