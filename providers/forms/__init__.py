"""Input validation for the market's pages (forms and list filters), one module per sub-domain."""
