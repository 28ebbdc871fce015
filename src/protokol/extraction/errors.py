"""The single error type of the extraction package."""


class ExtractionError(Exception):
    """A document could not be read or parsed.

    ``str(error)`` is a one-line Russian message for the end user that says what
    happened and what to do; ``code`` is a stable English identifier for programs.
    """

    def __init__(self, message: str, *, code: str = "extraction_failed") -> None:
        super().__init__(message)
        self.message = message
        self.code = code
