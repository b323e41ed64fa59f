"""What changes a corpus: opening it (a folder of bare articles is ingested), ingest, review decisions,
records and meetings the analyst writes, names taught to the gazetteer, export and import."""
