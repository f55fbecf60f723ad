"""Every read query of the market, one module per sub-domain."""
