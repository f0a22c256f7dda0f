#!/usr/bin/env bash
# Performance benchmarks in one table (about 13 minutes on 2 cores; --quick about 5):
#   1. GOST per operation, fast vs generic (BenchmarkDotNet, short job), and OpenSSL's GOST engine in the same run
#      (bench/openssl-gost/gost_speed.c, built here when gcc and libssl-dev are installed);
#   2. full-flow throughput with the fast and the generic backend, side by side in interleaved rounds (two MockEsia
#      processes), each against its own crypto floor, server and driver CPU, latency per endpoint at the same offered load;
#   3. a login's cost with millions of live refresh grants in the store vs an empty store, and memory per million
#      grants, in memory and (when redis-server is installed) in Redis;
#   4. API ЕПГУ's archives: a detached GOST signature over 50 MB verified (fast Streebog) beside OpenSSL's digest of the
#      same bytes, and MockEsia's peak memory through a 200 MB chunked upload (Esia.LoadDriver --mode epgu);
#   5. the conformance catalogue against the reference app, timed.
# Usage: bench/run.sh [--quick] [--seconds 30] [--rounds 3] [--concurrency 16] [--grants 5000000] [--redis-grants 5000000]
#        (environment SKIP_BDN=1 skips step 1)
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
app=""
trap '[ -n "$app" ] && kill "$app" 2>/dev/null; rm -rf "$out"' EXIT
dotnet publish MockEsia/MockEsia.csproj -c Release --ucr --self-contained false -o "$out/mockesia" -nologo -v q
dotnet publish bench/MockEsia.BenchHost -c Release --ucr --self-contained false -o "$out/benchhost" -nologo -v q
dotnet build bench/Esia.LoadDriver -c Release -nologo -v q >/dev/null
dotnet build samples/ReferenceApp -c Release -nologo -v q >/dev/null
dotnet build Conformance.Runner -c Release -nologo -v q >/dev/null

echo "| Figure | Value |"
echo "|---|---:|"
driver_args=()
for arg in "$@"; do
  if [ "$arg" = --quick ]; then driver_args+=(--quick true); else driver_args+=("$arg"); fi
done

if [ "${SKIP_BDN:-0}" != 1 ]; then
  dotnet run -c Release --project bench/Esia.Benchmarks -- --filter '*' --job short --exporters github >/dev/null
  # Method | Mean | Error | StdDev | Gen0 | [Gen1 |] Allocated
  report=$(ls BenchmarkDotNet.Artifacts/results/*CryptoBenchmarks-report-github.md)
  sed "s/&#39;//g" "$report" | grep '^|' | tail -n +3 |
    awk -F'|' '{gsub(/^ +| +$/,"",$2); gsub(/^ +| +$/,"",$3); gsub(/^ +| +$/,"",$4); gsub(/^ +| +$/,"",$(NF-1)); printf "| %s (BenchmarkDotNet) | %s ± %s, %s allocated |\n", $2, $3, $4, $(NF-1)}'
  # OpenSSL's GOST engine on the same key in the same run, and the fast implementation's ratio to it.
  if command -v gcc >/dev/null && [ -f /usr/include/openssl/evp.h ] && gcc -O2 -o "$out/gost_speed" bench/openssl-gost/gost_speed.c -lcrypto 2>/dev/null; then
    read -r _ ossl_sign < <("$out/gost_speed" fixtures/pki/clients/client-gost256.key.pem fixtures/pki/clients/client-gost256.cer.pem 3000 | grep sign)
    read -r _ ossl_verify < <("$out/gost_speed" fixtures/pki/clients/client-gost256.key.pem fixtures/pki/clients/client-gost256.cer.pem 3000 | grep verify)
    mean_us() { sed "s/&#39;//g" "$report" | grep -F "| $1 " | awk -F'|' '{gsub(/^ +| +$/,"",$3); split($3,a," "); v=a[1]; gsub(",","",v); if (a[2]=="ms") v*=1000; if (a[2]=="ns") v/=1000; print v}'; }
    fast_sign=$(mean_us "GOST-256 sign, fast"); fast_verify=$(mean_us "GOST-256 verify, fast")
    echo "| GOST-256 sign, OpenSSL GOST engine (C, EVP, same key, one core) | ${ossl_sign} μs |"
    echo "| GOST-256 verify, OpenSSL GOST engine (C, EVP, same key, one core) | ${ossl_verify} μs |"
    awk -v fs="$fast_sign" -v fv="$fast_verify" -v os="$ossl_sign" -v ov="$ossl_verify" 'BEGIN { printf "| Fast / OpenSSL per operation (goal: within 2×) | sign %.2f×, verify %.2f× |\n", fs/os, fv/ov }'
  else
    echo "| OpenSSL GOST engine | not measured: needs gcc, libssl-dev and libengine-gost-openssl |"
  fi
fi

dotnet bench/Esia.LoadDriver/bin/Release/net10.0/Esia.LoadDriver.dll --server "$out/mockesia/MockEsia.dll" --fixtures fixtures --rows-only true "${driver_args[@]}"

# 4. API ЕПГУ's archives (issue 29).
dotnet bench/Esia.LoadDriver/bin/Release/net10.0/Esia.LoadDriver.dll --server "$out/mockesia/MockEsia.dll" --fixtures fixtures --mode epgu

# 5. The whole conformance catalogue against the reference app (the runner embeds MockEsia at the target's esiaUrl).
(cd samples/ReferenceApp && exec dotnet bin/Release/net10.0/ReferenceApp.dll --Logging:LogLevel:Default=Warning >/dev/null 2>&1) &
app=$!
until curl -sf -o /dev/null http://localhost:8080/; do sleep 0.2; done
start=$(date +%s%N)
if dotnet Conformance.Runner/bin/Release/net10.0/conformance.dll run --target examples/reference-app.target.json --out "$out/conformance" >"$out/conformance.log" 2>&1; then verdict=passed; else verdict=FAILED; fi
seconds=$(( ($(date +%s%N) - start) / 1000000 ))
summary=$(grep -oE '[0-9]+ passed.*' "$out/conformance.log" | tail -1 || true)
printf '| Conformance catalogue against the reference app | %d.%03d s, %s (%s) |\n' $((seconds / 1000)) $((seconds % 1000)) "$verdict" "$summary"
