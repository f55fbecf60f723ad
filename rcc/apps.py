from django.apps import AppConfig


class RccConfig(AppConfig):
    name = "rcc"
    verbose_name = "RCC tenancy and audit"

    def ready(self) -> None:
        from rcc import access, accounts, panels, signals  # noqa: F401  (auth events; checks)

        access.register_back_office_permissions()
