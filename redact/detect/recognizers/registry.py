"""The default set of domain recognizers, in one place."""

from __future__ import annotations

from redact.detect.recognizers.base import Recognizer


def default_recognizers() -> list[Recognizer]:
    from redact.detect.recognizers.context import context_recognizers
    from redact.detect.recognizers.names import name_recognizers

    return [*name_recognizers(), *context_recognizers()]
