from django.urls import path

from lofte.api.v1 import api

urlpatterns = [
    path("v1/", api.urls),
]
