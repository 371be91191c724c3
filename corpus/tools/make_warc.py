#!/usr/bin/env python3
"""make_warc.py — captures the sample site as corpus/warc/iclmg-news.warc.gz.

The same pages as the mirror, rendered as the server sent them (absolute links,
see wpsite.py), wrapped in WARC/1.0 request and response records, one gzip member
per record. Output is deterministic: fixed capture dates, record IDs derived from
the record's type, URI and date, gzip members with mtime 0.

Planted cases (see corpus/README.md): responses with Content-Encoding: gzip,
responses with Transfer-Encoding: chunked, one 301 redirect, one 404, one revisit
record, and a later capture of one post whose body gained an "Update:" paragraph.

Digests: WARC-Block-Digest is the SHA-1 of the whole record block; WARC-Payload-Digest
is the SHA-1 of the HTTP entity as transmitted (after the HTTP headers, before any
transfer or content decoding), as wget and warcio compute it. Both base32.

Standard library only. Run: python3 corpus/tools/make_warc.py [OUT]
"""

import base64
import datetime
import gzip
import hashlib
import os
import sys
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import build_site  # noqa: E402
import wpsite  # noqa: E402

CORPUS = build_site.CORPUS
OUT = os.path.join(CORPUS, "warc", "iclmg-news.warc.gz")
CRAWL_START = datetime.datetime(2025, 11, 14, 3, 0, 0)
REVISIT_AT = datetime.datetime(2025, 11, 21, 3, 0, 0)
EDITED_AT = datetime.datetime(2025, 12, 2, 3, 0, 0)
USER_AGENT = "Mozilla/5.0 (compatible; DossierSampleCrawler/1.0; +https://iclmg.ca/)"
REDIRECT_FROM = "http://iclmg.ca/2018/06/26/stop-deportation-harkat"
NOT_FOUND_PATH = "/2013/02/14/petition-end-secret-trials/"
UPDATE_TEXT = ("**Update:** The Minister of Public Safety's office has acknowledged receipt of this letter. "
               "We have asked for a meeting with the Minister and will post any written response on this page.")


def warc_date(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def http_date(dt):
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    return "%s, %02d %s %d %02d:%02d:%02d GMT" % (days[dt.weekday()], dt.day, months[dt.month - 1], dt.year,
                                                  dt.hour, dt.minute, dt.second)


def sha1_b32(data):
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode()


def record_id(kind, uri, dt):
    h = hashlib.sha1(("%s %s %s" % (kind, uri, warc_date(dt))).encode()).digest()
    return "<urn:uuid:%s>" % uuid.UUID(bytes=h[:16], version=5)


def chunked(body, size=4096):
    out = bytearray()
    for i in range(0, len(body), size):
        piece = body[i:i + size]
        out += b"%x\r\n" % len(piece) + piece + b"\r\n"
    out += b"0\r\n\r\n"
    return bytes(out)


class WarcWriter:
    def __init__(self, f, info_id):
        self.f = f
        self.info_id = info_id

    def record(self, headers, block):
        head = "WARC/1.0\r\n" + "".join("%s: %s\r\n" % kv for kv in headers)
        head += "WARC-Block-Digest: %s\r\nContent-Length: %d\r\n\r\n" % (sha1_b32(block), len(block))
        self.f.write(gzip.compress(head.encode("utf-8") + block + b"\r\n\r\n", compresslevel=9, mtime=0))

    def warcinfo(self, dt, filename):
        fields = ("software: corpus/tools/make_warc.py (Dossier sample archive builder)\r\n"
                  "format: WARC File Format 1.0\r\n"
                  "conformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.0/\r\n"
                  "isPartOf: iclmg-news-sample\r\n"
                  "description: Capture of the news section of a WordPress site, made for Dossier's tests\r\n"
                  "robots: classic\r\n"
                  "http-header-user-agent: %s\r\n" % USER_AGENT).encode()
        self.record([("WARC-Type", "warcinfo"), ("WARC-Date", warc_date(dt)), ("WARC-Filename", filename),
                     ("WARC-Record-ID", self.info_id), ("Content-Type", "application/warc-fields")], fields)

    def exchange(self, uri, dt, status, reason, resp_headers, payload, accept_gzip=False):
        """A request record and its response record; returns the response's record ID."""
        scheme_host, _, path = uri.partition("://")[2].partition("/")
        req = ("GET /%s HTTP/1.1\r\nHost: %s\r\nUser-Agent: %s\r\n"
               "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
               "Accept-Encoding: %s\r\nConnection: keep-alive\r\n\r\n"
               % (path, scheme_host, USER_AGENT, "gzip, deflate" if accept_gzip else "identity")).encode()
        req_id = record_id("request", uri, dt)
        resp_id = record_id("response", uri, dt)
        self.record([("WARC-Type", "request"), ("WARC-Target-URI", uri), ("WARC-Date", warc_date(dt)),
                     ("WARC-Record-ID", req_id), ("WARC-Warcinfo-ID", self.info_id),
                     ("WARC-Concurrent-To", resp_id), ("Content-Type", "application/http; msgtype=request")], req)
        head = "HTTP/1.1 %d %s\r\n" % (status, reason) + "".join("%s: %s\r\n" % kv for kv in resp_headers) + "\r\n"
        block = head.encode("latin-1") + payload
        self.record([("WARC-Type", "response"), ("WARC-Target-URI", uri), ("WARC-Date", warc_date(dt)),
                     ("WARC-Record-ID", resp_id), ("WARC-Warcinfo-ID", self.info_id),
                     ("WARC-Concurrent-To", req_id), ("WARC-IP-Address", "192.0.2.41"),
                     ("WARC-Payload-Digest", sha1_b32(payload)),
                     ("Content-Type", "application/http; msgtype=response")], block)
        return resp_id, head, payload

    def revisit(self, uri, dt, refers_id, refers_dt, http_head, payload_digest):
        self.record([("WARC-Type", "revisit"), ("WARC-Target-URI", uri), ("WARC-Date", warc_date(dt)),
                     ("WARC-Record-ID", record_id("revisit", uri, dt)), ("WARC-Warcinfo-ID", self.info_id),
                     ("WARC-Profile", "http://netpreserve.org/warc/1.0/revisit/identical-payload-digest"),
                     ("WARC-Refers-To", refers_id), ("WARC-Refers-To-Target-URI", uri),
                     ("WARC-Refers-To-Date", warc_date(refers_dt)), ("WARC-Payload-Digest", payload_digest),
                     ("WARC-IP-Address", "192.0.2.41"), ("Content-Type", "application/http; msgtype=response")],
                    http_head.encode("latin-1"))


def response_headers(dt, ctype, body, *, gzip_it, chunk_it, last_modified=None):
    """HTTP headers and the payload as transmitted."""
    payload = body
    h = [("Server", "nginx"), ("Date", http_date(dt)), ("Content-Type", ctype)]
    if ctype.startswith("text/html"):
        h.append(("Link", '<https://iclmg.ca/wp-json/>; rel="https://api.w.org/"'))
        h.append(("Cache-Control", "max-age=600, must-revalidate"))
    if last_modified:
        h.append(("Last-Modified", http_date(last_modified)))
    h.append(("Vary", "Accept-Encoding"))
    if gzip_it:
        payload = gzip.compress(payload, compresslevel=6, mtime=0)
        h.append(("Content-Encoding", "gzip"))
    if chunk_it:
        payload = chunked(payload)
        h.append(("Transfer-Encoding", "chunked"))
    else:
        h.append(("Content-Length", str(len(payload))))
    h.append(("X-Cache", "MISS"))
    return h, payload


def not_found_page():
    return ("""<!DOCTYPE html>
<html lang="en-CA">
<head><meta charset="UTF-8"><title>Page not found – ICLMG</title><meta name="robots" content="noindex, follow"></head>
<body class="error404 hfeed">
<div id="page" class="site"><main id="main" class="site-main">
<section class="error-404 not-found"><header class="page-header"><h1 class="page-title">Oops! That page can&rsquo;t be found.</h1></header>
<div class="page-content"><p>It looks like nothing was found at this location. Maybe try a search?</p>
<form role="search" method="get" class="search-form" action="https://iclmg.ca/"><input type="search" class="search-field" name="s"></form></div>
</section></main></div>
</body>
</html>
""").encode()


def redirect_page(location):
    return ('<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>301 Moved Permanently</title>\n'
            '</head><body>\n<h1>Moved Permanently</h1>\n<p>The document has moved <a href="%s">here</a>.</p>\n'
            '</body></html>\n' % location).encode()


def transfer_style(path):
    """Deterministic choice of gzip / chunked per URL (about a third each, some both)."""
    h = hashlib.md5(path.encode()).digest()[0]
    return h % 3 == 0, h % 4 == 1


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else OUT
    os.makedirs(os.path.dirname(out), exist_ok=True)
    resources = build_site.render_all("live")
    posts = {info["post"].path: info["post"] for _, _, _, info in resources if info.get("kind") == "post"}
    order = {"robots": 0, "listing": 1, "post": 2, "amp": 3, "shortlink": 3, "upload": 4, "empty": 5}
    resources.sort(key=lambda r: (order[r[3]["kind"]], r[0]))
    info_id = record_id("warcinfo", os.path.basename(out), CRAWL_START)
    tmp = out + ".tmp"
    with open(tmp, "wb") as f:
        w = WarcWriter(f, info_id)
        w.warcinfo(CRAWL_START, os.path.basename(out))
        dt = CRAWL_START
        captured = {}
        for path, body, ctype, info in resources:
            dt += datetime.timedelta(seconds=2)
            uri = wpsite.ORIGIN + path
            if path == "/2018/06/26/stop-deportation-harkat/":
                # A link somewhere used http:// and no trailing slash: the server redirects.
                target = wpsite.ORIGIN + path
                w.exchange(REDIRECT_FROM, dt, 301, "Moved Permanently",
                           [("Server", "nginx"), ("Date", http_date(dt)), ("Content-Type", "text/html; charset=iso-8859-1"),
                            ("Location", target), ("Content-Length", str(len(redirect_page(target))))],
                           redirect_page(target))
                dt += datetime.timedelta(seconds=1)
            gz, ch = transfer_style(path) if info["kind"] in ("listing", "post", "amp", "shortlink") else (False, False)
            post = info.get("post")
            lm = post.published if post is not None and post.published else None
            headers, payload = response_headers(dt, ctype, body, gzip_it=gz, chunk_it=ch, last_modified=lm)
            captured[path] = (w.exchange(uri, dt, 200, "OK", headers, payload, accept_gzip=gz), dt)
        # A link to a post that no longer exists.
        dt += datetime.timedelta(seconds=2)
        body = not_found_page()
        w.exchange(wpsite.ORIGIN + NOT_FOUND_PATH, dt, 404, "Not Found",
                   [("Server", "nginx"), ("Date", http_date(dt)), ("Content-Type", "text/html; charset=UTF-8"),
                    ("Content-Length", str(len(body))), ("Cache-Control", "no-cache, must-revalidate, max-age=0")], body)
        # A week later the crawler sees the home page again, unchanged: a revisit record.
        (resp_id, head, payload), first_dt = captured["/"]
        revisit_head = head.replace(http_date(first_dt), http_date(REVISIT_AT))
        w.revisit(wpsite.ORIGIN + "/", REVISIT_AT, resp_id, first_dt, revisit_head, sha1_b32(payload))
        # Later still, one post has been edited: same title and facets, one more paragraph.
        edited = next(p for p in posts.values() if "edited-capture" in p.variants)
        r = wpsite.Renderer(build_site.build_model()[3], "live")
        body = r.single(edited, extra_blocks=[("p", UPDATE_TEXT)]).encode("utf-8")
        headers, payload = response_headers(EDITED_AT, "text/html; charset=UTF-8", body, gzip_it=True, chunk_it=False,
                                            last_modified=EDITED_AT - datetime.timedelta(days=3))
        w.exchange(edited.url, EDITED_AT, 200, "OK", headers, payload, accept_gzip=True)
    os.replace(tmp, out)
    print("warc: %s, %d bytes" % (out, os.path.getsize(out)), file=sys.stderr)


if __name__ == "__main__":
    main()
