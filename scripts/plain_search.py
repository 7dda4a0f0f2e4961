#!/usr/bin/env python3
"""Plain passage search, the yardstick of the held-out tables in README.md: character bigrams,
BM25 over 3-line windows, the best window as the answer (found: true) with its citation.
usage: python3 scripts/plain_search.py tests/fixtures/layouts-heldoutN OUT.jsonl, then
../shared/eval/score.py SET/questions.jsonl OUT.jsonl --root SET --seeds SET/plans"""
import sys, json, math, os, re, unicodedata
from collections import Counter
d, out = sys.argv[1], sys.argv[2]
def norm(s): return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))
def grams(s): return [s[i:i+2] for i in range(len(s)-1)]
wins = []
for f in sorted(os.listdir(os.path.join(d, "plans"))):
    lines = open(os.path.join(d, "plans", f), encoding="utf-8").read().split("\n")
    for i in range(len(lines)):
        text = "".join(lines[i:i+3])
        wins.append((f, i+1, min(i+3, len(lines)), text, Counter(grams(norm(text)))))
N = len(wins); avg = sum(sum(w[4].values()) for w in wins) / N
df = Counter(g for w in wins for g in w[4])
with open(out, "w") as o:
    for l in open(os.path.join(d, "questions.jsonl"), encoding="utf-8"):
        q = json.loads(l); qg = set(grams(norm(q["question"])))
        def bm25(w):
            tf, ln = w[4], sum(w[4].values())
            return sum(math.log(1 + (N - df[g] + .5) / (df[g] + .5)) * tf[g] * 2.2 / (tf[g] + 1.2 * (.25 + .75 * ln / avg)) for g in qg if g in tf)
        best = max(wins, key=bm25)
        o.write(json.dumps({"id": q["id"], "found": True, "answer": best[3],
            "citations": [{"file": f"plans/{best[0]}", "line": best[1], "line_end": best[2]}]}, ensure_ascii=False) + "\n")
