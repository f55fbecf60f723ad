"""Sufficiency's demo data: new-provision projects and the pathfinders' strategies, seeded after
the forecasts (``manage.py seed_strategies``). ``seed()`` returns what it did, for printing."""

from sufficiency.demo.strategies import seed_strategies as seed

__all__ = ["seed"]
