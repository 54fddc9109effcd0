"""The size budget `./build.sh test` enforces on what ships.

- the whole Chrome zip at most 150 KiB;
- the signer-only wasm (`pkg/signer`: signRequest and Signer, wasm-opt -Oz) at most 64 KiB raw;
- the extension's wasm (the whole X client, signing inside: fetch, retries, fallback, PIN
  sign-in, the mute list) at most 48 KiB gzip, what a user downloads, measured as
  tests/bench/size.mjs does (node:zlib's gzipSync at level 9: Node's zlib, whose output is a few
  hundred bytes longer than Python's at the same level), and at most 108 KiB raw, the ceiling
  that moves with it (the module compresses to about 45% of its size).
  README.md, Performance, says where the bytes go.
"""
import os
import subprocess
import sys

KIB = 1024
# (path, measure, limit): measure is "raw" or "gzip".
BUDGETS = [
    ("pkg/signer/xmute_bg.wasm", "raw", 64 * KIB),
    ("dist/chrome/wasm/xmute_bg.wasm", "gzip", 48 * KIB),
    ("dist/chrome/wasm/xmute_bg.wasm", "raw", 108 * KIB),
    ("dist/xmute-chrome.zip", "raw", 150 * KIB),
]


def gzip_size(path: str) -> int:
    """Bytes of the file gzipped by node:zlib at level 9, exactly as tests/bench/size.mjs does."""
    script = ("const { gzipSync } = require('node:zlib');"
              "process.stdout.write(String(gzipSync(require('node:fs').readFileSync(process.argv[1]), { level: 9 }).length));")
    return int(subprocess.run(["node", "-e", script, path], check=True, capture_output=True, text=True).stdout)


def main() -> int:
    failed = False
    for path, measure, limit in BUDGETS:
        if not os.path.exists(path):
            print(f"FAIL {path}: missing (run ./build.sh)")
            failed = True
            continue
        size = os.path.getsize(path) if measure == "raw" else gzip_size(path)
        verdict = "ok  " if size <= limit else "FAIL"
        failed |= size > limit
        print(f"{verdict} {path}: {size:,} bytes {measure} (budget {limit:,})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
