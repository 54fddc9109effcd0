"""Zips a directory deterministically (sorted entries, fixed timestamps), paths relative to it.

Usage: python3 tools/zipdir.py DIR OUT.zip
"""
import os
import sys
import zipfile

FIXED_TIME = (2020, 1, 1, 0, 0, 0)


def main(source: str, target: str) -> None:
    entries = []
    for root, dirs, files in os.walk(source):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            entries.append((os.path.relpath(path, source).replace(os.sep, "/"), path))
    tmp = target + ".tmp"
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for arcname, path in entries:
            info = zipfile.ZipInfo(arcname, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            with open(path, "rb") as handle:
                archive.writestr(info, handle.read())
    os.replace(tmp, target)


if __name__ == "__main__":
    main(*sys.argv[1:3])
