#!/usr/bin/env python3
"""Runs a command and samples its memory phase by phase (issue 12).

Every INTERVAL seconds: RssAnon, RssFile and VmHWM of /proc/PID/status, the resident part of
each mapped file grouped by kind (index segment files by extension, the lindera dictionary,
other), the number of segments in the index folders, and the CPU seconds of each kind of thread
(reading threads, tantivy's indexing and merge threads). The command's stderr lines are echoed
with the time they arrived, so that phases printed by `planbot bench` line up with the samples.

    scripts/memtrace.py [--interval 0.5] -- planbot bench --scale 1000 --work /tmp/w
"""
import argparse
import collections
import os
import re
import subprocess
import sys
import threading
import time

SEGMENT = re.compile(r"/gen-[^/]+/([0-9a-f]{32})\.(\w+)$")


def status(pid):
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, rest = line.partition(":")
            if key in ("RssAnon", "RssFile", "VmHWM", "VmRSS"):
                out[key] = int(rest.split()[0]) // 1024
    return out


def mapped(pid):
    """Resident MB of mapped files by kind, and how many distinct segments are mapped."""
    by_kind = collections.Counter()
    segments = set()
    path = None
    with open(f"/proc/{pid}/smaps") as f:
        for line in f:
            if line[0] in "0123456789abcdef" and "-" in line.split(" ", 1)[0]:
                parts = line.split(None, 5)
                path = parts[5].strip() if len(parts) > 5 else ""
            elif line.startswith("Rss:") and path and path.startswith("/"):
                kb = int(line.split()[1])
                m = SEGMENT.search(path)
                if m:
                    by_kind["seg." + m.group(2)] += kb
                    segments.add(m.group(1))
                elif "lindera" in path or "ipadic" in path.lower() or "dictionary" in path:
                    by_kind["dict"] += kb
                else:
                    by_kind["other"] += kb
    return {k: v // 1024 for k, v in by_kind.items() if v >= 1024}, len(segments)


def threads(pid):
    """CPU seconds by thread name (digits dropped: thread_3 and thread_4 are one kind)."""
    ticks = collections.Counter()
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        name = re.sub(r"\d+", "#", stat[stat.index("(") + 1 : stat.rindex(")")])
        fields = stat[stat.rindex(")") + 2 :].split()
        ticks[name] += int(fields[11]) + int(fields[12])
    return {k: round(v / 100, 1) for k, v in ticks.items()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--interval", type=float, default=0.5)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    start = time.time()
    proc = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, errors="replace")

    def echo():
        for line in proc.stderr:
            for part in line.rstrip("\n").split("\r"):
                if part.strip():
                    print(f"{time.time() - start:8.1f} stderr {part.strip()}", flush=True)

    threading.Thread(target=echo, daemon=True).start()
    last = None
    while proc.poll() is None:
        try:
            s = status(proc.pid)
            files, segments = mapped(proc.pid)
            cpu = threads(proc.pid)
        except (OSError, ValueError):
            break
        line = (
            f"anon {s.get('RssAnon', 0):4d} file {s.get('RssFile', 0):4d} hwm {s.get('VmHWM', 0):4d}"
            f" | mapped segs {segments:3d} {dict(sorted(files.items()))} | cpu {dict(sorted(cpu.items()))}"
        )
        if line != last:
            print(f"{time.time() - start:8.1f} {line}", flush=True)
            last = line
        time.sleep(args.interval)
    proc.wait()
    print(f"{time.time() - start:8.1f} exit {proc.returncode}", flush=True)
    sys.exit(proc.returncode)


if __name__ == "__main__":
    main()
