"""Market services: workflows in order, reasons kept, exactly-once enforced by the database."""

from __future__ import annotations

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, close_old_connections, transaction
from django.utils import timezone

from providers.models import Application, RateCard, Setting, Vacancy, VacancyStatusChange
from providers.services import frameworks, register, vacancies
from rcc.models import AuditEvent
from rcc.roles import Role
from rcc.services import ServiceError
from tests.providers.factories import LotFactory, RoundFactory, SettingFactory, VacancyFactory


@pytest.fixture
def commissioner(home):
    return home.people[Role.COMMISSIONER]


def test_suspending_a_setting_keeps_the_reason_and_who_did_it(home, commissioner):
    setting = SettingFactory(local_authority=home.council, provider=home.provider)
    register.suspend_setting(actor=commissioner, setting=setting, reason="Inadequate judgement")
    setting.refresh_from_db()
    assert setting.status == Setting.Status.SUSPENDED
    change = setting.status_changes.get()
    assert (change.from_status, change.to_status, change.reason, change.changed_by) == (
        "active",
        "suspended",
        "Inadequate judgement",
        commissioner,
    )
    assert AuditEvent.objects.filter(action="setting.suspended", object_id=setting.pk).exists()


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_suspension_needs_a_reason(home, commissioner, reason):
    setting = SettingFactory(local_authority=home.council)
    with pytest.raises(ServiceError, match="reason"):
        register.suspend_setting(actor=commissioner, setting=setting, reason=reason)
    setting.refresh_from_db()
    assert setting.status == Setting.Status.ACTIVE


def test_a_setting_cannot_be_suspended_twice(home, commissioner):
    setting = SettingFactory(local_authority=home.council)
    register.suspend_setting(actor=commissioner, setting=setting, reason="First")
    with pytest.raises(ServiceError):
        register.suspend_setting(actor=commissioner, setting=setting, reason="Again")
    assert setting.status_changes.count() == 1


@pytest.fixture
def lot(home):
    lot = LotFactory(framework__region=home.region)
    RoundFactory(framework=lot.framework)
    return lot


def _apply(home, lot):
    return frameworks.apply_to_lot(
        actor=home.people[Role.PROVIDER_STAFF],
        provider=home.provider,
        lot=lot,
        proposed_weekly_price=Decimal("5200"),
    )


def test_an_application_moves_through_evaluation_to_admission(home, lot, commissioner):
    application = _apply(home, lot)
    frameworks.decide_application(
        actor=commissioner, application=application, to="under_evaluation"
    )
    frameworks.decide_application(actor=commissioner, application=application, to="admitted")
    trail = list(application.trail.values_list("from_status", "to_status"))
    assert trail == [
        ("", "submitted"),
        ("submitted", "under_evaluation"),
        ("under_evaluation", "admitted"),
    ]


@pytest.mark.parametrize(
    ("path", "refused_move"),
    [
        ([], "admitted"),  # cannot admit without evaluating
        ([], "refused"),
        (["under_evaluation", "admitted"], "refused"),  # decided is final
        (["withdrawn"], "under_evaluation"),
    ],
)
def test_an_application_cannot_skip_or_undo_steps(home, lot, commissioner, path, refused_move):
    application = _apply(home, lot)
    for step in path:
        frameworks.decide_application(
            actor=commissioner, application=application, to=step, reason="r"
        )
    with pytest.raises(ServiceError):
        frameworks.decide_application(
            actor=commissioner, application=application, to=refused_move, reason="r"
        )


def test_refusing_needs_reasons(home, lot, commissioner):
    application = _apply(home, lot)
    frameworks.decide_application(
        actor=commissioner, application=application, to="under_evaluation"
    )
    with pytest.raises(ServiceError, match="reason"):
        frameworks.decide_application(actor=commissioner, application=application, to="refused")


def test_a_provider_applies_to_a_lot_once_per_round(home, lot):
    _apply(home, lot)
    with pytest.raises(ServiceError, match="already applied"):
        _apply(home, lot)


def test_applications_are_refused_when_no_round_is_open(home):
    lot = LotFactory(framework__region=home.region)
    RoundFactory(
        framework=lot.framework,
        opens_on=timezone.localdate() - timedelta(days=30),
        closes_on=timezone.localdate() - timedelta(days=1),
    )
    with pytest.raises(ServiceError, match="closed"):
        _apply(home, lot)


def test_revising_a_rate_ends_the_current_one_the_day_before(home, lot, commissioner):
    application = _apply(home, lot)
    Application.objects.filter(pk=application.pk).update(status="admitted")
    start = timezone.localdate() - timedelta(days=60)
    frameworks.set_rate(
        actor=commissioner,
        lot=lot,
        provider=home.provider,
        need_level="core",
        weekly_price=Decimal("5000"),
        valid_from=start,
    )
    frameworks.set_rate(
        actor=commissioner,
        lot=lot,
        provider=home.provider,
        need_level="core",
        weekly_price=Decimal("5250"),
        valid_from=start + timedelta(days=30),
    )
    old, new = RateCard.objects.order_by("valid_from")
    assert old.valid_to == start + timedelta(days=29)
    assert (new.weekly_price, new.valid_to) == (Decimal("5250.00"), None)


def test_only_admitted_providers_get_rates(home, lot, commissioner):
    _apply(home, lot)
    with pytest.raises(ServiceError, match="admitted"):
        frameworks.set_rate(
            actor=commissioner,
            lot=lot,
            provider=home.provider,
            need_level="core",
            weekly_price=Decimal("5000"),
            valid_from=timezone.localdate(),
        )


def test_the_database_allows_one_current_rate(home, lot):
    kwargs = {
        "lot": lot,
        "provider": home.provider,
        "need_level": "core",
        "valid_from": timezone.localdate(),
    }
    RateCard.objects.create(weekly_price=Decimal("1"), **kwargs)
    with pytest.raises(IntegrityError), transaction.atomic():
        RateCard.objects.create(weekly_price=Decimal("2"), **kwargs)


def test_a_vacancy_is_reported_held_and_filled_once(home):
    setting = SettingFactory(local_authority=home.council, provider=home.provider)
    actor = home.people[Role.PROVIDER_STAFF]
    vacancy = vacancies.report_vacancy(
        actor=actor,
        setting=setting,
        places=1,
        available_from=timezone.localdate(),
        available_until=None,
        age_min=10,
        age_max=16,
    )
    vacancies.hold_vacancy(actor=actor, vacancy=vacancy, reference="offer-1")
    vacancies.fill_vacancy(actor=actor, vacancy=vacancy, reference="offer-1")
    stale = Vacancy.objects.get(pk=vacancy.pk)
    stale.status = Vacancy.Status.HELD  # as another request read it before the fill
    with pytest.raises(ServiceError):
        vacancies.fill_vacancy(actor=actor, vacancy=stale, reference="offer-2")
    assert VacancyStatusChange.objects.filter(vacancy=vacancy, to_status="filled").count() == 1


def test_the_database_refuses_a_second_fill(home):
    vacancy = VacancyFactory(setting__local_authority=home.council)
    VacancyStatusChange.objects.create(vacancy=vacancy, from_status="held", to_status="filled")
    with pytest.raises(IntegrityError), transaction.atomic():
        VacancyStatusChange.objects.create(vacancy=vacancy, from_status="held", to_status="filled")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"available_until": timezone.localdate() - timedelta(days=1)}, "free until"),
        ({"age_min": 17, "age_max": 10}, "youngest age"),
        ({"places": 9}, "between 1 and 4"),
    ],
)
def test_bad_vacancies_are_refused_with_a_reason(home, change, message):
    setting = SettingFactory(local_authority=home.council, registered_places=4)
    data = {
        "places": 1,
        "available_from": timezone.localdate(),
        "available_until": None,
        "age_min": 10,
        "age_max": 16,
        **change,
    }
    with pytest.raises(ServiceError, match=message):
        vacancies.report_vacancy(actor=None, setting=setting, **data)
    assert not Vacancy.objects.exists()


def test_a_suspended_setting_cannot_report_vacancies(home, commissioner):
    setting = SettingFactory(local_authority=home.council)
    register.suspend_setting(actor=commissioner, setting=setting, reason="Inadequate")
    with pytest.raises(ServiceError, match="not active"):
        vacancies.report_vacancy(
            actor=None,
            setting=setting,
            places=1,
            available_from=timezone.localdate(),
            available_until=None,
            age_min=10,
            age_max=16,
        )


@pytest.mark.django_db(transaction=True)
def test_two_offers_racing_for_one_held_vacancy_fill_it_once(postgres_only, home):
    vacancy = VacancyFactory(setting__local_authority=home.council, status=Vacancy.Status.HELD)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def fill(reference: str) -> None:
        try:
            stale = Vacancy.objects.get(pk=vacancy.pk)
            barrier.wait()
            vacancies.fill_vacancy(actor=None, vacancy=stale, reference=reference)
            outcomes.append("filled")
        except ServiceError:
            outcomes.append("refused")
        finally:
            close_old_connections()

    threads = [threading.Thread(target=fill, args=(f"offer-{n}",)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["filled", "refused"]
    assert VacancyStatusChange.objects.filter(vacancy=vacancy, to_status="filled").count() == 1
