"""Generate the bundled SYNTHETIC sample dataset for ctscore (Pakistan, 2015-01-01 .. 2024-12-31).

THIS DATA IS SYNTHETIC. Every row is produced by a seeded random process. No row is a
record of a real incident or operation. The generator is calibrated only so that the
*yearly* number of terrorist attacks and of people killed in them lands close to the
approximate public yearly magnitudes reported by the Pak Institute for Peace Studies
(PIPS) annual "Pakistan Security Report" series, and so that the broad shape (provincial
concentration, the 2021-2022 TTP ceasefire lull, the post-November-2022 surge) looks
plausible. A handful of mass-casualty "pinned outliers" are loosely modelled on widely
reported attacks; their figures are rounded approximations, not records. See
``data/README.md`` for the calibration table, the sources and the deliberate quirks.

Outputs (plain UTF-8 CSV, ``\\n`` line endings, fixed column and row order, integers only):

* ``incidents.csv``  - one row per terrorist incident
* ``operations.csv`` - one row per security-force operation
* ``population.csv`` - population by province/territory and year

The output is byte-identical on every run with the same numpy/pandas versions (numpy's
``Generator`` streams are stable in practice but not formally guaranteed across releases).

Usage::

    python data/generate_sample.py            # writes next to this script
    python data/generate_sample.py --out DIR  # writes into DIR

Only numpy, pandas and the standard library are used.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import math
import sys
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20_150_101
YEARS = tuple(range(2015, 2025))
START = dt.date(2015, 1, 1)
END = dt.date(2024, 12, 31)

# ---------------------------------------------------------------------------------------
# Calibration targets: approximate yearly totals of terrorist attacks and of people killed
# in them (civilians + security personnel + militants), as reported in PIPS "Pakistan
# Security Report" annual editions. Approximate calibration targets, not an authoritative
# record.
# ---------------------------------------------------------------------------------------
CALIBRATION: dict[int, tuple[int, int]] = {
    2015: (625, 1069),
    2016: (441, 908),
    2017: (370, 815),
    2018: (262, 595),
    2019: (229, 357),
    2020: (146, 220),
    2021: (207, 335),
    2022: (262, 419),
    2023: (306, 693),
    2024: (521, 852),
}
# Generated totals are drawn within +/- this fraction of the targets.
CALIBRATION_JITTER = 0.02

KP = "Khyber Pakhtunkhwa"
BAL = "Balochistan"
SINDH = "Sindh"
PUNJAB = "Punjab"
ICT = "Islamabad Capital Territory"
GB = "Gilgit-Baltistan"
AJK = "Azad Jammu and Kashmir"
PROVINCES = (KP, BAL, SINDH, PUNJAB, ICT, GB, AJK)

# Deliberate variant spellings, so the loader's recoding has something to do.
MISSPELLINGS = {BAL: ("Baluchistan", 0.03), KP: ("KPK", 0.02)}

GROUPS = (
    "TTP",
    "Hafiz Gul Bahadur Group",
    "Jamaat-ul-Ahrar",
    "Lashkar-e-Jhangvi",
    "ISKP",
    "BLA",
    "BLF",
    "Unknown",
)
# Behavioural class of each group (drives districts, tactics, targets).
GROUP_CLASS = {
    "TTP": "ttp",
    "Hafiz Gul Bahadur Group": "hgb",
    "Jamaat-ul-Ahrar": "ttp",
    "Lashkar-e-Jhangvi": "lej",
    "ISKP": "iskp",
    "BLA": "baloch",
    "BLF": "baloch",
    "Unknown": "other",
}
TTP_ALIGNED = ("TTP", "Hafiz Gul Bahadur Group", "Jamaat-ul-Ahrar")

ATTACK_TYPES = (
    "armed_assault",
    "ied",
    "suicide_bombing",
    "targeted_killing",
    "cross_border_attack",
    "grenade_attack",
    "rocket_attack",
    "kidnapping",
)
TARGET_TYPES = (
    "security_forces",
    "police",
    "civilians",
    "government",
    "infrastructure",
    "religious_minority",
    "pro_government_elders",
)
PROACTIVE_OPS = (
    "intelligence_based_operation",
    "search_and_clear",
    "raid",
    "arrest_operation",
    "cordon_and_search",
)
REACTIVE_OPS = ("response_to_attack", "border_clash_response", "hot_pursuit")

INCIDENT_COLUMNS = [
    "incident_id",
    "date",
    "date_precision",
    "province",
    "district",
    "perpetrator_group",
    "attack_type",
    "target_type",
    "killed_civilians",
    "killed_security",
    "killed_militants",
    "injured",
    "hostages",
]
OPERATION_COLUMNS = [
    "operation_id",
    "date",
    "province",
    "district",
    "operation_type",
    "militants_killed",
    "militants_arrested",
    "security_killed",
]
POPULATION_COLUMNS = ["province", "year", "population"]

# ---------------------------------------------------------------------------------------
# Who attacks, where.
# ---------------------------------------------------------------------------------------
# Share of each year's attacks by perpetrator group (order as GROUPS).
GROUP_SHARES: dict[int, tuple[float, ...]] = {
    #      TTP   HGB   JuA   LeJ   ISKP  BLA   BLF   Unknown
    2015: (0.30, 0.02, 0.08, 0.08, 0.01, 0.12, 0.14, 0.25),
    2016: (0.28, 0.02, 0.12, 0.06, 0.02, 0.13, 0.14, 0.23),
    2017: (0.27, 0.02, 0.10, 0.05, 0.04, 0.14, 0.14, 0.24),
    2018: (0.34, 0.04, 0.06, 0.03, 0.04, 0.15, 0.12, 0.22),
    2019: (0.35, 0.05, 0.04, 0.02, 0.03, 0.16, 0.12, 0.23),
    2020: (0.36, 0.07, 0.03, 0.02, 0.03, 0.17, 0.10, 0.22),
    2021: (0.40, 0.06, 0.03, 0.01, 0.04, 0.18, 0.10, 0.18),
    2022: (0.40, 0.07, 0.02, 0.01, 0.08, 0.16, 0.08, 0.18),
    2023: (0.42, 0.08, 0.02, 0.01, 0.06, 0.16, 0.09, 0.16),
    2024: (0.44, 0.09, 0.01, 0.005, 0.04, 0.17, 0.08, 0.165),
}


def province_weights(group: str, year: int) -> dict[str, float]:
    """Where a group's attacks happen (weights, not necessarily normalised)."""
    if group == "TTP":
        if year >= 2023:
            return {KP: 0.82, BAL: 0.10, PUNJAB: 0.05, SINDH: 0.02, ICT: 0.01}
        return {KP: 0.86, BAL: 0.06, PUNJAB: 0.04, SINDH: 0.03, ICT: 0.01}
    if group == "Hafiz Gul Bahadur Group":
        return {KP: 1.0}
    if group == "Jamaat-ul-Ahrar":
        return {KP: 0.72, PUNJAB: 0.14, BAL: 0.06, SINDH: 0.03, ICT: 0.05}
    if group == "Lashkar-e-Jhangvi":
        return {BAL: 0.40, SINDH: 0.30, KP: 0.18, PUNJAB: 0.12}
    if group == "ISKP":
        return {KP: 0.62, BAL: 0.33, SINDH: 0.05}
    if group == "BLA":
        return {BAL: 0.88, SINDH: 0.10, PUNJAB: 0.02}
    if group == "BLF":
        return {BAL: 0.96, SINDH: 0.04}
    # Unknown / unattributed
    if year <= 2017:
        return {KP: 0.42, BAL: 0.24, SINDH: 0.22, PUNJAB: 0.06, ICT: 0.01, GB: 0.03, AJK: 0.02}
    if year <= 2020:
        return {KP: 0.50, BAL: 0.28, SINDH: 0.12, PUNJAB: 0.06, ICT: 0.01, GB: 0.02, AJK: 0.01}
    return {KP: 0.62, BAL: 0.26, SINDH: 0.07, PUNJAB: 0.035, ICT: 0.005, GB: 0.005, AJK: 0.005}


# District weights per (behavioural class, province). "other" is the generic fallback.
# fmt: off
DISTRICTS: dict[tuple[str, str], dict[str, float]] = {
    ("other", KP): {
        "Peshawar": 14, "North Waziristan": 10, "South Waziristan": 6, "Bannu": 8,
        "Lakki Marwat": 6, "Dera Ismail Khan": 9, "Tank": 4, "Khyber": 7, "Bajaur": 5,
        "Mohmand": 4, "Kurram": 5, "Orakzai": 3, "Swat": 3, "Charsadda": 4, "Mardan": 3,
        "Nowshera": 2, "Kohat": 3, "Hangu": 3, "Lower Dir": 2, "Upper Dir": 1, "Chitral": 1,
        "Karak": 1, "Buner": 1,
    },
    ("ttp", KP): {
        "North Waziristan": 14, "South Waziristan": 9, "Bannu": 9, "Lakki Marwat": 7,
        "Dera Ismail Khan": 11, "Tank": 5, "Peshawar": 10, "Khyber": 8, "Bajaur": 5,
        "Mohmand": 5, "Kurram": 3, "Orakzai": 3, "Swat": 3, "Charsadda": 3, "Mardan": 2,
        "Nowshera": 1, "Kohat": 2, "Hangu": 2, "Lower Dir": 2, "Upper Dir": 2, "Chitral": 1.5,
        "Karak": 1, "Buner": 0.5,
    },
    ("hgb", KP): {
        "North Waziristan": 45, "Bannu": 20, "Lakki Marwat": 12, "Dera Ismail Khan": 8,
        "South Waziristan": 5, "Tank": 5, "Karak": 2, "Kurram": 3,
    },
    ("iskp", KP): {
        "Bajaur": 32, "Peshawar": 30, "Khyber": 10, "Orakzai": 6, "Dera Ismail Khan": 6,
        "Kurram": 4, "Mohmand": 6, "Charsadda": 6,
    },
    ("lej", KP): {"Kurram": 45, "Peshawar": 25, "Hangu": 12, "Kohat": 10, "Dera Ismail Khan": 8},
    ("other", BAL): {
        "Quetta": 18, "Kech": 9, "Gwadar": 5, "Panjgur": 6, "Mastung": 6, "Kachhi": 5,
        "Zhob": 4, "Khuzdar": 6, "Noshki": 4, "Dera Bugti": 6, "Kohlu": 4, "Sibi": 3,
        "Kalat": 4, "Awaran": 4, "Kharan": 2, "Loralai": 3, "Duki": 2, "Harnai": 3,
        "Nasirabad": 3, "Chagai": 2, "Lasbela": 3, "Washuk": 2, "Pishin": 3,
        "Killa Abdullah": 3, "Chaman": 2, "Qila Saifullah": 2, "Jhal Magsi": 1,
        "Jaffarabad": 2, "Sherani": 1, "Musakhel": 1,
    },
    ("baloch", BAL): {
        "Kech": 16, "Quetta": 10, "Gwadar": 8, "Panjgur": 10, "Mastung": 6, "Kachhi": 5,
        "Khuzdar": 7, "Noshki": 5, "Dera Bugti": 8, "Kohlu": 5, "Sibi": 3, "Kalat": 5,
        "Awaran": 7, "Kharan": 4, "Harnai": 4, "Nasirabad": 3, "Lasbela": 4, "Washuk": 3,
        "Chagai": 2, "Jhal Magsi": 1, "Jaffarabad": 2, "Duki": 1,
    },
    ("ttp", BAL): {
        "Zhob": 18, "Quetta": 18, "Qila Saifullah": 8, "Loralai": 8, "Sherani": 5,
        "Killa Abdullah": 8, "Chaman": 5, "Pishin": 7, "Musakhel": 4, "Duki": 4, "Harnai": 2,
        "Kachhi": 2, "Chagai": 1,
    },
    ("iskp", BAL): {
        "Mastung": 35, "Quetta": 35, "Kachhi": 8, "Noshki": 5, "Khuzdar": 5, "Kalat": 5,
        "Chagai": 4, "Pishin": 3,
    },
    ("lej", BAL): {"Quetta": 85, "Mastung": 10, "Jhal Magsi": 5},
    ("other", SINDH): {
        "Karachi": 70, "Hyderabad": 6, "Sukkur": 4, "Larkana": 3, "Shikarpur": 4,
        "Jacobabad": 4, "Kashmore": 3, "Ghotki": 2, "Shaheed Benazirabad": 3, "Jamshoro": 2,
        "Dadu": 1, "Thatta": 1,
    },
    ("baloch", SINDH): {
        "Karachi": 80, "Kashmore": 4, "Jacobabad": 4, "Shikarpur": 3, "Hyderabad": 3,
        "Jamshoro": 2,
    },
    ("lej", SINDH): {"Karachi": 85, "Shikarpur": 8, "Jacobabad": 7},
    ("other", PUNJAB): {
        "Lahore": 20, "Rawalpindi": 15, "Dera Ghazi Khan": 14, "Mianwali": 10, "Faisalabad": 5,
        "Multan": 6, "Bhakkar": 5, "Rajanpur": 7, "Attock": 5, "Gujranwala": 3, "Sargodha": 3,
        "Bahawalpur": 3, "Khanewal": 2, "Jhang": 2,
    },
    ("lej", PUNJAB): {
        "Lahore": 25, "Rawalpindi": 20, "Jhang": 15, "Multan": 10, "Dera Ghazi Khan": 10,
        "Bahawalpur": 10, "Faisalabad": 10,
    },
    ("baloch", PUNJAB): {"Dera Ghazi Khan": 50, "Rajanpur": 40, "Multan": 10},
    ("other", ICT): {"Islamabad": 1},
    ("other", GB): {"Gilgit": 40, "Diamer": 45, "Skardu": 15},
    ("other", AJK): {"Muzaffarabad": 40, "Kotli": 30, "Poonch": 15, "Bagh": 15},
}
# fmt: on
# Group-specific multipliers on top of the class table.
GROUP_DISTRICT_MULT = {"Jamaat-ul-Ahrar": {"Mohmand": 4.0, "Peshawar": 1.5, "Khyber": 1.5}}

# Districts on the Afghan or Iranian border: the only places cross-border attacks happen.
BORDER_DISTRICTS = frozenset(
    {
        "North Waziristan", "South Waziristan", "Kurram", "Bajaur", "Khyber", "Mohmand",
        "Chitral", "Upper Dir", "Zhob", "Noshki", "Chagai", "Killa Abdullah", "Chaman",
        "Kech", "Panjgur", "Gwadar", "Washuk",
    }
)  # fmt: skip
TALIBAN_TAKEOVER = dt.date(2021, 8, 15)


def district_weights(group: str, province: str) -> dict[str, float]:
    cls = GROUP_CLASS[group]
    table = DISTRICTS.get((cls, province), DISTRICTS[("other", province)])
    mult = GROUP_DISTRICT_MULT.get(group, {})
    return {d: w * mult.get(d, 1.0) for d, w in table.items()}


# ---------------------------------------------------------------------------------------
# When: monthly intensity multipliers.
# ---------------------------------------------------------------------------------------
def month_multiplier(group: str, year: int, month: int) -> float:
    if group in TTP_ALIGNED:
        if year == 2021:
            # Afghan Taliban takeover in Aug 2021; talks from Oct; ceasefire 9 Nov - 9 Dec.
            return {8: 1.3, 9: 1.3, 10: 1.2, 11: 0.35, 12: 0.75}.get(month, 1.0)
        if year == 2022:
            # Eid ceasefire from end of April, "indefinite" ceasefire June - November,
            # TTP calls it off on 28 Nov 2022 -> December surge.
            if month <= 3:
                return 1.2
            if month in (4, 5):
                return {4: 1.0, 5: 0.8}[month]
            if month <= 11:
                return 0.4
            return 2.4
        if year == 2023:
            return {1: 1.35, 2: 1.3, 3: 1.2, 4: 1.1, 5: 1.05}.get(month, 1.0)
        if year == 2024:
            return 0.85 + 0.3 * (month - 1) / 11
        return 1.0
    if group in ("BLA", "BLF") and year == 2024:
        return 1.8 if month == 8 else 0.9 + 0.2 * (month - 1) / 11
    if group == "ISKP" and year == 2022 and month == 3:
        return 1.5
    return 1.0


# ---------------------------------------------------------------------------------------
# How: tactics, targets, lethality.
# ---------------------------------------------------------------------------------------
ATTACK_WEIGHTS: dict[str, dict[str, float]] = {
    "ttp": {"armed_assault": 0.31, "ied": 0.25, "suicide_bombing": 0.035,
            "targeted_killing": 0.22, "grenade_attack": 0.07, "rocket_attack": 0.04,
            "kidnapping": 0.05},
    "hgb": {"armed_assault": 0.40, "ied": 0.27, "suicide_bombing": 0.03,
            "targeted_killing": 0.18, "grenade_attack": 0.03, "rocket_attack": 0.05,
            "kidnapping": 0.04},
    "baloch": {"armed_assault": 0.30, "ied": 0.30, "suicide_bombing": 0.012,
               "targeted_killing": 0.18, "grenade_attack": 0.12, "rocket_attack": 0.045,
               "kidnapping": 0.035},
    "iskp": {"armed_assault": 0.10, "ied": 0.25, "suicide_bombing": 0.15,
             "targeted_killing": 0.40, "grenade_attack": 0.05, "rocket_attack": 0.01,
             "kidnapping": 0.02},
    "lej": {"armed_assault": 0.15, "ied": 0.15, "suicide_bombing": 0.06,
            "targeted_killing": 0.55, "grenade_attack": 0.07, "rocket_attack": 0.0,
            "kidnapping": 0.02},
    "other": {"armed_assault": 0.25, "ied": 0.25, "suicide_bombing": 0.015,
              "targeted_killing": 0.25, "grenade_attack": 0.13, "rocket_attack": 0.05,
              "kidnapping": 0.05},
}  # fmt: skip
# Weight of cross_border_attack in border districts (before / from the Taliban takeover).
CROSS_BORDER_WEIGHT = {"ttp": 0.06, "hgb": 0.04, "baloch": 0.02, "iskp": 0.01, "lej": 0.0,
                       "other": 0.05}  # fmt: skip
CROSS_BORDER_POST_2021_MULT = 5.0
SUICIDE_YEAR_MULT = {2015: 1.0, 2016: 1.1, 2017: 1.5, 2018: 1.5, 2019: 0.5, 2020: 0.6,
                     2021: 0.6, 2022: 1.1, 2023: 2.4, 2024: 1.0}  # fmt: skip

TARGET_WEIGHTS: dict[str, tuple[float, ...]] = {
    #         sec   police civ   govt  infra minority elders
    "ttp": (0.35, 0.30, 0.10, 0.06, 0.06, 0.02, 0.11),
    "hgb": (0.60, 0.15, 0.05, 0.05, 0.05, 0.00, 0.10),
    "baloch": (0.40, 0.08, 0.20, 0.07, 0.22, 0.00, 0.03),
    "iskp": (0.10, 0.20, 0.25, 0.05, 0.00, 0.30, 0.10),
    "lej": (0.00, 0.10, 0.15, 0.00, 0.00, 0.75, 0.00),
    "other": (0.25, 0.25, 0.20, 0.08, 0.10, 0.04, 0.08),
}

# (probability of zero deaths, mean deaths when positive) before yearly calibration.
KILLED_PRIOR = {
    "armed_assault": (0.35, 2.6),
    "ied": (0.50, 2.0),
    "targeted_killing": (0.05, 1.2),
    "cross_border_attack": (0.45, 2.2),
    "grenade_attack": (0.75, 1.4),
    "rocket_attack": (0.80, 1.5),
    "kidnapping": (0.85, 1.3),
}
LETHALITY_MULT = {"iskp": 1.4, "lej": 1.3}
# Split of deaths into (civilians, security, militants) by target type.
DEATH_SPLIT = {
    "security_forces": (0.08, 0.77, 0.15),
    "police": (0.10, 0.75, 0.15),
    "civilians": (0.85, 0.03, 0.12),
    "religious_minority": (0.88, 0.02, 0.10),
    "government": (0.62, 0.23, 0.15),
    "pro_government_elders": (0.75, 0.10, 0.15),
    "infrastructure": (0.50, 0.35, 0.15),
}
# Expected injured = INJURY_SCALE * (ratio * killed + base), by attack type.
INJURY_SCALE = 0.85
INJURY_MODEL = {
    "armed_assault": (0.9, 0.6),
    "ied": (1.6, 1.8),
    "suicide_bombing": (2.0, 4.0),
    "targeted_killing": (0.3, 0.2),
    "cross_border_attack": (1.0, 0.8),
    "grenade_attack": (1.5, 2.3),
    "rocket_attack": (1.2, 0.9),
    "kidnapping": (0.2, 0.1),
}

# Mass-casualty outliers loosely modelled on widely reported attacks. Figures are rounded
# approximations (reports differ); they are part of the synthetic data, not records.
# (date, province, district, group, attack, target, civ, sec, mil, injured)
PINNED_OUTLIERS = (
    (dt.date(2016, 3, 27), PUNJAB, "Lahore", "Jamaat-ul-Ahrar", "suicide_bombing",
     "civilians", 74, 0, 1, 340),
    (dt.date(2016, 8, 8), BAL, "Quetta", "Jamaat-ul-Ahrar", "suicide_bombing",
     "civilians", 70, 2, 1, 110),
    (dt.date(2017, 2, 16), SINDH, "Jamshoro", "ISKP", "suicide_bombing",
     "religious_minority", 88, 0, 1, 300),
    (dt.date(2018, 7, 13), BAL, "Mastung", "ISKP", "suicide_bombing",
     "government", 145, 3, 1, 180),
    (dt.date(2023, 1, 30), KP, "Peshawar", "Jamaat-ul-Ahrar", "suicide_bombing",
     "police", 6, 78, 1, 220),
    (dt.date(2023, 7, 30), KP, "Bajaur", "ISKP", "suicide_bombing",
     "government", 62, 0, 1, 120),
    (dt.date(2024, 11, 9), BAL, "Quetta", "BLA", "suicide_bombing",
     "security_forces", 6, 26, 1, 60),
)  # fmt: skip

# ---------------------------------------------------------------------------------------
# Operations.
# ---------------------------------------------------------------------------------------
# Yearly baseline of proactive operations (before the monthly ceasefire adjustment).
PROACTIVE_PER_YEAR = {2015: 1100, 2016: 850, 2017: 600, 2018: 320, 2019: 240, 2020: 170,
                      2021: 190, 2022: 200, 2023: 300, 2024: 420}  # fmt: skip
# Probability an incident triggers at least one reactive operation.
RESPONSE_PROB = {2015: 0.45, 2016: 0.45, 2017: 0.48, 2018: 0.50, 2019: 0.52, 2020: 0.55,
                 2021: 0.60, 2022: 0.70, 2023: 0.85, 2024: 0.90}  # fmt: skip
# Probability of a follow-up reactive operation given a first one.
FOLLOW_UP_PROB = {y: (0.15 if y <= 2020 else 0.22 if y <= 2022 else 0.32) for y in YEARS}


def proactive_province_weights(year: int) -> dict[str, float]:
    if year == 2015:  # Zarb-e-Azb / Khyber ops, Karachi operation
        w = {KP: 0.55, BAL: 0.15, SINDH: 0.18, PUNJAB: 0.11, ICT: 0.01}
    elif year == 2016:
        w = {KP: 0.45, BAL: 0.18, SINDH: 0.17, PUNJAB: 0.18, ICT: 0.02}
    elif year == 2017:  # Radd-ul-Fasaad, incl. Punjab
        w = {KP: 0.35, BAL: 0.20, SINDH: 0.13, PUNJAB: 0.30, ICT: 0.02}
    elif year <= 2020:
        w = {KP: 0.45, BAL: 0.25, SINDH: 0.12, PUNJAB: 0.16, ICT: 0.02}
    elif year <= 2022:
        w = {KP: 0.50, BAL: 0.28, SINDH: 0.08, PUNJAB: 0.12, ICT: 0.02}
    else:
        w = {KP: 0.58, BAL: 0.30, SINDH: 0.04, PUNJAB: 0.07, ICT: 0.01}
    w[GB] = 0.004
    w[AJK] = 0.004
    return w


def proactive_type_weights(year: int) -> tuple[float, ...]:
    # order: IBO, search_and_clear, raid, arrest_operation, cordon_and_search
    if year == 2015:
        return (0.20, 0.35, 0.15, 0.15, 0.15)
    if year == 2016:
        return (0.25, 0.30, 0.15, 0.15, 0.15)
    if year == 2017:
        return (0.40, 0.15, 0.15, 0.15, 0.15)
    if year <= 2022:
        return (0.45, 0.08, 0.17, 0.15, 0.15)
    return (0.55, 0.07, 0.13, 0.12, 0.13)


def proactive_month_multiplier(year: int, month: int) -> float:
    """Proactive tempo dips during the TTP talks/ceasefire (Nov 2021 - Nov 2022)."""
    ym = (year, month)
    if (2021, 11) <= ym <= (2022, 11):
        return 0.5
    if ym == (2022, 12):
        return 0.8
    return 1.0


# (mean militants killed, mean arrested, mean security killed) per operation type.
OPERATION_OUTCOMES = {
    "intelligence_based_operation": (1.6, 0.8, 0.12),
    "search_and_clear": (3.0, 2.0, 0.30),
    "raid": (1.2, 1.5, 0.10),
    "arrest_operation": (0.1, 3.0, 0.02),
    "cordon_and_search": (0.5, 4.0, 0.05),
    "response_to_attack": (0.8, 0.6, 0.20),
    "border_clash_response": (1.5, 0.0, 0.40),
    "hot_pursuit": (1.2, 0.8, 0.15),
}

# ---------------------------------------------------------------------------------------
# Population: census anchors (millions, rounded) and geometric interpolation.
# ---------------------------------------------------------------------------------------
POPULATION_ANCHORS: dict[str, tuple[float, float]] = {
    # province: (2017, 2023) in millions
    PUNJAB: (110.0, 127.7),
    SINDH: (47.9, 55.7),
    KP: (35.5, 40.9),  # incl. the merged ex-FATA districts
    BAL: (12.3, 14.9),
    ICT: (2.0, 2.4),
    GB: (1.55, 1.75),  # not in the census: approximate official estimates
    AJK: (4.05, 4.45),  # not in the census: approximate official estimates
}


# ---------------------------------------------------------------------------------------
# Helpers.
# ---------------------------------------------------------------------------------------
def _pick(rng: np.random.Generator, weights: dict[str, float]) -> str:
    keys = list(weights)
    w = np.array([weights[k] for k in keys], dtype=float)
    return keys[int(rng.choice(len(keys), p=w / w.sum()))]


def _nb(rng: np.random.Generator, mean: float, dispersion: float = 1.2) -> int:
    """Negative-binomial draw with the given mean (0 if mean <= 0)."""
    if mean <= 0:
        return 0
    p = dispersion / (dispersion + mean)
    return int(rng.negative_binomial(dispersion, p))


def _allocate(n: int, shares: tuple[float, ...]) -> list[int]:
    """Split ``n`` into integer counts proportional to ``shares`` (largest remainder)."""
    total = sum(shares)
    exact = [n * s / total for s in shares]
    counts = [math.floor(x) for x in exact]
    order = sorted(range(len(shares)), key=lambda i: (-(exact[i] - counts[i]), i))
    for i in order[: n - sum(counts)]:
        counts[i] += 1
    return counts


def _random_date_in_month(rng: np.random.Generator, year: int, month: int) -> dt.date:
    ndays = calendar.monthrange(year, month)[1]
    return dt.date(year, month, int(rng.integers(1, ndays + 1)))


def _target_total(rng: np.random.Generator, target: int) -> int:
    return round(target * (1 + rng.uniform(-CALIBRATION_JITTER, CALIBRATION_JITTER)))


def _attack_type(rng: np.random.Generator, group: str, district: str, date: dt.date) -> str:
    cls = GROUP_CLASS[group]
    w = dict(ATTACK_WEIGHTS[cls])
    w["suicide_bombing"] *= SUICIDE_YEAR_MULT[date.year]
    cb = 0.0
    if district in BORDER_DISTRICTS:
        cb = CROSS_BORDER_WEIGHT[cls]
        if date >= TALIBAN_TAKEOVER:
            cb *= CROSS_BORDER_POST_2021_MULT
    w["cross_border_attack"] = cb
    return _pick(rng, {a: w[a] for a in ATTACK_TYPES})


def _prior_killed(rng: np.random.Generator, attack: str, cls: str) -> int:
    if attack == "suicide_bombing":
        return max(1, min(40, round(math.exp(rng.normal(math.log(7.0), 0.9)))))
    p_zero, mean_pos = KILLED_PRIOR[attack]
    if rng.random() < p_zero:
        return 0
    mean_pos *= LETHALITY_MULT.get(cls, 1.0)
    return 1 + _nb(rng, mean_pos - 1.0)


def _calibrate(rng: np.random.Generator, killed: np.ndarray, floor: np.ndarray, total: int):
    """Rescale ``killed`` so it sums exactly to ``total`` while respecting ``floor``."""
    killed = killed.astype(float)
    factor = total / killed.sum()
    scaled = killed * factor
    out = np.floor(scaled).astype(np.int64)
    out += (rng.random(len(out)) < (scaled - out)).astype(np.int64)
    out = np.maximum(out, floor)
    diff = total - int(out.sum())
    while diff != 0:
        if diff > 0:
            w = out + 0.5
            i = int(rng.choice(len(out), p=w / w.sum()))
            out[i] += 1
            diff -= 1
        else:
            slack = out - floor
            w = slack.astype(float)
            i = int(rng.choice(len(out), p=w / w.sum()))
            out[i] -= 1
            diff += 1
    return out


# ---------------------------------------------------------------------------------------
# Generators.
# ---------------------------------------------------------------------------------------
def generate_incidents(rng: np.random.Generator) -> pd.DataFrame:
    rows: list[dict] = []
    for year in YEARS:
        n_target, k_target = CALIBRATION[year]
        pinned = [p for p in PINNED_OUTLIERS if p[0].year == year]
        n_total = _target_total(rng, n_target)
        n_random = n_total - len(pinned)
        counts = _allocate(n_random, GROUP_SHARES[year])
        year_rows: list[dict] = []
        for group, n in zip(GROUPS, counts, strict=True):
            cls = GROUP_CLASS[group]
            mw = np.array([month_multiplier(group, year, m) for m in range(1, 13)])
            months = rng.choice(12, size=int(n), p=mw / mw.sum()) + 1
            for month in months:
                date = _random_date_in_month(rng, year, int(month))
                province = _pick(rng, province_weights(group, year))
                district = _pick(rng, district_weights(group, province))
                attack = _attack_type(rng, group, district, date)
                tw = TARGET_WEIGHTS[cls]
                target = TARGET_TYPES[int(rng.choice(len(TARGET_TYPES), p=np.array(tw) / sum(tw)))]
                if attack == "kidnapping" and target in ("security_forces", "infrastructure"):
                    target = "civilians" if rng.random() < 0.6 else "government"
                year_rows.append(
                    {
                        "date": date,
                        "province": province,
                        "district": district,
                        "perpetrator_group": group,
                        "attack_type": attack,
                        "target_type": target,
                        "prior_killed": _prior_killed(rng, attack, cls),
                        "pinned": False,
                    }
                )
        # Calibrate deaths of the non-pinned incidents to the yearly target.
        k_total = _target_total(rng, k_target)
        pinned_k = sum(p[6] + p[7] + p[8] for p in pinned)
        prior = np.array([r["prior_killed"] for r in year_rows])
        floor = np.array([1 if r["attack_type"] == "suicide_bombing" else 0 for r in year_rows])
        killed = _calibrate(rng, prior, floor, k_total - pinned_k)
        for r, k in zip(year_rows, killed, strict=True):
            k = int(k)
            split = DEATH_SPLIT[r["target_type"]]
            if r["attack_type"] == "suicide_bombing":
                civ, sec, mil = rng.multinomial(k - 1, split)
                mil += 1  # the bomber
            else:
                civ, sec, mil = rng.multinomial(k, split)
            ratio, base = INJURY_MODEL[r["attack_type"]]
            injured = _nb(rng, INJURY_SCALE * (ratio * k + base), dispersion=1.5)
            if r["attack_type"] == "kidnapping":
                hostages = int(rng.geometric(0.45))
            elif r["attack_type"] == "armed_assault" and rng.random() < 0.01:
                hostages = int(rng.integers(1, 6))
            else:
                hostages = 0
            r.update(
                killed_civilians=int(civ),
                killed_security=int(sec),
                killed_militants=int(mil),
                injured=injured,
                hostages=hostages,
            )
        for p in pinned:
            date, province, district, group, attack, target, civ, sec, mil, inj = p
            year_rows.append(
                {
                    "date": date,
                    "province": province,
                    "district": district,
                    "perpetrator_group": group,
                    "attack_type": attack,
                    "target_type": target,
                    "killed_civilians": civ,
                    "killed_security": sec,
                    "killed_militants": mil,
                    "injured": inj,
                    "hostages": 0,
                    "pinned": True,
                }
            )
        rows.extend(year_rows)

    # Date precision: ~95% day, ~4% month (1st of month), ~1% year (1 January).
    for r in rows:
        u = rng.random()
        if r["pinned"] or u >= 0.05:
            r["date_precision"] = "day"
        elif u < 0.01:
            r["date_precision"] = "year"
            r["date"] = dt.date(r["date"].year, 1, 1)
        else:
            r["date_precision"] = "month"
            r["date"] = r["date"].replace(day=1)
        # Deliberate variant spellings.
        if r["province"] in MISSPELLINGS:
            variant, prob = MISSPELLINGS[r["province"]]
            if rng.random() < prob:
                r["province"] = variant

    df = pd.DataFrame(rows)
    df["date"] = pd.to_datetime(df["date"])
    df = df.sort_values("date", kind="mergesort").reset_index(drop=True)
    df["incident_id"] = np.arange(1, len(df) + 1)
    df["date"] = df["date"].dt.strftime("%Y-%m-%d")
    return df[INCIDENT_COLUMNS]


def _canonical_province(name: str) -> str:
    return {"Baluchistan": BAL, "KPK": KP}.get(name, name)


def generate_operations(rng: np.random.Generator, incidents: pd.DataFrame) -> pd.DataFrame:
    rows: list[dict] = []
    # Proactive operations: monthly Poisson tempo.
    for year in YEARS:
        pw = proactive_province_weights(year)
        tw = np.array(proactive_type_weights(year))
        for month in range(1, 13):
            lam = PROACTIVE_PER_YEAR[year] / 12 * proactive_month_multiplier(year, month)
            for _ in range(int(rng.poisson(lam))):
                province = _pick(rng, pw)
                dw = dict(DISTRICTS[("ttp" if province in (KP, BAL) else "other", province)])
                if province == KP and year <= 2016:
                    dw["North Waziristan"] *= 3.0
                    dw["Khyber"] *= 2.0
                if province == BAL:
                    for d, w in DISTRICTS[("baloch", BAL)].items():
                        dw[d] = dw.get(d, 0.0) + w
                op = PROACTIVE_OPS[int(rng.choice(len(PROACTIVE_OPS), p=tw / tw.sum()))]
                rows.append(
                    {
                        "date": _random_date_in_month(rng, year, month),
                        "province": province,
                        "district": _pick(rng, dw),
                        "operation_type": op,
                    }
                )
    # Reactive operations: triggered by incidents.
    lags = np.array([0, 1, 2, 3])
    lag_p = np.array([0.50, 0.30, 0.12, 0.08])
    for inc in incidents.itertuples(index=False):
        date = dt.date.fromisoformat(inc.date)
        year = date.year
        deadly_to_forces = inc.killed_security > 0
        p = min(0.97, RESPONSE_PROB[year] + (0.15 if deadly_to_forces else 0.0))
        if rng.random() >= p:
            continue
        n_ops = 1 + int(rng.random() < FOLLOW_UP_PROB[year])
        for j in range(n_ops):
            if inc.attack_type == "cross_border_attack":
                op = "border_clash_response"
            elif j == 1 or (inc.attack_type == "armed_assault" and rng.random() < 0.3):
                op = "hot_pursuit"
            else:
                op = "response_to_attack"
            lag = int(rng.choice(lags, p=lag_p)) + j
            rows.append(
                {
                    "date": min(date + dt.timedelta(days=lag), END),
                    "province": _canonical_province(inc.province),
                    "district": inc.district,
                    "operation_type": op,
                }
            )
    for r in rows:
        mk, ma, sk = OPERATION_OUTCOMES[r["operation_type"]]
        if r["date"].year >= 2023 and r["operation_type"] == "intelligence_based_operation":
            mk *= 1.5
        r["militants_killed"] = _nb(rng, mk)
        r["militants_arrested"] = _nb(rng, ma)
        r["security_killed"] = _nb(rng, sk, dispersion=0.5)

    df = pd.DataFrame(rows)
    df["date"] = pd.to_datetime(df["date"])
    df = df.sort_values("date", kind="mergesort").reset_index(drop=True)
    df["operation_id"] = np.arange(1, len(df) + 1)
    df["date"] = df["date"].dt.strftime("%Y-%m-%d")
    return df[OPERATION_COLUMNS]


def generate_population() -> pd.DataFrame:
    rows = []
    for province in PROVINCES:
        p17, p23 = POPULATION_ANCHORS[province]
        growth = (p23 / p17) ** (1 / 6)
        for year in YEARS:
            pop = p17 * 1_000_000 * growth ** (year - 2017)
            rows.append({"province": province, "year": year, "population": round(pop)})
    return pd.DataFrame(rows, columns=POPULATION_COLUMNS)


def _write_csv(df: pd.DataFrame, path: Path) -> None:
    text = df.to_csv(index=False, lineterminator="\n")
    path.write_bytes(text.encode("utf-8"))


def main(out_dir: Path) -> dict[str, Path]:
    """Generate all three CSVs into ``out_dir``; return their paths by name."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(SEED)
    incidents = generate_incidents(rng)
    operations = generate_operations(rng, incidents)
    population = generate_population()
    paths = {
        "incidents": out_dir / "incidents.csv",
        "operations": out_dir / "operations.csv",
        "population": out_dir / "population.csv",
    }
    _write_csv(incidents, paths["incidents"])
    _write_csv(operations, paths["operations"])
    _write_csv(population, paths["population"])
    return paths


def _summary(incidents: pd.DataFrame) -> str:
    year = incidents["date"].str[:4].astype(int)
    killed = incidents[["killed_civilians", "killed_security", "killed_militants"]].sum(axis=1)
    lines = ["year | target attacks | target killed | generated attacks | generated killed"]
    for y in YEARS:
        n = int((year == y).sum())
        k = int(killed[year == y].sum())
        ta, tk = CALIBRATION[y]
        lines.append(f"{y} | {ta} | {tk} | {n} | {k}")
    return "\n".join(lines)


def _cli(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate the SYNTHETIC ctscore sample data.")
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parent,
        help="output directory (default: the folder holding this script)",
    )
    args = parser.parse_args(argv)
    paths = main(args.out)
    incidents = pd.read_csv(paths["incidents"])
    print(_summary(incidents))
    for name, path in paths.items():
        print(f"wrote {path} ({path.stat().st_size} bytes) [{name}]")
    return 0


if __name__ == "__main__":
    sys.exit(_cli())
