"""The desktop app: every widget lives here (with the Qt playback backend, the only Qt code).

Design rule: long work leaves the GUI thread through `tasks.run_task` (one helper, with a cancel
token); workers only emit signals. Views read time-based state (position, breathing phase) from the
core packages' pure functions on a timer.
"""
