#!/usr/bin/env python3
"""expected_from_html.py — turns Readability's expected.html into expected.txt.

The text a reader sees, one paragraph per block (p, headings, list items, table
cells, blockquotes, figure captions), lines of a <br>-separated block joined with
"\n", whitespace collapsed, entities decoded; paragraphs separated by a blank line.

  python3 expected_from_html.py EXPECTED.html OUT.txt [--drop "paragraph prefix"]...

--drop removes paragraphs that start with the given text (used where Readability's
stored expectation is older than the stored source page; see README.md).
"""

import argparse
import html.parser
import re

BLOCKS = {
    "address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}
SKIP = {"script", "style", "noscript", "template", "svg"}


class Collector(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs = []
        self.lines = [""]
        self.skip = 0

    def flush(self):
        lines = [re.sub(r"\s+", " ", l).strip() for l in self.lines]
        lines = [l for l in lines if l]
        if lines:
            self.paragraphs.append("\n".join(lines))
        self.lines = [""]

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skip += 1
        elif tag == "br":
            self.lines.append("")
        elif tag in BLOCKS:
            self.flush()

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self.lines.append("")
        elif tag in BLOCKS:
            self.flush()

    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCKS:
            self.flush()

    def handle_data(self, data):
        if not self.skip:
            self.lines[-1] += data.replace("\u00a0", " ")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("src")
    ap.add_argument("out")
    ap.add_argument("--drop", action="append", default=[])
    args = ap.parse_args()
    c = Collector()
    c.feed(open(args.src, encoding="utf-8").read())
    c.close()
    c.flush()
    paras = [p for p in c.paragraphs if not any(p.startswith(d) for d in args.drop)]
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n\n".join(paras) + "\n")


if __name__ == "__main__":
    main()
