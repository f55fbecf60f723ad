from django.apps import AppConfig


class FosteringConfig(AppConfig):
    name = "fostering"

    def ready(self) -> None:
        from fostering.presenters import panels  # noqa: F401  (registers dashboard panels)
