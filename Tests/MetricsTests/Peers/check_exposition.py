"""Reads a Prometheus text exposition on stdin with the reference client's own parser, checks Prometheus'
naming conventions, and prints one line per metric family: `<name> <type> <sample name>...`.

Exits 1 with the reason on stderr when the text does not parse or breaks a convention:
- a counter's samples end in `_total`;
- a histogram has `_bucket` samples with `le`, cumulative, ending at `+Inf` equal to its `_count`, and a
  `_sum`; its family is named for its unit (`_seconds`);
- a family is declared (`# TYPE`) once, and only names made of `[a-zA-Z0-9_:]`.
"""
import math
import re
import sys
from collections import defaultdict

from prometheus_client.parser import text_string_to_metric_families

text = sys.stdin.read()
problems = []
declared = re.findall(r"^# TYPE (\S+) ", text, re.MULTILINE)
for name in {n for n in declared if declared.count(n) > 1}:
    problems.append(f"{name}: declared more than once")

try:
    families = list(text_string_to_metric_families(text))
except Exception as error:  # the parser's own message says where
    print(f"does not parse: {error}", file=sys.stderr)
    sys.exit(1)

for family in families:
    if not re.fullmatch(r"[a-zA-Z_:][a-zA-Z0-9_:]*", family.name):
        problems.append(f"{family.name}: not a valid metric name")
    if family.type == "counter":
        for sample in family.samples:
            if not sample.name.endswith("_total"):
                problems.append(f"{sample.name}: a counter's sample without _total")
    elif family.type == "histogram":
        if not family.name.endswith("_seconds"):
            problems.append(f"{family.name}: a histogram of durations named without _seconds")
        series = defaultdict(list)
        sums, counts = {}, {}
        for sample in family.samples:
            key = tuple(sorted((k, v) for k, v in sample.labels.items() if k != "le"))
            if sample.name.endswith("_bucket"):
                series[key].append((float(sample.labels["le"]), sample.value))
            elif sample.name.endswith("_sum"):
                sums[key] = sample.value
            elif sample.name.endswith("_count"):
                counts[key] = sample.value
        for key, buckets in series.items():
            bounds = [b for b, _ in buckets]
            values = [v for _, v in buckets]
            if bounds != sorted(bounds) or not math.isinf(bounds[-1]):
                problems.append(f"{family.name}{key}: buckets not in order up to +Inf")
            if values != sorted(values):
                problems.append(f"{family.name}{key}: buckets not cumulative")
            if counts.get(key) != values[-1]:
                problems.append(f"{family.name}{key}: +Inf bucket differs from _count")
            if key not in sums:
                problems.append(f"{family.name}{key}: no _sum")
    elif family.type != "gauge":
        problems.append(f"{family.name}: unexpected type {family.type}")
    print(family.name, family.type, *sorted({s.name for s in family.samples}))

if problems:
    print("\n".join(problems), file=sys.stderr)
    sys.exit(1)
