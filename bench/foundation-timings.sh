#!/usr/bin/env bash
# Foundation timings (docs/performance.md): reference import, first run, web start-up on an existing database.
# Usage: bench/foundation-timings.sh [postgres-connection-string]
# Builds once (Release), then measures wall-clock times from process start; prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d /tmp/equilibre-bench.XXXXXX)
trap 'pkill -f "$out/web" >/dev/null 2>&1 || true; rm -rf "$out"' EXIT
dotnet publish src/Equilibre.Web -c Release -o "$out/web" --nologo -v q >/dev/null
dotnet publish src/Equilibre.Cli -c Release -o "$out/cli" --nologo -v q >/dev/null
port=5391
now() { date +%s.%N; }
wait_up() { until curl -sf "http://127.0.0.1:$port/health" >/dev/null; do sleep 0.05; done; }
row() { printf '| %s | %s | %.1f s |\n' "$1" "$2" "$3"; }

run_provider() {
  local provider=$1 cs=$2
  export Database__Provider=$provider ConnectionStrings__Equilibre=$cs
  # 1. reference import on an empty, migrated database
  "$out/cli/equilibre" db migrate >/dev/null
  local t0; t0=$(now)
  "$out/cli/equilibre" reference import >/dev/null
  row "Import des données de référence (communes, EPCI, seuils, plafonds, contours), base vide" "$provider" "$(echo "$(now) - $t0" | bc)"
  t0=$(now)
  "$out/cli/equilibre" reference import >/dev/null
  row "Réimport identique (idempotent, rien ne change)" "$provider" "$(echo "$(now) - $t0" | bc)"
}

reset_sqlite() { rm -rf "$out/data"; mkdir -p "$out/data"; echo "Data Source=$out/data/equilibre.db"; }

echo "| Mesure | Base | Durée |"
echo "|---|---|---|"
run_provider sqlite "$(reset_sqlite)"

# 2. first run: empty database → migrate + reference + demo, until /health answers
export Database__Provider=sqlite ConnectionStrings__Equilibre; ConnectionStrings__Equilibre=$(reset_sqlite)
t0=$(now)
(cd "$out/web" && exec ./Equilibre.Web --urls "http://127.0.0.1:$port" >"$out/first.log" 2>&1) & pid=$!
wait_up
row "Premier démarrage (migrations + référence + démo) jusqu'à la première réponse" sqlite "$(echo "$(now) - $t0" | bc)"
kill "$pid"; wait "$pid" 2>/dev/null || true

# 3. start-up on the existing database
for i in 1 2 3; do
  t0=$(now)
  (cd "$out/web" && exec ./Equilibre.Web --urls "http://127.0.0.1:$port" >"$out/start.log" 2>&1) & pid=$!
  wait_up
  row "Démarrage sur base existante (essai $i)" sqlite "$(echo "$(now) - $t0" | bc)"
  kill "$pid"; wait "$pid" 2>/dev/null || true
done

if [ -n "${1:-}" ]; then
  run_provider postgres "$1"
fi
