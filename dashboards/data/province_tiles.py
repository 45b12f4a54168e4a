"""A tile grid of Vietnam's 34 provinces and cities (from 1/7/2025), one square per unit placed roughly where it
lies, keyed by official province code (as in the `vietnam-provinces` package). Made by hand for doanket
(see SOURCES.md); column, row on a 7 × 18 grid, north at the top."""

TILES = {
    12: (1, 0), 15: (2, 0), 8: (3, 0), 4: (4, 0),
    11: (0, 1), 14: (1, 1), 25: (2, 1), 19: (3, 1), 20: (4, 1),
    1: (2, 2), 24: (3, 2), 22: (4, 2),
    37: (2, 3), 33: (3, 3), 31: (4, 3),
    38: (2, 4),
    40: (2, 5),
    42: (3, 6),
    44: (3, 7),
    46: (4, 8),
    48: (4, 9),
    51: (4, 10),
    52: (4, 11),
    66: (4, 12),
    68: (3, 13), 56: (4, 13),
    80: (1, 14), 75: (2, 14),
    91: (0, 15), 82: (1, 15), 79: (2, 15),
    92: (1, 16), 86: (2, 16),
    96: (1, 17),
}

# The two archipelagos, Vietnamese territory: Hoàng Sa belongs to Đà Nẵng (48), Trường Sa to Khánh Hòa (56).
ISLANDS = [
    {"name": "Quần đảo Hoàng Sa", "province": 48, "at": (6.4, 8.6)},
    {"name": "Quần đảo Trường Sa", "province": 56, "at": (6.0, 14.6)},
]
