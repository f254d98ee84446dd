#!/usr/bin/env bash
# Registre des demandes (docs/performance.md): recomputation of every EPCI's Q1 threshold, Equilibre against the
# PostgreSQL percentile_disc baseline, on a deterministic national dataset.
# Usage: bench/run-demandes.sh "<postgres connection string of a dedicated database>" [scale=1.0] [sqlite-scale=0.1] [runs=5]
# The first run migrates the databases, imports the reference data and generates the demands (≈ 6 min at scale 1 on
# PostgreSQL); later runs at the same scale reuse them. Prints the Markdown table of docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
pg=${1:?"chaîne de connexion PostgreSQL d'une base dédiée au banc attendue"}
scale=${2:-1.0}
sqlite_scale=${3:-0.1}
runs=${4:-5}
out=${BENCH_OUT:-.data/bench}
mkdir -p "$out"
dotnet build bench/Equilibre.Benchmarks -c Release --nologo -v q >/dev/null
bin=bench/Equilibre.Benchmarks/bin/Release/net10.0/linux-x64/Equilibre.Benchmarks
# Preparation in its own process, so that the measuring process starts without the generator's memory.
"$bin" prepare --scale "$scale" --pg "$pg"
"$bin" q1 --scale "$scale" --runs "$runs" --pg "$pg" | tee "$out/q1-postgres.md"
"$bin" prepare --scale "$sqlite_scale" --sqlite "$out/demandes-$sqlite_scale.db"
"$bin" q1 --scale "$sqlite_scale" --runs "$runs" --sqlite "$out/demandes-$sqlite_scale.db" | tee "$out/q1-sqlite.md"
