from django.db.models import Exists, OuterRef
from django.utils.functional import SimpleLazyObject, cached_property

from lofte.core.demo import demo_loaded_for
from lofte.core.models import Invitation
from lofte.core.permissions import administered_organisations, editable_municipalities
from lofte.core.models import Membership, Organisation
from lofte.core.permissions import ROLE_ORDER, Access


def demo_banner(request):
    """Tell every page whether invented demo records are loaded, so it can say so."""
    return {"demo_loaded": demo_loaded_for(request)}


class StaffNavigation:
    """What the staff menu offers the current user, computed only if a template asks.

    The menu offers only the pages the user's role opens (a registrerare sees no "Synpunkter" or
    "Importera löften"), decided by the same role order as lofte.core.permissions. Public pages
    never ask, so they neither read the session nor run a query for it; a staff page asks once
    (one query for all the user's roles).
    """

    def __init__(self, user):
        self._user = user

    @cached_property
    def _roles(self) -> tuple[set[str], set[str]]:
        """The user's roles in organisations serving a municipality, and in any organisation."""
        if not self._user.is_authenticated or not self._user.is_active:
            return set(), set()
        if self._user.is_superuser:
            everything = {str(r) for r in ROLE_ORDER}
            return everything, everything
        serving = Organisation.municipalities.through.objects.filter(organisation=OuterRef("organisation"))
        rows = Membership.objects.filter(user=self._user).annotate(serves=Exists(serving)).values_list("role", "serves")
        rows = list(rows)
        return {role for role, serves in rows if serves}, {role for role, _serves in rows}

    @cached_property
    def _strongest(self) -> Access:
        """The user's strongest role in any municipality, as lofte.core.permissions reads roles."""
        staff_roles = self._roles[0] & {str(r) for r in ROLE_ORDER}
        return Access(max(staff_roles, key=ROLE_ORDER.index, default=None))

    @property
    def record(self) -> bool:
        """Registrerare or more somewhere: recording, findings, meetings."""
        return self._strongest.record

    @property
    def edit(self) -> bool:
        """Redaktör or more somewhere: moderation, import, photos, final assessments."""
        return self._strongest.edit

    @property
    def read(self) -> bool:
        """Any staff role somewhere (a rapportör alone has none): the EST week view and analysis."""
        return self._strongest.read

    @property
    def report(self) -> bool:
        """May file EST reports somewhere: rapportör, or registrerare or more (the same rule as
        lofte.core.permissions.reporting_municipalities)."""
        return Membership.Role.REPORTER in self._roles[0] or self._strongest.record

    @property
    def read_log(self) -> bool:
        return self.edit

    @cached_property
    def administer(self) -> bool:
        return Membership.Role.ADMIN in self._roles[1]

    @cached_property
    def invitations(self) -> int:
        """Open invitations into organisations, waiting for this user's answer."""
        if not self._user.is_authenticated:
            return 0
        return Invitation.objects.open().filter(user=self._user).count()


def staff_navigation(request):
    return {"staff_nav": SimpleLazyObject(lambda: StaffNavigation(request.user))}
