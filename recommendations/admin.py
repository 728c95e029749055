from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from recommendations.models import FrameworkStep, Recommendation, Theme


@admin.register(FrameworkStep)
class FrameworkStepAdmin(SimpleHistoryAdmin):
    list_display = ["position", "name", "code"]


@admin.register(Theme)
class ThemeAdmin(SimpleHistoryAdmin):
    list_display = ["position", "name"]
    search_fields = ["name"]


@admin.register(Recommendation)
class RecommendationAdmin(SimpleHistoryAdmin):
    list_display = ["code", "theme", "text"]
    list_filter = ["theme", "steps"]
    search_fields = ["code", "text"]
    list_select_related = ["theme"]
    filter_horizontal = ["steps"]
