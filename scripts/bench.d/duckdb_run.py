"""Run the benchmark's DuckDB query and print its one result row as JSON.

Usage: .venv/bin/python scripts/bench.d/duckdb_run.py .bench/bench.sql

The SQL file (written by scripts/bench) reads the CSV with read_csv(..., all_varchar=true) and
counts the violations of each check in one aggregate. This runs in the benchmark's virtual
environment (the `duckdb` package from PyPI); the whole process is what is timed, Python start-up
and `import duckdb` included (scripts/bench times those alone as well).
"""

import json
import sys

import duckdb


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        sql = f.read()
    con = duckdb.connect()
    cur = con.execute(sql)
    columns = [d[0] for d in cur.description]
    row = cur.fetchone()
    json.dump(dict(zip(columns, row)), sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
