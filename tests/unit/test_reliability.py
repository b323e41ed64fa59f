"""The analyst's work is never lost, and files outside the data folder are never read: concurrent
writers, ingest that would replace a file, a lost sources.toml, a cache poisoned or tampered with,
paths out of the folder, wrong types anywhere, files that never end. Each test fails on the code that
had the defect (the fault probe of issue 14)."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import pickle
import stat
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest
from conftest import DATA, ingest_one

from coalition_tui.actions import review
from coalition_tui.actions.ingest import article_files
from coalition_tui.actions.opening import open_corpus
from coalition_tui.cli import main
from coalition_tui.store import cache
from coalition_tui.store.loader import load_corpus, read_article

PARIS = "2025-03-27-paris"
SHA = "0" * 64
COUNTRIES = ["France", "Britain", "Germany", "Italy", "Spain", "Poland", "Sweden", "Denmark", "Norway", "Finland"]


THINGS = [
    "troops",
    "fighter jets",
    "frigates",
    "drones",
    "funding for reconstruction",
    "trainers",
    "logistical support",
    "intelligence",
    "observers to monitor the ceasefire",
    "a headquarters",
]


def _article(n: int, words: str = "") -> str:
    """An article of ``n`` sentences, each a candidate record of its own (one per country, kind and
    polarity, up to 200; written here, not taken from any outlet)."""

    def said(i: int) -> str:
        if words:
            return words
        verb = "would provide" if i // 100 % 2 == 0 else "would not provide"
        return f"{verb} {THINGS[i // len(COUNTRIES) % len(THINGS)]} to Ukraine"

    lines = [f"{COUNTRIES[i % len(COUNTRIES)]} said on day {i} that it {said(i)}." for i in range(n)]
    return "Paris, 27 March 2025.\n\n" + "\n".join(lines) + "\n"


@pytest.fixture
def many_candidates(data_copy: Path, tmp_path: Path) -> tuple[Path, list[str]]:
    """The bundled corpus with one article whose records file holds 200 unreviewed candidates."""
    article = tmp_path / "many.txt"
    article.write_text(_article(200), encoding="utf-8")
    _source, records = ingest_one(data_copy, article, PARIS)
    ids = [r.id for r in records]
    assert len(ids) >= 200
    return data_copy, ids[:200]


# ------------------------------------------------------------------------------ 1. two deciders
def _decide(
    data: str, ids: list[str], action: str, barrier: multiprocessing.synchronize.Barrier, out: multiprocessing.Queue
) -> None:
    corpus = load_corpus(Path(data))
    barrier.wait()
    failed = []
    for record_id in ids:
        try:
            getattr(review, action)(corpus, record_id)
        except review.ReviewError as exc:
            failed.append(str(exc))
    out.put(failed)


def test_two_processes_deciding_100_records_each_in_one_file_lose_none(many_candidates):
    data, ids = many_candidates
    context = multiprocessing.get_context("fork")
    barrier, out = context.Barrier(2), context.Queue()
    workers = [
        context.Process(target=_decide, args=(str(data), ids[0::2], "accept", barrier, out)),
        context.Process(target=_decide, args=(str(data), ids[1::2], "reject", barrier, out)),
    ]
    for worker in workers:
        worker.start()
    failures = [out.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
    assert failures == [[], []]
    corpus = load_corpus(data)
    accepted = {r.id for r in corpus.records if r.id in set(ids) and not r.unreviewed}
    rejected = {r.id for r in corpus.rejected}
    assert accepted == set(ids[0::2]) and set(ids[1::2]) <= rejected  # all 200 decisions on disk


def test_a_decision_on_a_record_another_process_changed_is_refused_not_overwritten(many_candidates):
    data, ids = many_candidates
    mine, theirs = load_corpus(data), load_corpus(data)
    review.edit(theirs, ids[0], review.Change(stance=review.Stance.DECLINED))
    with pytest.raises(review.ReviewError, match="changed by another window or command"):
        review.accept(mine, ids[0])
    again = load_corpus(data)
    assert again.record(ids[0]).stance is review.Stance.DECLINED  # their edit stands


# ------------------------------------------------------------------------------ 2. two ingests
def test_two_ingests_at_once_register_every_article(data_copy: Path, tmp_path: Path):
    batches = []
    for name in ("left", "right"):
        folder = tmp_path / name
        folder.mkdir()
        for i in range(24):
            (folder / f"{name}-{i:02d}.txt").write_text(
                _article(3, f"would send {name} engineers number {i}"), encoding="utf-8"
            )
        batches.append(sorted(folder.glob("*.txt")))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    cli = [sys.executable, "-m", "coalition_tui", "ingest", "--data", str(data_copy), "--summit", PARIS]
    bulk = (
        "import sys; from pathlib import Path; from coalition_tui.actions.ingest import ingest_many; "
        "from coalition_tui.store.loader import load_corpus; "
        "r = ingest_many(load_corpus(Path(sys.argv[1])), [Path(p) for p in sys.argv[2:]], summit='" + PARIS + "'); "
        "sys.exit(1 if r.problems else 0)"
    )
    runs = [
        subprocess.Popen([*cli, *map(str, batches[0])], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE),
        subprocess.Popen(
            [sys.executable, "-c", bulk, str(data_copy), *map(str, batches[1])],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        ),
    ]
    for run in runs:
        _out, err = run.communicate(timeout=300)
        assert run.returncode == 0, err.decode()
    registered = tomllib.loads((data_copy / "sources.toml").read_text(encoding="utf-8"))
    assert len(registered) == 5 + 48
    files = {p.stem for p in (data_copy / "commitments").glob("*.toml")}
    assert files == set(registered)  # no orphaned candidates file, no registration without its file
    assert not load_corpus(data_copy).errors


# ------------------------------------------------------------------------------ 3. never replace
def test_ingest_never_replaces_a_hand_curated_records_file_of_the_same_name(data_copy: Path, tmp_path: Path):
    curated = data_copy / "commitments" / "france.toml"
    curated.write_bytes((data_copy / "commitments" / "004_546e8795ffd0dea9.toml").read_bytes())
    (data_copy / "commitments" / "004_546e8795ffd0dea9.toml").unlink()
    before = curated.read_bytes()
    article = tmp_path / "france.txt"
    article.write_text(_article(3), encoding="utf-8")
    assert main(["ingest", "--data", str(data_copy), str(article), "--summit", PARIS]) == 0
    assert curated.read_bytes() == before
    registered = tomllib.loads((data_copy / "sources.toml").read_text(encoding="utf-8"))
    new = [key for key in registered if key.startswith("france")]
    assert new and new[0] != "france" and (data_copy / "commitments" / f"{new[0]}.toml").is_file()


# ------------------------------------------------------------------------------ 4. lost sources.toml
def test_a_missing_sources_toml_is_an_error_never_a_re_extraction(many_candidates, capsys):
    data, ids = many_candidates
    review.accept(load_corpus(data), ids[0])
    files = {p: p.read_bytes() for p in (data / "commitments").glob("*.toml")}
    (data / "sources.toml").unlink()
    assert main(["validate", "--data", str(data)]) == 1
    out = capsys.readouterr().out
    assert "sources.toml" in out and "is missing" in out and "restore it" in out
    assert {p: p.read_bytes() for p in (data / "commitments").glob("*.toml")} == files  # decisions kept
    assert not (data / "sources.toml").exists()


# ------------------------------------------------------------------------------ 5. the cache
def test_a_decision_during_a_cold_open_never_poisons_the_cache(many_candidates, monkeypatch):
    """The file is hashed, then changed (another process decides), then parsed; later it is changed
    back. The cache used to key what it parsed by the first hash, so the next open served the
    intermediate state as if it were the file's."""
    data, ids = many_candidates
    home = load_corpus(data).homes[ids[0]][0]
    original = home.read_bytes()
    real = cache.load_records

    def decided_meanwhile(corpus, *args, **kwargs):
        review.reject(load_corpus(data), ids[0])  # another process, between the hash and the parse
        return real(corpus, *args, **kwargs)

    monkeypatch.setattr(cache, "load_records", decided_meanwhile)
    open_corpus(data)
    monkeypatch.setattr(cache, "load_records", real)
    home.write_bytes(original)  # restored: the file is as it was when first hashed
    cached, fresh = open_corpus(data), load_corpus(data)
    assert [r.values() for r in cached.records] == [r.values() for r in fresh.records]
    assert ids[0] not in {r.id for r in cached.rejected}


def _cache_file() -> Path:
    (found,) = cache.cache_dir().glob("*.cache")
    return found


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(folder))
    return folder


def test_flipped_bits_in_the_cache_never_change_what_opens(data_copy: Path, own_cache: Path):
    fresh = [r.values() for r in load_corpus(data_copy).records]
    open_corpus(data_copy)
    good = _cache_file().read_bytes()
    step = max(1, len(good) // 60)
    for position in range(0, len(good), step):
        flipped = bytearray(good)
        flipped[position] ^= 1 << (position % 8)
        _cache_file().write_bytes(bytes(flipped))
        assert [r.values() for r in open_corpus(data_copy).records] == fresh, position
        _cache_file().write_bytes(good)


class _Payload:
    def __reduce__(self):
        return (os.system, ("touch PWNED-BY-CACHE",))


def test_a_forged_cache_file_cannot_run_code(data_copy: Path, own_cache: Path, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    open_corpus(data_copy)
    body = pickle.dumps(_Payload())
    blob = cache.MAGIC + body
    _cache_file().write_bytes(blob + hashlib.sha256(blob).digest())  # a valid checksum: anyone can compute it
    corpus = open_corpus(data_copy)
    assert not (tmp_path / "PWNED-BY-CACHE").exists()
    assert len(corpus.records) == len(load_corpus(data_copy).records)


def test_a_cache_folder_others_can_write_is_not_used(data_copy: Path, own_cache: Path, monkeypatch):
    open_corpus(data_copy)
    own_cache.chmod(0o777)
    calls = []
    real = cache.load_articles
    monkeypatch.setattr(cache, "load_articles", lambda *a, **k: calls.append(1) or real(*a, **k))
    open_corpus(data_copy)
    assert calls  # read afresh, not from a folder someone else could have written
    assert stat.S_IMODE(own_cache.stat().st_mode) == 0o777  # and left as the user set it


def test_a_new_cache_folder_is_private(data_copy: Path, own_cache: Path):
    open_corpus(data_copy)
    assert stat.S_IMODE(own_cache.stat().st_mode) == 0o700


def test_temp_files_a_killed_writer_left_are_removed_at_the_next_open(data_copy: Path):
    old = data_copy / "commitments" / ".000_52fd44cbc1a803ce.toml.abc12345.tmp"
    recent = data_copy / "commitments" / ".001_d758d6b22dd4d3b3.toml.xyz98765.tmp"
    for path in (old, recent):
        path.write_text("half a file", encoding="utf-8")
    an_hour_ago = time.time() - 3600
    os.utime(old, (an_hour_ago, an_hour_ago))
    open_corpus(data_copy)
    assert not old.exists() and recent.exists()  # a write in flight elsewhere is left alone


# ------------------------------------------------------------------------------ 7. names into TOML
def test_a_newline_in_a_file_name_cannot_forge_a_record(data_copy: Path, tmp_path: Path, capsys):
    name = 'x\n[[commitment]]\nid = "forged"\ncountry = "FRA"\nkind = "funding"\nstance = "committed"\norigin = "curated"\nquote = "Paris"\n.txt'
    article = tmp_path / name
    article.write_text(_article(2), encoding="utf-8")
    assert main(["ingest", "--data", str(data_copy), str(article), "--summit", PARIS]) == 0
    corpus = load_corpus(data_copy)
    assert "forged" not in {r.id for r in corpus.records} and not corpus.errors
    assert main(["validate", "--data", str(data_copy)]) == 0
    notes = [s.note for s in corpus.sources.values() if s.note and "[[commitment]]" in s.note]
    assert notes  # the name is kept, as a string the TOML writer escaped


# ------------------------------------------------------------------------------ 8. outside the folder
@pytest.mark.parametrize("file", ["/etc/passwd", "../../../../../../etc/passwd", "articles/../../outside.txt"])
def test_sources_toml_cannot_name_a_file_outside_the_data_folder(data_copy: Path, file: str):
    (data_copy.parent / "outside.txt").write_text("root:x:0:0 SECRET", encoding="utf-8")
    with (data_copy / "sources.toml").open("a", encoding="utf-8") as handle:
        handle.write(f'\n[stolen]\nfile = "{file}"\nheadline = "x"\nsummit = "{PARIS}"\nsha256 = "{SHA}"\n')
    corpus = load_corpus(data_copy)
    assert "stolen" not in corpus.sources and not any("root:" in t for t in corpus.texts.values())
    assert any(p.record == "stolen" and "outside the data folder" in p.message for p in corpus.problems)


def test_a_symlinked_article_pointing_out_of_the_folder_is_a_problem(data_copy: Path, tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET text", encoding="utf-8")
    (data_copy / "articles" / "link.txt").symlink_to(secret)
    with (data_copy / "sources.toml").open("a", encoding="utf-8") as handle:
        handle.write(f'\n[link]\nfile = "articles/link.txt"\nheadline = "x"\nsummit = "{PARIS}"\nsha256 = "{SHA}"\n')
    corpus = load_corpus(data_copy)
    assert "link" not in corpus.sources and any(p.record == "link" for p in corpus.problems)


# ------------------------------------------------------------------------------ 9. wrong types
@pytest.mark.parametrize(
    "text",
    [
        'source = ["004_546e8795ffd0dea9"]\n[[commitment]]\nid = "a"\ncountry = "GBR"\nkind = "funding"\nstance = "committed"\nquote = "Britain"\n',
        'source = "004_546e8795ffd0dea9"\nsummit = {a = 1}\n[[commitment]]\nid = "a"\ncountry = "GBR"\nkind = "funding"\nstance = "committed"\nquote = "Britain"\n',
        'source = "004_546e8795ffd0dea9"\ncommitment = [1, "two", [3]]\n',
        '[[commitment]]\nid = "a"\nsource = {x = ["y"]}\ncountry = "GBR"\nkind = "funding"\nstance = "committed"\nquote = "Britain"\n',
        '[[commitment]]\nid = "a"\nsource = "004_546e8795ffd0dea9"\nperson = [1]\ncountry = "GBR"\nkind = "funding"\nstance = "committed"\nquote = "Britain"\n',
        "x = " + "[" * 1000 + "]" * 1000 + "\n",
    ],
)
def test_a_wrong_type_anywhere_is_a_problem_for_that_file_and_the_rest_loads(data_copy: Path, text: str, capsys):
    (data_copy / "commitments" / "zz_bad.toml").write_text(text, encoding="utf-8")
    corpus = load_corpus(data_copy)
    assert len(corpus.records) == len(load_corpus(DATA).records)
    assert any(p.file.endswith("zz_bad.toml") for p in corpus.problems)
    assert main(["validate", "--data", str(data_copy)]) == 1
    assert "zz_bad.toml" in capsys.readouterr().out


# ------------------------------------------------------------------------------ 10. never-ending files
def test_a_device_or_a_fifo_is_refused_without_reading_it(tmp_path: Path):
    text, _raw, problem = read_article(Path("/dev/zero"), "/dev/zero")
    assert text is None and problem is not None and "regular file" in problem.message
    fifo = tmp_path / "x.txt"
    os.mkfifo(fifo)
    text, _raw, problem = read_article(fifo, "x.txt")  # opening a FIFO used to wait for a writer forever
    assert text is None and problem is not None and "regular file" in problem.message
    files, problems = article_files(tmp_path)
    assert not files and len(problems) == 1 and "x.txt" in problems[0]


def test_a_fifo_in_a_folder_of_articles_does_not_hang_the_open(tmp_path: Path):
    folder = tmp_path / "bare"
    folder.mkdir()
    (folder / "ok.txt").write_text(_article(2), encoding="utf-8")
    os.mkfifo(folder / "x.txt")
    corpus = open_corpus(folder)
    assert len(corpus.sources) == 1 and any("x.txt" in p.file for p in corpus.problems)


def test_an_article_grown_past_the_limit_after_the_size_check_is_still_cut_off(tmp_path: Path, monkeypatch):
    from coalition_tui.store import tomlio

    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 2000)
    with pytest.raises(OSError, match="over 1,000 bytes"):
        tomlio.read_regular(path, 1000)  # the bytes read decide, not the size a stat reported


# ------------------------------------------------------------------------------ smaller items
def test_utf16_is_named_as_such(tmp_path: Path):
    path = tmp_path / "u16.txt"
    path.write_bytes("Britain would send troops.".encode("utf-16"))
    _text, _raw, problem = read_article(path, "u16.txt")
    assert problem is not None and "UTF-16" in problem.message and "UTF-8" in problem.message


def test_export_to_a_name_ending_in_a_slash_is_refused(data_copy: Path, tmp_path: Path, capsys):
    target = tmp_path / "new"
    assert main(["export", "--data", str(data_copy), "-o", f"{target}/"]) == 2
    assert not target.exists() and "names a folder" in capsys.readouterr().err


def test_export_force_never_replaces_a_fifo_or_device(data_copy: Path, tmp_path: Path, capsys):
    fifo = tmp_path / "out.toml"
    os.mkfifo(fifo)
    assert main(["export", "--data", str(data_copy), "-o", str(fifo), "--force"]) == 1
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and "not a regular file" in capsys.readouterr().err


def test_a_latin1_terminal_does_not_crash_the_cli(data_copy: Path, tmp_path: Path):
    article = tmp_path / "odd.txt"
    article.write_text(
        "Paris, 27 March 2025.\n\nBritain would send troops \x1b[31m to Ukraine, said Zelenskiy ✓.\n", encoding="utf-8"
    )
    assert main(["ingest", "--data", str(data_copy), str(article), "--summit", PARIS]) == 0
    env = {**os.environ, "PYTHONIOENCODING": "latin-1", "PYTHONPATH": os.pathsep.join(sys.path)}
    run = subprocess.run(
        [sys.executable, "-m", "coalition_tui", "records", "--data", str(data_copy), "--source", "odd"],
        capture_output=True,
        env=env,
    )
    assert run.returncode == 0, run.stderr.decode("latin-1")
    assert b"Britain" in run.stdout and b"\x1b" not in run.stdout


def test_json_output_keeps_c1_bidi_and_zero_width_characters_exactly(data_copy: Path, tmp_path: Path, capsys):
    import json

    sentence = "Britain would send troops\u0085 to \u202eUkraine\u200b."
    article = tmp_path / "c1.txt"
    article.write_text(f"Paris, 27 March 2025.\n\n{sentence}\n", encoding="utf-8")
    assert main(["ingest", "--data", str(data_copy), str(article), "--summit", PARIS]) == 0
    capsys.readouterr()
    assert main(["records", "--data", str(data_copy), "--source", "c1", "--json"]) == 0
    out = capsys.readouterr().out
    assert "\u0085" not in out and "\u202e" not in out and "\u200b" not in out  # escaped on the terminal
    quotes = [json.loads(line)["quote"] for line in out.splitlines()]
    corpus = load_corpus(data_copy)
    text = corpus.texts["c1"]
    assert quotes and all(q in text for q in quotes) and any("\u202e" in q for q in quotes)


def test_a_first_open_killed_before_registering_is_redone_but_a_lost_sources_toml_is_not(tmp_path: Path):
    folder = tmp_path / "bare"
    folder.mkdir()
    (folder / "a.txt").write_text(_article(3), encoding="utf-8")
    (folder / "b.txt").write_text(_article(4, "would fund air defence"), encoding="utf-8")
    first = open_corpus(folder)
    assert len(first.sources) == 2
    (folder / "sources.toml").unlink()  # as if killed after the candidates files, before registering them
    again = open_corpus(folder)
    assert len(again.sources) == 2 and sorted(p.stem for p in (folder / "commitments").glob("*.toml")) == ["a", "b"]
    review.accept(again, next(r.id for r in again.records))
    (folder / "sources.toml").unlink()  # now a decision is in a records file: restore, never redo
    lost = open_corpus(folder)
    assert not lost.sources and any("is missing" in p.message for p in lost.problems)


# ------------------------------------------------------------------------------ any value, any place
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_SCALARS = st.one_of(
    st.text(max_size=8), st.integers(), st.booleans(), st.floats(allow_nan=False), st.dates(), st.just("GBR")
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
_FIELDS = st.sampled_from(
    ["id", "source", "summit", "country", "person", "kind", "stance", "quote", "start", "end", "origin", "rejected",
     "as_written", "confidence", "file", "headline", "sha256", "date", "place", "format", "hosts", "name", "aliases",
     "country_code", "offices", "commitment", "note"]
)  # fmt: skip
_TABLES = st.dictionaries(_FIELDS, _VALUES, max_size=6)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.sampled_from(["commitments/zz.toml", "sources.toml", "summits.toml", "gazetteer/people.toml"]),
    st.dictionaries(st.text(min_size=1, max_size=6), st.one_of(_TABLES, _VALUES), max_size=4),
    st.lists(_TABLES, max_size=3),
)
def test_any_value_of_any_type_in_any_data_file_never_raises(data_copy, where, document, commitments):
    import tomli_w

    if commitments:
        document = {**document, "commitment": commitments}
    target = data_copy / where
    original = target.read_bytes() if target.exists() else None
    try:
        text = tomli_w.dumps(document)
    except (TypeError, ValueError):
        return
    mode = "w" if where.startswith("commitments") else "a"
    with target.open(mode, encoding="utf-8") as handle:
        handle.write("\n" + text)
    try:
        corpus = load_corpus(data_copy)  # never raises, whatever the value and wherever it is
        assert corpus.problems or corpus.records
    finally:
        if original is None:
            target.unlink()
        else:
            target.write_bytes(original)
