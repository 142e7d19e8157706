from django.core.management.base import BaseCommand
from django.utils import timezone

from lofte.dialogue.tasks import daily_purge, schedule_daily_purge


class Command(BaseCommand):
    help = (
        "Start the daily background purge of citizens' contact details: enqueue its next run unless one "
        "is pending (each run enqueues the next). Safe to run again; `make run` runs it after migrate."
    )

    def handle(self, *args, **options):
        if not daily_purge.get_backend().supports_defer:
            self.stdout.write("schedule-daily: the task backend cannot schedule tasks; run `lofte purge` daily (cron)")
            return
        when = schedule_daily_purge()
        if when is None:
            self.stdout.write("schedule-daily: the daily purge is already scheduled")
        else:
            self.stdout.write(f"schedule-daily: the daily purge will run at {timezone.localtime(when):%Y-%m-%d %H:%M}")
