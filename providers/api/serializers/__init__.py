"""Output shapes of the market API, one module per API module."""
