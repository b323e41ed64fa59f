"""The corpus and its files: the model, the gazetteer and name resolution, loading, the cache, and
the primitives every write goes through (atomic TOML writes, the data folder's lock). No Textual,
no extraction."""
