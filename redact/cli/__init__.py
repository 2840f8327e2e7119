"""The command-line shells, one module per role (``redact``, ``review``, ``export``) and
``main``, the ``testimony`` console script that joins them with the keys and intake groups.
They parse, call the library and print; nothing in the library imports them."""
