"""Expected failures the command line explains in one line (no traceback unless --debug)."""


class Failure(Exception):
    """A runtime failure (exit code 1): a missing engine, an audio device that went away, a full disk."""

    exit_code = 1


class BadInput(Failure):
    """Bad input or usage (exit code 2): a wrong option value, a file that cannot be used."""

    exit_code = 2


class Cancelled(Failure):
    """An export was cancelled at a safe point (a block boundary); nothing was written."""

    def __init__(self, message: str = "export cancelled; nothing was written"):
        super().__init__(message)


class Interrupted(Failure):
    """Stopped by a signal (Ctrl+C, SIGTERM): exit code 130, after cleaning up."""

    exit_code = 130
