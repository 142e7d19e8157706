"""`lofte supervise-worker [db_worker options]`: run `lofte db_worker` and start it again whenever it
stops (make run uses it; in production systemd restarts the worker). Only arguments here; the work
is lofte.lib.supervise."""

import sys

from django.core.management.base import BaseCommand

from lofte.lib.supervise import supervise


class Command(BaseCommand):
    help = "Kör bakgrundsarbetaren (db_worker) och starta om den när den avslutas."

    def add_arguments(self, parser):
        parser.add_argument("worker_args", nargs="*", help="Flaggor till db_worker, t.ex. --queue-name default.")

    def handle(self, *args, worker_args=(), **options):
        # A fresh process each time: a worker that died may have left its interpreter in any state.
        command = [sys.executable, "-m", "lofte.manage", "db_worker", *worker_args]
        supervise(command, log=lambda line: self.stderr.write(line))
