"""The two pathfinder RCCs with their real councils: (name, ONS GSS code, DfE LA number), and
where each council is (for made-up addresses and distances) and how big (for weights)."""

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

REGIONS = {"GM": "greater-manchester", "SE": "south-east"}

# council: (the council as a provider, latitude, longitude, spread in degrees, outcodes, size)
COUNCILS = {
    "Bolton": ("Bolton Council", 53.578, -2.429, 0.04, "BL1 BL2 BL3 BL4 BL5 BL6 BL7", 3),
    "Bury": ("Bury Council", 53.593, -2.298, 0.04, "BL0 BL8 BL9 M25 M26 M45", 2),
    "Manchester": ("Manchester City Council", 53.47, -2.24, 0.05, "M8 M9 M11 M13 M14 M22 M40", 6),
    "Oldham": ("Oldham Council", 53.541, -2.118, 0.04, "OL1 OL2 OL4 OL8 OL9 M35", 3),
    "Rochdale": ("Rochdale Borough Council", 53.616, -2.155, 0.04, "OL10 OL11 OL12 OL16 M24", 3),
    "Salford": ("Salford City Council", 53.5, -2.33, 0.04, "M5 M6 M7 M27 M28 M30 M44", 3),
    "Stockport": ("Stockport Council", 53.408, -2.149, 0.04, "SK1 SK2 SK3 SK4 SK5 SK6 SK7", 2),
    "Tameside": ("Tameside Council", 53.48, -2.08, 0.04, "OL5 OL6 OL7 SK14 SK15 SK16 M34", 3),
    "Trafford": ("Trafford Council", 53.43, -2.33, 0.04, "M31 M32 M33 M41 WA14 WA15", 2),
    "Wigan": ("Wigan Council", 53.53, -2.6, 0.05, "WN1 WN2 WN3 WN4 WN5 WN6 WN7 M29", 3),
    "Bracknell Forest": ("Bracknell Forest Council", 51.41, -0.75, 0.03, "RG12 RG42 RG45", 1),
    "Brighton and Hove": ("Brighton & Hove City Council", 50.84, -0.15, 0.03, "BN1 BN2 BN3", 3),
    "Buckinghamshire": ("Buckinghamshire Council", 51.75, -0.8, 0.15, "HP11 HP13 HP19 SL7", 3),
    "East Sussex": ("East Sussex County Council", 50.9, 0.25, 0.12, "BN7 BN21 TN22 TN34", 4),
    "Hampshire": ("Hampshire County Council", 51.05, -1.2, 0.2, "GU14 PO7 RG21 SO23 SP10", 6),
    "Isle of Wight": ("Isle of Wight Council", 50.68, -1.3, 0.06, "PO30 PO31 PO33 PO36", 1),
    "Kent": ("Kent County Council", 51.23, 0.7, 0.25, "CT1 CT9 DA11 ME14 ME15 TN23 TN24", 8),
    "Medway": ("Medway Council", 51.38, 0.53, 0.04, "ME1 ME2 ME4 ME5 ME7 ME8", 3),
    "Milton Keynes": ("Milton Keynes City Council", 52.04, -0.76, 0.05, "MK2 MK3 MK6 MK9", 2),
    "Oxfordshire": ("Oxfordshire County Council", 51.78, -1.3, 0.18, "OX1 OX4 OX14 OX16", 4),
    "Portsmouth": ("Portsmouth City Council", 50.81, -1.08, 0.025, "PO1 PO2 PO3 PO4 PO6", 2),
    "Reading": ("Reading Borough Council", 51.455, -0.97, 0.02, "RG1 RG2 RG4 RG30", 2),
    "Slough": ("Slough Borough Council", 51.51, -0.59, 0.02, "SL1 SL2 SL3", 2),
    "Southampton": ("Southampton City Council", 50.91, -1.4, 0.03, "SO14 SO15 SO16 SO19", 3),
    "Surrey": ("Surrey County Council", 51.25, -0.4, 0.15, "GU1 GU21 KT12 KT22 RH1 TW18", 5),
    "West Berkshire": ("West Berkshire Council", 51.42, -1.3, 0.08, "RG7 RG14 RG18 RG20", 1),
    "West Sussex": ("West Sussex County Council", 50.95, -0.45, 0.15, "BN11 PO19 RH12 RH16", 5),
    "Windsor and Maidenhead": (
        "Royal Borough of Windsor and Maidenhead",
        51.49,
        -0.66,
        0.04,
        "SL4 SL5 SL6",
        1,
    ),
    "Wokingham": ("Wokingham Borough Council", 51.41, -0.86, 0.04, "RG5 RG6 RG40 RG41", 1),
}
