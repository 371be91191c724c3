#!/usr/bin/env python3
"""Writes the sample pages of this folder (see README.md). Run it here: python3 make_samples.py"""
import random


def page(title, body, head_extra=""):
    return f"""<!DOCTYPE html>
<html lang="fr">
<head>
{head_extra}<title>{title}</title>
</head>
<body>
<article>
<h1>{title}</h1>
{body}
</article>
</body>
</html>
"""


fr_title = "Lettre au ministre de la Sécurité publique"
fr_body = """<p>Le 14 août 2018 — La Coalition pour la surveillance internationale des libertés civiles écrit au ministre :</p>
<p>« Nous sommes préoccupés par l’élargissement des pouvoirs de communication d’information. »</p>
<p>Signé : Tim McSorley, coordonnateur national</p>"""
en_title = "Open letter on the “no-fly list” redress process"
en_body = """<p>August 14, 2018 — The coalition’s members wrote to the Minister of Public Safety about the “Secure Air Travel Act”.</p>
<p>We ask that the redress process be reviewed by a judge – not a délégué of the minister.</p>
<p>Signed: the café owners’ association, Montréal</p>"""


def write(name, data):
    with open(name, "wb") as f:
        f.write(data)


write("cp1252-no-declaration.html", page(en_title, en_body).encode("cp1252"))
write("utf8-bom.html", b"\xef\xbb\xbf" + page(fr_title, fr_body).encode("utf-8"))
write("utf16le-bom.html", b"\xff\xfe" + page(fr_title, fr_body).encode("utf-16-le"))
write("meta-utf8-but-latin1.html",
      page(fr_title, fr_body.replace("—", "-").replace("’", "'"), '<meta charset="utf-8">\n').encode("cp1252"))
write("iso-8859-1-declared.html",
      page(fr_title, fr_body + "\n<p>Don : 20 €</p>",
           '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">\n').encode("cp1252"))
good = page(fr_title, fr_body, '<meta charset="utf-8">\n').encode("utf-8")
write("invalid-utf8.html",
      good.replace(b"</article>", b"<p>bad: [\x80] [\xc0\xaf] [\xed\xa0\x80] [\xe2\x82] [\xff] end</p>\n</article>"))
ru = page("Открытое письмо министру общественной безопасности",
          "<p>Коалиция по международному наблюдению за гражданскими свободами направила министру письмо о законе о "
          "национальной безопасности. Мы просим пересмотреть полномочия по обмену информацией и обеспечить "
          "независимый надзор.</p>")
write("cp1251-no-declaration.html", ru.encode("cp1251"))
rnd = random.Random(7)
write("png-named.html", b"\x89PNG\r\n\x1a\n" + bytes(rnd.randrange(256) for _ in range(2000)))
write("random-bytes.html", bytes(rnd.randrange(256) for _ in range(4096)))
