"""lofte create-org-admin: make someone the administratör of an organisation (the first one, typically).

After that, the administrator adds everyone else under /personal/anvandare/.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from lofte.core.audit import log_change
from lofte.core.memberships import MembershipError, add_member, change_role, create_member
from lofte.core.models import AuditEntry, Membership, Municipality, Organisation


class Command(BaseCommand):
    help = (
        "Make USERNAME administratör of an organisation, creating the organisation and the user if needed. "
        "A new user's one-time password is printed once."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--organisation", required=True, help='e.g. "LPO Eskilstuna/Strängnäs"')
        parser.add_argument("--kind", choices=[k.value for k in Organisation.Kind],
                            help="police, municipality or other (required when the organisation is new)")
        parser.add_argument("--kommun", action="append", default=[], metavar="CODE",
                            help="a municipality code the organisation serves (repeat for several), e.g. 0486")
        parser.add_argument("--email", default="")

    def handle(self, *args, username, organisation, kind, kommun, email, **options):
        municipalities = []
        for code in kommun:
            try:
                municipalities.append(Municipality.objects.get(code=code))
            except Municipality.DoesNotExist:
                raise CommandError(f"Ingen kommun har koden {code!r} (kör först: lofte load-municipalities).") from None
        with transaction.atomic():
            org = Organisation.objects.filter(name=organisation).first()
            if org is None:
                if not kind or not municipalities:
                    raise CommandError(f"Organisationen {organisation!r} finns inte: ange --kind och minst en --kommun "
                                       "för att skapa den.")
                org = Organisation.objects.create(name=organisation, kind=kind)
                org.municipalities.set(municipalities)
                for municipality in municipalities:
                    log_change(None, AuditEntry.Action.CREATE, org, after={"name": org.name, "kind": kind},
                               municipality_id=municipality.pk)
            elif municipalities:
                org.municipalities.add(*municipalities)
            user = get_user_model().objects.filter(username=username).first()
            password = None
            try:
                if user is None:
                    _, password = create_member(None, org, username=username, role=Membership.Role.ADMIN, email=email)
                else:
                    membership = Membership.objects.filter(user=user, organisation=org).first()
                    if membership is None:
                        add_member(None, org, user, Membership.Role.ADMIN)
                    else:
                        change_role(None, membership, Membership.Role.ADMIN)
            except MembershipError as error:
                raise CommandError(str(error)) from error
        served = ", ".join(org.municipalities.order_by("name").values_list("name", flat=True))
        self.stdout.write(f"{username} är administratör i {org.name} ({served}).")
        if password:
            self.stdout.write(f"Engångslösenord (visas bara nu): {password}")
        self.stdout.write("Vid första inloggningen aktiveras tvåstegsverifiering (krävs för administratörer).")
