"""A Celery worker whose forecast stalls half-way through writing its figures.

For the worker-kill test only: the figures are written in one transaction, so the test kills
this worker while half of them are inserted and uncommitted, and proves that nothing
half-written survives. Run as ``python -m tests.resilience.slow_worker worker ...``.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rcc.settings")
    import django

    django.setup()
    from rcc.celery import app
    from sufficiency.models.forecast import ForecastFigure

    manager = ForecastFigure.objects
    real = manager.bulk_create

    def stalling_bulk_create(objs, *args, **kwargs):
        objs = list(objs)
        half = len(objs) // 2
        created = real(objs[:half], *args, **kwargs)
        Path(os.environ["RESILIENCE_PAUSE_MARKER"]).write_text(str(half))
        time.sleep(300)  # killed here
        return created + real(objs[half:], *args, **kwargs)

    manager.bulk_create = stalling_bulk_create
    app.worker_main(sys.argv[1:])


if __name__ == "__main__":
    main()
