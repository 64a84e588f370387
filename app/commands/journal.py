"""`stillpoint journal`: print or export the practice journal."""

import csv
import json
import sys

from app.commands.terminal_text import shown

FIELDS = ("started_at", "kind", "item_id", "title", "listened_s", "completed", "mood_before", "mood_after",
          "words_before", "words_after", "reflection", "program_id", "program_day")


def register(commands) -> None:
    parser = commands.add_parser("journal", help="show or export the practice journal",
                                 description="Print the practice journal, newest first, with gentle totals; "
                                 "or export it as JSON (an object with an `entries` list) or CSV.")
    form = parser.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="print JSON")
    form.add_argument("--csv", action="store_true", help="print CSV")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from app.journal.log import Journal
    from app.journal.stats import days_this_month, minutes_per_week

    notices: list[str] = []
    journal = Journal(notices=notices)
    for notice in notices:
        print(notice, file=sys.stderr)
    entries = journal.entries()
    rows = [{field: getattr(entry, field) for field in FIELDS} for entry in entries]
    if args.json:
        print(json.dumps({"entries": rows}, indent=2, ensure_ascii=False))
    elif args.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    elif not entries:
        print("Nothing recorded yet. Whenever you practise, it will appear here.")
    else:
        for entry in entries:
            mood = f"  mood {entry.mood_before}->{entry.mood_after}" if entry.mood_before and entry.mood_after else ""
            done = "" if entry.completed else "  (part)"
            when = entry.started_at[:16].replace("T", " ")
            print(f"{when}  {shown(entry.title):<40} {entry.listened_s / 60:5.1f} min{done}{mood}")
        this_week = minutes_per_week(entries, weeks=1)[0][1]
        print(f"\n{this_week:.0f} minutes this week; practised on {days_this_month(entries)} days this month.")
    journal.close()
    return 0
