"""Built-in ambient beds, generated as they play: every stretch from its own place and the seed, never a loop."""
