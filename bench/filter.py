"""The Python baseline for bench/compare.sh: json.load each CloudTrail log file, keep records whose eventName is in a set.

usage: python3 bench/filter.py <names-file> <file>...   (prints the matching records, one JSON object a line)
"""
import gzip
import json
import sys


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as f:
        names = {line.strip() for line in f if line.strip()}
    out = sys.stdout
    for path in sys.argv[2:]:
        with open(path, "rb") as raw:
            magic = raw.read(2)
        opener = gzip.open if magic == b"\x1f\x8b" else open
        with opener(path, "rb") as f:
            document = json.load(f)
        for record in document.get("Records", []):
            if record.get("eventName") in names:
                out.write(json.dumps(record, separators=(",", ":")))
                out.write("\n")


if __name__ == "__main__":
    main()
