#!/usr/bin/env bash
# Lints the largest real documents with portico, Redocly and Spectral (default rules each) in one run and prints a
# markdown table of wall time and peak memory per process.
# Usage: bench/lint/run.sh [path/to/shared]    (default: the 'shared' folder beside the repository)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
shared=$(cd "${1:-$repo/../shared}" && pwd)   # absolute: the script works from its own folder
cd "$here"
[ -d node_modules/@redocly/cli ] || npm ci --no-audit --no-fund >/dev/null
dotnet publish "$repo/src/Portico.Cli" -c Release -o "$here/out/portico" -p:PublishReadyToRun=true -r linux-x64 --self-contained false >/dev/null
specs=(
  big/github-api.github.com.full.json
  real/stripe-spec3.yaml
  real/github-api.github.com.json
  real/kubernetes-api__v1_openapi.json
  real/openai-openapi-3.0.yaml
  real/openai-openapi-3.1.json
  real/apisguru-appcenter.ms.swagger.yaml
  real/apisguru-atlassian.com-jira.yaml
)
measure() { # prints "seconds | peak MB" of one process (its exit code is the linter's verdict, not an error here)
  local t; t=$(mktemp)
  /usr/bin/time -o "$t" -f "%e %M" "$@" >/dev/null 2>&1 || true
  tail -n 1 "$t" | awk '{ printf "%.2f s, %.0f MB", $1, $2 / 1024 }'
  rm -f "$t"
}
echo "| document | size | portico lint | redocly lint | spectral lint |"
echo "|---|---:|---:|---:|---:|"
for s in "${specs[@]}"; do
  f="$shared/specs/$s"
  size=$(du -k "$f" | awk '{ printf "%.1f MB", $1 / 1024 }')
  p=$(measure dotnet "$here/out/portico/portico.dll" lint "$f")
  r=$(measure node_modules/.bin/redocly lint "$f")
  sp=$(measure node_modules/.bin/spectral lint -r .spectral.yaml "$f")
  echo "| $s | $size | $p | $r | $sp |"
done
