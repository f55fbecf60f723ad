from django.apps import AppConfig


class SufficiencyConfig(AppConfig):
    name = "sufficiency"

    def ready(self) -> None:
        from sufficiency.presenters import panels  # noqa: F401  (registers dashboard panels)
