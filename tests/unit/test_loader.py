"""Loading: bad records are reported with file, line, record and field, and skipped; the rest loads."""

from __future__ import annotations

from pathlib import Path

import pytest

from coalition_tui.store.corpus import Corpus
from coalition_tui.store.loader import load_corpus
from coalition_tui.store.model import Kind, Origin, Stance
from coalition_tui.store.problems import Severity

GOOD = """
[[commitment]]
id = "t-good"
country = "Italy"
kind = "troops_in_ukraine"
stance = "declined"
quote = "said their countries would not contribute troops"
"""


def _write(data: Path, body: str, name: str = "zz_test.toml") -> Path:
    path = data / "commitments" / name
    path.write_text('source = "004_546e8795ffd0dea9"\n' + body, encoding="utf-8")
    return path


def test_bundled_corpus_loads_without_problems(corpus: Corpus):
    assert [str(p) for p in corpus.problems] == []
    assert len(corpus.sources) == 5
    assert len(corpus.summits) >= 5
    assert len(corpus.records) >= 60


def test_every_curated_quote_is_verbatim_at_its_offsets(corpus: Corpus):
    for record in corpus.records:
        text = corpus.texts[record.source]
        assert text[record.start : record.end] == record.quote, record.id
        assert record.origin is Origin.CURATED


def test_every_as_written_name_is_in_the_quote(corpus: Corpus):
    for record in corpus.records:
        for written in record.as_written:
            assert written in record.quote, (record.id, written)


# Records whose actor the sentence names only indirectly ("the two countries", "other countries").
INDIRECT = {"004-fra-military-hubs"}


def test_as_written_names_resolve_to_the_records_actor(corpus: Corpus):
    for record in corpus.records:
        if record.id in INDIRECT or record.country == "coalition-of-the-willing" or not record.as_written:
            continue
        resolved = {corpus.resolver.resolve(w).entity for w in record.as_written}
        actors = {record.country, record.person}
        resolved_countries = {corpus.gazetteer.country_of(e).id for e in resolved if corpus.gazetteer.country_of(e)}
        assert resolved & actors or record.country in resolved_countries, (record.id, record.as_written, resolved)


def test_indexes_by_country_summit_source_and_person(corpus: Corpus):
    italy = corpus.by_country["ITA"]
    assert {r.summit for r in italy} >= {"2025-03-27-paris", "2026-01-06-paris"}
    assert all(r.source == "004_546e8795ffd0dea9" for r in corpus.by_source["004_546e8795ffd0dea9"])
    assert {r.country for r in corpus.by_person["giorgia-meloni"]} == {"ITA"}
    assert corpus.by_summit["2025-07-10-northwood"]


def test_seed_facts_are_recorded(corpus: Corpus):
    def has(country: str, summit: str, kind: Kind, stance: Stance) -> bool:
        return any(r.kind == kind and r.stance == stance for r in corpus.filter(country=country, summit=summit))

    assert has("ITA", "2026-01-06-paris", Kind.TROOPS_IN_UKRAINE, Stance.DECLINED)
    assert has("POL", "2026-01-06-paris", Kind.TROOPS_IN_UKRAINE, Stance.DECLINED)
    assert has("DEU", "2026-01-06-paris", Kind.FORCES_OUTSIDE_UKRAINE, Stance.WILLING)
    assert has("AUS", "2025-03-15-virtual", Kind.TROOPS_IN_UKRAINE, Stance.WILLING)
    assert has("USA", "2025-07-10-northwood", Kind.AIR_SUPPORT, Stance.CONSIDERING)
    assert has("USA", "2026-01-06-paris", Kind.SECURITY_GUARANTEE, Stance.COMMITTED)
    assert has("coalition-of-the-willing", "2025-07-10-northwood", Kind.LOGISTICS, Stance.COMMITTED)
    for country in ("GBR", "FRA"):
        assert has(country, "2025-03-27-paris", Kind.TROOPS_IN_UKRAINE, Stance.COMMITTED)
    leaders = {
        "ITA",
        "PRT",
        "CYP",
        "ESP",
        "GRC",
        "HRV",
        "LTU",
        "POL",
        "SVN",
        "DEU",
        "CZE",
        "SWE",
        "FIN",
        "EST",
        "DNK",
        "ISL",
        "BEL",
        "TUR",
    }
    attended = {r.country for r in corpus.filter(source="001_d758d6b22dd4d3b3", kind=Kind.PARTICIPATION)}
    assert leaders <= attended


def test_malformed_toml_names_file_and_line_and_the_rest_loads(data_copy: Path):
    _write(data_copy, GOOD + '\n[[commitment]]\nid = "broken\n')
    corpus = load_corpus(data_copy)
    (problem,) = corpus.problems
    assert "zz_test.toml" in problem.file and problem.line == 11  # the line of the unterminated string
    assert "malformed TOML" in str(problem)
    assert len(corpus.records) == len(load_corpus(data_copy.parent / "data").records)  # other files still load


def test_unknown_country_is_reported_and_skipped(data_copy: Path):
    _write(data_copy, GOOD + GOOD.replace("t-good", "t-bad").replace('"Italy"', '"Atlantis"'))
    corpus = load_corpus(data_copy)
    (problem,) = corpus.problems
    assert (problem.record, problem.field, problem.line) == ("t-bad", "country", 10)
    assert "unknown country 'Atlantis'" in problem.message
    assert any(r.id == "t-good" for r in corpus.records)
    assert not any(r.id == "t-bad" for r in corpus.records)


def test_a_typo_in_a_curated_country_is_not_silently_accepted(data_copy: Path):
    _write(data_copy, GOOD.replace('"Italy"', '"Itlay"'))
    (problem,) = load_corpus(data_copy).problems
    assert "did you mean 'ITA'" in problem.message


def test_country_by_any_exact_form(data_copy: Path):
    _write(data_copy, GOOD.replace('"Italy"', '"Italian"'))
    corpus = load_corpus(data_copy)
    assert not corpus.problems
    assert next(r for r in corpus.records if r.id == "t-good").country == "ITA"


def test_quote_not_in_source_is_an_error(data_copy: Path):
    _write(data_copy, GOOD.replace("would not contribute troops", "would gladly contribute troops"))
    (problem,) = load_corpus(data_copy).problems
    assert problem.severity is Severity.ERROR
    assert (problem.record, problem.field) == ("t-good", "quote")
    assert "not found verbatim" in problem.message


def test_wrong_offset_is_reported_with_the_right_one(data_copy: Path):
    _write(data_copy, GOOD + "start = 3\n")
    (problem,) = load_corpus(data_copy).problems
    assert problem.field == "start" and "it occurs at" in problem.message


def test_unknown_kind_and_missing_field(data_copy: Path):
    bad_kind = GOOD.replace('"troops_in_ukraine"', '"cavalry"').replace("t-good", "t-kind")
    no_stance = GOOD.replace('stance = "declined"\n', "").replace("t-good", "t-stance")
    _write(data_copy, bad_kind + no_stance)
    problems = {p.record: p for p in load_corpus(data_copy).problems}
    assert problems["t-kind"].field == "kind" and "cavalry" in problems["t-kind"].message
    assert problems["t-stance"].field == "stance" and problems["t-stance"].line == 10


def test_unknown_field_is_named(data_copy: Path):
    _write(data_copy, GOOD + 'stanse = "committed"\n')
    (problem,) = load_corpus(data_copy).problems
    assert problem.field == "stanse" and "unknown field" in problem.message


def test_duplicate_id_keeps_the_first(data_copy: Path):
    _write(data_copy, GOOD + GOOD)
    corpus = load_corpus(data_copy)
    (problem,) = corpus.problems
    assert problem.field == "id" and "duplicate" in problem.message
    assert sum(r.id == "t-good" for r in corpus.records) == 1


def test_unknown_summit_and_source(data_copy: Path):
    _write(data_copy, GOOD + 'summit = "2099-01-01-mars"\n' + GOOD.replace("t-good", "t-src") + 'source = "nope"\n')
    problems = {p.record: p for p in load_corpus(data_copy).problems}
    assert problems["t-good"].field == "summit"
    assert problems["t-src"].field == "source"


def test_changed_article_is_flagged(data_copy: Path):
    seed = data_copy / "articles" / "002_b0bf7805ac2993a0.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "\nAppended.", encoding="utf-8")
    problems = load_corpus(data_copy).problems
    assert any(p.field == "sha256" and p.severity is Severity.WARNING for p in problems)


def test_missing_article_is_reported_and_its_records_skipped(data_copy: Path):
    (data_copy / "articles" / "003_343fc0e0e2615a75.txt").unlink()
    corpus = load_corpus(data_copy)
    assert "003_343fc0e0e2615a75" not in corpus.sources
    assert any(p.record == "003_343fc0e0e2615a75" and "cannot read" in p.message for p in corpus.problems)
    assert corpus.by_source.get("004_546e8795ffd0dea9")


def test_unregistered_article_is_a_warning(data_copy: Path):
    (data_copy / "articles" / "999_new.txt").write_text("Fresh news.", encoding="utf-8")
    problems = load_corpus(data_copy).problems
    assert any("999_new.txt" in p.file and p.severity is Severity.WARNING for p in problems)


def test_broken_gazetteer_entry_is_skipped(data_copy: Path):
    people = data_copy / "gazetteer" / "people.toml"
    people.write_text(
        people.read_text(encoding="utf-8") + '\n[nobody]\nname = "No Body"\ncountry = "XXX"\n', encoding="utf-8"
    )
    corpus = load_corpus(data_copy)
    (problem,) = corpus.problems
    assert (problem.record, problem.field) == ("nobody", "country")
    assert "giorgia-meloni" in corpus.gazetteer.people


def test_missing_sources_file_is_reported(data_copy: Path):
    (data_copy / "sources.toml").unlink()
    problems = load_corpus(data_copy).problems
    assert any("sources.toml" in p.file and "missing" in p.message for p in problems)


def test_without_its_own_summits_or_gazetteer_a_folder_uses_the_bundled_ones(data_copy: Path):
    import shutil

    (data_copy / "summits.toml").unlink()
    shutil.rmtree(data_copy / "gazetteer")
    corpus = load_corpus(data_copy)
    assert not corpus.problems and len(corpus.summits) == 22 and len(corpus.records) == 84


def test_problem_message_is_one_line_naming_everything(data_copy: Path):
    _write(data_copy, GOOD.replace('"Italy"', '"Atlantis"'))
    (problem,) = load_corpus(data_copy).problems
    text = str(problem)
    assert "\n" not in text
    assert text.startswith("data/commitments/zz_test.toml:3: error record 't-good' field 'country':")


@pytest.mark.parametrize(
    ("text", "summit"),
    [("2025-03-02", "2025-03-02-london"), ("2025-07-10", "2025-07-10-northwood"), ("Paris 2026", "2026-01-06-paris")],
)
def test_a_meeting_is_found_by_its_date_alone(corpus: Corpus, text: str, summit: str):
    assert corpus.find_summit(text) == summit


def test_real_paths_resolve_as_path_resolve_does(tmp_path: Path):
    """RealPaths resolves each folder once; it must give what Path.resolve gives for plain files,
    symlinked files and folders, "..", and files that do not exist."""
    from coalition_tui.store.paths import RealPaths

    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "a" / "b" / "x.txt").write_text("x", encoding="utf-8")
    (tmp_path / "elsewhere" / "y.txt").write_text("y", encoding="utf-8")
    (tmp_path / "a" / "link.txt").symlink_to(tmp_path / "elsewhere" / "y.txt")
    (tmp_path / "a" / "linked-folder").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    real = RealPaths()
    for path in [
        tmp_path / "a" / "b" / "x.txt",
        tmp_path / "a" / "link.txt",
        tmp_path / "a" / "linked-folder" / "y.txt",
        tmp_path / "a" / "b" / ".." / "link.txt",
        tmp_path / "a" / "b" / "missing.txt",
        tmp_path / "a" / "b" / "..",
        tmp_path / "a" / "linked-folder" / "y.txt",  # a folder seen before
    ]:
        assert real(path) == path.resolve(), path
