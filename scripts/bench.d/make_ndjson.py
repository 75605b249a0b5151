#!/usr/bin/env python3
"""Write the benchmark dataset of scripts/bench as NDJSON: one flat JSON object per line.

usage: python3 scripts/bench.d/make_ndjson.py --rows N OUT

Row i is the JSON equivalent of data row i of the clean CSV that scripts/bench generates for the
same N: the same 7 members in the same order (id, name, postcode, date, amount, status, region),
id and amount as JSON numbers, the others as strings (UTF-8, not \\u-escaped). It takes the seed,
value pools and draw order from scripts/bench itself (loaded as a module), so the two stay in
step. Deterministic; writes OUT atomically; 2,000,000 rows take a few seconds.
"""

from __future__ import annotations

import argparse
import importlib.machinery
import importlib.util
import json
import os
import random
import sys
from pathlib import Path

BENCH_SCRIPT = Path(__file__).resolve().parent.parent / "bench"


def load_bench():
    """scripts/bench as a module (it has no .py suffix; importing it runs no benchmark)."""
    loader = importlib.machinery.SourceFileLoader("conform_bench", str(BENCH_SCRIPT))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[loader.name] = module  # dataclasses and the like look the module up here
    loader.exec_module(module)
    return module


def csv_uncell(cell: str) -> str:
    """The value of an RFC 4180 cell (the inverse of scripts/bench's csv_cell)."""
    if cell.startswith('"'):
        return cell[1:-1].replace('""', '"')
    return cell


def generate(path: Path, rows: int) -> None:
    bench = load_bench()
    if bench.COLUMNS != ["id", "name", "postcode", "date", "amount", "status", "region"]:
        raise SystemExit("make_ndjson.py: scripts/bench has other columns now: %r" % bench.COLUMNS)
    rng = random.Random(bench.SEED)
    pools = bench.make_pools(rng)

    def enc(values):  # JSON-encode each pool value once, not once per row
        return [json.dumps(v, ensure_ascii=False) for v in values]

    names = enc(csv_uncell(n) for n in pools["names"])
    postcodes = enc(pools["postcodes"])
    dates = enc(pools["dates"])
    amounts = list(pools["amounts"])  # "123.45": already a JSON number
    statuses = enc(bench.STATUSES)
    regions = enc(bench.REGIONS)
    template = '{"id":%d,"name":%s,"postcode":%s,"date":%s,"amount":%s,"status":%s,"region":%s}\n'

    tmp = path.with_name(path.name + ".tmp")
    chunk = 100_000  # must match scripts/bench's generate(): the draws are made per chunk
    with open(tmp, "w", encoding="utf-8", newline="") as out:
        for base in range(0, rows, chunk):
            k = min(chunk, rows - base)
            # The same draws, in the same order, as scripts/bench's generate().
            cols = (
                rng.choices(names, k=k),
                rng.choices(postcodes, k=k),
                rng.choices(dates, k=k),
                rng.choices(amounts, k=k),
                rng.choices(statuses, weights=bench.STATUS_WEIGHTS, k=k),
                rng.choices(regions, k=k),
            )
            out.write("".join(template % row for row in zip(range(base + 1, base + k + 1), *cols)))
    os.replace(tmp, path)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, required=True, help="data rows to write")
    parser.add_argument("out", type=Path, help="the NDJSON file to write")
    args = parser.parse_args(argv)
    if args.rows < 0:
        parser.error("--rows must be >= 0")
    generate(args.out, args.rows)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
