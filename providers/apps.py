from django.apps import AppConfig


class ProvidersConfig(AppConfig):
    name = "providers"

    def ready(self) -> None:
        from providers.presenters import panels  # noqa: F401  (registers dashboard panels)
