#!/usr/bin/env bash
# Start-up: from process start to the first /health 200, median of N runs each (default 5), for the ways the README
# starts MockEsia: the built dll, the published dll (ReadyToRun, as in the image), `dotnet run --no-build`, and — when
# DOCKER_HOST/DOCKER and the image mockesia:smoke are there (scripts/docker-smoke.sh leaves it) — the container.
# Usage: bench/startup.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
dotnet build MockEsia -c Release -nologo -v q >/dev/null
dotnet publish MockEsia/MockEsia.csproj -c Release --ucr --self-contained false -o "$out/published" -nologo -v q >/dev/null
port=18777
measure() { # label, command...: median seconds from start to /health 200
  local label=$1; shift
  python3 - "$label" "$runs" "$port" "$@" <<'PY'
import subprocess, sys, time, urllib.request, statistics, os, signal
label, runs, port, cmd = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
times = []
for _ in range(runs):
    start = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    while True:
        try:
            if urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1).status == 200:
                break
        except Exception:
            time.sleep(0.02)
        if time.monotonic() - start > 60:
            raise SystemExit(f"{label}: no /health within 60 s")
    times.append(time.monotonic() - start)
    os.killpg(p.pid, signal.SIGTERM); p.wait()
print(f"| start-up to /health 200, {label} | {statistics.median(times):.2f} s (median of {runs}; {min(times):.2f}–{max(times):.2f}) |")
PY
}
echo "| Figure | Value |"
echo "|---|---:|"
measure "built dll (dotnet MockEsia.dll)" dotnet MockEsia/bin/Release/net10.0/MockEsia.dll --urls "http://127.0.0.1:$port"
measure "published, ReadyToRun (as in the image)" dotnet "$out/published/MockEsia.dll" --urls "http://127.0.0.1:$port" --MockEsia:FixturesPath="$PWD/fixtures"
measure "dotnet run --no-build" dotnet run --no-build -c Release --project MockEsia -- --urls "http://127.0.0.1:$port"
if [ -n "${DOCKER_HOST:-}" ] && ${DOCKER:-docker} image inspect mockesia:smoke >/dev/null 2>&1; then
  measure "container (docker run, host network)" ${DOCKER:-docker} run --rm --network host -e ASPNETCORE_HTTP_PORTS=$port mockesia:smoke
fi
