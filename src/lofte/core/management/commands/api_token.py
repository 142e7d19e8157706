"""lofte api-token: create, list and revoke organisations' API keys from the command line.

    lofte api-token create --organisation "LPO Eskilstuna/Strängnäs" --name Verksamhetssystemet [--days 365]
    lofte api-token list [--organisation NAME]
    lofte api-token revoke PREFIX

The key is printed once, on creation; only its hash is stored. Every creation and revocation is in
the audit log, with the command as the actor. Administrators do the same under /personal/api-nycklar/.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lofte.core.models import ApiToken, Organisation
from lofte.core.tokens import DEFAULT_DAYS, MAX_DAYS, create_token, revoke_token

ACTOR = "kommandoraden (lofte api-token)"


class Command(BaseCommand):
    help = "Create, list or revoke API keys of organisations (a new key is printed once)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="create a key and print it once")
        create.add_argument("--organisation", required=True, help='e.g. "LPO Eskilstuna/Strängnäs"')
        create.add_argument("--name", required=True, help="the system that uses the key")
        create.add_argument("--days", type=int, default=DEFAULT_DAYS, help=f"valid for 1 to {MAX_DAYS} days")
        listing = sub.add_parser("list", help="list keys (never the keys themselves)")
        listing.add_argument("--organisation", help="only this organisation's keys")
        revoke = sub.add_parser("revoke", help="revoke a key by the start shown in the list")
        revoke.add_argument("prefix")

    def handle(self, *args, action, **options):
        return getattr(self, f"_{action}")(**options)

    def _organisation(self, name: str) -> Organisation:
        organisation = Organisation.objects.filter(name=name).first()
        if organisation is None:
            raise CommandError(f"Organisationen {name!r} finns inte (se /admin/ eller lofte create-org-admin).")
        return organisation

    def _create(self, *, organisation, name, days, **options):
        if not 1 <= days <= MAX_DAYS:
            raise CommandError(f"--days ska vara 1–{MAX_DAYS}, inte {days}.")
        token, key = create_token(self._organisation(organisation), name, days=days, actor=ACTOR)
        self.stdout.write(key)
        self.stderr.write(f"Nyckeln {token.prefix}… för {token.organisation} gäller till "
                          f"{timezone.localtime(token.expires_at):%Y-%m-%d}. Den visas bara nu.")

    def _list(self, *, organisation=None, **options):
        tokens = ApiToken.objects.select_related("organisation").order_by("organisation__name", "-created_at")
        if organisation:
            tokens = tokens.filter(organisation=self._organisation(organisation))
        now = timezone.now()
        for token in tokens:
            state = ("återkallad" if token.revoked_at else "utgången" if token.expires_at <= now
                     else f"gäller till {timezone.localtime(token.expires_at):%Y-%m-%d}")
            self.stdout.write(f"{token.prefix}…\t{token.organisation}\t{token.name}\t{state}")

    def _revoke(self, *, prefix, **options):
        matches = list(ApiToken.objects.filter(prefix__startswith=prefix.rstrip("…")))
        if len(matches) != 1:
            raise CommandError(f"{len(matches)} nycklar börjar med {prefix!r}: ange början som listan visar den.")
        token = revoke_token(matches[0], actor=ACTOR)
        self.stdout.write(f"Nyckeln {token.prefix}… ({token.name}, {token.organisation}) är återkallad.")
