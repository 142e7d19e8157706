from django.utils.functional import SimpleLazyObject, cached_property

from lofte.core.demo import demo_is_loaded
from lofte.core.models import Invitation
from lofte.core.permissions import administered_organisations, editable_municipalities


def demo_banner(request):
    """Tell every page whether invented demo records are loaded, so it can say so."""
    return {"demo_loaded": demo_is_loaded()}


class StaffNavigation:
    """What the staff menu offers the current user, computed only if a template asks.

    Public pages never ask, so they neither read the session nor run a query for it.
    """

    def __init__(self, user):
        self._user = user

    @cached_property
    def administer(self) -> bool:
        return administered_organisations(self._user).exists()

    @cached_property
    def read_log(self) -> bool:
        return editable_municipalities(self._user).exists()

    @cached_property
    def invitations(self) -> int:
        """Open invitations into organisations, waiting for this user's answer."""
        if not self._user.is_authenticated:
            return 0
        return Invitation.objects.open().filter(user=self._user).count()


def staff_navigation(request):
    return {"staff_nav": SimpleLazyObject(lambda: StaffNavigation(request.user))}
