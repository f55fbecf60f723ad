from sufficiency.forecast_models import ForecastFigure, ForecastRun  # noqa: F401
from sufficiency.partner_models import PartnerDataset, PartnerFigure  # noqa: F401
