#!/usr/bin/env bash
# The CI templates' job, one script for all of them (examples/ci/github-actions.yml and gitlab-ci.yml call it; .ci/run
# runs it through scripts/docker-examples.sh): MockEsia and the app under test started from images on a private
# network, the conformance runner's verdicts, and the reports written into a folder on the host, owned by whoever runs it.
#
#   scripts/ci-example.sh                               # the reference app from the MockEsia image, judged
#   APP_IMAGE=my-app APP_ALIAS=my-app ESIA_TARGET=esia-target.json scripts/ci-example.sh
#
# Environment: MOCKESIA_IMAGE (mockesia), APP_IMAGE (none: the image's reference app), APP_ALIAS (referenceapp: the
# host name the app has on the network; the target's baseUrl names it), ESIA_TARGET (examples/targets/reference-app.compose.json),
# ESIA_REPORT (esia-report), ESIA_TAGS (all scenarios), MOCKESIA_USER (the invoking user, "$(id -u):$(id -g)"), DOCKER (docker).
# Exit code: the runner's (0: every mandatory scenario passed; see conformance run --help), 2 when the set-up fails.
set -euo pipefail
DOCKER=${DOCKER:-docker}
image=${MOCKESIA_IMAGE:-mockesia}
alias=${APP_ALIAS:-referenceapp}
target=${ESIA_TARGET:-examples/targets/reference-app.compose.json}
report=${ESIA_REPORT:-esia-report}
user=${MOCKESIA_USER:-"$(id -u):$(id -g)"}
run=esia-ci-$$
say() { echo "[ci-example] $*"; }
[ -f "$target" ] || { say "error: the target file $target (ESIA_TARGET) does not exist. Fix: write one (README, \"Testing your app\") or set ESIA_TARGET."; exit 2; }

cleanup() {
  $DOCKER rm -f "$run-mockesia" "$run-app" >/dev/null 2>&1 || true
  $DOCKER network rm "$run" >/dev/null 2>&1 || true
}
trap cleanup EXIT
$DOCKER network create "$run" >/dev/null

$DOCKER run -d --name "$run-mockesia" --network "$run" --network-alias mockesia \
  -e MockEsia__StrictConfiguration=true -e MockEsia__AllowedHosts=mockesia "$image" >/dev/null
if [ -n "${APP_IMAGE:-}" ]; then
  $DOCKER run -d --name "$run-app" --network "$run" --network-alias "$alias" -e ESIA_BASE_URL=http://mockesia:8080 "$APP_IMAGE" >/dev/null
else
  $DOCKER run -d --name "$run-app" --network "$run" --network-alias "$alias" \
    -e Esia__Environment=http://mockesia:8080 -e "Esia__RedirectUri=http://$alias:8080/signin-esia" \
    "$image" referenceapp >/dev/null
fi

# MockEsia's readiness is the runner's to wait for (--wait-for-mock); the app's is waited for here, bounded.
for i in $(seq 120); do
  $DOCKER exec "$run-mockesia" dotnet /app/mockesia/MockEsia.dll --health --url "http://$alias:8080" --path / >/dev/null 2>&1 && break
  [ "$i" = 120 ] && { say "error: the app did not answer http://$alias:8080/ within 60 s"; $DOCKER logs "$run-app" 2>&1 | tail -20; exit 2; }
  sleep 0.5
done
say "the app answers on http://$alias:8080"

mkdir -p "$report"
targets=$(cd "$(dirname "$target")" && pwd)
code=0
$DOCKER run --rm --network "$run" --user "$user" -v "$targets:/targets:ro" -v "$(cd "$report" && pwd):/reports" "$image" \
  conformance run --target "/targets/$(basename "$target")" --mock http://mockesia:8080 --out /reports ${ESIA_TAGS:+--tags "$ESIA_TAGS"} || code=$?
for file in junit.xml summary.json; do
  [ -s "$report/$file" ] || { say "error: the runner wrote no $report/$file (exit $code)"; exit 2; }
done
say "reports in $report/ (junit.xml, summary.json), owned by $(stat -c %u:%g "$report/junit.xml"); runner exit code $code"
exit "$code"
