"""Turn selector results into what a page shows: tables, tags, summary rows, panels."""
