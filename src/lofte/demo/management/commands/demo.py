from django.core.management.base import BaseCommand

from lofte.demo.loader import load_demo


class Command(BaseCommand):
    help = (
        "Load the Strängnäs demo: its areas and organisations, the real promise document (published) "
        "and invented activity records, plus a demo staff user. Safe to run again: nothing is duplicated."
    )

    def handle(self, *args, **options):
        summary = load_demo()
        for line in summary.lines():
            self.stdout.write(line)
