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
            self.stdout.write("Bakgrundskön kan inte schemalägga framåt; kör `lofte purge` dagligen (cron) i stället.")
            return
        when = schedule_daily_purge()
        if when is None:
            self.stdout.write("Den dagliga rensningen ligger redan i kön.")
        else:
            self.stdout.write(f"Daglig rensning schemalagd till {timezone.localtime(when):%Y-%m-%d %H:%M}.")
