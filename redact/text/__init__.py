"""The text layer: how the rest of redact reads words. Length-preserving folds (case, diacritics,
McCune-Reischauer breves), variant-tolerant phrase search, romanization-aware name keys and spelling
variants, and the reader's normalisation the export gate compares with.

Pure Python over the standard library and small kept libraries; imports nothing else from redact."""
