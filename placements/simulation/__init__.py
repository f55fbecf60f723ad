"""A region-year simulated through the platform's own matching: see docs/adr/0018.

`world` (what the region has), `draws` (everything random, drawn once per seed), `engine` (one
policy day by day), `metrics` (what it did for the children), `load` (a world from the models).
"""
