"""The market's pages, one module per sub-domain."""
