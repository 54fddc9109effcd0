#!/usr/bin/env bash
# XMute's one entry point. See README.md.
#
#   ./build.sh            install what is missing, then build dist/chrome, dist/firefox and zips
#   ./build.sh install    only install what is missing
#   ./build.sh test       build, then run every test suite; non-zero exit on any failure
#   ./build.sh demo       the extension against the fake X server, no X account needed
#   ./build.sh bench      size and speed benchmarks (table + target/bench/bench.json)
#   ./build.sh fuzz       the long campaigns: 100,000 oauthlib differential cases, proptest
#
# Everything it installs comes from package registries (crates.io, Debian, PyPI, npm); nothing
# downloads a browser or a prebuilt binary.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
# Never let wasm-pack fetch tools or browsers: everything is installed below.
export WASM_PACK_CACHE="$ROOT/target/wasm-pack-cache"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    die "need root to run: $*"; fi
}

lock_version() { # the version of crate $1 in Cargo.lock
  awk -v name="$1" '$0 == "name = \"" name "\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

# ---------------------------------------------------------------------------------------------
# install: each step checks first, so a second run takes seconds.
# ---------------------------------------------------------------------------------------------
install_rust_target() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown && return
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
}

install_wasm_bindgen() {
  local want have
  want="$(lock_version wasm-bindgen)"
  [ -n "$want" ] || die "wasm-bindgen is not in Cargo.lock"
  have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" || true
  [ "$have" = "$want" ] && return
  log "installing wasm-bindgen-cli $want (matches Cargo.lock; takes a few minutes)"
  # Not --locked: one of its pinned dependencies is no longer in the registry.
  cargo install wasm-bindgen-cli --version "$want" --force
}

install_wasm_pack() {
  command -v wasm-pack >/dev/null && return
  log "installing wasm-pack (takes a few minutes)"
  cargo install wasm-pack
}

install_debian_packages() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
  [ -x /usr/bin/firefox-esr ] || missing+=(firefox-esr)
  # Japanese for the browsers (the e2e run with the browser in ja): Chromium's locale files and
  # Firefox's language pack; without them both stay in English whatever they are told.
  [ -f /usr/lib/chromium/locales/ja.pak ] || missing+=(chromium-l10n)
  [ -f "/usr/lib/firefox-esr/browser/extensions/langpack-ja@firefox-esr.mozilla.org.xpi" ] || missing+=(firefox-esr-l10n-ja)
  # A Japanese font, so that pages in Japanese show their words (screenshots, a headed demo).
  fc-list :lang=ja 2>/dev/null | grep -q . || missing+=(fonts-noto-cjk)
  [ ${#missing[@]} -eq 0 ] && return
  log "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
}

install_geckodriver() {
  command -v geckodriver >/dev/null && return
  log "installing geckodriver from crates.io (takes a few minutes)"
  cargo install geckodriver
}

install_python_packages() {
  python3 - <<'EOF' 2>/dev/null && return
import importlib.metadata as m, pathlib, re, sys
for line in pathlib.Path("tests/requirements.txt").read_text().splitlines():
    line = line.split("#")[0].strip()
    if not line:
        continue
    name, _, version = line.partition("==")
    if m.version(name) != version:
        sys.exit(1)
EOF
  log "installing Python test packages (tests/requirements.txt)"
  python3 -m pip install --quiet --disable-pip-version-check -r tests/requirements.txt
}

install_npm_packages() {
  if [ -f node_modules/.package-lock.json ] && [ ! package-lock.json -nt node_modules/.package-lock.json ]; then
    return
  fi
  log "installing npm dev packages (package-lock.json)"
  npm ci --no-audit --no-fund --loglevel=error
}

install_all() {
  install_rust_target
  install_npm_packages
  install_python_packages
  install_debian_packages
  install_wasm_pack
  install_wasm_bindgen
  install_geckodriver
}

# ---------------------------------------------------------------------------------------------
# build
# ---------------------------------------------------------------------------------------------
WASM_OPT_FLAGS=(-Oz --enable-reference-types --enable-bulk-memory --enable-nontrapping-float-to-int
  --enable-sign-ext --enable-mutable-globals --enable-multivalue --strip-debug --strip-producers)

# The extension's module signs one request per click, where the signer's speed is lost in the
# network's: it builds the signer and SHA-1 for size too, where Cargo.toml's release profile
# builds them for speed (for the signer module, which the benchmarks time).
FOR_SIZE=()
for crate in xmute-oauth1 sha1 hmac digest block-buffer; do
  FOR_SIZE+=(--config "profile.release.package.$crate.opt-level=\"z\"")
done

# Build-machine paths in panic locations (the cargo registry's sources, this checkout) become
# short names: what ships does not name the machine it was built on, and is smaller.
remap_flags() {
  local flags="\"--remap-path-prefix=$ROOT=xmute\"" dir
  for dir in "$HOME"/.cargo/registry/src/*/; do
    [ -d "$dir" ] && flags+=", \"--remap-path-prefix=${dir%/}=crates\""
  done
  printf 'build.rustflags=[%s]' "$flags"
}

build_wasm() { # $1 = wasm-bindgen target (web | nodejs), $2 = output directory, $3 = features,
               # then extra cargo arguments
  local target="$1" out="$2" features="${3:-}"
  shift 3
  log "building the wasm package for --target $target${features:+ (features: $features)} in $out"
  rm -rf "$out"
  # Without the default `std` feature: what ships is the no_std module (Cargo.toml [features]).
  wasm-pack --quiet build --release --no-pack --target "$target" --out-dir "$out" --out-name xmute \
    -- --no-default-features ${features:+--features "$features"} "$@" --config "$(remap_flags)" >&2
  # wasm-pack's own wasm-opt step is off (Cargo.toml): Debian's wasm-opt 108 corrupts
  # wasm-bindgen output, so we run the npm binaryen one (wasm-opt 132) ourselves.
  wasm-opt "${WASM_OPT_FLAGS[@]}" "$out/xmute_bg.wasm" -o "$out/xmute_bg.wasm"
  rm -f "$out/.gitignore"
  # The nodejs glue is CommonJS (say so, since the repository's package.json may not); the
  # snippets it requires are ES modules, which Node 20.19+ loads through require().
  if [ "$target" = nodejs ]; then
    echo '{ "type": "commonjs" }' > "$out/package.json"
    [ -d "$out/snippets" ] && echo '{ "type": "module" }' > "$out/snippets/package.json"
  fi
  return 0
}

build_extension() { # $1 = chrome | firefox
  local browser="$1" dir="dist/$1"
  rm -rf "$dir"
  mkdir -p "$dir/wasm"
  node tools/bundle.mjs "$dir"
  cp pkg/web/xmute.js pkg/web/xmute_bg.wasm "$dir/wasm/"
  # wasm-bindgen's inline JavaScript, if the module has any (the extension's has none today).
  if [ -d pkg/web/snippets ]; then cp -r pkg/web/snippets "$dir/wasm/"; fi
  node tools/manifest.mjs "$browser" extension/manifest.json > "$dir/manifest.json"
  python3 tools/zipdir.py "$dir" "dist/xmute-$browser.zip"
}

build_all() {
  # The extension's module: the X client (which signs inside wasm), no signer API.
  build_wasm web pkg/web client "${FOR_SIZE[@]}"
  # The signer module (signRequest, Signer): for a page that only signs (pkg/signer, tested and
  # size-checked; an npm package, xmute-signer) and the same module for Node (pkg/node: tests
  # and benchmarks).
  build_wasm web pkg/signer signer
  node tools/signer_package.mjs pkg/signer
  build_wasm nodejs pkg/node signer
  build_extension chrome
  build_extension firefox
  log "built dist/chrome, dist/firefox, dist/xmute-chrome.zip, dist/xmute-firefox.zip"
}

# ---------------------------------------------------------------------------------------------
# test
# ---------------------------------------------------------------------------------------------
RESULTS=()
FAILED=0
suite() { # $1 = name, rest = command; runs it, records the outcome, never stops the run
  local name="$1"; shift
  log "suite: $name"
  local start=$SECONDS
  if "$@"; then
    RESULTS+=("PASS  $name ($((SECONDS - start)) s)")
  else
    RESULTS+=("FAIL  $name ($((SECONDS - start)) s)")
    FAILED=1
  fi
}

FAKE_X_PID=""
start_fake_x() {
  local ready
  ready="$(mktemp -d)/ready.json"
  python3 tests/fake_x/server.py --ready-file "$ready" --parent-pid $$ > /dev/null &
  FAKE_X_PID=$!
  for _ in $(seq 1 200); do
    [ -s "$ready" ] && break
    kill -0 "$FAKE_X_PID" 2>/dev/null || die "the fake X server failed to start"
    sleep 0.05
  done
  [ -s "$ready" ] || die "the fake X server did not become ready"
  XMUTE_FAKE_X_HTTP="http://127.0.0.1:$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["http"])' "$ready")"
  export XMUTE_FAKE_X_HTTP
}
stop_fake_x() { [ -n "$FAKE_X_PID" ] && kill "$FAKE_X_PID" 2>/dev/null; FAKE_X_PID=""; }

wasm_browser_tests() { # $1 = chrome | firefox
  local driver=()
  case "$1" in
    chrome) driver=(--chrome --chromedriver /usr/bin/chromedriver) ;;
    firefox) driver=(--firefox --geckodriver "$(command -v geckodriver)") ;;
    *) die "unknown browser $1" ;;
  esac
  wasm-pack test --headless "${driver[@]}" --release
}

size_budget() {
  python3 tools/size_budget.py
}

run_tests() {
  suite "cargo fmt --check" cargo fmt --all --check
  suite "cargo clippy (native)" cargo clippy --all-targets -- -D warnings
  suite "cargo clippy (wasm32)" cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings
  suite "cargo clippy (wasm32, shipped: extension module)" cargo clippy --target wasm32-unknown-unknown \
    --release --no-default-features --features client -- -D warnings
  suite "cargo clippy (wasm32, shipped: signer module)" cargo clippy --target wasm32-unknown-unknown \
    --release --no-default-features --features signer -- -D warnings
  suite "cargo test" cargo test --quiet
  suite "fake X server self-test" python3 -m unittest -q tests/fake_x/test_server.py
  suite "extension unit tests" node --test --import ./extension/test-setup.mjs extension/
  suite "TypeScript's checker over the JavaScript (tsc --checkJs)" tsc -p tsconfig.json
  suite "eslint" eslint extension tools tests
  suite "XMute's words: every message in every language, none in the code" node tools/i18n_check.mjs
  suite "what each wasm package exports" node tests/node/exports.mjs
  suite "vectors in Node (pkg/node, --target nodejs)" node tests/node/vectors.mjs pkg/node
  suite "vectors in Node (pkg/signer, --target web)" node tests/node/vectors.mjs pkg/signer
  suite "nonces: 1,000,000 without a repeat; two Signers, workers, instances apart" node tests/node/nonces.mjs
  suite "oauthlib differential (2,000 cases)" python3 tests/differential/run.py --count 2000 --seed 5849
  start_fake_x
  suite "wasm in headless Chromium" wasm_browser_tests chrome
  suite "wasm in headless Firefox" wasm_browser_tests firefox
  stop_fake_x
  suite "size budget" size_budget
  if [ -d tests/e2e ]; then
    suite "web-ext lint (dist/firefox)" web-ext lint --source-dir dist/firefox --self-hosted --no-input
    # The same scenarios in both browsers (tests/e2e/suite.mjs, node:test); each prints its count.
    suite "end to end in Chromium (dist/chrome)" node --test --test-reporter=spec tests/e2e/chromium.test.mjs
    suite "end to end in Firefox ESR (dist/firefox)" node --test --test-reporter=spec tests/e2e/firefox.test.mjs
  fi
  printf '\n%s\n' "---- summary ----"
  printf '%s\n' "${RESULTS[@]}"
  return "$FAILED"
}

trap stop_fake_x EXIT

case "${1:-build}" in
  install) install_all ;;
  build) install_all; build_all ;;
  test) install_all; build_all; run_tests ;;
  demo) install_all; build_all; node tests/e2e/demo.mjs ;;
  bench) install_all; build_all; node tests/bench/run.mjs ;;
  fuzz)
    install_all; build_all
    suite "oauthlib differential (100,000 cases)" python3 tests/differential/run.py --count 100000 --seed "$RANDOM"
    suite "proptest campaign" env PROPTEST_CASES=100000 cargo test --release --quiet --test properties
    printf '%s\n' "${RESULTS[@]}"; exit "$FAILED" ;;
  *) die "unknown command: $1 (try install, build, test, demo, bench, fuzz)" ;;
esac
