#!/usr/bin/env bash
# Runs what examples/ and the README's Docker section show, as written, against the image scripts/docker-smoke.sh built
# (it calls this while its dockerd runs): the CI-template script, every compose file (docker-compose 1.29, the format
# `docker compose` reads too), and the README's Docker commands. Every report must land on the host owned by the user
# who ran the job: the jobs run here as uid 4242, a user neither root nor the image's.
# Needs: DOCKER (the docker CLI), DOCKER_HOST, the image mockesia:smoke, docker-compose.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
DOCKER=${DOCKER:-docker}
T0=$SECONDS; lap() { echo "[docker-examples] $(( SECONDS - T0 ))s  $*"; }
fail() { echo "[docker-examples] FAIL: $*"; exit 1; }
work=$(mktemp -d)
projects=()
cleanup() {
  for p in "${projects[@]}"; do (cd "$work/$p" && docker-compose -p "ex-$p" -f "$(ls ./*.yml | head -1)" down -v --remove-orphans >/dev/null 2>&1) || true; done
  $DOCKER rm -f mockesia esia-proxy readme-app >/dev/null 2>&1 || true
  $DOCKER volume rm -f mockesia-clients >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
$DOCKER tag mockesia:smoke mockesia
$DOCKER run --rm --user 4242:4242 --entrypoint /bin/sh mockesia -c 'touch /app/conformance-report/probe /data/drift/probe' \
  || fail "the image's default output folders (/app/conformance-report, /data/drift) are not writable by the user the container runs as"
USER_IDS=4242:4242
owned() { # every file of a report folder belongs to the job's user
  local folder=$1
  [ -s "$folder/junit.xml" ] && [ -s "$folder/summary.json" ] || fail "no junit.xml/summary.json in $folder"
  [ -z "$(find "$folder" ! -uid 4242 -print -quit)" ] || fail "files in $folder not owned by 4242: $(find "$folder" ! -uid 4242 | head -3)"
  python3 - "$folder/junit.xml" <<'PY' || fail "the report in $folder: a scenario failed, or none ran"
import sys, xml.etree.ElementTree as et
r = et.parse(sys.argv[1]).getroot()
tests, failures, errors, skipped = (int(r.get(k)) for k in ("tests", "failures", "errors", "skipped"))
print(f"[docker-examples]     {tests} scenarios: {failures} failed, {errors} harness errors, {skipped} inconclusive")
assert tests > 0 and failures == 0 and errors == 0
PY
}

# 1. The CI templates' script, with ESIA_TAGS as its header documents: the API ЕПГУ feature of the same target runs
#    through docker-compose.yml below, so here it is left out (~epgu) to keep .ci/run short.
mkdir -p "$work/ci/examples"; cp -r "$root/examples/targets" "$work/ci/examples/"; cp "$root/scripts/ci-example.sh" "$work/ci/"
mkdir "$work/ci/esia-report"; chown 4242:4242 "$work/ci/esia-report"
(cd "$work/ci" && MOCKESIA_USER=$USER_IDS DOCKER=$DOCKER ESIA_TAGS="~epgu" bash ci-example.sh) || fail "scripts/ci-example.sh (the CI templates' job) failed"
owned "$work/ci/esia-report"
lap "scripts/ci-example.sh: the reference app judged, reports on the host owned by the job's user"

# 2. Every compose file, as its header says to run it.
for file in docker-compose.yml docker-compose.https.yml; do
  p=${file%.yml}; p=${p//./-}; projects+=("$p")
  mkdir -p "$work/$p"; cp -r "$root/examples/targets" "$work/$p/"; cp "$root/examples/$file" "$work/$p/"
  mkdir "$work/$p/reports"; chown 4242:4242 "$work/$p/reports"
  (cd "$work/$p" && MOCKESIA_USER=$USER_IDS docker-compose -p "ex-$p" -f "$file" up --abort-on-container-exit --exit-code-from runner runner >"$work/$p.log" 2>&1) \
    || { tail -40 "$work/$p.log"; fail "examples/$file: the runner did not pass"; }
  owned "$work/$p/reports"
  (cd "$work/$p" && docker-compose -p "ex-$p" -f "$file" down -v >/dev/null 2>&1)
  lap "examples/$file: healthy services, the runner passed, reports owned by the job's user"
done

# docker-compose.my-app.yml: the clients volume from "clients add", the reference app standing in for "my-app".
p=docker-compose-my-app; projects+=("$p"); mkdir -p "$work/$p"; cp "$root/examples/docker-compose.my-app.yml" "$work/$p/"
$DOCKER volume create mockesia-clients >/dev/null
$DOCKER run --rm -v mockesia-clients:/data/clients -v "$root/fixtures/pki/clients:/certs:ro" mockesia \
  clients add --id MYSYS --cert /certs/client-other.cer --redirect http://localhost:8080/signin-esia >/dev/null || fail "clients add into the volume"
cat >"$work/$p/Dockerfile" <<'DF'
FROM mockesia
ENV Esia__RedirectUri=http://localhost:8080/signin-esia \
    Esia__CertificatePath=/app/fixtures/pki/clients/client-other.cer.pem Esia__KeyPath=/app/fixtures/pki/clients/client-other.key.pem
ENTRYPOINT ["/bin/sh", "-c", "exec /bin/sh /app/entrypoint.sh referenceapp --Esia:Environment=$ESIA_BASE_URL --Esia:ClientId=$ESIA_CLIENT_ID"]
DF
$DOCKER build -q -t my-app "$work/$p" >/dev/null
(cd "$work/$p" && docker-compose -p "ex-$p" -f docker-compose.my-app.yml up -d >"$work/$p.log" 2>&1) || { cat "$work/$p.log"; fail "examples/docker-compose.my-app.yml did not start"; }
ready=
for _ in $(seq 120); do curl -fsS http://127.0.0.1:8080/ >/dev/null 2>&1 && ready=1 && break; sleep 0.5; done
[ -n "$ready" ] || { (cd "$work/$p" && docker-compose -p "ex-$p" -f docker-compose.my-app.yml logs --tail 20); fail "my-app (the stand-in) does not answer on :8080"; }
curl -fsS http://127.0.0.1:5000/ | grep -q 'data-testid="client-MYSYS"' || fail "MockEsia did not load MYSYS from the clients volume"
login=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' http://127.0.0.1:8080/login)
case "$login" in "302 http://mockesia:8080/aas/oauth2/v2/ac?"*client_id=MYSYS*) ;; *) fail "my-app's login does not send the browser to MockEsia as MYSYS: $login";; esac
(cd "$work/$p" && docker-compose -p "ex-$p" -f docker-compose.my-app.yml down >/dev/null 2>&1)
$DOCKER volume rm mockesia-clients >/dev/null
lap "examples/docker-compose.my-app.yml: MYSYS from the clients volume, the app sends its login to MockEsia"

# 3. The README's Docker commands, as written (the block between <!-- docker-commands:begin/end -->), in a folder with
# what they name: my-system.cer, app.json. "docker build" is the one line left out: the image is built offline above.
readme="$work/readme"; mkdir -p "$readme" "$work/home"; chown 4242:4242 "$readme" "$work/home"
cp "$root/fixtures/pki/clients/client-other.cer" "$readme/my-system.cer"
python3 - "$root/examples/reference-app.target.json" "$readme/app.json" <<'PY'
import json, sys
target = json.load(open(sys.argv[1]))
target["certificates"] = ["/app/fixtures/pki/clients/client-gost256.cer.pem"]   # the path the runner's container sees
json.dump(target, open(sys.argv[2], "w"), indent=2)
PY
chown 4242:4242 "$readme"/*
chmod 666 "${DOCKER_HOST#unix://}"   # the README's commands run as uid 4242, as a user in the docker group would
$DOCKER run -d --name readme-app --network host -e Esia__Environment=http://localhost:5000 mockesia referenceapp >/dev/null
commands=$(sed -n '/<!-- docker-commands:begin -->/,/<!-- docker-commands:end -->/p' "$root/README.md" | grep '^docker ' | grep -v '^docker build ')
[ "$(echo "$commands" | wc -l)" -ge 4 ] || fail "the README's Docker block has fewer commands than expected"
while IFS= read -r line; do
  command=${line%%  #*}
  command=${command//docker /$DOCKER }
  (cd "$readme" && setpriv --reuid=4242 --regid=4242 --clear-groups env HOME="$work/home" DOCKER_HOST="$DOCKER_HOST" bash -c "$command" >>"$work/readme.log" 2>&1) \
    || { tail -20 "$work/readme.log"; fail "README: $line"; }
  lap "README: ${line:0:110}"
done <<<"$commands"
owned "$readme/esia-report"
drift=
for _ in $(seq 120); do curl -fsS http://127.0.0.1:5081/__drift/ >/dev/null 2>&1 && drift=1 && break; sleep 0.5; done
[ -n "$drift" ] || { $DOCKER logs esia-proxy 2>&1 | tail -20; fail "README: the proxy does not answer on :5081"; }
[ -d "$readme/drift" ] && [ "$(stat -c %u "$readme/drift")" = 4242 ] || fail "README: the proxy's drift/ folder is not the user's"
lap "the README's Docker commands ran as written; esia-report/ and drift/ belong to the user who ran them"
