#!/usr/bin/env bash
# Proves scripts/check-purity and scripts/check-layers can fail: each banned construct planted in
# a scratch source tree must be reported, and a clean tree must pass.
set -uo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

expect() {  # expect <pass|fail> <script> <description>
  local want=$1 script=$2 what=$3
  if "$repo/scripts/$script" "$tmp/src" >"$tmp/out" 2>&1; then got=pass; else got=fail; fi
  if [[ "$got" != "$want" ]]; then
    echo "FAIL: $script should $want on: $what"; cat "$tmp/out"; failures=$((failures + 1))
  else
    echo "ok: $script ${want}s on: $what"
  fi
}

reset_tree() {
  rm -rf "$tmp/src"
  mkdir -p "$tmp/src/core" "$tmp/src/model" "$tmp/src/sim" "$tmp/src/net" "$tmp/src/app"
  printf '#include "core/decimal.h"\nint f() { return 1; }\n' > "$tmp/src/model/ok.cpp"
  printf '// std::thread and system_clock::now in a comment are fine\n' > "$tmp/src/core/ok.h"
  printf '#include "model/order.h"\n#include <boost/asio.hpp>\n' > "$tmp/src/net/ok.cpp"
  printf '#include <chrono>\nauto t = std::chrono::system_clock::now();\n' > "$tmp/src/core/wall_clock.cpp"
}

reset_tree
expect pass check-purity "a clean tree (wall clock only in core/wall_clock.cpp)"
expect pass check-layers "a clean tree"

for snippet in 'std::thread t;' '#include <thread>' 'auto n = std::chrono::steady_clock::now();' \
               'auto n = std::chrono::system_clock::now();' '#include <boost/asio.hpp>' \
               '#include <sqlite3.h>' '#include <simdjson.h>' '#include <nlohmann/json.hpp>' \
               'int r = rand();' 'std::random_device rd;' 'time(nullptr);'; do
  reset_tree
  printf '%s\n' "$snippet" > "$tmp/src/sim/bad.cpp"
  expect fail check-purity "sim/bad.cpp: $snippet"
done

reset_tree
printf '#include "net/http.h"\n' > "$tmp/src/sim/bad.cpp"
expect fail check-layers "sim (L3) including net (L4)"
reset_tree
printf '#include "app/main.h"\n' > "$tmp/src/core/bad.h"
expect fail check-layers "core (L0) including app (L7)"
reset_tree
mkdir -p "$tmp/src/mystery"
expect fail check-layers "a folder missing from the layer map"

if ((failures)); then echo "$failures failure(s)"; exit 1; fi
echo "all script checks behave"
