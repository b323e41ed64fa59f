"""The corpus cache: an unchanged corpus is not loaded again; any change to any input file is seen."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ARTICLES

from coalition_tui.actions import review
from coalition_tui.actions.opening import open_corpus
from coalition_tui.store import cache, loader
from coalition_tui.store.derived import Touched


@pytest.fixture
def loads(monkeypatch, tmp_path: Path) -> list[Path]:
    """Every fresh load of the articles and meetings (a cache miss), with a private cache folder."""
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    calls: list[Path] = []
    real = cache.load_articles

    def counting(root, *args, **kwargs):
        calls.append(root)
        return real(root, *args, **kwargs)

    monkeypatch.setattr(cache, "load_articles", counting)
    return calls


@pytest.fixture
def parsed(monkeypatch) -> list[str]:
    """The name of every records file parsed (not taken from the cache)."""
    names: list[str] = []
    real = loader.read_records_file

    def counting(corpus, path, *args, **kwargs):
        names.append(path.name)
        return real(corpus, path, *args, **kwargs)

    monkeypatch.setattr(loader, "read_records_file", counting)
    return names


def many_articles(tmp_path: Path, n: int) -> Path:
    """A folder of ``n`` distinct bare articles about the 6 January 2026 meeting."""
    folder = tmp_path / "many"
    folder.mkdir()
    text = (ARTICLES / "nordic.txt").read_text(encoding="utf-8")
    for i in range(n):
        (folder / f"a{i:02d}.txt").write_text(f"Paris, 6 January 2026. Item {i}.\n\n{text}", encoding="utf-8")
    return folder


@contextlib.contextmanager
def running_threads(threads: int) -> Iterator[None]:
    """With 2, a second thread runs meanwhile, as in the app: worker processes are spawned, not forked."""
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    if threads == 2:
        other.start()
    try:
        yield
    finally:
        release.set()
        if threads == 2:
            other.join()


def same(a, b) -> bool:
    """Two corpora a user could not tell apart."""
    return (
        [r.values() for r in a.records] == [r.values() for r in b.records]
        and [r.values() for r in a.rejected] == [r.values() for r in b.rejected]
        and a.homes == b.homes
        and a.sources == b.sources
        and a.texts == b.texts
        and sorted(map(str, a.problems)) == sorted(map(str, b.problems))
    )


def test_a_second_open_of_an_unchanged_corpus_comes_from_the_cache(data_copy: Path, loads, parsed):
    first = open_corpus(data_copy)
    files = len(parsed)
    second = open_corpus(data_copy)
    assert len(loads) == 1 and len(parsed) == files and len(second.records) == len(first.records) == 84
    assert second.resolver.resolve("Giorgia Melono").entity == "giorgia-meloni"
    assert same(second, first)


def test_a_changed_article_or_a_missing_one_means_a_fresh_load(review_data: Path, loads):
    open_corpus(review_data)
    seed = review_data / "articles" / "000_52fd44cbc1a803ce.txt"
    raw = seed.read_bytes()
    seed.write_bytes(raw + b" ")
    assert any(p.field == "sha256" for p in open_corpus(review_data).problems)
    seed.unlink()
    assert any("000_52fd44cbc1a803ce" in p.message for p in open_corpus(review_data).problems)
    seed.write_bytes(raw)  # back as it was: the article that failed to load is hashed too
    corpus = open_corpus(review_data)
    assert not corpus.problems and len(loads) == 4


def test_after_a_review_decision_only_that_records_file_is_read_again(review_data: Path, loads, parsed):
    corpus = open_corpus(review_data)
    parsed.clear()
    waiting = len(review.queue(corpus))
    review.accept(corpus, review.queue(corpus)[0].id)
    review.reject(corpus, review.queue(corpus)[0].id)
    again = open_corpus(review_data)
    assert len(loads) == 1 and parsed == ["nordic.toml"]
    assert len(review.queue(again)) == waiting - 2 and len(again.rejected) == 1
    parsed.clear()
    assert same(open_corpus(review_data), again) and not parsed  # and now it is cached
    assert same(again, loader.load_corpus(review_data))


def test_a_records_file_added_or_removed_is_seen(review_data: Path, loads, parsed):
    open_corpus(review_data)
    extra = review_data / "commitments" / "zz_extra.toml"
    extra.write_text(
        'source = "004_546e8795ffd0dea9"\n\n[[commitment]]\nid = "extra-1"\ncountry = "Swedn"\n'
        'kind = "troops_in_ukraine"\nstance = "declined"\nquote = "would not contribute troops"\n',
        encoding="utf-8",
    )
    parsed.clear()
    with_extra = open_corpus(review_data)
    assert parsed == ["zz_extra.toml"] and any(p.record == "extra-1" for p in with_extra.problems)
    assert same(with_extra, loader.load_corpus(review_data))
    extra.unlink()
    parsed.clear()
    without = open_corpus(review_data)
    assert not parsed and same(without, loader.load_corpus(review_data)) and len(loads) == 1


def test_a_corrupt_cache_file_is_ignored_and_replaced(data_copy: Path, loads):
    open_corpus(data_copy)
    (target,) = cache.cache_dir().glob("*.cache")
    target.write_bytes(b"not a pickle")
    assert len(open_corpus(data_copy).records) == 84 and len(loads) == 2
    open_corpus(data_copy)
    assert len(loads) == 2


def test_a_folder_of_bare_articles_is_ingested_on_first_open(tmp_path: Path, loads):
    folder = tmp_path / "mine"
    folder.mkdir()
    articles = ARTICLES
    for name in ("london.txt", "nordic.txt"):
        text = (articles / name).read_text(encoding="utf-8")
        (folder / name).write_text("Paris, 6 January 2026.\n\n" + text, encoding="utf-8")
    corpus = open_corpus(folder)
    assert set(corpus.sources) == {"london", "nordic"} and not corpus.errors
    assert corpus.records and all(r.unreviewed for r in corpus.records)
    assert (folder / "sources.toml").exists() and (folder / "commitments" / "nordic.toml").exists()
    # nothing was parsed back after ingesting, and the second open comes from the cache
    assert len(open_corpus(folder).records) == len(corpus.records) and not loads


def test_a_prepared_folder_is_the_corpus_a_fresh_load_of_it_gives(tmp_path: Path, loads):
    """The corpus built while ingesting a bare folder (never read back) equals loading the folder afresh."""
    folder = tmp_path / "mine"
    (folder / "sub").mkdir(parents=True)
    articles = ARTICLES
    for name in ("london.txt", "nordic.txt"):
        text = (articles / name).read_text(encoding="utf-8")
        (folder / name).write_text("Paris, 6 January 2026.\n\n" + text, encoding="utf-8")
    (folder / "sub" / "london.txt").write_text("London, 2 March 2025.\n\n" + text, encoding="utf-8")
    (folder / "sub" / "copy.txt").write_bytes((folder / "nordic.txt").read_bytes())  # the same text twice
    prepared = open_corpus(folder)
    fresh = cache.load_corpus(folder)
    assert [r.values() for r in prepared.records] == [r.values() for r in fresh.records]
    assert prepared.sources == fresh.sources and prepared.texts == fresh.texts and prepared.homes == fresh.homes
    assert sorted(prepared.article_paths) == sorted(fresh.article_paths)
    assert len(prepared.sources) == 3 and any("same text as nordic" in p.message for p in prepared.problems)


def test_a_symlink_in_a_folder_of_articles_is_a_problem_not_a_read(tmp_path: Path, loads):
    """A .txt symlink in a bare folder is never followed: its target (which may be any file of the
    machine) is neither read, nor copied into sources.toml's headline, nor extracted into commitments/."""
    folder, elsewhere = tmp_path / "mine", tmp_path / "elsewhere"
    (folder / "sub").mkdir(parents=True)
    elsewhere.mkdir()
    articles = ARTICLES
    (folder / "sub" / "nordic.txt").write_text(
        "Paris, 6 January 2026.\n\n" + (articles / "nordic.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    secret = "Paris, 6 January 2026. SECRET-LINE\n\n" + (articles / "london.txt").read_text(encoding="utf-8")
    (elsewhere / "london.txt").write_text(secret, encoding="utf-8")
    (folder / "sub" / "linked.txt").symlink_to(elsewhere / "london.txt")
    prepared = open_corpus(folder)
    assert {s.file for s in prepared.sources.values()} == {"sub/nordic.txt"}
    assert any("linked.txt" in p.file and "symbolic link" in p.message for p in prepared.problems)
    written = [p for p in folder.rglob("*.toml")]
    assert written and not any("SECRET-LINE" in p.read_text(encoding="utf-8") for p in written)
    assert not any("london" in p.name or "linked" in p.name for p in (folder / "commitments").iterdir())
    fresh = cache.load_corpus(folder)
    assert [r.values() for r in prepared.records] == [r.values() for r in fresh.records] and prepared.records


def test_an_article_dropped_beside_registered_ones_is_noticed_at_the_next_open(data_copy: Path, loads):
    open_corpus(data_copy)
    stray = data_copy / "articles" / "new-scrape.txt"
    stray.write_text("Leaders met in Paris on 6 January 2026.\n", encoding="utf-8")
    corpus = open_corpus(data_copy)
    assert len(loads) == 2 and any(
        "new-scrape.txt" in p.file and "not registered" in p.message for p in corpus.problems
    )


@pytest.mark.parametrize("threads", [1, 2], ids=["command line: forked", "app: spawned"])
def test_bulk_ingest_starts_its_worker_processes_inside_the_app(tmp_path: Path, monkeypatch, loads, threads):
    """In the Textual app sys.stderr is a capture object whose fileno() is -1; multiprocessing would
    refuse to start the workers ("bad value(s) in fds_to_keep") unless the real stderr is lent.
    With one thread the workers are forked, with more they are spawned: both give the same corpus."""
    import io
    import sys

    from coalition_tui.store import parallel

    class Captured(io.StringIO):
        def fileno(self) -> int:
            return -1

    folder = many_articles(tmp_path, parallel.PARALLEL_FROM)
    monkeypatch.setattr(sys, "stderr", Captured())
    with running_threads(threads):
        corpus = open_corpus(folder)
    assert len(corpus.sources) == parallel.PARALLEL_FROM and not corpus.problems and isinstance(sys.stderr, Captured)


@pytest.mark.parametrize("threads", [1, 2], ids=["command line: forked", "app: spawned"])
def test_the_names_of_many_articles_found_in_worker_processes_are_those_found_here(tmp_path, monkeypatch, threads):
    """The Names view analyses a big corpus's articles in worker processes (spawned in the app, which
    runs threads): every surface form, its resolution and its sources as analysing each article here."""
    from coalition_tui.analysis import browse
    from coalition_tui.store import parallel

    corpus = open_corpus(many_articles(tmp_path, parallel.PARALLEL_FROM + 3))
    counts: list[tuple[int, int]] = []
    with running_threads(threads):
        rows = browse.names_seen(corpus, lambda done, total: counts.append((done, total)))
    here = {
        (m.text, m.entity, m.kind, m.score, m.method, s) for s in corpus.sources for m in browse.mentions(corpus, s)
    }
    assert {(r.written, r.entity, r.kind, r.score, r.method, s) for r in rows for s in r.sources} >= here
    typo = [r for r in rows if r.written == "Danish Prime Minister Mette Fredriksen"]  # in every article
    assert typo[0].entity == "mette-frederiksen" and typo[0].method == "fuzzy"
    assert typo[0].sources == tuple(sorted(corpus.sources))
    assert counts[-1] == (len(corpus.sources), len(corpus.sources))
    monkeypatch.setattr(browse, "_names_in", None)  # kept with the corpus: not analysed again
    assert browse.names_seen(corpus) == rows
    monkeypatch.undo()
    corpus.derived.invalidate(Touched.EVERYTHING)
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 10_000)  # all in this process
    assert browse.names_seen(corpus) == rows


def test_a_new_article_means_only_its_own_records_file_is_parsed(review_data: Path, loads, parsed):
    from coalition_tui.actions.ingest import ingest_many

    open_corpus(review_data)
    assert ingest_many(loader.load_corpus(review_data), [ARTICLES / "london.txt"], summit="2025-03-02-london").added
    parsed.clear()
    corpus = open_corpus(review_data)
    assert parsed == ["london.toml"] and len(loads) == 2  # sources.toml changed: the articles are read again
    assert "london" in corpus.sources and same(corpus, loader.load_corpus(review_data))


@pytest.fixture
def articles_read(monkeypatch) -> list[str]:
    """The name of every article file read (not taken from the cache)."""
    names: list[str] = []
    real = loader.read_article

    def counting(path, *args, **kwargs):
        names.append(path.name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(loader, "read_article", counting)
    return names


def test_after_new_articles_only_they_are_read(review_data: Path, loads, parsed, articles_read):
    from coalition_tui.actions.ingest import ingest_many

    open_corpus(review_data)
    assert ingest_many(loader.load_corpus(review_data), [ARTICLES / "london.txt"], summit="2025-03-02-london").added
    parsed.clear()
    articles_read.clear()
    corpus = open_corpus(review_data)
    assert articles_read == [Path(corpus.sources["london"].file).name]
    assert parsed == ["london.toml"] and same(corpus, loader.load_corpus(review_data))


def test_an_article_edited_while_another_is_added_is_read_again(review_data: Path, loads, parsed, articles_read):
    from coalition_tui.actions.ingest import ingest_many

    open_corpus(review_data)
    assert ingest_many(loader.load_corpus(review_data), [ARTICLES / "london.txt"], summit="2025-03-02-london").added
    seed = review_data / "articles" / "000_52fd44cbc1a803ce.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("Macron", "Makron"), encoding="utf-8")
    articles_read.clear()
    corpus = open_corpus(review_data)
    assert sorted(articles_read)[0] == seed.name and len(articles_read) == 2
    assert any(p.field == "sha256" and p.record == "000_52fd44cbc1a803ce" for p in corpus.problems)
    assert same(corpus, loader.load_corpus(review_data))


def test_a_changed_article_means_the_files_that_name_it_are_validated_again(review_data: Path, loads, parsed):
    open_corpus(review_data)
    naming = sorted(
        p.name
        for p in loader.record_files(review_data)
        if "000_52fd44cbc1a803ce" in loader.read_records_file(loader.load_corpus(review_data), p).sources
    )
    seed = review_data / "articles" / "000_52fd44cbc1a803ce.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("Macron", "Makron"), encoding="utf-8")
    parsed.clear()
    corpus = open_corpus(review_data)
    assert sorted(parsed) == naming and "nordic.toml" not in parsed
    assert same(corpus, loader.load_corpus(review_data))


def test_a_gazetteer_change_means_every_records_file_is_validated_again(review_data: Path, loads, parsed):
    open_corpus(review_data)
    people = review_data / "gazetteer" / "people.toml"
    people.write_text(people.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    parsed.clear()
    corpus = open_corpus(review_data)
    assert sorted(parsed) == sorted(p.name for p in loader.record_files(review_data))
    assert same(corpus, loader.load_corpus(review_data))


def test_a_prepared_folder_reopens_from_the_cache_its_first_open_wrote(tmp_path: Path, loads, parsed):
    """The first open of a folder of bare articles caches the corpus it built; the next open takes
    every records file from it, even when sources.toml changed (no entry nor article did)."""
    folder = many_articles(tmp_path, 5)  # fewer than PARALLEL_FROM: all in this process, so parses are seen
    open_corpus(folder)
    second = open_corpus(folder)
    assert not loads and not parsed
    sources = folder / "sources.toml"
    sources.write_text(sources.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    third = open_corpus(folder)
    assert len(loads) == 1 and not parsed  # the articles were read again, no records file was parsed
    fresh = loader.load_corpus(folder)
    assert same(second, fresh) and same(third, fresh) and len(fresh.records) > 5 * 10


@pytest.mark.parametrize("threads", [1, 2], ids=["command line: forked", "app: spawned"])
def test_a_cold_load_of_many_records_files_in_workers_equals_one_in_this_process(
    tmp_path: Path, monkeypatch, loads, threads
):
    from coalition_tui.store import parallel

    folder = many_articles(tmp_path, parallel.PARALLEL_FROM)
    open_corpus(folder)  # ingest: 40 records files
    with running_threads(threads):
        in_workers = loader.load_corpus(folder)
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 10**6)
    assert same(in_workers, loader.load_corpus(folder)) and len(in_workers.records) > 40 * 10


def test_the_cache_key_follows_the_record_schema(monkeypatch):
    """A field added to a model changes every cache key, FORMAT bumped or not: no stale cache can load."""
    from coalition_tui.store.model import Commitment

    before = cache._schema()
    fields = dict(Commitment.__dataclass_fields__)
    monkeypatch.setattr(Commitment, "__dataclass_fields__", {**fields, "new_field": fields["note"]})
    assert cache._schema() != before
