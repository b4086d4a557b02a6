"""The peers of bench/end_to_end.py: DuckDB SQL and polars reading the generated CSV or Parquet
files and producing the table ``ctscore compute --by province`` gives for the sample project's
17 row indicators and 10 built from them, quarterly, total and by province.

Both apply what the project declares: the province recodes, the operation-posture codebook,
the derived ``fatalities`` and ``militants_neutralised``, the population rule of
``ctscore.compute.population``. With ``checks`` they also check the rules ctscore checks on
every row (required cells, unique ids, allowed values, ``min: 0``, the date precision, the
declared coverage) and fail when a row breaks one.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compute import QUARTERS, ROW_MEASURES, SQL

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"


def declared() -> dict:
    sources = {s["id"]: s for s in yaml.safe_load((DATA / "sources.yaml").read_text())["sources"]}
    codebook = yaml.safe_load((DATA / "codebooks.yaml").read_text())["codebooks"][0]
    return {
        "recode": sources["incidents"]["columns"]["province"]["recode"],
        "provinces": sorted(sources["incidents"]["columns"]["province"]["allowed"]),
        "attack_types": sources["incidents"]["columns"]["attack_type"]["allowed"],
        "posture": {t: p for p, types in codebook["categories"].items() for t in types},
    }


INCIDENT_COUNTS = ["killed_civilians", "killed_security", "killed_militants", "injured", "hostages"]
OPERATION_COUNTS = ["militants_killed", "militants_arrested", "security_killed"]
# Incident columns the sample declares required: a blank one breaks a rule.
REQUIRED_INCIDENT_COLUMNS = [
    "incident_id",
    "date",
    "date_precision",
    "district",
    "perpetrator_group",
    "target_type",
    *INCIDENT_COUNTS,
]


# --- DuckDB -------------------------------------------------------------------------------


def _quoted(values) -> str:
    return ", ".join("'" + str(v).replace("'", "''") + "'" for v in values)


def duckdb_table(incidents: Path, operations: Path, checks: bool):
    import duckdb

    spec = declared()
    con = duckdb.connect()
    read = "read_parquet" if incidents.suffix == ".parquet" else "read_csv"
    recode = " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in spec["recode"].items())
    posture = " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in spec["posture"].items())
    con.execute(f"CREATE VIEW raw_inc AS SELECT * FROM {read}('{incidents}')")
    con.execute(f"CREATE VIEW raw_ops AS SELECT * FROM {read}('{operations}')")
    con.execute(
        f"""CREATE VIEW incidents AS SELECT date::DATE AS _date,
            CASE province {recode} ELSE province END AS province, target_type, attack_type,
            district, killed_civilians + killed_security + killed_militants AS fatalities,
            {", ".join(INCIDENT_COUNTS)} FROM raw_inc"""
    )
    con.execute(
        f"""CREATE VIEW operations AS SELECT date::DATE AS _date, province,
            CASE operation_type {posture} END AS posture,
            militants_killed + militants_arrested AS militants_neutralised, security_killed
            FROM raw_ops"""
    )
    con.execute(f"CREATE TABLE population AS SELECT * FROM read_csv('{DATA / 'population.csv'}')")
    if checks:
        _duckdb_checks(con, spec)
    sql = SQL.format(
        quarters=QUARTERS,
        last=QUARTERS - 1,
        filled_columns=", ".join(f"coalesce({c}, 0)::DOUBLE AS {c}" for c in ROW_MEASURES),
        row_columns=", ".join(ROW_MEASURES),
    )
    return con.sql(sql, params={"provinces": spec["provinces"]}).to_arrow_table()


def _duckdb_checks(con, spec: dict) -> None:
    provinces = _quoted(spec["provinces"])
    recode = " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in spec["recode"].items())
    coverage = "NOT (date::DATE BETWEEN DATE '2015-01-01' AND DATE '2024-12-31')"
    rules = {
        "raw_inc": [
            *(f"{c} IS NULL" for c in REQUIRED_INCIDENT_COLUMNS),
            *(f"{c} < 0" for c in INCIDENT_COUNTS),
            f"province IS NULL OR (CASE province {recode} ELSE province END) NOT IN ({provinces})",
            f"attack_type IS NULL OR attack_type NOT IN ({_quoted(spec['attack_types'])})",
            "date_precision NOT IN ('day', 'month', 'year')",
            coverage,
        ],
        "raw_ops": [
            *(
                f"{c} IS NULL"
                for c in ["operation_id", "date", "district", "operation_type", *OPERATION_COUNTS]
            ),
            *(f"{c} < 0" for c in OPERATION_COUNTS),
            f"province IS NULL OR province NOT IN ({provinces})",
            f"operation_type NOT IN ({_quoted(spec['posture'])})",
            coverage,
        ],
    }
    for table, conditions in rules.items():
        id_column = "incident_id" if table == "raw_inc" else "operation_id"
        counts = con.execute(
            f"SELECT {', '.join(f'count(*) FILTER (WHERE {c})' for c in conditions)}, "
            f"count(*) - count(DISTINCT {id_column}) FROM {table}"
        ).fetchall()[0]
        broken = {rule: n for rule, n in zip([*conditions, "unique id"], counts, strict=True) if n}
        if broken:
            raise SystemExit(f"{table}: rows break rules: {broken}")


# --- polars --------------------------------------------------------------------------------


def polars_table(incidents: Path, operations: Path, checks: bool):
    import polars as pl

    spec = declared()
    scan = pl.scan_parquet if incidents.suffix == ".parquet" else pl.scan_csv
    date = (
        pl.col("date").cast(pl.Date)
        if incidents.suffix == ".parquet"
        else (pl.col("date").str.to_date("%Y-%m-%d"))
    )
    quarter = ((date.dt.year() - 2015) * 4 + date.dt.quarter() - 1).alias("p")
    province = pl.col("province").cast(pl.String).replace(spec["recode"])
    inc = (
        scan(incidents)
        .select(
            quarter,
            province.alias("province"),
            pl.col("target_type").cast(pl.String),
            pl.col("attack_type").cast(pl.String),
            pl.col("district").cast(pl.String),
            (
                pl.col("killed_civilians") + pl.col("killed_security") + pl.col("killed_militants")
            ).alias("fatalities"),
            *INCIDENT_COUNTS,
        )
        .filter(pl.col("p").is_between(0, QUARTERS - 1))
    )
    ops = (
        scan(operations)
        .select(
            quarter,
            pl.col("province").cast(pl.String),
            pl.col("operation_type")
            .cast(pl.String)
            .replace_strict(spec["posture"], default=None)
            .alias("posture"),
            (pl.col("militants_killed") + pl.col("militants_arrested")).alias(
                "militants_neutralised"
            ),
            "security_killed",
        )
        .filter(pl.col("p").is_between(0, QUARTERS - 1))
    )
    if checks:
        _polars_checks(scan(incidents), scan(operations), spec, province, date)
    count_if = lambda name, cond: cond.sum().cast(pl.Int64).alias(name)  # noqa: E731
    inc_measures = [
        pl.len().alias("attacks"),
        count_if(
            "attacks_on_security_forces", pl.col("target_type").is_in(["security_forces", "police"])
        ),
        count_if("suicide_attacks", pl.col("attack_type") == "suicide_bombing"),
        count_if("cross_border_attacks", pl.col("attack_type") == "cross_border_attack"),
        count_if(
            "attacks_kp_balochistan",
            pl.col("province").is_in(["Khyber Pakhtunkhwa", "Balochistan"]),
        ),
        pl.col("fatalities").sum(),
        pl.col("killed_civilians").sum().alias("civilians_killed"),
        pl.col("killed_security").sum().alias("security_forces_killed"),
        pl.col("killed_militants").sum().alias("militants_killed_in_attacks"),
        pl.col("injured").sum().alias("injuries"),
        pl.col("hostages").sum(),
    ]
    ops_measures = [
        pl.len().alias("operations"),
        count_if("proactive_operations", pl.col("posture") == "proactive"),
        count_if("reactive_operations", pl.col("posture") == "reactive"),
        pl.col("militants_neutralised").sum(),
        pl.col("security_killed").sum().alias("security_killed_in_operations"),
    ]
    distinct = pl.col("district").n_unique().alias("districts_affected")
    by_province = pl.collect_all(
        [
            inc.group_by("p", "province").agg(*inc_measures, distinct),
            inc.group_by("p").agg(distinct),
            ops.group_by("p", "province").agg(*ops_measures),
        ]
    )
    inc_p, inc_total_distinct, ops_p = by_province
    sums = [c for c in inc_p.columns if c not in ("p", "province", "districts_affected")]
    inc_total = inc_p.group_by("p").agg(pl.col(sums).sum()).join(inc_total_distinct, on="p")
    ops_total = ops_p.group_by("p").agg(pl.exclude("province").sum())
    label = lambda frame, dimension: frame.with_columns(  # noqa: E731
        pl.lit(dimension).alias("dimension"),
        (
            pl.lit("All") if dimension == "total" else pl.col("province").fill_null("(missing)")
        ).alias("g"),
    ).drop("province", strict=False)
    inc_all = pl.concat(
        [
            label(inc_total, "total"),
            label(inc_p, "province").select(label(inc_total, "total").columns),
        ]
    )
    ops_all = pl.concat(
        [
            label(ops_total, "total"),
            label(ops_p, "province").select(label(ops_total, "total").columns),
        ]
    )
    grid = pl.DataFrame({"p": list(range(QUARTERS))}, schema={"p": pl.Int32})
    cells = pl.concat(
        [
            grid.with_columns(pl.lit("total").alias("dimension"), pl.lit("All").alias("g")),
            grid.join(pl.DataFrame({"g": spec["provinces"]}), how="cross").with_columns(
                pl.lit("province").alias("dimension")
            ),
        ],
        how="diagonal",
    ).with_columns(pl.col("p").cast(pl.Int32))
    cast_p = lambda f: f.with_columns(pl.col("p").cast(pl.Int32))  # noqa: E731
    filled = (
        cells.join(cast_p(inc_all), on=["dimension", "g", "p"], how="left")
        .join(cast_p(ops_all), on=["dimension", "g", "p"], how="left")
        .with_columns(
            pl.col(ROW_MEASURES).fill_null(0).cast(pl.Float64),
            (2015 + pl.col("p") // 4).alias("year"),
        )
        .join(
            _polars_population(pl, inc_p), left_on=["year", "g"], right_on=["year", "g"], how="left"
        )
        .sort("dimension", "g", "p")
    )
    w = ["dimension", "g"]
    impact = (
        pl.col("attacks")
        + 3 * pl.col("fatalities")
        + 0.5 * pl.col("injuries")
        + 0.5 * pl.col("hostages")
    )
    filled = filled.with_columns(
        pl.col("attacks").shift(1).over(w).alias("before"),
        pl.col("attacks").shift(4).over(w).alias("year_before"),
        pl.col("attacks").rolling_sum(4).over(w).alias("attacks_four_period_total"),
        pl.col("attacks").cum_sum().over(["dimension", "g", "year"]).alias("attacks_year_to_date"),
        impact.rolling_sum(4).over(w).alias("impact_year"),
    ).with_columns(
        (
            0.52 * pl.col("impact_year")
            + 0.26 * pl.col("impact_year").shift(4).over(w)
            + 0.13 * pl.col("impact_year").shift(8).over(w)
            + 0.06 * pl.col("impact_year").shift(12).over(w)
            + 0.03 * pl.col("impact_year").shift(16).over(w)
        ).alias("impact_five_years")
    )

    def per(num, den):
        return pl.when(den != 0).then(num / den)

    return filled.select(
        "dimension",
        "g",
        "p",
        *ROW_MEASURES,
        per(pl.col("attacks_kp_balochistan"), pl.col("attacks")).alias(
            "share_attacks_kp_balochistan"
        ),
        (pl.col("attacks") / pl.col("people") * 1_000_000).alias("attacks_per_million"),
        (per(pl.col("attacks") - pl.col("before"), pl.col("before")) * 100).alias(
            "attacks_change_previous"
        ),
        (per(pl.col("attacks") - pl.col("year_before"), pl.col("year_before")) * 100).alias(
            "attacks_change_year"
        ),
        "attacks_four_period_total",
        "attacks_year_to_date",
        per(pl.col("fatalities"), pl.col("attacks")).alias("lethality"),
        per(pl.col("proactive_operations"), pl.col("reactive_operations")).alias(
            "proactive_to_reactive_ratio"
        ),
        per(
            pl.col("militants_neutralised"),
            pl.col("security_forces_killed") + pl.col("security_killed_in_operations"),
        ).alias("neutralised_per_security_death"),
        pl.when(pl.col("impact_five_years").is_not_null())  # min_horizontal skips a null
        .then(pl.min_horizontal(10, 10 * (pl.col("impact_five_years") + 1).log() / math.log(20001)))
        .alias("terrorism_impact_score"),
    ).to_arrow()


def _polars_population(pl, inc_p):
    people = pl.read_csv(DATA / "population.csv", schema_overrides={"population": pl.Float64})

    def complete():
        return pl.when(pl.col("population").null_count() == 0).then(pl.col("population").sum())

    per_province = people.group_by("year", pl.col("province").alias("g")).agg(
        complete().alias("people")
    )
    seen = (
        inc_p.filter(pl.col("province").is_not_null())
        .select((2015 + pl.col("p") // 4).alias("year").cast(pl.Int64), pl.col("province"))
        .unique()
    )
    lacking = seen.join(people.select("year", "province"), on=["year", "province"], how="anti")
    total = (
        people.group_by("year")
        .agg(complete().alias("people"))
        .with_columns(
            pl.when(pl.col("year").is_in(lacking["year"].implode()))
            .then(None)
            .otherwise(pl.col("people"))
            .alias("people"),
            pl.lit("All").alias("g"),
        )
    )
    return pl.concat([per_province, total.select(per_province.columns)]).with_columns(
        pl.col("year").cast(pl.Int32)
    )


def _polars_checks(inc, ops, spec: dict, province, date) -> None:
    import polars as pl

    coverage = ~date.is_between(pl.date(2015, 1, 1), pl.date(2024, 12, 31))
    inc_rules = [
        *(pl.col(c).is_null() for c in REQUIRED_INCIDENT_COLUMNS),
        *(pl.col(c) < 0 for c in INCIDENT_COUNTS),
        province.is_null() | ~province.is_in(spec["provinces"]),
        ~pl.col("attack_type").cast(pl.String).is_in(spec["attack_types"]).fill_null(False),
        ~pl.col("date_precision").cast(pl.String).is_in(["day", "month", "year"]),
        coverage,
    ]
    ops_rules = [
        *(
            pl.col(c).is_null()
            for c in ["operation_id", "date", "district", "operation_type", *OPERATION_COUNTS]
        ),
        *(pl.col(c) < 0 for c in OPERATION_COUNTS),
        ~pl.col("province").cast(pl.String).is_in(spec["provinces"]).fill_null(False),
        ~pl.col("operation_type").cast(pl.String).is_in(list(spec["posture"])),
        coverage,
    ]
    found = pl.collect_all(
        [
            inc.select(
                *(r.sum().alias(str(i)) for i, r in enumerate(inc_rules)),
                (pl.len() - pl.col("incident_id").n_unique()).alias("unique"),
            ),
            ops.select(
                *(r.sum().alias(str(i)) for i, r in enumerate(ops_rules)),
                (pl.len() - pl.col("operation_id").n_unique()).alias("unique"),
            ),
        ]
    )
    for name, counts in zip(("incidents", "operations"), found, strict=True):
        broken = {k: v for k, v in counts.row(0, named=True).items() if v}
        if broken:
            raise SystemExit(f"{name}: rows break rules: {broken}")
