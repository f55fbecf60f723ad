from django.apps import AppConfig


class RccConfig(AppConfig):
    name = "rcc"
    verbose_name = "RCC tenancy and audit"

    def ready(self) -> None:
        from rcc import panels, signals  # noqa: F401  (auth events are cross-cutting)
