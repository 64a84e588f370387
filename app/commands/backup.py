"""`stillpoint backup FILE` and `stillpoint restore FILE [--replace]`: your data in one archive, and back."""


def register(commands) -> None:
    backup = commands.add_parser("backup", help="write one archive of everything you made",
                                 description="Write one archive (a .tar.gz readable only by you) of everything you "
                                 "made in Stillpoint: the journal with your contacts and programs' progress, your "
                                 "sessions and phrases, your programs, your sounds, and the settings with your saved "
                                 "mixes. FILE must not exist yet.")
    backup.add_argument("file", metavar="FILE", help="the archive to write, e.g. stillpoint-backup.tar.gz")
    backup.set_defaults(handler=run_backup)
    restore = commands.add_parser("restore", help="bring a backup back",
                                  description="Bring back a backup made by `stillpoint backup`, on this machine or "
                                  "another. Everything in it is checked first; a damaged or foreign archive, or one "
                                  "from a newer Stillpoint, is refused and nothing is changed. Data already here is "
                                  "replaced only with --replace, and then kept aside in a folder beside it.")
    restore.add_argument("file", metavar="FILE", help="an archive made by `stillpoint backup`")
    restore.add_argument("--replace", action="store_true",
                         help="replace the data here (it is kept aside, never deleted)")
    restore.set_defaults(handler=run_restore)


def run_backup(args) -> int:
    from pathlib import Path

    from app.backup import write_backup
    from app.folders import data_dir

    count = write_backup(Path(args.file))
    print(f"{count} file{'s' * (count != 1)} from {data_dir()} -> {args.file} (readable only by you)")
    return 0


def run_restore(args) -> int:
    from pathlib import Path

    from app.backup import restore_backup

    restored = restore_backup(Path(args.file), args.replace)
    print(f"Restored {restored.files} file{'s' * (restored.files != 1)} into {restored.folder}.")
    if restored.kept_aside:
        print(f"The data that was there is kept in {restored.kept_aside}.")
    return 0
