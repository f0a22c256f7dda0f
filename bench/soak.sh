#!/usr/bin/env bash
# The 10-minute soak (issue: reliability): a steady rate of logins (a third offline and refreshed), REST calls, admin
# calls, faults switched on and off and refresh tokens revoked, against MockEsia in a separate process. Prints one row
# per minute (rate, latency, unexpected answers, 5xx, server CPU, RSS); exits 1 on any unexpected answer or 5xx.
# Usage: bench/soak.sh [--seconds 600] [--rate 40]     (environment SOAK_SERVER_ENV="K=V;K=V" for the server)
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
dotnet publish MockEsia/MockEsia.csproj -c Release --ucr --self-contained false -o "$out/mockesia" -nologo -v q
dotnet build bench/Esia.LoadDriver -c Release -nologo -v q
args=(--server "$out/mockesia/MockEsia.dll" --fixtures fixtures --mode soak --seconds 600 --rate 40)
[ -n "${SOAK_SERVER_ENV:-}" ] && args+=(--server-env "$SOAK_SERVER_ENV")
dotnet bench/Esia.LoadDriver/bin/Release/net10.0/Esia.LoadDriver.dll "${args[@]}" "$@"
