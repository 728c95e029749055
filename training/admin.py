from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from training.models import Unit


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ["name", "active"]
    list_filter = ["active"]
    search_fields = ["name"]
