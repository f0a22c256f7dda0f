#!/usr/bin/env bash
# Runs the crypto-floor benchmarks (BenchmarkDotNet, short job) and prints the table.
# Usage: bench/run.sh [extra BenchmarkDotNet arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/Esia.Benchmarks -- --filter '*' --job short --exporters github "$@"
cat BenchmarkDotNet.Artifacts/results/*CryptoBenchmarks-report-github.md
