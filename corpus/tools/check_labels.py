#!/usr/bin/env python3
"""check_labels.py — reviews the hand labels of corpus/source/posts against the
written rules of corpus/LABELLING.md.

It is a reviewer's aid, not the annotator: for every post it counts the evidence
phrases of each topic (in the title, in the headings, in the lead, in the whole
body; organisation names are masked first so that "Coalition pour la surveillance
..." is not evidence of surveillance), applies the thresholds of LABELLING.md, and
prints where the rule and the hand label disagree. It also checks that every
labelled organisation is written in the text under one of its orgs.tsv aliases,
and that every labelled minister's surname appears.

  python3 corpus/tools/check_labels.py            # disagreements only
  python3 corpus/tools/check_labels.py --counts   # the evidence counts of every post
"""

import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import build_site  # noqa: E402
import wpsite  # noqa: E402

# Evidence phrases per topic, case-insensitive, matched on word boundaries; a final
# "*" makes the phrase a prefix ("tortur*": torture, tortured, torturing).
TOPIC_PHRASES = {
    "security-certificates": ["security certificate*", "security-certificate*", "certificat de sécurité", "certificats de sécurité", "certificat visant", "certificate against", "certificates against"],
    "extradition": ["extradit*", "extrad*"],
    "torture": ["tortur*"],
    "refugees-immigration": ["refugee*", "asylum", "réfugié*", "asile", "deportation*", "deported", "immigration detention", "renvoi*", "expulsion*"],
    "border-security": ["border security", "sécurité frontalière", "safe third country", "tiers pays sûrs", "crossing the border", "border crossing*", "border post*", "poste frontalier", "postes frontaliers", "port of entry", "ports of entry", "exit information", "preclearance", "the border"],
    "no-fly-list": ["no-fly", "no fly", "passenger protect", "secure air travel", "specified persons list", "interdiction de vol", "protection des passagers"],
    "surveillance": ["surveillance", "metadata", "métadonnées", "spying", "espionnage", "tracking", "watched"],
    "national-security-law": ["anti-terrorism act", "antiterroriste*", "national security act", "anti-terrorism law*", "national security law*", "national security legislation", "lois antiterroristes", "loi sur la lutte contre l’ingérence", "countering foreign interference"],
    "csis": ["csis", "canadian security intelligence service", "scrs", "service canadien du renseignement"],
    "rcmp": ["rcmp", "royal canadian mounted police", "grc", "gendarmerie royale"],
    "cbsa": ["cbsa", "canada border services agency", "asfc", "agence des services frontaliers"],
    "cse": ["cse", "csec", "cst", "communications security establishment", "centre de la sécurité des télécommunications"],
    "oversight-review": ["oversight", "review body", "review bodies", "independent review", "review agency", "nsira", "security intelligence review committee", "sirc", "watchdog", "cse commissioner", "intelligence commissioner", "complaints commission", "review and complaints", "public complaints", "examen indépendant", "mécanisme d’examen", "organisme indépendant d’examen"],
    "information-sharing": ["sharing personal information", "sharing of personal information", "information sharing", "information-sharing", "sharing of information", "share information", "shared information", "information shared", "sharing information", "information disclosure", "disclose information", "disclosure of information", "échange de renseignements", "échanger des renseignements", "communiquer des renseignements", "flow of personal information", "personal information flowing"],
    "racial-profiling": ["racial profiling", "profiling", "profilage"],
    "islamophobia": ["islamophob*", "anti-muslim", "islamophobie"],
    "terrorism-financing-charities": ["charit*", "terrorist financing", "terrorism financing", "financing of terrorism", "financement du terrorisme", "organismes de bienfaisance", "organisme de bienfaisance"],
    "drones": ["drone*", "remotely piloted"],
    "guantanamo": ["guantanamo", "guantánamo"],
    "facial-recognition": ["facial recognition", "clearview", "reconnaissance faciale"],
    "lawful-access": ["lawful access", "subscriber information", "accès légal", "warrantless access", "information demand*"],
    "free-expression": ["freedom of expression", "free expression", "free speech", "liberté d’expression", "chilling effect", "speech offence", "chill legitimate"],
}


def load_orgs_tsv(path):
    aliases = {}
    for line in open(path, encoding="utf-8"):
        if not line.strip() or line.startswith("#"):
            continue
        canon, _, rest = line.rstrip("\n").partition("\t")
        aliases[canon] = [canon] + [a for a in rest.split("|") if a]
    return aliases


def norm(s):
    return s.replace("'", "’").lower()


def count(text, phrases):
    t = norm(text)
    n = 0
    # One alternation, longest phrase first, so that overlapping phrases ("racial profiling",
    # "profiling") count a mention once.
    alts = []
    for ph in sorted(phrases, key=len, reverse=True):
        stem = ph.endswith("*")
        alts.append(re.escape(norm(ph.rstrip("*"))) + (r"\w*" if stem else r"(?![\w])"))
    n = len(re.findall(r"(?<![\w-])(?:" + "|".join(alts) + ")", t))
    return n


def body_parts(post):
    heads, paras, everything = [], [], []
    for kind, payload in post.blocks:
        if kind == "h2":
            heads.append(wpsite.strip_inline(payload))
            everything.append(heads[-1])
        elif kind in ("p", "quote"):
            paras.append(wpsite.strip_inline(payload))
            everything.append(paras[-1])
        elif kind in ("ul", "ol", "lines"):
            everything.extend(wpsite.strip_inline(x) for x in payload)
    return heads, paras, everything


# Names that contain evidence words but are not evidence by themselves.
NOT_EVIDENCE = ["Immigration and Refugee Protection Act", "Loi sur l’immigration et la protection des réfugiés",
                "Immigration, Refugees and Citizenship", "Immigration, des Réfugiés et de la Citoyenneté",
                "Minister of Border Security and Organized Crime Reduction",
                "ministre de la Sécurité frontalière et de la Réduction du crime organisé"]


def mask_orgs(text, all_aliases):
    for a in NOT_EVIDENCE:
        text = re.sub(re.escape(a).replace("’", "['’]"), " ", text, flags=re.I)
    for a in sorted(all_aliases, key=len, reverse=True):
        if len(a) > 6:
            text = re.sub(re.escape(a), " ", text, flags=re.I)
    return text


def rule_topics(post, all_aliases):
    heads, paras, everything = body_parts(post)
    title = mask_orgs(post.title, all_aliases)
    lead = mask_orgs(" ".join([x for x in paras if len(x) >= 100][:2]), all_aliases)
    body = mask_orgs("\n".join(everything), all_aliases)
    headings = mask_orgs(" ".join(heads), all_aliases)
    out, counts = set(), {}
    for slug, phrases in TOPIC_PHRASES.items():
        c = (count(title, phrases), count(headings, phrases), count(lead, phrases), count(body, phrases))
        counts[slug] = c
        t, h, l, total = c
        if t or h or (l and total >= 2) or total >= 4:
            out.add(slug)
    return out, counts


def main():
    show_counts = "--counts" in sys.argv
    posts = build_site.load_posts()
    orgs = load_orgs_tsv(os.path.join(build_site.CORPUS, "orgs.tsv"))
    all_aliases = [a for v in orgs.values() for a in v]
    problems = 0
    for p in sorted(posts, key=lambda p: p.path):
        ruled, counts = rule_topics(p, all_aliases)
        labelled = set(p.labels["topics"])
        text = p.title + "\n" + "\n".join(body_parts(p)[2])
        msgs = []
        if ruled != labelled:
            msgs.append("topics: rule %s, label %s" % (sorted(ruled - labelled), sorted(labelled - ruled)))
        for o in p.labels["orgs"]:
            if o not in orgs:
                msgs.append("org not in orgs.tsv: " + o)
            elif not any(norm(a) in norm(text) for a in orgs[o]):
                msgs.append("org not written in the text: " + o)
        for m in p.labels["ministers"]:
            if m.split()[-1].lower() not in text.lower() and "--titles" not in sys.argv:
                msgs.append("minister by title only: " + m)
        if msgs or show_counts:
            print(p.path)
            for m in msgs:
                print("   ", m)
            if show_counts:
                print("   ", {k: v for k, v in counts.items() if v[3]})
        problems += sum(1 for m in msgs if not m.startswith("minister by title"))
    print("%d posts, %d problems" % (len(posts), problems), file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
