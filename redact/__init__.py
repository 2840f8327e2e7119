"""Redaction: detection, linking, pseudonyms, policy, review and export (imports intake, keys)."""
