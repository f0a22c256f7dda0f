#!/usr/bin/env bash
# A complete ESIA login against MockEsia with nothing but curl and OpenSSL's GOST engine:
# v2/ac (signed, with the APIPGU consent) -> login page -> consent page -> code -> v3/te (signed) -> /rs/prns
# -> API ЕПГУ: an order number reserved with the same token (docs/epgu.md).
# Usage: scripts/openssl-flow.sh [BASE_URL]   (default http://localhost:5000)
# Uses the bundled default client MOCKSYS and its test key from fixtures/pki/clients; your own system with
# ESIA_CLIENT_ID, ESIA_CERT (DER or PEM), ESIA_KEY (PEM) and ESIA_REDIRECT. Over https (MockEsia --https), ESIA_CACERT
# names the only CA to trust (MockEsia's /public/ca.pem).
set -euo pipefail
base=${1:-http://localhost:5000}
root=$(cd "$(dirname "$0")/.." && pwd)
cert=${ESIA_CERT:-"$root/fixtures/pki/clients/client-gost256.cer"}
key=${ESIA_KEY:-"$root/fixtures/pki/clients/client-gost256.key.pem"}
client=${ESIA_CLIENT_ID:-MOCKSYS}
redirect=${ESIA_REDIRECT:-http://localhost:8080/signin-esia}
scope="openid fullname snils"
tls=()
if [ -n "${ESIA_CACERT:-}" ]; then tls=(--cacert "$ESIA_CACERT"); fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

sign() { printf '%s' "$1" | openssl dgst -engine gost -md_gost12_256 -sign "$key" 2>/dev/null | base64 -w0 | tr '+/' '-_' | tr -d '='; }
enc() { python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1],safe=""))' "$1"; }

der="$work/cert.der"
openssl x509 -in "$cert" -outform DER -out "$der" 2>/dev/null || openssl x509 -inform DER -in "$cert" -outform DER -out "$der"
hash=$(openssl dgst -engine gost -md_gost12_256 -r "$der" 2>/dev/null | cut -d' ' -f1 | tr a-f A-F)
timestamp=$(date -u '+%Y.%m.%d %H:%M:%S +0000')
state=$(cat /proc/sys/kernel/random/uuid)
secret=$(sign "$client$scope$timestamp$state$redirect")

# The APIPGU consent (esia-protocol.md §10) lets the token call API ЕПГУ; permissions is not part of the signed string.
permissions=$(printf '%s' '[{"responsibleObject":"ООО «Тест»","sysname":"APIPGU","expire":525600,"actions":[{"sysname":"ALL_ACTIONS_TO_DATA"}],"purposes":[{"sysname":"APIPGU"}],"scopes":[{"sysname":"http://lk.gosuslugi.ru/api-order"}]}]' | base64 -w0 | tr '+/' '-_' | tr -d '=')
url="$base/aas/oauth2/v2/ac?client_id=$client&client_secret=$secret&client_certificate_hash=$hash&redirect_uri=$(enc "$redirect")&scope=$(enc "$scope")&response_type=code&state=$state&timestamp=$(enc "$timestamp")&access_type=offline&permissions=$permissions"
echo "1. GET $url"
login=$(curl -s "${tls[@]}" -c "$work/jar" -b "$work/jar" -o /dev/null -w '%{redirect_url}' "$url")
req=${login##*req=}
curl -s "${tls[@]}" -c "$work/jar" -b "$work/jar" "$login" | grep -q 'data-testid="login-title"' || { echo "no login page at $login" >&2; exit 1; }
echo "2. login page for request $req, signing in as test person 1000000001"
curl -s "${tls[@]}" -c "$work/jar" -b "$work/jar" -o /dev/null -d "req=$req&person=1000000001" "$base/aas/oauth2/login"
back=$(curl -s "${tls[@]}" -c "$work/jar" -b "$work/jar" -o /dev/null -w '%{redirect_url}' -d "req=$req&decision=grant" "$base/aas/oauth2/consent")
echo "3. consent granted, back to $back"
code=$(python3 -c 'import sys,urllib.parse as u;print(u.parse_qs(u.urlparse(sys.argv[1]).query)["code"][0])' "$back")

te_state=$(cat /proc/sys/kernel/random/uuid)
te_secret=$(sign "$client$scope$timestamp$te_state$redirect$code")
echo "4. POST $base/aas/oauth2/v3/te"
curl -s "${tls[@]}" -o "$work/tokens.json" -w '   HTTP %{http_code}\n' "$base/aas/oauth2/v3/te" \
  --data-urlencode "client_id=$client" --data-urlencode "code=$code" --data-urlencode "grant_type=authorization_code" \
  --data-urlencode "client_secret=$te_secret" --data-urlencode "client_certificate_hash=$hash" \
  --data-urlencode "redirect_uri=$redirect" --data-urlencode "scope=$scope" --data-urlencode "state=$te_state" \
  --data-urlencode "timestamp=$timestamp" --data-urlencode "token_type=Bearer"
access=$(python3 -c 'import json,sys;print(json.load(open(sys.argv[1]))["access_token"])' "$work/tokens.json")
echo "5. GET $base/rs/prns/1000000001"
curl -s "${tls[@]}" -H "Authorization: Bearer $access" "$base/rs/prns/1000000001"
echo
echo "6. POST $base/api/gusmev/order (API ЕПГУ; a system without the service gets access_denied_system)"
curl -s "${tls[@]}" -w '\n   HTTP %{http_code}\n' -H "Authorization: Bearer $access" -H 'Content-Type: application/json' \
  -d '{"region":"45000000000","serviceCode":"10000000113","targetCode":"-10000000113"}' "$base/api/gusmev/order"
