#!/usr/bin/env bash
# Installs the moto AWS emulator for the test rig (Debian 12 host).
#   usage: install-moto.sh [CACHE_DIR]     (or env KVS_RIG_DIR; default <repo>/.cache/moto)
# - Debian 12 runtime deps come from the machine's own apt sources (apt-get install).
# - moto + newer botocore/boto3/s3transfer/... are pure-Python .debs downloaded from Debian 13
#   "trixie" with a private, temporary apt state (the machine's apt sources are not touched),
#   unpacked with dpkg -x into CACHE_DIR/site, which is what goes on PYTHONPATH.
# - A stamp file makes a second run a no-op (well under 2 s).
# Outputs: CACHE_DIR/env.sh (PYTHONPATH, KVS_BOTOCORE_DATA, KVS_MOTO_PYTHON), CACHE_DIR/rig-env.json.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
DIR="${1:-${KVS_RIG_DIR:-$repo/.cache/moto}}"
PY=/usr/bin/python3
SUITE="${KVS_TRIXIE_SUITE:-trixie}"

# Pinned trixie packages (pure Python, "all" architecture).
PINS=(
  python3-moto=5.1.1-4
  python3-botocore=1.37.9+repack-1
  python3-boto3=1.37.9-1
  python3-s3transfer=0.11.4-1
  python3-antlr4=4.9.2-1
  python3-jsonpath-ng=1.7.0-1
  python3-joserfc=1.1.0-1
)
# Debian 12 packages moto's server needs at runtime for the services the rig uses
# (flask server, IAM auth, S3, DynamoDB, Glue (pyparsing), QuickSight (jsonschema),
# CloudFormation (yaml), Step Functions/Events (jsonpath-ng -> ply), Cognito (joserfc -> cryptography)).
APT_DEPS=(
  python3 python3-flask python3-flask-cors python3-werkzeug python3-responses python3-xmltodict
  python3-jinja2 python3-dateutil python3-requests python3-yaml python3-cryptography
  python3-jmespath python3-urllib3 python3-six python3-pyparsing python3-jsonschema python3-ply
  python3-typing-extensions
)
STUB_VERSION=1
PATCH_VERSION=1
KEY="pins=${PINS[*]} apt=${APT_DEPS[*]} stub=$STUB_VERSION patch=$PATCH_VERSION suite=$SUITE"

log() { printf '[install-moto] %s\n' "$*" >&2; }
t0=${EPOCHREALTIME/,/.}
SITE="$DIR/site"
STAMP="$DIR/.stamp"

apt_missing() {
  local p missing=()
  for p in "${APT_DEPS[@]}"; do
    if [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]]; then missing+=("$p"); fi
  done
  echo "${missing[@]:-}"
}

finish() {
  local data="$SITE/botocore/data"
  log "PYTHONPATH=$SITE"
  log "botocore service models: $data"
  echo "$data"
  local t1=${EPOCHREALTIME/,/.}
  log "done in $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}') s"
}

# ---------- fast path ----------
if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$KEY" && -x "$PY" && -d "$SITE/moto" && -z "$(apt_missing)" ]]; then
  log "cached: $DIR"
  finish
  exit 0
fi

[[ $EUID -eq 0 ]] || { log "must run as root (apt-get)"; exit 1; }
export DEBIAN_FRONTEND=noninteractive

# ---------- 1. Debian 12 runtime deps ----------
missing="$(apt_missing)"
if [[ -n "$missing" ]]; then
  log "apt-get install: $missing"
  # apt-get update only when there are no package lists, or when install fails with the current lists.
  if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then
    log "no apt lists: apt-get update"; apt-get update -q >&2
  fi
  # shellcheck disable=SC2086
  if ! apt-get install -y -q --no-install-recommends $missing >&2; then
    log "install failed; apt-get update and retry"
    apt-get update -q >&2
    # shellcheck disable=SC2086
    apt-get install -y -q --no-install-recommends $missing >&2
  fi
fi

# ---------- 2. trixie .debs via a private apt state ----------
# Reuse the Debian mirror host that this machine's apt uses.
mirror="${KVS_DEBIAN_MIRROR:-}"
if [[ -z "$mirror" ]]; then
  mirror="$( { cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | awk '$1=="deb"{for(i=2;i<=NF;i++) if($i ~ /^(https?|file):/){print $i; break}}';
               cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk 'tolower($1)=="uris:"{for(i=2;i<=NF;i++) print $i}'; } \
             | grep -E '/debian/?$' | grep -v -- '-security' | head -n1 || true)"
  mirror="${mirror:-http://deb.debian.org/debian}"
fi
mirror="${mirror%/}"
log "trixie mirror: $mirror ($SUITE main)"

DEBS="$DIR/debs"
mkdir -p "$DEBS"
need=()
for pin in "${PINS[@]}"; do
  n="${pin%%=*}"; v="${pin#*=}"; v="${v//:/%3a}"
  [[ -f "$DEBS/${n}_${v}_all.deb" ]] || need+=("$pin")
done

if (( ${#need[@]} )); then
  T="$(mktemp -d /tmp/kvs-trixie-apt.XXXXXX)"
  trap 'rm -rf "$T"' EXIT
  mkdir -p "$T/etc/sources.list.d" "$T/etc/preferences.d" "$T/state/lists/partial" "$T/cache/archives/partial" "$T/dl"
  keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  echo "deb [signed-by=$keyring] $mirror $SUITE main" > "$T/etc/sources.list"
  : > "$T/state/status"
  chmod -R a+rX "$T"; chown _apt "$T/dl" "$T/state/lists/partial" "$T/cache/archives/partial" 2>/dev/null || true
  O=(-o "Dir::Etc::sourcelist=$T/etc/sources.list" -o "Dir::Etc::sourceparts=$T/etc/sources.list.d"
     -o "Dir::Etc::preferences=$T/etc/preferences" -o "Dir::Etc::preferencesparts=$T/etc/preferences.d"
     -o "Dir::State=$T/state" -o "Dir::State::status=$T/state/status" -o "Dir::Cache=$T/cache"
     -o "Dir::Cache::pkgcache=" -o "Dir::Cache::srcpkgcache="
     -o "Acquire::Languages=none" -o "Acquire::IndexTargets::deb::DEP-11::DefaultEnabled=false"
     -o "APT::Architecture=amd64" -o "APT::Architectures::=amd64" -o "Debug::NoLocking=1")
  log "apt-get update (private state in $T)"
  apt-get "${O[@]}" update -q >&2
  dl=()
  for pin in "${need[@]}"; do
    n="${pin%%=*}"; v="${pin#*=}"
    if apt-cache "${O[@]}" show "$pin" >/dev/null 2>&1; then dl+=("$pin")
    else
      cand="$(apt-cache "${O[@]}" policy "$n" | awk '/Candidate:/{print $2}')"
      log "WARNING: $pin is no longer on the mirror; falling back to $n=$cand (update PINS)"
      dl+=("$n=$cand")
    fi
  done
  log "apt-get download ${dl[*]}"
  (cd "$T/dl" && apt-get "${O[@]}" download "${dl[@]}" >&2)
  mv "$T/dl"/*.deb "$DEBS/"
fi

# ---------- 3. unpack into a fresh site dir, add the stand-in, swap atomically ----------
NEW="$DIR/.site.new"; X="$DIR/.x"
rm -rf "$NEW" "$X"; mkdir -p "$X"
for pin in "${PINS[@]}"; do
  n="${pin%%=*}"
  f="$(ls -1 "$DEBS/${n}_"*_all.deb | sort -V | tail -n1)"
  dpkg -x "$f" "$X"
done
mv "$X/usr/lib/python3/dist-packages" "$NEW"
rm -rf "$X"

# Stand-in for openapi_spec_validator (no Python 3.11 build in Debian 12/13); moto's API Gateway
# models import it, and CloudFormation loads those models.
mkdir -p "$NEW/openapi_spec_validator/validation"
cat > "$NEW/openapi_spec_validator/__init__.py" <<'PY'
"""No-op stand-in for openapi_spec_validator (test rig only): accepts every spec."""
__version__ = "0.0.0-kvs-stub"


def validate(spec, *args, **kwargs):
    return None


def validate_spec(spec, *args, **kwargs):
    return None
PY
: > "$NEW/openapi_spec_validator/validation/__init__.py"
cat > "$NEW/openapi_spec_validator/validation/exceptions.py" <<'PY'
class OpenAPIValidationError(Exception):
    """Stand-in; never raised by the no-op validator."""
PY

# Patch moto 5.1.1's signature check to hash the request body bytes as received. Unpatched, moto
# rebuilds the body before recomputing SigV4: form bodies are re-encoded with Python's urlencode
# (a client that encodes a space as %20, like the AWS SDK for .NET, gets SignatureDoesNotMatch),
# DynamoDB's body is already a dict, and body-less REST GETs are hashed as form-encoded headers.
# (Clients that sign an X-Amz-Content-SHA256 header were unaffected: botocore uses that header.)
"$PY" - "$NEW/moto" <<'PY'
import sys
root = sys.argv[1]
def patch(rel, old, new):
    p = f"{root}/{rel}"
    s = open(p).read()
    if s.count(old) != 1:
        sys.exit(f"install-moto: cannot patch {rel}: pattern found {s.count(old)} times (moto changed?)")
    open(p, "w").write(s.replace(old, new))
patch("moto_server/werkzeug_app.py",
      "    def __call__(self, environ: Dict[str, Any], start_response: Any) -> Any:\n",
      "    def __call__(self, environ: Dict[str, Any], start_response: Any) -> Any:\n"
      "        # kvs-rig patch: keep the raw request body for the SigV4 check\n"
      "        try:\n"
      "            _n = int(environ.get('CONTENT_LENGTH') or 0)\n"
      "        except ValueError:\n"
      "            _n = -1\n"
      "        if _n > 0:\n"
      "            _raw = environ['wsgi.input'].read(_n)\n"
      "            environ['wsgi.input'] = io.BytesIO(_raw)\n"
      "            environ['kvs.raw_body'] = _raw\n"
      "        elif _n == 0 and 'chunked' not in environ.get('HTTP_TRANSFER_ENCODING', '').lower():\n"
      "            environ['kvs.raw_body'] = b''\n")
patch("core/responses.py",
      "        self.raw_body = self.body\n",
      "        self.raw_body = self.body\n"
      "        # kvs-rig patch: exact bytes received, for the SigV4 check\n"
      "        self.kvs_raw_body = getattr(request, 'environ', {}).get('kvs.raw_body')\n")
patch("core/responses.py",
      "                body=self.body,  # type: ignore[attr-defined]\n",
      "                body=self.body if getattr(self, 'kvs_raw_body', None) is None else self.kvs_raw_body,  # kvs-rig patch\n")
patch("iam/access_control.py",
      "            data=self._body or self._data,\n",
      "            data=self._body if isinstance(self._body, bytes) else (self._body or self._data),  # kvs-rig patch\n")
PY

rm -rf "$SITE"; mv "$NEW" "$SITE"

# ---------- 4. verify ----------
log "verifying: PYTHONPATH=$SITE $PY -c 'import moto.server'"
PYTHONPATH="$SITE" "$PY" - <<'PY' >&2
import moto, moto.server, botocore, boto3
print("moto", moto.__version__, "botocore", botocore.__version__, "boto3", boto3.__version__, "from", moto.__file__)
PY

cat > "$DIR/env.sh" <<EOS
# generated by tests/rig/install-moto.sh
export KVS_MOTO_PYTHON=$PY
export KVS_MOTO_PYTHONPATH="$SITE"
export KVS_BOTOCORE_DATA="$SITE/botocore/data"
EOS
printf '{"python":"%s","pythonPath":"%s","botocoreData":"%s"}\n' "$PY" "$SITE" "$SITE/botocore/data" > "$DIR/rig-env.json"
printf '%s' "$KEY" > "$STAMP"
finish
