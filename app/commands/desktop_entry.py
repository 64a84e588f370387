"""`stillpoint desktop-entry install|remove`: the launcher entry and icons that put Stillpoint in the app menu.

pipx and pip do not install `.desktop` files, so Stillpoint writes its own (XDG paths under the user's
data home: `applications/stillpoint.desktop`, `icons/hicolor/SIZExSIZE/apps/stillpoint.png` and
`icons/hicolor/scalable/apps/stillpoint.svg`).
"""

import shutil
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path

from app.folders import APP_NAME

COMMENT = "Guided meditation, timed breathing and chaptered MP3 export, with an offline voice"
KEYWORDS = "meditation;mindfulness;breathing;relaxation;sleep;boundaries;"


def register(commands) -> None:
    parser = commands.add_parser("desktop-entry", help="add Stillpoint to the application menu, or take it out",
                                 description="Write (install) or delete (remove) the launcher entry and icons in "
                                 "your data folder, so Stillpoint appears in the desktop's application menu.")
    parser.add_argument("action", choices=("install", "remove"))
    parser.set_defaults(handler=run)


def data_home() -> Path:
    """`$XDG_DATA_HOME`, else ~/.local/share (the folder that holds applications/ and icons/)."""
    import platformdirs

    return Path(platformdirs.user_data_dir())


def entry_files(home: Path) -> dict[Path, Callable[[], bytes | str]]:
    """Every file of the launcher entry under `home`, with what makes its contents (drawn only to install)."""
    from app.icon_art import PNG_SIZES, icon_png, icon_svg

    files: dict[Path, Callable[[], bytes | str]] = {
        home / "applications" / f"{APP_NAME}.desktop": lambda: desktop_file(launch_command())}
    for size in PNG_SIZES:
        files[home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_NAME}.png"] = partial(icon_png, size)
    files[home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_NAME}.svg"] = icon_svg
    return files


RESERVED = set(' \t\n"\'\\><~|&;$*?#()`')  # an argument holding any of these is quoted (Desktop Entry spec)


def launch_command() -> str:
    """The command the entry runs: this very `stillpoint` when it is an installed script, else the one on PATH."""
    script = Path(sys.argv[0])
    if script.name == APP_NAME and script.is_file():
        return exec_argument(str(script.resolve()))
    return exec_argument(shutil.which(APP_NAME) or APP_NAME)


def exec_argument(text: str) -> str:
    """`text` as one argument of an Exec key: in double quotes (with `"`, `` ` ``, `$` and `\\` escaped) when it
    holds a reserved character, `%` doubled, and every backslash doubled again for the key's string value."""
    if any(char in RESERVED for char in text):
        text = '"' + "".join("\\" + char if char in '"`$\\' else char for char in text) + '"'
    return text.replace("%", "%%").replace("\\", "\\\\")


def desktop_file(command: str) -> str:
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        "Name=Stillpoint",
        "GenericName=Meditation Player",
        f"Comment={COMMENT}",
        f"Exec={command}",
        f"Icon={APP_NAME}",
        "Terminal=false",
        "Categories=AudioVideo;Audio;Player;",
        f"Keywords={KEYWORDS}",
        "StartupNotify=true",
        "",
    ])


def run(args) -> int:
    from app.atomic import atomic_path

    home = data_home()
    files = entry_files(home)
    if args.action == "install":
        for path, make in files.items():
            content = make()
            with atomic_path(path) as temporary:
                if isinstance(content, bytes):
                    temporary.write_bytes(content)
                else:
                    temporary.write_text(content, encoding="utf-8")
        print(f"added Stillpoint to the application menu: {home / 'applications' / f'{APP_NAME}.desktop'}")
        return 0
    removed = [path for path in files if path.exists()]
    for path in removed:
        path.unlink()
    print(f"removed {len(removed)} file{'s' if len(removed) != 1 else ''} of the launcher entry" if removed
          else "no launcher entry was installed")
    return 0
