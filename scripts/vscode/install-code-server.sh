#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3 server + web workbench) offline,
# i.e. with only the npm registry and Debian's apt reachable.
# See shared/vscode-in-ci.md for why each step exists.
#
# Result: <repo>/.cache/code-server-4.100.3/node_modules/code-server/out/node/entry.js
#         (start it with `node .../node_modules/.bin/code-server` or the bin below)
# Idempotent: returns at once when the marker file of a complete install exists.
# Env: CODE_SERVER_DIR overrides the target folder.
set -euo pipefail

CS_VERSION=4.100.3
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
TARGET="${CODE_SERVER_DIR:-$REPO_ROOT/.cache/code-server-$CS_VERSION}"
MARKER="$TARGET/.install-complete"

log() { echo "[install-code-server] $*" >&2; }
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
[[ -f /usr/include/node/node.h ]] && export npm_config_nodedir=/usr

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

# --- 3. VS Code's own dependencies -------------------------------------------------
step "npm install --omit=dev --ignore-scripts in lib/vscode"
cd "$VS"
with_progress npm install --omit=dev --ignore-scripts >&2

# --- 4. native modules --------------------------------------------------------------
step "npm rebuild native modules in lib/vscode"
with_progress npm rebuild kerberos node-pty @parcel/watcher @vscode/deviceid @vscode/spdlog native-watchdog >&2

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
node -e '
  for (const m of ["kerberos", "node-pty", "@parcel/watcher", "@vscode/spdlog", "native-watchdog", "@vscode/deviceid"]) {
    try { require(m); } catch (e) { console.error("cannot load " + m + ": " + e.message); process.exit(1); }
  }' >&2
cd "$WORK"
node -e 'require("argon2")' >&2
step "self-check: code-server --version"
node "$CS/out/node/entry.js" --version >&2

# --- publish atomically ----------------------------------------------------------------
step "move into place"
chmod 755 "$WORK"
date -u +%FT%TZ > "$WORK/.install-complete"
rm -rf "$TARGET"
mv "$WORK" "$TARGET"
# npm bin links are relative, so they survive the move; nothing else stores $WORK.
log "done: $TARGET"
