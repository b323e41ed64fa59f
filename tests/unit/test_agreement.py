"""Agreement between two reviewers (issue 26, Build 4): two corpora built here with known differences,
Cohen's κ computed by hand."""

from __future__ import annotations

import json
from pathlib import Path

from coalition_tui.analysis.agreement import kappa
from coalition_tui.cli import main


def test_kappa_by_hand():
    # 6 items; A: yes yes yes yes no no; B: yes yes yes no no yes
    pairs = [("y", "y"), ("y", "y"), ("y", "y"), ("y", "n"), ("n", "n"), ("n", "y")]
    # observed 4/6; chance (4*4 + 2*2) / 36 = 20/36; kappa = (24/36 - 20/36) / (16/36) = 0.25
    assert abs(kappa(pairs) - 0.25) < 1e-12
    assert kappa([]) is None and kappa([("y", "y")]) is None  # undefined, not 1 or 0


def test_agree_on_two_copies_reviewed_differently(reviewed_twice, tmp_path: Path, capsys):
    a, b, ids = reviewed_twice
    capsys.readouterr()
    assert main(["agree", str(a), str(b), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["decided_by_both"] == 6 and abs(result["kappa"] - 0.25) < 1e-9  # as computed by hand above
    assert {d["id"] for d in result["differences"]} == {ids[0], ids[3], ids[5]}
    # claims: A holds ids 0-3 (plus the curated seeds), B holds 0 (edited), 1, 2, 5: 2 + seeds in both
    claims = result["claims"]
    assert claims["only_a"] >= 1 and claims["only_b"] >= 1 and 0 < claims["f1"] < 1
    assert main(["agree", str(a), str(b)]) == 0
    said = capsys.readouterr().out
    assert "Cohen's kappa 0.250" in said and f"  {ids[3]}: A accepted" in said and "| B rejected" in said
    assert main(["agree", str(a), str(tmp_path / "nowhere")]) == 2
