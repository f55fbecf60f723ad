from sufficiency.models.forecast import ForecastFigure, ForecastRun  # noqa: F401
from sufficiency.models.partner import PartnerDataset, PartnerFigure  # noqa: F401
from sufficiency.models.provision import ProvisionProject, ProvisionStageChange  # noqa: F401
from sufficiency.models.strategy import (  # noqa: F401
    ApprovalDecision,
    MarketPositionStatement,
    Strategy,
    StrategyAction,
    StrategyVersion,
)
