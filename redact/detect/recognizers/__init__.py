"""The domain recognizers: each a small, Presidio-free class, text in, explained findings out
(see ``base``). ``registry`` holds the default set; ``names`` and ``context`` group them."""
