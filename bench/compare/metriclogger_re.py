#!/usr/bin/env python3
"""The MetricLogger parser most training projects write: one `re` pass per line, stats per metric.

Used by bench/throughput.sh as the "what users run today" baseline. Prints one JSON object with count/min/max/mean/last
per metric so its work cannot be skipped.
"""
import json
import re
import sys

HEADER = re.compile(r"(Epoch: \[(\d+)\]|Test:)\s+\[\s*(\d+)/(\d+)\]")
PAIR = re.compile(r"([A-Za-z_][\w/]*(?: [a-z]+)?): (-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)(?: \((-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)\))?")


def main(path):
    stats = {}
    with open(path, encoding="utf-8", errors="replace") as log:
        for line in log:
            head = HEADER.search(line)
            if not head:
                continue
            for name, value, _average in PAIR.findall(line, head.end()):
                v = float(value)
                s = stats.get(name)
                if s is None:
                    stats[name] = [1, v, v, v, v]
                else:
                    s[0] += 1
                    s[1] = min(s[1], v)
                    s[2] = max(s[2], v)
                    s[3] += v
                    s[4] = v
    print(json.dumps({k: {"count": c, "min": lo, "max": hi, "mean": total / c, "last": last}
                      for k, (c, lo, hi, total, last) in stats.items()}))


if __name__ == "__main__":
    main(sys.argv[1])
