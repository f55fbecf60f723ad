from django.apps import AppConfig


class PlacementsConfig(AppConfig):
    name = "placements"

    def ready(self) -> None:
        from placements.presenters import panels  # noqa: F401  (registers dashboard panels)
