"""`stillpoint voices`: the speech engines, their voices, and why any is unavailable."""


def register(commands) -> None:
    parser = commands.add_parser("voices", help="list speech engines and their voices",
                                 description="List the speech engines, their voices, and why an engine is unavailable.")
    parser.set_defaults(handler=run)


def run(_args) -> int:
    from app.tts.engines import engine_names, get_engine

    for name in engine_names():
        engine = get_engine(name)
        reason = engine.unavailable_reason()
        if reason:
            print(f"{name}: unavailable - {reason}")
            continue
        voices = engine.voices()
        shown = ", ".join(voices[:12]) + (f", ... ({len(voices)} in all)" if len(voices) > 12 else "")
        print(f"{name}: {engine.description}\n  voices: {shown}")
    return 0
