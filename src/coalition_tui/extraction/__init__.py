"""Reading articles: cleaning, sentences, mentions, the cue lexicon, candidate records, the meeting an
article reports, and scoring extraction against labelled records. Reads the store; writes nothing."""
