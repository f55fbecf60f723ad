"""Shared geography: postcodes and the distances between them (the ground floor's one home).

``postcodes`` is pure (normalising, reading the ONS directory's files, miles between grid
points); ``models.Postcode`` holds the directory; ``services`` loads it and looks distances up.
"""
