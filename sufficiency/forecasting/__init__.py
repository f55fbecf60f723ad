"""A weekly stock-and-flow (Markov) model of children in care. Pure numpy: no Django here.

States are age band x placement category; children move between categories, leave care,
age into the next band and enter care at estimated rates. ``fit`` estimates the rates from
episodes, ``project`` carries a stock forward with a mean and variance (so intervals),
``Scenario`` changes the rates, ``backtest`` measures the error on the past.
"""

from sufficiency.forecasting.backtest import Backtest, BacktestRow, backtest
from sufficiency.forecasting.episodes import (
    Columns,
    Episode,
    stock_at,
    stock_at_columns,
    to_columns,
)
from sufficiency.forecasting.model import MODEL_VERSION, Model, fit
from sufficiency.forecasting.projection import Interval, Projection, Scenario, project
from sufficiency.forecasting.states import (
    AGE_BANDS,
    CATEGORIES,
    STATES,
    State,
    category_for_place,
)

__all__ = [
    "AGE_BANDS",
    "CATEGORIES",
    "MODEL_VERSION",
    "STATES",
    "Backtest",
    "BacktestRow",
    "Columns",
    "Episode",
    "Interval",
    "Model",
    "Projection",
    "Scenario",
    "State",
    "backtest",
    "category_for_place",
    "fit",
    "project",
    "stock_at",
    "stock_at_columns",
    "to_columns",
]
