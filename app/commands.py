"""Registry of the sub-commands that live outside cli.py; each adds itself to `REGISTERED`."""

REGISTERED: list = []
