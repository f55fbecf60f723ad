"""The two pathfinder RCCs with their real councils: (name, ONS GSS code, DfE LA number)."""

GREATER_MANCHESTER = [
    ("Bolton", "E08000001", "350"),
    ("Bury", "E08000002", "351"),
    ("Manchester", "E08000003", "352"),
    ("Oldham", "E08000004", "353"),
    ("Rochdale", "E08000005", "354"),
    ("Salford", "E08000006", "355"),
    ("Stockport", "E08000007", "356"),
    ("Tameside", "E08000008", "357"),
    ("Trafford", "E08000009", "358"),
    ("Wigan", "E08000010", "359"),
]

SOUTH_EAST = [
    ("Bracknell Forest", "E06000036", "867"),
    ("Brighton and Hove", "E06000043", "846"),
    ("Buckinghamshire", "E06000060", "825"),
    ("East Sussex", "E10000011", "845"),
    ("Hampshire", "E10000014", "850"),
    ("Isle of Wight", "E06000046", "921"),
    ("Kent", "E10000016", "886"),
    ("Medway", "E06000035", "887"),
    ("Milton Keynes", "E06000042", "826"),
    ("Oxfordshire", "E10000025", "931"),
    ("Portsmouth", "E06000044", "851"),
    ("Reading", "E06000038", "870"),
    ("Slough", "E06000039", "871"),
    ("Southampton", "E06000045", "852"),
    ("Surrey", "E10000030", "936"),
    ("West Berkshire", "E06000037", "869"),
    ("West Sussex", "E10000032", "938"),
    ("Windsor and Maidenhead", "E06000040", "868"),
    ("Wokingham", "E06000041", "872"),
]

# (region name, slug, lead council, councils)
PATHFINDERS = [
    ("Greater Manchester", "greater-manchester", "Manchester", GREATER_MANCHESTER),
    ("South East", "south-east", "West Sussex", SOUTH_EAST),
]

NATIONAL_REGIONS = 20
NATIONAL_COUNCILS = 153
