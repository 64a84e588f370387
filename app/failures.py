"""Expected failures the command line explains in one line (no traceback unless --debug)."""


class Failure(Exception):
    """A runtime failure (exit code 1): a missing engine, an audio device that went away, a full disk."""

    exit_code = 1


class BadInput(Failure):
    """Bad input or usage (exit code 2): a wrong option value, a file that cannot be used."""

    exit_code = 2
