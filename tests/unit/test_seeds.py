"""The project's seeds/ are the shared seed articles, byte for byte."""

from conftest import DATA, REPO, SEEDS

SHARED = REPO.parent / "shared" / "seeds"


def test_five_seed_articles_are_bundled():
    assert sorted(p.name for p in SEEDS.glob("*.txt")) == [
        "000_52fd44cbc1a803ce.txt",
        "001_d758d6b22dd4d3b3.txt",
        "002_b0bf7805ac2993a0.txt",
        "003_343fc0e0e2615a75.txt",
        "004_546e8795ffd0dea9.txt",
    ]


def test_seeds_match_shared_copy_byte_for_byte():
    if not SHARED.is_dir():  # a checkout without ../shared beside it; CI always has it
        import pytest

        pytest.skip("../shared/seeds not beside this checkout")
    for shared in SHARED.glob("*.txt"):
        assert (SEEDS / shared.name).read_bytes() == shared.read_bytes(), shared.name


def test_the_bundled_corpus_holds_its_own_copy_of_the_seeds():
    """data/ is self-contained (an article outside the data folder is refused): data/articles/ holds
    the seeds, byte for byte."""

    for seed in SEEDS.glob("*.txt"):
        assert (DATA / "articles" / seed.name).read_bytes() == seed.read_bytes(), seed.name
