#!/usr/bin/env bash
# Builds the real MockEsia image without a registry and checks it through the container:
# /health, the built-in health probe, the login page and an OpenSSL-signed v2/ac -> v3/te flow
# (scripts/openssl-flow.sh), /public/esia.zip, the conformance runner in the same image, the non-root user; then
# scripts/docker-examples.sh runs the compose files, the CI templates' script and the README's Docker commands, and
# scripts/test-examples.sh the examples of MockEsia inside an integrator's tests (packages, in-process, Testcontainers).
#
# Needs root. Installs docker.io and debootstrap when missing, starts dockerd by hand and stops it by PID.
# The local base images are cached in $STATE (default /var/cache/mockesia-docker) between runs on one machine.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
STATE=${STATE:-/var/cache/mockesia-docker}
PORT=${PORT:-18080}
export DOCKER_HOST=unix://$STATE/d.sock
T0=$SECONDS; lap() { echo "[docker-smoke] $(( SECONDS - T0 ))s  $*"; }

need=()
command -v dockerd >/dev/null || need+=(docker.io)
command -v debootstrap >/dev/null || need+=(debootstrap)
command -v docker-compose >/dev/null || need+=(docker-compose)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
DOCKER=/usr/bin/docker   # Debian's client matches Debian's daemon
lap "packages ready"

mkdir -p "$STATE"
dockerd --data-root "$STATE/root" --exec-root "$STATE/exec" -H "$DOCKER_HOST" --pidfile "$STATE/dockerd.pid" >"$STATE/dockerd.log" 2>&1 &
DPID=$!
cleanup() {
  $DOCKER rm -f mockesia-smoke >/dev/null 2>&1 || true
  kill "$DPID" 2>/dev/null || true
  wait "$DPID" 2>/dev/null || true
  umount "$STATE/exec/netns/default" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 120); do $DOCKER version >/dev/null 2>&1 && break; sleep 0.5; done
$DOCKER version --format 'docker server {{.Server.Version}}'
lap "dockerd up"

if ! $DOCKER image inspect local/debian:bookworm >/dev/null 2>&1; then
  rm -rf "$STATE/rootfs"
  mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  debootstrap --variant=minbase --include=ca-certificates,libicu72,libssl3,tzdata bookworm "$STATE/rootfs" ${mirror:+"$mirror"} >"$STATE/debootstrap.log" 2>&1
  rm -rf "$STATE"/rootfs/var/cache/apt/archives/*.deb "$STATE"/rootfs/var/lib/apt/lists/*
  tar --numeric-owner -C "$STATE/rootfs" -c . | $DOCKER import --change 'CMD ["bash"]' - local/debian:bookworm >/dev/null
  rm -rf "$STATE/rootfs"
  lap "local/debian:bookworm imported"
fi

if ! $DOCKER image inspect local/aspnet:10.0 >/dev/null 2>&1; then
  s="$STATE/standin"; rm -rf "$s"; mkdir -p "$s/dotnet/host" "$s/dotnet/shared"
  d=$(dirname "$(readlink -f "$(command -v dotnet)")")
  cp -a "$d/dotnet" "$d/LICENSE.txt" "$d/ThirdPartyNotices.txt" "$s/dotnet/" 2>/dev/null || cp -a "$d/dotnet" "$s/dotnet/"
  cp -a "$d/host/fxr" "$s/dotnet/host/"
  cp -a "$d/shared/Microsoft.NETCore.App" "$d/shared/Microsoft.AspNetCore.App" "$s/dotnet/shared/"
  cat >"$s/Dockerfile" <<'DF'
FROM local/debian:bookworm
ENV APP_UID=1654 ASPNETCORE_HTTP_PORTS=8080 DOTNET_RUNNING_IN_CONTAINER=true
RUN groupadd --gid=1654 app && useradd -l --uid=1654 --gid=1654 --create-home app
COPY dotnet/ /usr/share/dotnet/
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
DF
  $DOCKER build -q --force-rm -t local/aspnet:10.0 "$s" >/dev/null
  rm -rf "$s"
  lap "local/aspnet:10.0 (stand-in for mcr.microsoft.com/dotnet/aspnet:10.0) built"
fi

out="$root/artifacts/publish"
rm -rf "$out"; mkdir -p "$out"
dotnet publish "$root/MockEsia/MockEsia.csproj" -c Release --ucr --self-contained false -o "$out/mockesia" -nologo -v q
dotnet publish "$root/Conformance.Runner/Conformance.Runner.csproj" -c Release -p:PlaywrightPlatform=none -o "$out/conformance" -nologo -v q
dotnet publish "$root/samples/ReferenceApp/ReferenceApp.csproj" -c Release -o "$out/referenceapp" -nologo -v q
cp -r "$root/fixtures" "$out/fixtures"
cp "$root/scripts/entrypoint.sh" "$out/entrypoint.sh"
chmod -R a+rX "$out"   # the image runs as a non-root user
lap "published on the host"

$DOCKER build -q --force-rm --target prebuilt --build-arg BASE_IMAGE=local/aspnet:10.0 -t mockesia:smoke "$root" >/dev/null
lap "image built"

$DOCKER rm -f mockesia-smoke >/dev/null 2>&1 || true
$DOCKER volume rm -f mockesia-smoke-clients >/dev/null 2>&1 || true
added=$($DOCKER run --rm -v mockesia-smoke-clients:/data/clients -v "$root/fixtures/pki/clients:/certs:ro" mockesia:smoke \
  clients add --id SMOKESYS --cert /certs/client-other.cer --redirect http://localhost:7000/cb) || { echo "$added"; echo "[docker-smoke] FAIL: clients add"; exit 1; }
echo "$added" | grep -q "client_certificate_hash:" || { echo "$added"; echo "[docker-smoke] FAIL: clients add printed no hash"; exit 1; }
lap "clients add through the image's entry point wrote SMOKESYS into the volume"
$DOCKER run -d --name mockesia-smoke -p "127.0.0.1:$PORT:8080" -v mockesia-smoke-clients:/data/clients mockesia:smoke >/dev/null
base="http://127.0.0.1:$PORT"
ok=
for _ in $(seq 150); do
  if curl -fsS "$base/health" >/dev/null 2>&1; then ok=1; break; fi
  $DOCKER inspect -f '{{.State.Running}}' mockesia-smoke | grep -q true || break
  sleep 0.2
done
fail() { echo "[docker-smoke] FAIL: $*"; $DOCKER logs mockesia-smoke 2>&1 | tail -30; exit 1; }
[ -n "$ok" ] || fail "no answer on $base/health"
lap "GET /health -> $(curl -fsS "$base/health")"

$DOCKER exec mockesia-smoke dotnet /app/mockesia/MockEsia.dll --health >/dev/null || fail "the built-in health probe failed"
[ "$($DOCKER exec mockesia-smoke id -u)" = "1654" ] || fail "the container does not run as the app user"
lap "health probe ok, running as uid 1654"

flow=$(bash "$root/scripts/openssl-flow.sh" "$base") || fail "the OpenSSL flow failed: $flow"
echo "$flow" | grep -q "2. login page" || fail "no login page in the flow"
echo "$flow" | grep -q "HTTP 200" || fail "v3/te did not answer 200: $flow"
echo "$flow" | grep -q '"snils"' || fail "/rs/prns did not answer the person: $flow"
lap "OpenSSL-signed v2/ac -> login -> consent -> v3/te -> /rs/prns ok"

curl -fsS "$base/public/esia.zip" -o "$STATE/esia.zip"
python3 -c 'import sys,zipfile; n=zipfile.ZipFile(sys.argv[1]).namelist(); assert "GOST_MOCK.cer" in n, n; print("[docker-smoke] esia.zip:", n)' "$STATE/esia.zip"

$DOCKER run --rm mockesia:smoke conformance list | tail -1 | grep -q "37 scenarios" || fail "the conformance runner in the image did not list the catalogue"
lap "conformance runner in the image lists 37 scenarios"

curl -fsS "$base/" | grep -q 'data-testid="client-SMOKESYS"' || fail "the start page does not list the system added into the volume"
lap "the start page lists SMOKESYS from the clients volume"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/__admin/journal?limit=1")" = 200 ] || fail "the admin API does not answer through the published port"
[ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: evil.example' "$base/__admin/journal?limit=1")" = 403 ] || fail "the admin API answered a foreign Host (DNS rebinding)"
lap "the admin API answers through the published port and refuses a foreign Host"

# The drift watch in the image: "proxy" in front of the running MockEsia (a private network), esia.zip forwarded and compared.
$DOCKER rm -f mockesia-smoke-proxy >/dev/null 2>&1 || true
$DOCKER network rm mockesia-smoke-net >/dev/null 2>&1 || true
$DOCKER network create mockesia-smoke-net >/dev/null
$DOCKER network connect mockesia-smoke-net mockesia-smoke
$DOCKER run -d --name mockesia-smoke-proxy --network mockesia-smoke-net -p "127.0.0.1:$((PORT + 2)):8080" -v "$root/fixtures/pki/clients:/certs:ro" mockesia:smoke \
  proxy --upstream http://mockesia-smoke:8080 --client-cert /certs/client-gost256.cer >/dev/null
proxied=
for _ in $(seq 150); do
  if curl -fsS "http://127.0.0.1:$((PORT + 2))/public/esia.zip" -o "$STATE/proxied.zip" 2>/dev/null; then proxied=1; break; fi
  sleep 0.2
done
# The exchange is recorded when forwarded and compared after the app had its answer: wait (bounded) for the comparison
# itself, the fact the check reads, not for the record nor a sleep.
drift=
for _ in $(seq 100); do
  drift=$(curl -fsS "http://127.0.0.1:$((PORT + 2))/__drift/report.json" || true)
  echo "$drift" | grep -q '"compared":1' && break
  sleep 0.2
done
$DOCKER logs mockesia-smoke-proxy >"$STATE/proxy.log" 2>&1 || true
$DOCKER rm -f mockesia-smoke-proxy >/dev/null
$DOCKER network disconnect mockesia-smoke-net mockesia-smoke >/dev/null 2>&1 || true
$DOCKER network rm mockesia-smoke-net >/dev/null 2>&1 || true
[ -n "$proxied" ] && python3 -c 'import sys,zipfile; a,b=(zipfile.ZipFile(f) for f in sys.argv[1:]); assert {n: a.read(n) for n in a.namelist()} == {n: b.read(n) for n in b.namelist()}' "$STATE/proxied.zip" "$STATE/esia.zip" \
  || { tail -20 "$STATE/proxy.log"; fail "the drift proxy in the image did not forward esia.zip unchanged"; }
echo "$drift" | python3 -c 'import sys,json; d=json.load(sys.stdin); assert d["exchanges"]==1 and d["compared"]==1 and d["failedExchanges"]==0 and d["differences"]==[], d["summary"]' || { tail -20 "$STATE/proxy.log"; fail "the drift report: $drift"; }
lap "proxy in the image forwarded esia.zip unchanged; drift report: 1 exchange compared, no difference"

$DOCKER stop -t 10 mockesia-smoke >/dev/null
$DOCKER volume rm -f mockesia-smoke-clients >/dev/null 2>&1 || true

# What examples/ and the README's Docker section show, run as written (scripts/docker-examples.sh).
[ "${SKIP_DOCKER_EXAMPLES:-0}" = 1 ] || DOCKER=$DOCKER bash "$root/scripts/docker-examples.sh" || fail "the Docker examples (scripts/docker-examples.sh)"

# "Using MockEsia from your tests": the packages packed, examples/dotnet-tests (in-process host and Testcontainers module)
# and examples/python-tests against this daemon and image (scripts/test-examples.sh).
if [ "${SKIP_TEST_EXAMPLES:-0}" != 1 ]; then
  DOCKER=$DOCKER MOCKESIA_IMAGE=mockesia:smoke bash "$root/scripts/test-examples.sh" || fail "the test-suite examples (scripts/test-examples.sh)"
  lap "examples/dotnet-tests and examples/python-tests passed on the packed packages and this daemon"
fi

# --https: TLS on 8443 from the local test CA kept in /data/tls; curl trusts only that CA.
$DOCKER rm -f mockesia-smoke-tls >/dev/null 2>&1 || true
$DOCKER run -d --name mockesia-smoke-tls -p "127.0.0.1:$((PORT + 1)):8443" mockesia:smoke --https >/dev/null
tls=
for _ in $(seq 150); do
  if $DOCKER cp mockesia-smoke-tls:/data/tls/ca.cer.pem "$STATE/ca.pem" >/dev/null 2>&1 \
    && curl -fsS --cacert "$STATE/ca.pem" "https://127.0.0.1:$((PORT + 1))/health" >/dev/null 2>&1; then tls=1; break; fi
  sleep 0.2
done
[ -n "$tls" ] || { $DOCKER logs mockesia-smoke-tls 2>&1 | tail -20; $DOCKER rm -f mockesia-smoke-tls >/dev/null; echo "[docker-smoke] FAIL: no TLS answer trusting only the CA"; exit 1; }
$DOCKER rm -f mockesia-smoke-tls >/dev/null
lap "--https answers over TLS trusting only the CA from /data/tls"
lap "docker smoke passed"
