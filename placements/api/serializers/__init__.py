"""Shapes of the API, one module per sub-domain."""
