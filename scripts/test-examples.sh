#!/usr/bin/env bash
# "Using MockEsia from your tests", as a user of the packages does it: packs every package into artifacts/packages, then
# runs examples/dotnet-tests (restoring the packed packages from that folder, not project references: the in-process
# host and the Testcontainers module) and examples/python-tests (the container and the admin API over HTTP).
#
#   scripts/test-examples.sh                 # needs a Docker daemon (DOCKER_HOST) with the image $MOCKESIA_IMAGE
#   NO_DOCKER=1 scripts/test-examples.sh     # the in-process tests only; the container tests are skipped, saying why
#
# scripts/docker-smoke.sh calls it while its own daemon runs (one daemon for the smoke test and these tests), with
# Testcontainers' resource reaper off (TESTCONTAINERS_RYUK_DISABLED=true): its image cannot be pulled without a registry.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
T0=$SECONDS; lap() { echo "[test-examples] $(( SECONDS - T0 ))s  $*"; }
fail() { echo "[test-examples] FAIL: $*" >&2; exit 1; }
export MOCKESIA_IMAGE=${MOCKESIA_IMAGE:-mockesia} TESTCONTAINERS_RYUK_DISABLED=${TESTCONTAINERS_RYUK_DISABLED:-true}
export DOCKER=${DOCKER:-docker}
if [ "${NO_DOCKER:-0}" != 1 ]; then
  export MOCKESIA_REQUIRE_DOCKER=true
  # Testcontainers 4.17 asks for Docker API 1.44; Debian 12's Docker 20.10 speaks 1.41 and refuses a newer client.
  # DOCKER_API_VERSION (read by Testcontainers and the docker CLI) pins the daemon's own version.
  export DOCKER_API_VERSION=${DOCKER_API_VERSION:-$($DOCKER version --format '{{.Server.APIVersion}}')} || fail "no Docker daemon answers (DOCKER_HOST=${DOCKER_HOST:-unset}); NO_DOCKER=1 runs the in-process tests only"
  # On a machine that is itself a container (/.dockerenv), Testcontainers reaches containers through the bridge
  # gateway; the daemon here runs on this machine, so its published ports are on 127.0.0.1, which the HTTPS
  # certificate names.
  [ -e /.dockerenv ] && [ "${DOCKER_HOST:-unix://}" != "${DOCKER_HOST#unix://}" ] && export TESTCONTAINERS_HOST_OVERRIDE=${TESTCONTAINERS_HOST_OVERRIDE:-127.0.0.1}
fi

rm -rf "$root/artifacts/packages"
dotnet pack "$root/MockEsia.sln" -c Release -nologo -v q -p:PlaywrightPlatform=none >"$root/artifacts/pack.log" 2>&1 || { tail -30 "$root/artifacts/pack.log"; fail "dotnet pack"; }
ls "$root/artifacts/packages"
for id in Esia.Protocol Esia.Client MockEsia.Abstractions MockEpgu MockEsia MockEsia.Testcontainers MockEsia.Conformance; do
  ls "$root/artifacts/packages/$id".[0-9]*.nupkg >/dev/null 2>&1 || fail "no package $id in artifacts/packages"
done
lap "packed"

# A packages folder of its own, so that a package packed again under the same version is never taken from a cache;
# everything else comes from the machine's cache (a fallback folder) or nuget.org.
packages="$root/examples/dotnet-tests/.packages"
rm -rf "$packages"
dotnet restore "$root/examples/dotnet-tests/MyApp.Tests" --packages "$packages" -p:RestoreFallbackFolders="$HOME/.nuget/packages" -v q \
  || fail "examples/dotnet-tests: restore from artifacts/packages"
dotnet test "$root/examples/dotnet-tests/MyApp.Tests" --no-restore -nologo || fail "examples/dotnet-tests"
lap "examples/dotnet-tests passed against the packed packages"

if [ "${NO_DOCKER:-0}" != 1 ]; then
  python3 -m unittest "$root/examples/python-tests/test_mockesia.py" -v >"$root/artifacts/python-tests.log" 2>&1 \
    || { tail -30 "$root/artifacts/python-tests.log"; fail "examples/python-tests"; }
  tail -4 "$root/artifacts/python-tests.log"
  lap "examples/python-tests passed"
fi
