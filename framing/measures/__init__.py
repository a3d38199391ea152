"""Per-sentence measurements. Each module turns sentences and lexicon matches into evidence and metrics."""
