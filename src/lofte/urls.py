from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic.base import RedirectView

admin.site.site_header = "Löfte – administration"
admin.site.site_title = "Löfte"


class FaviconView(RedirectView):
    """/favicon.ico, which browsers and feed readers ask for without reading the page's <link>."""

    permanent = False

    def get_redirect_url(self, *args, **kwargs):
        return static("lofte/favicon.ico")


urlpatterns = [
    path("favicon.ico", FaviconView.as_view(), name="favicon"),
    path("admin/", admin.site.urls),
    path("personal/", include("lofte.staff.password_urls")),
    path("personal/", include("lofte.staff.urls")),
    path("api/", include("lofte.api.urls")),
    path("", include("lofte.site.urls")),
]

# Swedish error pages in the site's look (404.html and 500.html are plain templates).
handler400 = "lofte.site.errors.bad_request"
handler403 = "lofte.site.errors.permission_denied"
