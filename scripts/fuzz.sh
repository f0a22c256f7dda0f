#!/usr/bin/env bash
# Coverage-guided fuzzing of the parsers that read what clients send (tests/Esia.Fuzz): SharpFuzz instruments
# Esia.Protocol and MockEsia, AFL++ (Debian's afl++) mutates the seeds in fixtures/fuzz/<target>/. Prints one line per
# target (executions, paths, crashes, hangs) and fails on any crash or hang, replaying each with its stack trace.
# Usage: scripts/fuzz.sh [seconds per target, default 30] [target ...]     (CI runs it with its default)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(secret cms jwt timestamp scope certificate query redirect driftpath)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet publish tests/Esia.Fuzz/Esia.Fuzz.csproj -c Release -o "$work/bin" -nologo -v q
cp -r "$work/bin" "$work/plain"    # uninstrumented, to replay findings outside AFL
export PATH="$PATH:$HOME/.dotnet/tools"
command -v sharpfuzz >/dev/null || dotnet tool install --global SharpFuzz.CommandLine --version 2.3.0 >/dev/null
for assembly in Esia.Protocol MockEsia; do
  sharpfuzz "$work/bin/$assembly.dll" >/dev/null
done

export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
export ESIA_FIXTURES="$PWD/fixtures"
status=0
printf '| Target | Seconds | Executions | Paths | Crashes | Hangs |\n|---|---:|---:|---:|---:|---:|\n'
for target in "${targets[@]}"; do
  out="$work/out-$target"
  afl-fuzz -V "$seconds" -t 10000 -m none -i "fixtures/fuzz/$target" -o "$out" -- dotnet "$work/bin/Esia.Fuzz.dll" "$target" >"$work/$target.log" 2>&1 || {
    echo "afl-fuzz failed for $target:" >&2
    tail -20 "$work/$target.log" >&2
    status=1
    continue
  }
  stat() { awk -F': *' -v k="$1" '$1 ~ "^"k" *$" {print $2}' "$out/default/fuzzer_stats"; }
  crashes=$(stat saved_crashes)
  hangs=$(stat saved_hangs)
  printf '| %s | %s | %s | %s | %s | %s |\n' "$target" "$seconds" "$(stat execs_done)" "$(stat corpus_count)" "$crashes" "$hangs"
  if [ "$crashes" != 0 ] || [ "$hangs" != 0 ]; then
    status=1
    for kind in crashes hangs; do
      if compgen -G "$out/default/$kind/id*" >/dev/null; then
        echo "$target $kind (inputs kept in fuzz-findings/$target-$kind):" >&2
        mkdir -p "fuzz-findings/$target-$kind"
        cp "$out/default/$kind"/id* "fuzz-findings/$target-$kind/"
        dotnet "$work/plain/Esia.Fuzz.dll" "$target" --replay "$out/default/$kind" >&2 || true
      fi
    done
  fi
done
exit "$status"
