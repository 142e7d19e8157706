"""Subscriptions in the admin: counts and dates only. The address is not listed (a list page is
read over shoulders); an administrator deleting a row on request is what the admin is for."""

from django.contrib import admin

from lofte.subscriptions.models import Subscription


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ("pk", "municipality", "promise_set", "created_at", "confirmed_at", "covered_until")
    list_filter = ("confirmed_at",)
    search_fields = ("email",)
    readonly_fields = ("created_at", "confirmation_sent_at", "confirmed_at", "covered_until")
