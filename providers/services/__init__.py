"""Every state change of the market, one module per sub-domain."""
