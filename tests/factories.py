"""Shared factory_boy factories. Later issues add theirs here or beside their tests."""

from __future__ import annotations

import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from providers.models import ProviderOrganisation
from rcc.models import AuditEvent, LocalAuthority, Membership, Region, User
from rcc.roles import Role

PASSWORD = "correct-horse-battery-staple"


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Region {n}")
    slug = factory.Sequence(lambda n: f"region-{n}")


class LocalAuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocalAuthority

    name = factory.Sequence(lambda n: f"Council {n}")
    gss_code = factory.Sequence(lambda n: f"E0980{n:04d}")
    dfe_number = factory.Sequence(lambda n: f"{100 + n:03d}")
    region = factory.SubFactory(RegionFactory)


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProviderOrganisation

    name = factory.Sequence(lambda n: f"Provider {n} Ltd")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.SOCIAL_WORKER


class TOTPDeviceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TOTPDevice

    user = factory.SubFactory(UserFactory)
    name = "Authenticator app"
    confirmed = True


class AuditEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditEvent

    action = "test.event"
