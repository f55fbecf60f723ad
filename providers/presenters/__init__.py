"""Display logic of the market: tables, tags, money, panels; one module per sub-domain."""
