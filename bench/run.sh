#!/usr/bin/env bash
# Performance benchmarks, one table each (under 5 minutes on 2 cores):
#   1. the crypto floor (BenchmarkDotNet, short job);
#   2-4. full-flow throughput, latency per endpoint, errors, server CPU and peak RSS, the ratio to the floor,
#        start-up time and idle memory (bench/Esia.LoadDriver against MockEsia in a separate process).
# Usage: bench/run.sh [--seconds 20] [--rounds 3] [--concurrency 16]     (environment SKIP_BDN=1 skips step 1)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${SKIP_BDN:-0}" != 1 ]; then
  dotnet run -c Release --project bench/Esia.Benchmarks -- --filter '*' --job short --exporters github >/dev/null
  echo "## Crypto floor (BenchmarkDotNet)"
  sed "s/&#39;//g" BenchmarkDotNet.Artifacts/results/*CryptoBenchmarks-report-github.md | grep '^|'
  echo
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
dotnet publish MockEsia/MockEsia.csproj -c Release --ucr --self-contained false -o "$out/mockesia" -nologo -v q
dotnet build bench/Esia.LoadDriver -c Release -nologo -v q
echo "## Full flow against MockEsia (separate process, loopback)"
dotnet bench/Esia.LoadDriver/bin/Release/net10.0/Esia.LoadDriver.dll --server "$out/mockesia/MockEsia.dll" --fixtures fixtures "$@"
