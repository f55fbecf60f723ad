from django.apps import AppConfig


class RccConfig(AppConfig):
    name = "rcc"
    verbose_name = "RCC tenancy and audit"

    def ready(self) -> None:
        from rcc import access, accounts, signals  # noqa: F401  (auth events; checks)
        from rcc.presenters import panels  # noqa: F401  (registers dashboard panels)
        from rcc.views import health

        access.register_back_office_permissions()
        health.register_report("outbox_waiting", health.outbox_waiting)
