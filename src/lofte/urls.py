from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Löfte – administration"
admin.site.site_title = "Löfte"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("personal/", include("lofte.staff.urls")),
    path("", include("lofte.site.urls")),
]
