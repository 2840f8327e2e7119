"""Linking: which spans are the same entity, within a record and across the vault; the corpus-wide
pseudonym table (one replacement per entity); the geography a place is generalised by.

May import: ``redact.text``, ``redact.detect``."""
