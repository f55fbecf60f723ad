"""The ground floor's demo data: regions, councils, a sign-in per role, and the geography lists
(councils' places and sizes, postcodes) that every app's demo draws from."""

from rcc.demo.sso import seed_single_sign_on
from rcc.demo.tenancy import seed_geography, seed_users

__all__ = ["seed_geography", "seed_single_sign_on", "seed_users"]
