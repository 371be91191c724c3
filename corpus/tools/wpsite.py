"""wpsite.py — renders a WordPress news site as a wget mirror or as live HTTP pages.

One model (posts with their metadata and body blocks) and one renderer are
shared by build_site.py (the bundled sample), make_warc.py (the same site as a
WARC capture) and ../generate (large synthetic sites), so that the three can
never drift apart in structure.

Two rendering modes:
  "mirror": links to pages that are part of the mirror are relative, the way
            `wget --mirror --adjust-extension --convert-links` rewrites them
            (rel=canonical included); links to pages that were not downloaded
            stay absolute; meta content (og:url, JSON-LD) is never rewritten.
  "live":   what the server sent: every internal link absolute (https://HOST/...).
"""

import datetime
import hashlib
import html
import json
import re

import boilerplate as bp

HOST = "iclmg.ca"
ORIGIN = "https://" + HOST

MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July",
             "August", "September", "October", "November", "December"]
MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet",
             "août", "septembre", "octobre", "novembre", "décembre"]

# Category slug -> (label, language). The label is what the site shows.
CATEGORIES = {
    "letters": ("Letters", "en"),
    "press-releases": ("Press releases", "en"),
    "statements": ("Statements", "en"),
    "briefs": ("Briefs", "en"),
    "events": ("Events", "en"),
    "news-digest": ("News digest", "en"),
    "articles": ("Articles", "en"),
    "announcements": ("Announcements", "en"),
    "lettres": ("Lettres", "fr"),
    "communiques": ("Communiqués", "fr"),
    "declarations": ("Déclarations", "fr"),
    "memoires": ("Mémoires", "fr"),
    "evenements": ("Événements", "fr"),
    "revue-de-presse": ("Revue de presse", "fr"),
    "analyses": ("Analyses", "fr"),
    "annonces": ("Annonces", "fr"),
}

STRINGS = {
    "en": {
        "posted_on": "Posted on", "by": "by", "read_more": "Read more",
        "recent": "Recent posts", "categories": "Categories", "archives": "Archives",
        "search": "Search for:", "search_button": "Search", "share": "Share this:",
        "related": "Related", "news": "News", "page_of": "Page %d of %d",
        "first": "« First", "last": "Last »", "older": "Older posts", "newer": "Newer posts",
        "posted_in": "Posted in", "tagged": "Tagged", "leave_reply": "Leave a Reply",
        "comment": "Comment", "post_comment": "Post Comment", "skip": "Skip to content",
        "menu": "Menu", "newsletter": "Get our updates", "subscribe": "Subscribe",
        "cookie": "We use cookies to understand how visitors use this site. You can accept or refuse them.",
        "accept": "Accept", "refuse": "No thanks", "privacy": "Privacy policy",
        "donate_title": "Before you go…",
        "donate": [
            "… could you help us keep going? The coalition watches over civil liberties and human rights in Canada as the fight against terrorism reshapes our laws. We accept no money from any level of government or from political parties, so every gift matters.",
            "A monthly gift of as little as $2 helps us follow bills through Parliament, intervene in court and answer the people who write to us. You can stop at any time.",
        ],
        "donate_button": "Donate now", "resources": "Resources", "home_latest": "Latest from the coalition",
        "tagline": "Protecting civil liberties in the fight against terrorism",
    },
    "fr": {
        "posted_on": "Publié le", "by": "par", "read_more": "Lire la suite",
        "recent": "Articles récents", "categories": "Catégories", "archives": "Archives",
        "search": "Rechercher :", "search_button": "Rechercher", "share": "Partager :",
        "related": "Articles similaires", "news": "Nouvelles", "page_of": "Page %d de %d",
        "first": "« Première", "last": "Dernière »", "older": "Articles plus anciens", "newer": "Articles plus récents",
        "posted_in": "Publié dans", "tagged": "Étiqueté", "leave_reply": "Laisser un commentaire",
        "comment": "Commentaire", "post_comment": "Publier le commentaire", "skip": "Aller au contenu",
        "menu": "Menu", "newsletter": "Recevoir nos nouvelles", "subscribe": "S’abonner",
        "cookie": "Nous utilisons des témoins pour comprendre comment les visiteurs utilisent ce site. Vous pouvez les accepter ou les refuser.",
        "accept": "Accepter", "refuse": "Non merci", "privacy": "Politique de confidentialité",
        "donate_title": "Avant de partir…",
        "donate": [
            "… pourriez-vous nous aider à poursuivre notre travail ? La Coalition veille sur les libertés civiles et les droits de la personne au Canada alors que la lutte contre le terrorisme transforme nos lois. Nous n’acceptons aucun financement des gouvernements ni des partis politiques : chaque don compte.",
            "Un don mensuel, même de 2 $, nous permet de suivre les projets de loi, d’intervenir devant les tribunaux et de répondre aux personnes qui nous écrivent. Vous pouvez l’annuler en tout temps.",
        ],
        "donate_button": "Faire un don", "resources": "Ressources", "home_latest": "Dernières nouvelles",
        "tagline": "Protéger les libertés civiles dans la lutte contre le terrorisme",
    },
}

SITE_NAME = {"en": "International Civil Liberties Monitoring Group",
             "fr": "Coalition pour la surveillance internationale des libertés civiles"}
SHORT_NAME = {"en": "ICLMG", "fr": "CSILC"}


# ---------------------------------------------------------------- dates

def _nth_sunday(year, month, n):
    d = datetime.date(year, month, 1)
    d += datetime.timedelta(days=(6 - d.weekday()) % 7)
    return d + datetime.timedelta(weeks=n - 1)


def _last_sunday(year, month):
    d = datetime.date(year + (month == 12), month % 12 + 1, 1) - datetime.timedelta(days=1)
    return d - datetime.timedelta(days=(d.weekday() + 1) % 7)


def ottawa_offset_hours(dt):
    """UTC offset of Ottawa at local time dt (EST -5 / EDT -4, rules of the year)."""
    y = dt.year
    if y >= 2007:
        start, end = _nth_sunday(y, 3, 2), _nth_sunday(y, 11, 1)
    else:
        start, end = _nth_sunday(y, 4, 1), _last_sunday(y, 10)
    return -4 if start <= dt.date() < end else -5


def iso_local(dt):
    off = ottawa_offset_hours(dt)
    return dt.strftime("%Y-%m-%dT%H:%M:%S") + "%+03d:00" % off


def iso_utc(dt):
    u = dt - datetime.timedelta(hours=ottawa_offset_hours(dt))
    return u.strftime("%Y-%m-%dT%H:%M:%S") + "+00:00"


def display_date(dt, lang):
    if lang == "fr":
        day = "1er" if dt.day == 1 else str(dt.day)
        return "%s %s %d" % (day, MONTHS_FR[dt.month - 1], dt.year)
    return "%s %d, %d" % (MONTHS_EN[dt.month - 1], dt.day, dt.year)


# ---------------------------------------------------------------- model

class Post:
    """One post (or undated resource page) of the site."""

    __slots__ = ("title", "slug", "lang", "section", "published", "wp_id", "author",
                 "categories", "tags", "summary", "variants", "uploads", "blocks",
                 "labels", "path", "doc_type", "_excerpt_words", "_body_cache", "more_flag", "gen_idx")

    def __init__(self, title, slug, lang, published, wp_id, blocks, *, section="post",
                 author="", categories=(), tags=(), summary="", variants=(), uploads=(),
                 labels=None, doc_type="article"):
        self.title = title
        self.slug = slug
        self.lang = lang
        self.section = section
        self.published = published  # datetime.datetime (local Ottawa time) or None
        self.wp_id = wp_id
        self.author = author
        self.categories = list(categories)
        self.tags = list(tags)
        self.summary = summary
        self.variants = set(variants)
        self.uploads = list(uploads)  # (kind, relative path under wp-content/uploads)
        self.blocks = blocks          # list of (kind, payload)
        self.labels = labels or {}
        self.doc_type = doc_type
        prefix = "/fr" if lang == "fr" else ""
        if section == "resource":
            self.path = "%s/%s/%s/" % (prefix, "ressources" if lang == "fr" else "resources", slug)
        else:
            p = published
            self.path = "%s/%04d/%02d/%02d/%s/" % (prefix, p.year, p.month, p.day, slug)
        self._excerpt_words = None
        self._body_cache = {}
        self.more_flag = None  # set when the body is not built yet (the generator plans listings first)
        self.gen_idx = None

    @property
    def url(self):
        return ORIGIN + self.path

    def has_more(self):
        if self.more_flag is not None:
            return self.more_flag
        return any(k == "more" for k, _ in self.blocks)

    def excerpt_words(self):
        """The words WordPress's automatic excerpt is cut from (text of the blocks)."""
        if self._excerpt_words is None:
            words = []
            for kind, payload in self.blocks:
                if kind in ("p", "h2", "quote"):
                    words.extend(strip_inline(payload).split())
                elif kind in ("ul", "ol", "lines"):
                    for item in payload:
                        words.extend(strip_inline(item).split())
                if len(words) > 60:
                    break
            self._excerpt_words = words
        return self._excerpt_words


# ---------------------------------------------------------------- body markup

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_EM = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_EMAIL = re.compile(r"[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def parse_body(text):
    """Splits the light markup of a post source into blocks (see corpus/README.md)."""
    blocks = []
    for chunk in re.split(r"\n\s*\n", text.strip("\n")):
        lines = [l.rstrip() for l in chunk.strip("\n").split("\n")]
        if not lines or not lines[0]:
            continue
        if lines[0].strip() == "<!--more-->":
            blocks.append(("more", None))
        elif lines[0].startswith("## "):
            blocks.append(("h2", lines[0][3:].strip()))
        elif all(l.startswith("* ") for l in lines):
            blocks.append(("ul", [l[2:].strip() for l in lines]))
        elif all(re.match(r"\d+\. ", l) for l in lines):
            blocks.append(("ol", [l.split(". ", 1)[1].strip() for l in lines]))
        elif all(l.startswith("|") for l in lines):
            blocks.append(("lines", [l[1:].strip() for l in lines]))
        elif lines[0].startswith("> "):
            blocks.append(("quote", " ".join(l[2:].strip() for l in lines)))
        else:
            blocks.append(("p", " ".join(l.strip() for l in lines)))
    return blocks


def strip_inline(text):
    text = _LINK.sub(r"\1", text)
    text = _BOLD.sub(r"\1", text)
    return _EM.sub(r"\1", text)


def cf_email(address, seed):
    """Cloudflare's e-mail obfuscation: the address becomes '[email protected]' in the HTML."""
    key = hashlib.sha1(seed.encode() + address.encode()).digest()[0] | 0x10
    enc = "%02x" % key + "".join("%02x" % (b ^ key) for b in address.encode())
    return enc


class Renderer:
    """Renders pages of one site. `site` provides the cross-page data (recent posts,
    related posts, which paths are mirrored); `mode` is "mirror" or "live"."""

    def __init__(self, site, mode):
        self.site = site
        self.mode = mode

    # -- links
    def href(self, from_dir, to_path):
        """Link from a page whose file lives in directory from_dir to URL path to_path."""
        frag = ""
        if "#" in to_path:
            to_path, frag = to_path.split("#", 1)
            frag = "#" + frag
        if self.mode == "live" or not self.site.is_mirrored(to_path):
            return ORIGIN + to_path + frag
        target = to_path + "index.html" if to_path.endswith("/") else to_path
        return relpath(target, from_dir) + frag

    # -- inline
    def inline(self, text, from_dir, seed):
        parts = []
        pos = 0
        for m in _LINK.finditer(text):
            parts.append(self._inline_plain(text[pos:m.start()], seed))
            label, target = m.group(1), m.group(2)
            if target.startswith("upload:"):
                url = self.href(from_dir, "/wp-content/uploads/" + target[7:])
            else:
                url = target
            parts.append('<a href="%s">%s</a>' % (html.escape(url), self._inline_plain(label, seed)))
            pos = m.end()
        parts.append(self._inline_plain(text[pos:], seed))
        return "".join(parts)

    def _inline_plain(self, text, seed):
        out = []
        pos = 0
        for m in _EMAIL.finditer(text):
            out.append(self._fmt(text[pos:m.start()]))
            enc = cf_email(m.group(0), seed)
            cdn = "/cdn-cgi/l/email-protection"
            href = cdn if self.mode == "live" else ORIGIN + cdn
            out.append('<a href="%s#%s" class="__cf_email__" data-cfemail="%s">[email&#160;protected]</a>'
                       % (href, enc, enc))
            pos = m.end()
        out.append(self._fmt(text[pos:]))
        return "".join(out)

    @staticmethod
    def _fmt(text):
        t = html.escape(text, quote=False)
        t = _BOLD.sub(r"<strong>\1</strong>", t)
        return _EM.sub(r"<em>\1</em>", t)

    def blocks_html(self, post, blocks, from_dir, heading="h2"):
        out = []
        seed = post.path
        for kind, payload in blocks:
            if kind == "p":
                out.append("<p>%s</p>" % self.inline(payload, from_dir, seed))
            elif kind == "h2":
                out.append('<%s class="wp-block-heading">%s</%s>' % (heading, self.inline(payload, from_dir, seed), heading))
            elif kind in ("ul", "ol"):
                items = "\n".join("<li>%s</li>" % self.inline(i, from_dir, seed) for i in payload)
                out.append("<%s>\n%s\n</%s>" % (kind, items, kind))
            elif kind == "lines":
                out.append("<p>%s</p>" % "<br />\n".join(self.inline(l, from_dir, seed) for l in payload))
            elif kind == "quote":
                out.append('<blockquote class="wp-block-quote"><p>%s</p></blockquote>' % self.inline(payload, from_dir, seed))
            elif kind == "more":
                out.append('<p><span id="more-%d"></span></p>' % post.wp_id)
        return "\n".join(out)

    # -- shared chrome
    def head(self, title, lang, description, *, canonical=None, og_url=None, og_type="website",
             published=None, jsonld=None, charset=True, robots=None, extra=""):
        s = []
        s.append("<!DOCTYPE html>")
        s.append('<html lang="%s" prefix="og: https://ogp.me/ns#">' % ("fr-CA" if lang == "fr" else "en-CA"))
        s.append("<head>")
        if charset:
            s.append('<meta charset="UTF-8">')
        s.append('<meta name="viewport" content="width=device-width, initial-scale=1">')
        if robots:
            s.append('<meta name="robots" content="%s">' % robots)
        s.append("<title>%s – %s</title>" % (html.escape(title, quote=False), SHORT_NAME[lang]))
        if description:
            s.append('<meta name="description" content="%s">' % html.escape(description))
        if canonical:
            s.append('<link rel="canonical" href="%s">' % canonical)
        s.append('<meta property="og:locale" content="%s">' % ("fr_CA" if lang == "fr" else "en_US"))
        s.append('<meta property="og:type" content="%s">' % og_type)
        s.append('<meta property="og:title" content="%s">' % html.escape(title))
        if og_url:
            s.append('<meta property="og:url" content="%s">' % og_url)
        s.append('<meta property="og:site_name" content="%s">' % SITE_NAME[lang])
        if published:
            s.append('<meta property="article:published_time" content="%s">' % iso_utc(published))
        s.append('<meta name="twitter:card" content="summary_large_image">')
        if jsonld:
            s.append('<script type="application/ld+json" class="yoast-schema-graph">%s</script>'
                     % json.dumps(jsonld, ensure_ascii=False, separators=(",", ":")))
        s.append("<script>%s</script>" % bp.EMOJI_SCRIPT)
        s.append('<style id="wp-block-library-inline-css">%s</style>' % bp.BLOCK_LIBRARY_CSS)
        s.append('<style id="global-styles-inline-css">%s</style>' % bp.GLOBAL_STYLES_CSS)
        s.append("<link rel='stylesheet' id='iclmg-style-css' href='%s/wp-content/themes/iclmg/style.css?ver=2.3.1' media='all'>" % ORIGIN)
        s.append("<script src='%s/wp-includes/js/jquery/jquery.min.js?ver=3.7.1' id='jquery-core-js'></script>" % ORIGIN)
        s.append('<script async src="https://www.googletagmanager.com/gtag/js?id=G-7QK2ICLMG0"></script>')
        s.append("<script>%s</script>" % bp.ANALYTICS_SCRIPT)
        if extra:
            s.append(extra)
        s.append("</head>")
        return "\n".join(s)

    def header(self, lang, from_dir):
        st = STRINGS[lang]
        h = self.href
        if lang == "fr":
            menu = [("Accueil", ORIGIN + "/fr/"), ("À propos", ORIGIN + "/fr/a-propos/"),
                    ("Nouvelles", h(from_dir, "/fr/nouvelles/")), ("Lettres", h(from_dir, "/fr/category/lettres/")),
                    ("Ressources", h(from_dir, "/resources/")), ("Faire un don", ORIGIN + "/fr/don/"),
                    ("English", h(from_dir, "/news/"))]
        else:
            menu = [("Home", h(from_dir, "/")), ("About", ORIGIN + "/about/"),
                    ("News", h(from_dir, "/news/")), ("Letters", h(from_dir, "/category/letters/")),
                    ("Campaigns", h(from_dir, "/campaigns/")), ("Resources", h(from_dir, "/resources/")),
                    ("Donate", ORIGIN + "/donate/"), ("Français", h(from_dir, "/fr/nouvelles/"))]
        items = "".join('<li><a href="%s">%s</a></li>' % (u, t) for t, u in menu)
        return ('<a class="skip-link screen-reader-text" href="#content">%s</a>\n'
                '<header id="masthead" class="site-header"><a href="%s" class="custom-logo-link" rel="home">%s</a>'
                '<p class="site-title"><a href="%s" rel="home">%s</a></p>\n'
                '<nav id="site-navigation" class="main-navigation" aria-label="%s"><ul id="top-menu" class="menu">%s</ul></nav></header>'
                % (st["skip"], h(from_dir, "/"), bp.LOGO_SVG, h(from_dir, "/"), SITE_NAME[lang], st["menu"], items))

    def sidebar(self, lang, from_dir):
        st = STRINGS[lang]
        recent = "".join('<li><a href="%s">%s</a></li>' % (self.href(from_dir, p.path), html.escape(p.title, quote=False))
                         for p in self.site.recent_posts(lang))
        years = "".join('<li><a href="%s/%d/">%d</a></li>' % (ORIGIN + ("/fr" if lang == "fr" else ""), y, y)
                        for y in self.site.years(lang)[:3])
        return ('<aside id="secondary" class="widget-area">'
                '<section class="widget widget_search"><form role="search" method="get" class="search-form" action="%s/">'
                '<input type="search" class="search-field" placeholder="%s" name="s"><button type="submit" class="search-submit">'
                '<svg class="icon" aria-hidden="true"><use href="#icon-search"></use></svg></button></form></section>\n'
                '<section class="widget widget_recent_entries"><h2 class="widget-title">%s</h2><ul>%s</ul></section>\n'
                '<section class="widget widget_archive"><h2 class="widget-title">%s</h2><ul>%s</ul></section></aside>'
                % (ORIGIN, st["search_button"], st["recent"], recent, st["archives"], years))

    def footer(self, lang, nonce, post_id):
        st = STRINGS[lang]
        return ('<footer id="colophon" class="site-footer"><p>© 2025 %s · Ottawa · <a href="%s/contact/">Contact</a> · '
                '<a href="%s/privacy/">%s</a></p></footer>\n</div>\n'
                '<div id="cookie-notice" role="dialog" aria-label="Cookie Notice"><span class="cn-text-container">%s</span> '
                '<a href="#" data-cookie-set="accept" class="cn-button">%s</a></div>\n'
                '<script id="iclmg-global-js">%s</script>\n<script id="iclmg-footer-data-js">%s</script>\n'
                % (SITE_NAME[lang], ORIGIN, ORIGIN, st["privacy"], st["cookie"], st["accept"],
                   bp.THEME_SCRIPT % {"nonce": nonce, "post_id": post_id},
                   bp.FOOTER_DATA_SCRIPT % {"lang": "fr_CA" if lang == "fr" else "en_CA", "post_id": post_id}))

    def share_buttons(self, post, lang):
        st = STRINGS[lang]
        from urllib.parse import quote
        u = quote(post.url, safe="")
        links = [("https://www.facebook.com/sharer/sharer.php?u=%s" % u, "facebook"),
                 ("https://x.com/intent/tweet?url=%s" % u, "x"),
                 ("mailto:?body=%s" % u, "mail")]
        items = "".join('<li><a class="share-%s" rel="nofollow" href="%s"><svg aria-hidden="true"><use href="#icon-%s"></use></svg></a></li>'
                        % (i, h, i) for h, i in links)
        return '<div class="sharedaddy sd-sharing"><h3 class="sd-title">%s</h3><ul>%s</ul></div>' % (st["share"], items)

    def donate_box(self, lang):
        st = STRINGS[lang]
        return '<div class="donate-box"><h3>%s</h3><p>%s</p><p><a class="wp-block-button__link" href="%s/donate/">%s</a></p></div>' % (
            st["donate_title"], html.escape(st["donate"][0], quote=False), ORIGIN, st["donate_button"])

    def related(self, post, from_dir):
        st = STRINGS[post.lang]
        rel = self.site.related_posts(post)
        if not rel:
            return ""
        items = "".join('<li><a href="%s">%s</a></li>' % (self.href(from_dir, r.path), html.escape(r.title, quote=False)) for r in rel)
        return '<div id="jp-relatedposts" class="jp-relatedposts"><h3>%s</h3><ul>%s</ul></div>' % (st["related"], items)

    def comment_form(self, post):
        st = STRINGS[post.lang]
        return ('<div id="respond" class="comment-respond"><h3 id="reply-title">%s</h3><form action="%s/wp-comments-post.php" method="post" id="commentform">'
                '<p><label for="comment">%s</label><textarea id="comment" name="comment" rows="6" required></textarea></p>'
                '<p><input name="author" type="text" placeholder="Name"> <input name="email" type="email" placeholder="Email"></p>'
                '<p><input type="submit" value="%s"><input type="hidden" name="comment_post_ID" value="%d"></p></form></div>'
                % (st["leave_reply"], ORIGIN, st["comment"], st["post_comment"], post.wp_id))

    def page(self, head_html, body_class, lang, from_dir, main_html, nonce, post_id, sidebar=True):
        return "%s\n<body class=\"%s\">\n%s\n<div id=\"page\" class=\"site\">\n%s\n<div class=\"site-content-contain\"><div id=\"content\" class=\"site-content\"><div class=\"wrap\">\n<div id=\"primary\" class=\"content-area\"><main id=\"main\" class=\"site-main\" role=\"main\">\n%s\n</main></div>\n%s\n</div></div></div>\n%s</body>\n</html>\n" % (
            head_html, body_class, bp.SVG_SPRITE, self.header(lang, from_dir), main_html,
            self.sidebar(lang, from_dir) if sidebar else "", self.footer(lang, nonce, post_id))

    # -- single post pages
    def jsonld(self, post):
        data = {"@context": "https://schema.org", "@graph": [
            {"@type": "NewsArticle", "@id": post.url + "#article", "headline": post.title,
             "datePublished": iso_local(post.published), "dateModified": iso_local(post.published),
             "author": {"@type": "Organization", "name": SITE_NAME[post.lang]},
             "publisher": {"@type": "Organization", "name": SITE_NAME["en"], "logo": {"@type": "ImageObject", "url": ORIGIN + "/wp-content/uploads/iclmg-logo.png"}},
             "mainEntityOfPage": {"@type": "WebPage", "@id": post.url}, "inLanguage": "fr-CA" if post.lang == "fr" else "en-CA"},
            {"@type": "BreadcrumbList", "itemListElement": [
                {"@type": "ListItem", "position": 1, "name": "Home", "item": ORIGIN + "/"},
                {"@type": "ListItem", "position": 2, "name": post.title}]}]}
        return data

    def single(self, post, *, page_path=None, extra_blocks=None, with_canonical=None):
        """The post's own page. page_path: URL path the page is served at (a duplicate URL
        such as '/?p=123' renders the same post elsewhere)."""
        page_path = page_path or post.path
        from_dir = page_dir(page_path)
        lang = post.lang
        st = STRINGS[lang]
        if with_canonical is None:
            with_canonical = "no-canonical" not in post.variants
        canonical = self.href(from_dir, post.path) if with_canonical else None
        published = post.published if (post.published and "no-published-meta" not in post.variants) else None
        jsonld = self.jsonld(post) if ("jsonld" in post.variants and post.published) else None
        head = self.head(post.title, lang, post.summary, canonical=canonical,
                         og_url=post.url if with_canonical else None,
                         og_type="article" if post.section == "post" else "website",
                         published=published, jsonld=jsonld, charset="cp1252" not in post.variants)
        blocks = post.blocks + (extra_blocks or [])
        template = template_for(post)
        body_html = self.blocks_html(post, blocks, from_dir, heading="h3" if template == "release" else "h2")
        figures = "".join('<figure class="wp-block-image size-large"><img loading="lazy" decoding="async" width="640" height="360" src="%s" alt="" class="wp-image-%d"></figure>\n'
                          % (self.href(from_dir, "/wp-content/uploads/" + up), post.wp_id + 1) for kind, up in post.uploads if kind == "image")
        body_html = figures + body_html
        date_html = ""
        if post.published:
            d = post.published
            date_html = '<time class="entry-date published" datetime="%s">%s</time>' % (iso_local(d), display_date(d, lang))
        cat_links = ", ".join('<a href="%s" rel="category tag">%s</a>' % (self.href(from_dir, category_path(c)), CATEGORIES[c][0]) for c in post.categories if c in CATEGORIES)
        tag_links = ", ".join('<a href="%s" rel="tag">%s</a>' % (self.href(from_dir, tag_path(t, lang)), t.replace("-", " ")) for t in post.tags)
        classes = "post-%d post type-post status-publish format-standard hentry %s %s" % (
            post.wp_id, " ".join("category-" + c for c in post.categories), " ".join("tag-" + t for t in post.tags))
        if template == "release":
            main = """<div id="pl-%d" class="panel-layout">
<div id="pg-%d-0" class="panel-grid panel-has-style"><div class="siteorigin-panels-stretch panel-row-style"><div id="pgc-%d-0-0" class="panel-grid-cell">
<div id="panel-%d-0-0-0" class="so-panel widget widget_sow-headline panel-first-child"><div class="so-widget-sow-headline"><div class="sow-headline-container"><h1 class="sow-headline">%s</h1><div class="decoration"><div class="decoration-inside"></div></div><p class="sow-sub-headline release-meta">%s</p></div></div></div>
<div id="panel-%d-0-0-1" class="so-panel widget widget_sow-editor panel-last-child"><div class="so-widget-sow-editor so-widget-sow-editor-base"><div class="siteorigin-widget-tinymce textwidget">
%s
</div></div></div>
</div></div></div>
<div id="pg-%d-1" class="panel-grid panel-no-style"><div id="pgc-%d-1-0" class="panel-grid-cell">%s</div></div>
</div>
%s
%s""" % (post.wp_id, post.wp_id, post.wp_id, post.wp_id, html.escape(post.title, quote=False),
                 ("%s · %s" % (CATEGORIES[post.categories[0]][0], date_html)) if post.categories and post.categories[0] in CATEGORIES else date_html,
                 post.wp_id, body_html, post.wp_id, post.wp_id, self.share_buttons(post, lang),
                 self.donate_box(lang), self.related(post, from_dir))
        elif template == "event":
            main = """<div id="tribe-events-content" class="tribe-events-single">
<p class="tribe-events-back"><a href="%s">« %s</a></p>
<h1 class="tribe-events-single-event-title">%s</h1>
<div class="tribe-events-schedule tribe-clearfix"><span class="tribe-event-date-start">%s</span></div>
<div id="post-%d" class="%s">
<div class="tribe-events-single-event-description tribe-events-content">
%s
</div>
<div class="tribe-events-cal-links"><a class="tribe-events-gcal tribe-events-button" href="https://www.google.com/calendar/event?action=TEMPLATE&amp;text=%s" title="Add to Google Calendar">+ Google Calendar</a></div>
</div>
%s
</div>
%s""" % (self.href(from_dir, category_path(post.categories[0]) if post.categories else "/news/"), st["news"],
                 html.escape(post.title, quote=False), date_html, post.wp_id, classes, body_html,
                 html.escape(post.title), self.share_buttons(post, lang), self.donate_box(lang))
        elif template == "page":
            main = """<article id="post-%d" class="post-%d page type-page status-publish hentry">
<header class="entry-header"><h1 class="entry-title">%s</h1></header>
<div class="entry-content">
%s
</div>
</article>
%s""" % (post.wp_id, post.wp_id, html.escape(post.title, quote=False), body_html, self.share_buttons(post, lang))
        else:
            byline = ""
            if post.author:
                byline = ' <span class="byline"> %s <span class="author vcard"><a class="url fn n" href="%s/author/%s/">%s</a></span></span>' % (
                    st["by"], ORIGIN, post.author.lower(), post.author)
            wrapped = body_html
            if post.doc_type == "news-digest":
                wrapped = '<div class="roundup">\n%s\n</div>' % body_html
            comments = self.comment_form(post) if post.wp_id % 7 == 0 else ""
            main = """<article id="post-%d" class="%s">
<header class="entry-header">
<div class="entry-meta"><span class="posted-on"><span class="screen-reader-text">%s</span> <a href="%s" rel="bookmark">%s</a></span>%s</div>
<h1 class="entry-title">%s</h1></header>
<div class="entry-content">
%s
%s
</div>
<footer class="entry-footer"><span class="cat-tags-links"><span class="cat-links"><span class="screen-reader-text">%s</span>%s</span>%s</span></footer>
</article>
%s
%s
<nav class="navigation post-navigation" aria-label="Posts"><h2 class="screen-reader-text">Post navigation</h2></nav>
%s""" % (post.wp_id, classes, st["posted_on"], canonical or self.href(from_dir, post.path), date_html, byline,
                 html.escape(post.title, quote=False), wrapped, self.share_buttons(post, lang),
                 st["posted_in"], cat_links, ('<span class="tags-links"><span class="screen-reader-text">%s</span>%s</span>' % (st["tagged"], tag_links)) if tag_links else "",
                 self.donate_box(lang), self.related(post, from_dir), comments)
        body_class = "post-template-default single single-post postid-%d single-format-standard wp-embed-responsive has-sidebar" % post.wp_id
        if post.section == "resource":
            body_class = "page-template-default page page-id-%d wp-embed-responsive" % post.wp_id
        out = self.page(head, body_class, lang, from_dir, main, nonce_for(page_path), post.wp_id)
        if "broken" in post.variants:
            out = break_markup(out)
        return out

    def amp(self, post):
        """The AMP copy WordPress's AMP plugin serves at <permalink>amp/."""
        page_path = post.path + "amp/"
        from_dir = page_dir(page_path)
        body_html = self.blocks_html(post, post.blocks, from_dir)
        return """<!doctype html>
<html amp lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<link rel="canonical" href="%s">
<title>%s – ICLMG</title>
<script async src="https://cdn.ampproject.org/v0.js"></script>
<style amp-boilerplate>body{-webkit-animation:-amp-start 8s steps(1,end) 0s 1 normal both;-moz-animation:-amp-start 8s steps(1,end) 0s 1 normal both;animation:-amp-start 8s steps(1,end) 0s 1 normal both}@-webkit-keyframes -amp-start{from{visibility:hidden}to{visibility:visible}}@keyframes -amp-start{from{visibility:hidden}to{visibility:visible}}</style><noscript><style amp-boilerplate>body{-webkit-animation:none;animation:none}</style></noscript>
<style amp-custom>%s</style>
</head>
<body class="">
<header id="top" class="amp-wp-header"><div><a href="%s">ICLMG</a></div></header>
<article class="amp-wp-article">
<header class="amp-wp-article-header"><h1 class="amp-wp-title">%s</h1>
<div class="amp-wp-meta amp-wp-posted-on"><time datetime="%s">%s</time></div></header>
<div class="amp-wp-article-content">
%s
</div>
<footer class="amp-wp-article-footer"><div class="amp-wp-meta amp-wp-tax-category">Categories: %s</div></footer>
</article>
<footer class="amp-wp-footer"><div><h2>ICLMG</h2><a href="#top" class="back-to-top">Back to top</a></div></footer>
</body>
</html>
""" % (self.href(from_dir, post.path), html.escape(post.title, quote=False), bp.AMP_CSS, self.href(from_dir, "/"),
       html.escape(post.title, quote=False), iso_local(post.published), display_date(post.published, post.lang),
       body_html, ", ".join(CATEGORIES[c][0] for c in post.categories if c in CATEGORIES))

    # -- listing pages
    def listing_entry(self, post, how, from_dir, excerpt_words=55):
        """One post on a listing page. how: 'full', 'more' (text before <!--more-->), 'excerpt'."""
        st = STRINGS[post.lang]
        link = self.href(from_dir, post.path)
        date_html = ""
        if post.published:
            date_html = '<span class="posted-on"><span class="screen-reader-text">%s</span> <a href="%s" rel="bookmark"><time class="entry-date published" datetime="%s">%s</time></a></span>' % (
                st["posted_on"], link, iso_local(post.published), display_date(post.published, post.lang))
        more_link = '<a href="%s" class="more-link">%s<span class="screen-reader-text"> "%s"</span></a>' % (
            self.href(from_dir, post.path + "#more-%d" % post.wp_id), st["read_more"], html.escape(post.title, quote=False))
        if how == "full":
            content = '<div class="entry-content">\n%s\n</div>' % self.blocks_html(post, [b for b in post.blocks if b[0] != "more"], from_dir)
        elif how == "more":
            cut = next(i for i, b in enumerate(post.blocks) if b[0] == "more")
            content = '<div class="entry-content">\n%s\n<p>%s</p>\n</div>' % (self.blocks_html(post, post.blocks[:cut], from_dir), more_link)
        else:
            words = post.excerpt_words()
            text = " ".join(words[:excerpt_words]) + (" […]" if len(words) > excerpt_words else "")
            content = '<div class="entry-summary">\n<p>%s</p>\n<p class="link-more">%s</p>\n</div>' % (html.escape(text, quote=False), more_link)
        classes = "post-%d post type-post status-publish format-standard hentry %s" % (
            post.wp_id, " ".join("category-" + c for c in post.categories))
        return """<article id="post-%d" class="%s">
<header class="entry-header"><div class="entry-meta">%s</div>
<h2 class="entry-title"><a href="%s" rel="bookmark">%s</a></h2></header>
%s
</article>""" % (post.wp_id, classes, date_html, link, html.escape(post.title, quote=False), content)

    def pagination(self, base_path, page_no, total, lang, from_dir):
        if total <= 1:
            return ""
        st = STRINGS[lang]

        def page_path(n):
            return base_path if n == 1 else "%spage/%d/" % (base_path, n)
        parts = ['<span class="pages">%s</span>' % (st["page_of"] % (page_no, total))]
        if page_no > 1:
            parts.append('<a class="first" href="%s">%s</a>' % (self.href(from_dir, page_path(1)), st["first"]))
            parts.append('<a class="prev page-numbers" href="%s">%s</a>' % (self.href(from_dir, page_path(page_no - 1)), st["newer"]))
        window = [n for n in range(page_no - 2, page_no + 3) if 1 <= n <= total]
        for n in window:
            if n == page_no:
                parts.append('<span aria-current="page" class="page-numbers current">%d</span>' % n)
            else:
                parts.append('<a class="page-numbers" href="%s">%d</a>' % (self.href(from_dir, page_path(n)), n))
        for n in range(10, total + 1, 10):
            if n not in window:
                parts.append('<a class="page-numbers larger" href="%s">%d</a>' % (self.href(from_dir, page_path(n)), n))
        if page_no < total:
            parts.append('<a class="next page-numbers" href="%s">%s</a>' % (self.href(from_dir, page_path(page_no + 1)), st["older"]))
            parts.append('<a class="last" href="%s">%s</a>' % (self.href(from_dir, page_path(total)), st["last"]))
        return '<nav class="navigation pagination" aria-label="Posts"><h2 class="screen-reader-text">Posts navigation</h2><div class="nav-links">%s</div></nav>' % "".join(parts)

    def listing(self, lp, entries_html=None):
        """A listing page (news index, category, tag, resources, home). lp: ListingPage;
        entries_html: the entries already rendered with listing_entry(), in order."""
        from_dir = page_dir(lp.path)
        lang = lp.lang
        head = self.head(lp.title if lp.page_no == 1 else "%s – %s" % (lp.title, STRINGS[lang]["page_of"] % (lp.page_no, lp.total)),
                         lang, lp.description, canonical=self.href(from_dir, lp.path),
                         og_url=ORIGIN + lp.path, robots="noindex, follow" if lp.kind == "tag" else None)
        if entries_html is None:
            entries_html = [self.listing_entry(p, how, from_dir, lp.excerpt_words) for p, how in lp.entries]
        entries = "\n".join(entries_html)
        intro = ""
        if lp.kind == "home":
            intro = '<section class="home-hero"><h2>%s</h2><p>%s</p></section>' % (STRINGS[lang]["home_latest"], STRINGS[lang]["tagline"])
        main = """<header class="page-header"><h1 class="page-title">%s</h1>%s</header>
%s
%s
%s
%s""" % (html.escape(lp.heading, quote=False), ('<div class="taxonomy-description"><p>%s</p></div>' % html.escape(lp.description, quote=False)) if lp.kind in ("category", "tag") else "",
         intro, entries, self.pagination(lp.base_path, lp.page_no, lp.total, lang, from_dir),
         self.donate_box(lang) if lp.kind in ("news", "home") else "")
        body_class = {"news": "blog hfeed has-sidebar", "home": "home blog hfeed has-sidebar",
                      "category": "archive category hfeed has-sidebar", "tag": "archive tag hfeed has-sidebar",
                      "resources": "page-template-resources page hfeed has-sidebar"}[lp.kind]
        if lp.page_no > 1:
            body_class += " paged paged-%d" % lp.page_no
        return self.page(head, body_class, lang, from_dir, main, nonce_for(lp.path), 0)


class ListingPage:
    __slots__ = ("path", "base_path", "kind", "lang", "title", "heading", "description",
                 "page_no", "total", "entries", "excerpt_words")

    def __init__(self, path, base_path, kind, lang, title, heading, description, page_no, total, entries, excerpt_words=55):
        self.path, self.base_path, self.kind, self.lang = path, base_path, kind, lang
        self.title, self.heading, self.description = title, heading, description
        self.page_no, self.total, self.entries, self.excerpt_words = page_no, total, entries, excerpt_words


# ---------------------------------------------------------------- helpers

def template_for(post):
    if post.section == "resource":
        return "page"
    if post.doc_type in ("press-release", "brief"):
        return "release"
    if post.doc_type == "event" or "event-template" in post.variants:
        return "event"
    return "classic"


def category_path(slug):
    return ("/fr/category/%s/" if CATEGORIES.get(slug, ("", "en"))[1] == "fr" else "/category/%s/") % slug


def tag_path(slug, lang):
    return ("/fr/tag/%s/" if lang == "fr" else "/tag/%s/") % slug


def page_dir(path):
    """Directory (URL path, no trailing slash) of the file a page is saved to."""
    if path.startswith("/?"):
        return ""
    return path[:-1] if path.endswith("/") else path.rsplit("/", 1)[0]


def page_file(path):
    """File name (relative to the host folder) wget saves URL path `path` to."""
    if path.startswith("/?"):
        return "index.html" + path[1:] + ".html"
    if path.endswith("/"):
        return path[1:] + "index.html"
    return path[1:]


def relpath(target, from_dir):
    """posixpath.relpath for absolute URL paths, without touching the file system."""
    t = target.split("/")[1:]
    f = from_dir.split("/")[1:] if from_dir else []
    i = 0
    while i < len(f) and i < len(t) - 1 and f[i] == t[i]:
        i += 1
    return "../" * (len(f) - i) + "/".join(t[i:])


def nonce_for(path):
    return hashlib.md5(("nonce:" + path).encode()).hexdigest()[:10]


def break_markup(page):
    """Damages a page the way hand-edited or truncated WordPress output is damaged:
    unclosed paragraphs, an unclosed entry-content div, stray closing tags, no </body>."""
    head, sep, rest = page.partition('<div class="entry-content">')
    if not sep:
        return page
    content, sep2, tail = rest.partition("\n</div>\n<footer")
    content = content.replace("</p>\n<p>", "\n<p>", 6)          # paragraphs left open
    content = content.replace("<p>", "<p><b>", 1).replace("</p>", "</div></p>", 1)  # <b> never closed, stray </div>
    content = content.replace("<ul>", "<ul><p>", 1)
    broken = head + '</div>\n<div class="entry-content">' + content + "\n<footer" + tail
    return broken.replace("</body>\n</html>\n", "<!-- page generated in 0.412 seconds -->\n")


# ---------------------------------------------------------------- site structure

class Site:
    """Cross-page facts the renderer needs: recent posts, related posts, what is mirrored."""

    def __init__(self, posts, mirrored_paths, used_categories):
        self.mirrored = set(mirrored_paths)
        self.used_categories = set(used_categories)
        dated = sorted((p for p in posts if p.published), key=lambda p: (p.published, p.wp_id), reverse=True)
        self._recent = {lang: [p for p in dated if p.lang == lang][:5] for lang in ("en", "fr")}
        self._years = {lang: sorted({p.published.year for p in dated if p.lang == lang}, reverse=True) for lang in ("en", "fr")}
        by_cat = {}
        for p in dated:
            if p.categories:
                by_cat.setdefault(p.categories[0], []).append(p)
        self._pos = {}
        for lst in by_cat.values():
            for i, p in enumerate(lst):
                self._pos[p.wp_id] = (lst, i)

    def is_mirrored(self, path):
        return path in self.mirrored

    def recent_posts(self, lang):
        return self._recent[lang]

    def years(self, lang):
        return self._years[lang]

    def related_posts(self, post):
        if post.wp_id not in self._pos:
            return []
        lst, i = self._pos[post.wp_id]
        out = []
        for j in (i + 1, i - 1, i + 2, i - 2, i + 3):
            if 0 <= j < len(lst) and len(out) < 3:
                out.append(lst[j])
        return out


def paginate(items, per_page):
    return [items[i:i + per_page] for i in range(0, len(items), per_page)] or [[]]


def make_listings(posts, cfg):
    """Listing pages of the site, newest first, and for each post (by wp_id) the URL
    paths of the listing pages that show it (in full, up to <!--more-->, or as an excerpt).

    cfg keys: news_per_page, archive_per_page, categories (slugs to mirror, None = all),
    tags (dict lang -> slugs to mirror), home_count, resources (bool)."""
    dated = sorted((p for p in posts if p.published), key=lambda p: (p.published, p.wp_id), reverse=True)
    pages = []
    seen = {}

    def add(kind, lang, base, title, heading, description, items, per_page, how_fn, excerpt_words=55):
        chunks = paginate(items, per_page)
        for n, chunk in enumerate(chunks, 1):
            path = base if n == 1 else "%spage/%d/" % (base, n)
            entries = [(p, how_fn(p)) for p in chunk]
            pages.append(ListingPage(path, base, kind, lang, title, heading, description, n, len(chunks), entries, excerpt_words))
            for p in chunk:
                seen.setdefault(p.wp_id, []).append(path)

    news_how = lambda p: "more" if p.has_more() else "full"
    excerpt = lambda p: "excerpt"
    en = [p for p in dated if p.lang == "en"]
    fr = [p for p in dated if p.lang == "fr"]
    if cfg.get("home_count"):
        add("home", "en", "/", SITE_NAME["en"], SITE_NAME["en"], STRINGS["en"]["tagline"], en[:cfg["home_count"]], cfg["home_count"], excerpt, 30)
    add("news", "en", "/news/", "News", "News from ICLMG", "News, letters and statements of the coalition.", en, cfg["news_per_page"], news_how)
    if fr:
        add("news", "fr", "/fr/nouvelles/", "Nouvelles", "Nouvelles de la CSILC", "Nouvelles, lettres et déclarations de la Coalition.", fr, cfg["news_per_page"], news_how)
    cats = cfg.get("categories")
    for slug, (label, lang) in CATEGORIES.items():
        if cats is not None and slug not in cats:
            continue
        items = [p for p in dated if slug in p.categories]
        if items:
            desc = ("Toutes les publications classées « %s »." if lang == "fr" else "Everything we have published under %s.") % label
            add("category", lang, category_path(slug), label, (("Catégorie : %s" if lang == "fr" else "Category: %s") % label), desc,
                items, cfg["archive_per_page"], excerpt)
    for lang, slugs in cfg.get("tags", {}).items():
        for slug in slugs:
            items = [p for p in dated if p.lang == lang and slug in p.tags]
            if items:
                label = slug.replace("-", " ")
                desc = ("Publications étiquetées « %s »." if lang == "fr" else "Posts tagged %s.") % label
                add("tag", lang, tag_path(slug, lang), label.capitalize(), (("Étiquette : %s" if lang == "fr" else "Tag: %s") % label), desc,
                    items, cfg["archive_per_page"], excerpt)
    if cfg.get("resources"):
        res = sorted((p for p in posts if p.section == "resource"), key=lambda p: p.wp_id)
        if res:
            add("resources", "en", "/resources/", "Resources", "Resources", "Guides, fact sheets and statements of principle.", res, 20, excerpt)
    return pages, seen
