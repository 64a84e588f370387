"""The reminder's notifier: one desktop notification (org.freedesktop.Notifications) saying what today's practice
is, with "Begin" as its default action (it opens the window at that practice through the single-instance path:
`stillpoint open today`) and "Later" (the reminder again in an hour). It exits once the notification is answered
or closed, or after LONGEST_NOTIFIER_S. No Qt here."""

import asyncio
import subprocess
import sys

from app.desktop.reminder import LONGEST_NOTIFIER_S, snooze

ACTIONS = ["default", "Begin", "later", "Later"]  # the default action is what a click on the notification does
INVITATION = "A few minutes for yourself, whenever suits you."


def todays_words() -> str:
    """What today's practice is: the program's day, or else the last session, or else an invitation (also when the
    journal cannot be read: the reminder still comes)."""
    from app.failures import Failure

    try:
        return _todays_words()
    except Failure:
        return INVITATION


def _todays_words() -> str:
    from app.journal.log import Journal
    from app.journal.program_progress import ProgramProgress, status_line
    from app.program.library import find_program
    from app.session.errors import SessionError

    journal = Journal(notices=[])
    try:
        state = ProgramProgress(journal.connection).current()
        if state is not None:
            try:
                program = find_program(state.program_id)
            except SessionError:
                program = None
            number = state.today(len(program.days)) if program else None
            if number is not None:
                day = program.day(number)
                return f"{program.title.split(':')[0]}, day {number}: {day.title}. {status_line(state, len(program.days))}."
        last = journal.entries()
    finally:
        journal.close()
    if last:
        return f"Your last practice was {last[0].title}. A few minutes, whenever suits you."
    return INVITATION


async def _notify(body: str) -> str:
    """Show the notification; the answer: "default" (Begin), "later", or "closed"."""
    from dbus_fast import Variant
    from dbus_fast.aio import MessageBus

    bus = await MessageBus().connect()
    try:
        introspection = await bus.introspect("org.freedesktop.Notifications", "/org/freedesktop/Notifications")
        proxy = bus.get_proxy_object("org.freedesktop.Notifications", "/org/freedesktop/Notifications", introspection)
        notifications = proxy.get_interface("org.freedesktop.Notifications")
        answer: asyncio.Future = asyncio.get_running_loop().create_future()
        shown: list[int] = []

        def settle(notification_id: int, word: str) -> None:
            if notification_id in shown and not answer.done():
                answer.set_result(word)

        notifications.on_action_invoked(lambda notification_id, key: settle(notification_id, key))
        notifications.on_notification_closed(lambda notification_id, _reason: settle(notification_id, "closed"))
        shown.append(await notifications.call_notify(
            "Stillpoint", 0, "stillpoint", "Time for your practice", body, ACTIONS,
            {"desktop-entry": Variant("s", "stillpoint"), "category": Variant("s", "reminder")}, -1))
        try:
            return await asyncio.wait_for(answer, LONGEST_NOTIFIER_S)
        except TimeoutError:
            await notifications.call_close_notification(shown[0])
            return "closed"
    finally:
        bus.disconnect()


def run_notifier() -> int:
    """Notify, then act on the answer: Begin opens today's practice, Later puts it off an hour."""
    from app.failures import Failure

    try:
        answer = asyncio.run(_notify(todays_words()))
    except Exception as error:  # no bus, or no notification service on it  # noqa: BLE001
        raise Failure(f"the reminder could not be shown: {error}") from None
    if answer == "default":
        subprocess.Popen([sys.executable, "-m", "app", "open", "today"], stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        print("Begin: today's practice is opening")
    elif answer == "later":
        snooze()
        print("Later: the reminder comes again in an hour")
    else:
        print("The reminder was closed")
    return 0
