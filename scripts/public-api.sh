#!/usr/bin/env bash
# Records the packages' new public API: builds each packable library and appends every symbol the public API analyzer
# reports as undeclared (RS0016) to its PublicAPI.Unshipped.txt (PublicAPI.Shipped.txt with --ship). Review the diff:
# it is the change a package user sees. A removed symbol (RS0017) is not handled here: delete its line by hand.
#
#   scripts/public-api.sh            # after adding public API
#   scripts/public-api.sh --ship     # record it as shipped (a release)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
file=PublicAPI.Unshipped.txt
[ "${1:-}" = --ship ] && file=PublicAPI.Shipped.txt
for project in Esia.Protocol MockEsia.Abstractions Esia.Client MockEpgu MockEsia MockEsia.Testcontainers; do
  log=$(mktemp)
  dotnet build "$root/$project" -nologo -v q -p:TreatWarningsAsErrors=false >"$log" 2>&1 || true
  python3 - "$log" "$root/$project/$file" <<'PY'
import re, sys
log, target = sys.argv[1:]
symbols = set(re.findall(r"RS0016: Symbol '(.+?)' is not part of the declared public API", open(log, encoding="utf-8").read()))
lines = [l.rstrip("\n") for l in open(target, encoding="utf-8")] if __import__("os").path.exists(target) else ["#nullable enable"]
head = [l for l in lines if l.startswith("#")] or ["#nullable enable"]
body = sorted(set(l for l in lines if l and not l.startswith("#")) | symbols, key=str.lower)
open(target, "w", encoding="utf-8").write("\n".join(head + body) + "\n")
print(f"{target}: {len(symbols)} symbol(s) added")
PY
  rm -f "$log"
done
