#!/usr/bin/env bash
# Performance benchmarks in one table (about 4 minutes on 2 cores):
#   1. the crypto floor per operation (BenchmarkDotNet, short job);
#   2-4. full-flow throughput in rounds, latency per endpoint, errors, server and driver CPU, peak RSS, the ratio to the
#        floor, start-up time and idle memory (bench/Esia.LoadDriver against MockEsia in a separate process);
#   5. the conformance catalogue against the reference app, timed.
# Usage: bench/run.sh [--seconds 30] [--rounds 3] [--concurrency 16]     (environment SKIP_BDN=1 skips step 1)
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
app=""
trap '[ -n "$app" ] && kill "$app" 2>/dev/null; rm -rf "$out"' EXIT
dotnet publish MockEsia/MockEsia.csproj -c Release --ucr --self-contained false -o "$out/mockesia" -nologo -v q
dotnet build bench/Esia.LoadDriver -c Release -nologo -v q >/dev/null
dotnet build samples/ReferenceApp -c Release -nologo -v q >/dev/null
dotnet build Conformance.Runner -c Release -nologo -v q >/dev/null

echo "| Figure | Value |"
echo "|---|---:|"
if [ "${SKIP_BDN:-0}" != 1 ]; then
  dotnet run -c Release --project bench/Esia.Benchmarks -- --filter '*' --job short --exporters github >/dev/null
  # Method | Mean | Error | StdDev | Gen0 | [Gen1 |] Allocated
  sed "s/&#39;//g" BenchmarkDotNet.Artifacts/results/*CryptoBenchmarks-report-github.md | grep '^|' | tail -n +3 |
    awk -F'|' '{gsub(/^ +| +$/,"",$2); gsub(/^ +| +$/,"",$3); gsub(/^ +| +$/,"",$4); gsub(/^ +| +$/,"",$(NF-1)); printf "| %s (BenchmarkDotNet) | %s ± %s, %s allocated |\n", $2, $3, $4, $(NF-1)}'
fi

dotnet bench/Esia.LoadDriver/bin/Release/net10.0/Esia.LoadDriver.dll --server "$out/mockesia/MockEsia.dll" --fixtures fixtures --seconds 30 --rows-only true "$@"

# 5. The whole conformance catalogue against the reference app (the runner embeds MockEsia at the target's esiaUrl).
(cd samples/ReferenceApp && exec dotnet bin/Release/net10.0/ReferenceApp.dll --Logging:LogLevel:Default=Warning >/dev/null 2>&1) &
app=$!
until curl -sf -o /dev/null http://localhost:8080/; do sleep 0.2; done
start=$(date +%s%N)
if dotnet Conformance.Runner/bin/Release/net10.0/conformance.dll run --target examples/reference-app.target.json --out "$out/conformance" >"$out/conformance.log" 2>&1; then verdict=passed; else verdict=FAILED; fi
seconds=$(( ($(date +%s%N) - start) / 1000000 ))
summary=$(grep -oE '[0-9]+ passed.*' "$out/conformance.log" | tail -1 || true)
printf '| Conformance catalogue against the reference app | %d.%03d s, %s (%s) |\n' $((seconds / 1000)) $((seconds % 1000)) "$verdict" "$summary"
