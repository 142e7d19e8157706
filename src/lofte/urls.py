from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Löfte – administration"
admin.site.site_title = "Löfte"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("personal/", include("lofte.staff.urls")),
    path("", include("lofte.site.urls")),
]

# Swedish error pages in the site's look (404.html and 500.html are plain templates).
handler400 = "lofte.site.errors.bad_request"
handler403 = "lofte.site.errors.permission_denied"
