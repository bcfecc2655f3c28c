"""Slopes of a soak's samples by windows of time, to tell growth that stops from growth that goes on.

    python3 Benchmarks/Soak/windows.py FILE.csv [COLUMN] [WINDOW_S]   (defaults: column 1, 600 s)

FILE.csv is what soak.sh writes (soak-…m.csv: elapsed_s,rss_kib; soak-…m-heap.csv: elapsed_s,arena_kib,
in_use_kib,…); COLUMN counts from 0 (elapsed_s). Prints the least-squares slope in KiB per minute of each
window after the first minute, and of everything after it.
"""
import sys


def slope(points):
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / spread * 60


rows = [line.split(",") for line in open(sys.argv[1]).read().split()[1:]]
column = int(sys.argv[2]) if len(sys.argv) > 2 else 1
window = int(sys.argv[3]) if len(sys.argv) > 3 else 600
points = [(int(row[0]), int(row[column])) for row in rows]
for start in range(60, points[-1][0], window):
    inside = [p for p in points if start <= p[0] < start + window]
    if len(inside) > 2:
        mean = sum(y for _, y in inside) / len(inside) / 1024
        print(f"{start // 60:3d}-{(start + window) // 60:3d} min: {slope(inside):8.1f} KiB/min, mean {mean:.1f} MiB")
print(f"after 60 s: {slope([p for p in points if p[0] >= 60]):.1f} KiB/min")
