"""Glömt lösenord (lofte.staff.password_reset) under /personal/, in a namespace of its own: the pages
are for someone who is not logged in and hold no municipality's data, so they are outside the staff
namespace that the two-factor middleware and the tenancy test cover."""

from django.urls import path

from lofte.staff import password_reset

app_name = "password"
urlpatterns = [
    path("glomt-losenord/", password_reset.RequestView.as_view(), name="reset"),
    path("glomt-losenord/skickat/", password_reset.DoneView.as_view(), name="reset_done"),
    path("nytt-losenord/<uidb64>/<token>/", password_reset.ConfirmView.as_view(), name="reset_confirm"),
    path("nytt-losenord/klart/", password_reset.CompleteView.as_view(), name="reset_complete"),
]
