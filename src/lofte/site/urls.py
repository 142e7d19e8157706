from django.urls import path

app_name = "site"
urlpatterns: list = []
