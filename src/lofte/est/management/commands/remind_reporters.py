"""`lofte remind-reporters`: e-mail the rapportörer who have not reported this week. Safe to run at
any time (each reminder is claimed before it is sent, once per reporter and week)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from lofte.est import tasks
from lofte.est.reminders import send_reminders


class Command(BaseCommand):
    help = "Påminn EST-rapportörer som inte har rapporterat denna vecka."

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule", action="store_true",
            help="Lägg i stället den veckovisa körningen i bakgrundskön (om den inte redan ligger där).",
        )

    def handle(self, *args, schedule=False, **options):
        if schedule:
            if tasks.reminder_is_scheduled():
                self.stdout.write("Den veckovisa påminnelsekörningen ligger redan i kön.")
                return
            result = tasks.schedule_next_reminder()
            if result is None:
                self.stdout.write("Bakgrundskön kan inte schemalägga framåt; kör kommandot varje vecka i stället.")
            else:
                self.stdout.write("Veckovis påminnelsekörning schemalagd till "
                                  f"{timezone.localtime(result.task.run_after):%Y-%m-%d %H:%M}.")
            return
        self.stdout.write(send_reminders().line())
