"""The `lofte` console script: Django's management commands with Löfte's settings."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lofte.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    # Commands read better with hyphens ("lofte import-promises"); Django names them after their
    # module, which cannot contain one.
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
