"""Claims compared meeting by meeting, every record on each side; the app shows what `diff --claims`
prints (issue 17, Build 2)."""

from __future__ import annotations

import itertools
import re

from conftest import DATA, loaded, pilot_test

from coalition_tui.analysis.diffing import diff_claims
from coalition_tui.cli import main
from coalition_tui.store.corpus import Corpus
from coalition_tui.tui import make_app

A, B = "000_52fd44cbc1a803ce", "001_d758d6b22dd4d3b3"


def test_a_claim_is_only_set_against_claims_of_its_own_meeting(corpus: Corpus):
    for a, b in itertools.permutations(sorted(corpus.sources), 2):
        for row in diff_claims(corpus, a, b):
            assert {r.summit for r in (*row.a, *row.b)} == {row.summit}
            assert {r.country for r in (*row.a, *row.b)} == {row.country}


def test_every_record_of_each_side_is_in_exactly_one_row(corpus: Corpus):
    rows = diff_claims(corpus, A, B)
    listed_a = [r.id for row in rows for r in row.a]
    listed_b = [r.id for row in rows for r in row.b]
    assert sorted(listed_a) == sorted(r.id for r in corpus.by_source[A])
    assert sorted(listed_b) == sorted(r.id for r in corpus.by_source[B])
    uk = next(
        r for r in rows if r.country == "GBR" and r.what.value == "troops_in_ukraine" and r.summit == "2025-03-27-paris"
    )
    assert len(uk.a) == 2 and uk.kind == "differs"  # A's committed and its conditional against B's: the same direction


def test_the_london_meeting_is_not_paired_with_paris(corpus: Corpus):
    rows = diff_claims(corpus, A, B)
    london = [r for r in rows if r.summit == "2025-03-02-london"]
    assert london and all(r.kind == "only_b" for r in london)  # A reports nothing of London


def _cli_lines(capsys, a: str, b: str) -> list[str]:
    assert main(["diff", a, b, "--claims", "--color", "never"]) == 0
    return [line.strip() for line in capsys.readouterr().out.splitlines()[1:] if line.strip()]


def _app_lines(app) -> list[str]:
    lines = []
    for widget in app.screen.query("#diff-body Static"):
        for line in str(widget.render()).splitlines():
            line = re.sub(r"^══ ", "== ", line.strip())
            line = re.sub(r"^(A|B) \S+ (\w+)  “", r"\1 \2 “", line)  # the app draws a stance glyph too
            if line:
                lines.append(line)
    return lines


@pilot_test
async def test_the_apps_claims_diff_says_what_the_cli_prints(capsys):
    pairs = ((A, B), (B, "004_546e8795ffd0dea9"))
    cli = {pair: _cli_lines(capsys, *pair) for pair in pairs}  # before the app runs: it takes over stdout
    app = make_app(DATA, blink=False)
    async with app.run_test(size=(140, 50)) as pilot:
        await loaded(pilot)
        for a, b in pairs:
            from coalition_tui.tui.diff import DiffScreen

            app.push_screen(DiffScreen(a, b))
            await pilot.pause()
            await pilot.press("t")
            await app.workers.wait_for_complete()
            await pilot.pause()
            shown = _app_lines(app)
            printed = cli[(a, b)]
            normalized = [re.sub(r"^-- ", "", line) for line in printed]
            shown = [re.sub(r"\s+\(\d{4}-\d\d-\d\d-[\w-]+\)$", "", s) if s.startswith("==") else s for s in shown]
            normalized = [
                re.sub(r"\s+\(\d{4}-\d\d-\d\d-[\w-]+\)$", "", s) if s.startswith("==") else s for s in normalized
            ]
            assert [" ".join(x.split()) for x in shown] == [" ".join(x.split()) for x in normalized]
            assert any(line.startswith("B ") for line in shown)
            await pilot.press("escape")
            await pilot.pause()


def test_the_articles_of_the_same_meeting(corpus: Corpus):
    from coalition_tui.analysis.browse import same_meeting

    assert [s.id for s in same_meeting(corpus, A)] == [B]  # 000 and 001 both report Paris, 27 March 2025
    assert same_meeting(corpus, "003_343fc0e0e2615a75") == []


@pilot_test
async def test_d_in_sources_suggests_the_articles_of_the_same_meeting():
    app = make_app(DATA, blink=False)
    said: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        app.notify = lambda message, **kw: said.append(message)  # type: ignore[method-assign]
        await pilot.press("4", "j", "d")  # the second article by date: 000, Paris 27 March 2025
        await pilot.pause()
    assert said and "Same meeting: Starmer meets world leaders in Paris for third coa" in said[-1]
    assert "as A" in said[-1] and "Starmer in Paris with Macron" in said[-1]  # each named by its headline
