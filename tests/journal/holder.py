"""Another program that holds the journal's write lock, for tests of what waits for it."""

import subprocess
import sys

HOLDER = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN EXCLUSIVE")
connection.execute("UPDATE plays SET title = title")
print("held", flush=True)
sys.stdin.readline()
connection.execute("ROLLBACK")
"""


def hold(path) -> subprocess.Popen:
    """Another program with the journal's write lock, until a line is sent to it."""
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline() == "held\n"
    return holder
