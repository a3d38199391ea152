"""Readers for the annotated datasets the project validates against, and the bundled example corpus."""
