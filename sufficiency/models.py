from sufficiency.forecast_models import ForecastFigure, ForecastRun  # noqa: F401
from sufficiency.partner_models import PartnerDataset, PartnerFigure  # noqa: F401
from sufficiency.provision_models import ProvisionProject, ProvisionStageChange  # noqa: F401
from sufficiency.strategy_models import (  # noqa: F401
    ApprovalDecision,
    MarketPositionStatement,
    Strategy,
    StrategyAction,
    StrategyVersion,
)
