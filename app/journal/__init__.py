"""The practice journal: a SQLite record of plays, mood check-ins and reflections, and gentle stats.

Design rule: stdlib sqlite3 only, no Qt. Writes go through short transactions in WAL mode, so a crash
loses at most the seconds since the last checkpoint, and two app instances can write at once.
"""
