#!/usr/bin/env bash
# Installs the CloudFormation resource specification the template tests validate against.
#   usage: install-cfn-spec.sh [CACHE_DIR]   (or env KVS_CFN_SPEC_DIR; default <repo>/.cache/cfnspec)
# Prints the path of specification.json on stdout.
#
# Why this package: AWS publishes the resource specification (every resource type, its properties, their
# types, which are required, and the GetAtt attributes) as JSON; @aws-cdk/cfnspec ships one pinned copy of
# it on npm. The established template linter (Python cfn-lint) is neither in Debian 12/13 nor reachable here
# (no PyPI), and the npm package named cfn-lint carries a 2019 specification without AWS::Athena::WorkGroup.
# `npm pack` fetches only the tarball (npm checks its registry integrity hash); no install scripts run.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
DIR="${1:-${KVS_CFN_SPEC_DIR:-$repo/.cache/cfnspec}}"
PACKAGE="@aws-cdk/cfnspec"
VERSION="2.72.1"          # CloudFormation resource specification 117.0.0
SPEC="$DIR/package/spec/specification.json"
STAMP="$DIR/.stamp"

log() { printf '[install-cfn-spec] %s\n' "$*" >&2; }

if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$PACKAGE@$VERSION" && -s "$SPEC" ]]; then
  echo "$SPEC"
  exit 0
fi

command -v npm >/dev/null || { log "npm is required (Debian: apt-get install npm, or NodeSource nodejs)"; exit 1; }
mkdir -p "$DIR"
T="$(mktemp -d "$DIR/.pack.XXXXXX")"
trap 'rm -rf "$T"' EXIT
log "npm pack $PACKAGE@$VERSION"
tarball="$(cd "$T" && npm pack "$PACKAGE@$VERSION" --silent --no-audit --no-fund | tail -n1)"
rm -rf "$DIR/package"
tar -xzf "$T/$tarball" -C "$DIR" package/spec/specification.json package/cfn.version package/package.json
node -e 'const s=require(process.argv[1]); if(!s.ResourceTypes||!s.ResourceTypes["AWS::S3::Bucket"]) process.exit(1); console.error("[install-cfn-spec] resource specification "+s.ResourceSpecificationVersion+", "+Object.keys(s.ResourceTypes).length+" resource types")' "$SPEC"
printf '%s' "$PACKAGE@$VERSION" > "$STAMP"
echo "$SPEC"
