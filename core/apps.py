from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"

    def ready(self):
        # Registers the date columns before any app defines its tables.
        from core import tables  # noqa: F401
