#!/usr/bin/env python3
"""build_site.py — builds the bundled sample archive from corpus/source/posts/.

Writes corpus/mirror/iclmg.ca/... (the wget mirror) and corpus/labels.json.
make_warc.py imports render_all() to capture the same site as a WARC.
Run from anywhere: python3 corpus/tools/build_site.py
"""

import datetime
import json
import os
import shutil
import struct
import sys
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wpsite  # noqa: E402
from dossier_ids import post_id_for_url  # noqa: E402

CORPUS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = os.path.join(CORPUS, "source", "posts")
MIRROR = os.path.join(CORPUS, "mirror")

# What the sample mirror holds: which archive pages wget was allowed to reach.
CONFIG = {
    "news_per_page": 5,
    "archive_per_page": 10,
    "categories": {"letters", "lettres"},
    "tags": {"en": ["security-certificates"], "fr": ["certificats-de-securite"]},
    "home_count": 4,
    "resources": True,
}
EMPTY_PAGE = "/campaigns/"  # a page whose download was cut off: a 0-byte file
ROBOTS = "User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n\nSitemap: https://iclmg.ca/wp-sitemap.xml\n"


def load_post(path):
    text = open(path, encoding="utf-8").read()
    header, _, body = text.partition("\n---\n")
    meta = {}
    for line in header.split("\n"):
        if line.strip():
            k, _, v = line.partition(":")
            meta[k.strip()] = v.strip()
    split = lambda v: [x.strip() for x in v.split("|") if x.strip()]
    variants, uploads = [], []
    for v in split(meta.get("variants", "")):
        if v.startswith("pdf:"):
            uploads.append(("pdf", v[4:]))
        elif v.startswith("image:"):
            uploads.append(("image", v[6:]))
        else:
            variants.append(v)
    published = datetime.datetime.fromisoformat(meta["published"]) if meta.get("published") else None
    labels = {
        "type": meta["label.type"],
        "date": meta.get("label.date") or None,
        "ministers": split(meta.get("label.ministers", "")),
        "orgs": split(meta.get("label.orgs", "")),
        "topics": split(meta.get("label.topics", "")),
    }
    return wpsite.Post(meta["title"], meta["slug"], meta["lang"], published, int(meta["wp_id"]),
                       wpsite.parse_body(body), section=meta.get("section", "post") or "post",
                       author=meta.get("author", ""), categories=split(meta.get("categories", "")),
                       tags=split(meta.get("tags", "")), summary=meta.get("summary", ""),
                       variants=variants, uploads=uploads, labels=labels, doc_type=labels["type"])


def load_posts():
    posts = [load_post(os.path.join(SOURCE, f)) for f in sorted(os.listdir(SOURCE)) if f.endswith(".txt")]
    ids = [p.wp_id for p in posts]
    assert len(ids) == len(set(ids)), "duplicate wp_id"
    return posts


def duplicate_paths(post):
    """Other URL paths at which the same post is served."""
    out = []
    if "amp" in post.variants:
        out.append(post.path + "amp/")
    if "shortlink" in post.variants:
        out.append("/?p=%d" % post.wp_id)
    return out


def make_pdf(lines):
    """A small, valid one-page PDF showing `lines` (Latin-1 text)."""
    text = "BT /F1 12 Tf 72 740 Td 16 TL " + " ".join(
        "(%s) '" % l.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for l in lines) + " ET"
    stream = text.encode("latin-1", "replace")
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def make_png(w=64, h=36):
    """A small grey-and-red PNG (the 'photo' of a post)."""
    raw = bytearray()
    for y in range(h):
        raw.append(0)
        for x in range(w):
            red = (x // 8 + y // 6) % 3 == 0
            raw += bytes((179, 32, 42) if red else (200 + (x * 3) % 40, 200, 200))

    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b""))


def build_model():
    posts = load_posts()
    listings, seen = wpsite.make_listings(posts, CONFIG)
    mirrored = {p.path for p in posts} | {lp.path for lp in listings} | {EMPTY_PAGE, "/robots.txt"}
    for p in posts:
        mirrored.update(duplicate_paths(p))
        mirrored.update("/wp-content/uploads/" + up for _, up in p.uploads)
    used_categories = {c for p in posts for c in p.categories}
    site = wpsite.Site(posts, mirrored, used_categories)
    return posts, listings, seen, site


def render_all(mode):
    """Every resource of the site as (url_path, body bytes, content type, info dict)."""
    posts, listings, seen, site = build_model()
    r = wpsite.Renderer(site, mode)
    out = []
    for lp in listings:
        out.append((lp.path, r.listing(lp).encode("utf-8"), "text/html; charset=UTF-8", {"kind": "listing"}))
    for p in posts:
        page = r.single(p)
        if "cp1252" in p.variants:
            out.append((p.path, page.encode("cp1252"), "text/html", {"kind": "post", "post": p}))
        else:
            out.append((p.path, page.encode("utf-8"), "text/html; charset=UTF-8", {"kind": "post", "post": p}))
        if "amp" in p.variants:
            out.append((p.path + "amp/", r.amp(p).encode("utf-8"), "text/html; charset=UTF-8", {"kind": "amp", "post": p}))
        if "shortlink" in p.variants:
            out.append(("/?p=%d" % p.wp_id, r.single(p, page_path="/?p=%d" % p.wp_id, with_canonical=False).encode("utf-8"),
                        "text/html; charset=UTF-8", {"kind": "shortlink", "post": p}))
        for kind, up in p.uploads:
            if kind == "pdf":
                body = make_pdf([p.title[:90], "", wpsite.SITE_NAME[p.lang], wpsite.display_date(p.published, p.lang)])
                out.append(("/wp-content/uploads/" + up, body, "application/pdf", {"kind": "upload"}))
            else:
                out.append(("/wp-content/uploads/" + up, make_png(), "image/png", {"kind": "upload"}))
    out.append((EMPTY_PAGE, b"", "text/html; charset=UTF-8", {"kind": "empty"}))
    out.append(("/robots.txt", ROBOTS.encode(), "text/plain; charset=utf-8", {"kind": "robots"}))
    return out


def make_labels(posts, seen):
    labels = []
    for p in posts:
        also = [wpsite.ORIGIN + path for path in seen.get(p.wp_id, [])] + [wpsite.ORIGIN + d for d in duplicate_paths(p)]
        l = p.labels
        labels.append({
            "source": "corpus/mirror/%s/%s" % (wpsite.HOST, wpsite.page_file(p.path)),
            "url": p.url,
            "id": post_id_for_url(p.url),
            "title": p.title,
            "date": l["date"],
            "type": l["type"],
            "lang": p.lang,
            "ministers": l["ministers"],
            "orgs": l["orgs"],
            "topics": l["topics"],
            "also_at": sorted(also),
        })
    labels.sort(key=lambda d: d["url"])
    return labels


def write_labels(labels, path):
    with open(path, "w", encoding="utf-8") as f:
        f.write("[\n")
        f.write(",\n".join(json.dumps(l, ensure_ascii=False) for l in labels))
        f.write("\n]\n")


def main():
    posts, listings, seen, site = build_model()
    if os.path.isdir(MIRROR):
        shutil.rmtree(MIRROR)
    total = 0
    for path, body, ctype, info in render_all("mirror"):
        fname = os.path.join(MIRROR, wpsite.HOST, wpsite.page_file(path))
        os.makedirs(os.path.dirname(fname), exist_ok=True)
        with open(fname, "wb") as f:
            f.write(body)
        total += len(body)
    labels = make_labels(posts, seen)
    write_labels(labels, os.path.join(CORPUS, "labels.json"))
    print("mirror: %d bytes, %d posts, %d listing pages" % (total, len(posts), len(listings)), file=sys.stderr)


if __name__ == "__main__":
    main()
