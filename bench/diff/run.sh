#!/usr/bin/env bash
# Prints the comparison table of `portico diff` with optic (and oasdiff, when it can run) on every pair of edited real
# documents in tests/Portico.Cli.Tests/DiffPairs.cs, then times portico diff on the 13 MB GitHub document against itself.
# Usage: bench/diff/run.sh [shared-dir]   (default ../shared next to the repository)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
export PORTICO_SHARED_DIR="$(cd "${1:-$repo/../shared}" && pwd)"
table="$(mktemp)"
trap 'rm -f "$table"' EXIT

# oasdiff is a Go binary; neither npm nor NuGet ships it and this project reaches no other source, so its column
# says "not available" (README, "portico diff" section).

# The comparison test installs optic with `npm ci` from bench/diff/package-lock.json, runs both tools on each pair and
# writes the table; it fails when the verdicts differ where optic checks the change (outside README's known differences).
set +e
PORTICO_DIFF_TABLE="$table" dotnet test "$repo/tests/Portico.Cli.Tests" --filter "FullyQualifiedName~OpticAgreementTests" >&2
status=$?
set -e
cat "$table"

dotnet build "$repo/src/Portico.Cli" -c Release -nologo -v q >&2
big="$PORTICO_SHARED_DIR/specs/big/github-api.github.com.full.json"
start=$(date +%s%N)
CI=true dotnet "$repo/src/Portico.Cli/bin/Release/net10.0/portico.dll" diff "$big" "$big" >/dev/null
end=$(date +%s%N)
ms=$(( (end - start) / 1000000 ))
printf '\nportico diff github-api.github.com.full.json (12.4 MB) against itself: %d.%01d s\n' $((ms / 1000)) $(((ms % 1000) / 100))
exit $status
