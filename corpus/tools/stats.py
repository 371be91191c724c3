#!/usr/bin/env python3
"""stats.py — the figures corpus/README.md quotes, recomputed from the files.

  python3 corpus/tools/stats.py [LABELS.json [MIRROR_DIR]]

Counts of labelled documents per language, type and topic; bytes of the mirror, the WARC
and the whole corpus folder; and the share of script, style and SVG bytes in the post pages
(the boilerplate extraction has to discard).
"""

import collections
import json
import os
import re
import sys

CORPUS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEAVY = re.compile(rb"<(script|style|svg)\b.*?</\1>", re.S)


def folder_bytes(path, skip=("__pycache__",)):
    total = 0
    for root, dirs, files in os.walk(path):
        dirs[:] = [d for d in dirs if d not in skip]
        total += sum(os.path.getsize(os.path.join(root, f)) for f in files)
    return total


def main():
    labels_path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(CORPUS, "labels.json")
    mirror = sys.argv[2] if len(sys.argv) > 2 else os.path.join(CORPUS, "mirror")
    base = os.path.dirname(CORPUS) if len(sys.argv) <= 1 else os.path.dirname(os.path.abspath(labels_path))
    labels = json.load(open(labels_path, encoding="utf-8"))
    print("documents: %d" % len(labels))
    print("languages: %s" % dict(collections.Counter(l["lang"] for l in labels)))
    print("types: %s" % dict(sorted(collections.Counter(l["type"] for l in labels).items())))
    print("undated: %d" % sum(l["date"] is None for l in labels))
    topics = collections.Counter(t for l in labels for t in l["topics"])
    print("topics: %s" % dict(sorted(topics.items())))
    print("distinct ministers: %d, distinct orgs: %d" % (len({m for l in labels for m in l["ministers"]}),
                                                          len({o for l in labels for o in l["orgs"]})))
    ratios = []
    for l in labels:
        data = open(os.path.join(base, l["source"]), "rb").read()
        heavy = sum(len(m.group(0)) for m in HEAVY.finditer(data))
        ratios.append(heavy / len(data))
    ratios.sort()
    print("post pages: script+style+svg share: median %.0f%%, %d of %d above 50%%"
          % (100 * ratios[len(ratios) // 2], sum(r > 0.5 for r in ratios), len(ratios)))
    print("mirror bytes: %d" % folder_bytes(mirror))
    warc = os.path.join(CORPUS, "warc", "iclmg-news.warc.gz")
    if len(sys.argv) <= 1 and os.path.exists(warc):
        print("warc bytes: %d" % os.path.getsize(warc))
        print("corpus folder bytes: %d" % folder_bytes(CORPUS))


if __name__ == "__main__":
    main()
