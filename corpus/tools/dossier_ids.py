"""Post identity as Dossier computes it (indexer/identity.cpp, schema/schema.cpp).

normalize_url() and post_id_for_url() are line-by-line ports of the C++ so that
labels.json can carry the IDs the indexer will give; tests/corpus_test.cpp
checks every label against the C++ functions, so a drift shows up there.
"""

_TRACKING = ("fbclid", "gclid", "mc_cid", "mc_eid", "replytocom")


def _is_tracking_param(name):
    return name.startswith("utm_") or name in _TRACKING


def _remove_dot_segments(path):
    trailing = path.endswith("/")
    segs = []
    for seg in path.split("/"):
        if seg == "..":
            if segs:
                segs.pop()
        elif seg and seg != ".":
            segs.append(seg)
    out = "".join("/" + s for s in segs)
    if not out or trailing:
        out += "/"
    return out


def normalize_url(url):
    """'HTTPS://www.Example.org:443/a/b/?utm_source=x#top' -> 'example.org/a/b'."""
    u = url.strip()
    if "#" in u:
        u = u[: u.index("#")]
    s = u.find("://")
    if s != -1 and s < 10:
        u = u[s + 3:]
    elif u.startswith("//"):
        u = u[2:]
    cut = min([i for i in (u.find("/"), u.find("?")) if i != -1], default=-1)
    host = (u if cut == -1 else u[:cut]).lower()
    rest = "" if cut == -1 else u[cut:]
    if host.startswith("www."):
        host = host[4:]
    colon = host.rfind(":")
    if colon != -1 and host[colon + 1:] in ("80", "443", ""):
        host = host[:colon]
    path, query = rest, ""
    if "?" in rest:
        q = rest.index("?")
        path, query = rest[:q], rest[q + 1:]
    p = _remove_dot_segments(path or "/")
    for idx in ("index.html", "index.htm", "index.php"):
        if len(p) >= len(idx) + 1 and p.endswith(idx) and p[-len(idx) - 1] == "/":
            p = p[: -len(idx)]
    p = p.rstrip("/")
    params = []
    if query:
        for kv in query.split("&"):
            name = kv.split("=", 1)[0]
            if kv and not _is_tracking_param(name.lower()):
                params.append(kv)
    params.sort(key=lambda s: s.encode("utf-8"))
    out = host + p
    for i, kv in enumerate(params):
        out += ("&" if i else "?") + kv
    return out


def stable_hash_hex(data):
    """FNV-1a 64 with a splitmix finish, as schema::stable_hash_hex."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    m = 0xFFFFFFFFFFFFFFFF
    h = 1469598103934665603
    for c in data:
        h ^= c
        h = (h * 1099511628211) & m
    h ^= h >> 30
    h = (h * 0xBF58476D1CE4E5B9) & m
    h ^= h >> 27
    h = (h * 0x94D049BB133111EB) & m
    h ^= h >> 31
    return "%016x" % h


def post_id_for_url(url):
    return stable_hash_hex(normalize_url(url))


if __name__ == "__main__":
    import sys
    for arg in sys.argv[1:]:
        print(post_id_for_url(arg), normalize_url(arg))
