"""gen_vocab.py — what ../generate writes posts from: federal ministers with their
portfolios and terms, committees, bills, people, places, and per topic the
sentences (English and French) that make a post about it.

Every topic sentence carries exactly one evidence phrase of its own topic (the
phrases of tools/check_labels.py) and none of another topic's, so a post's topics
are exactly the ones it was built around; a "passing" sentence mentions a topic
once, which by the rules of LABELLING.md does not make the post about it.
"""

import datetime

D = datetime.date.fromisoformat

# (portfolio key, English title, French title)
PORTFOLIOS = {
    "pm": ("Prime Minister of Canada", "premier ministre du Canada"),
    "ps": ("Minister of Public Safety and Emergency Preparedness", "ministre de la Sécurité publique et de la Protection civile"),
    "justice": ("Minister of Justice and Attorney General of Canada", "ministre de la Justice et procureur général du Canada"),
    "immigration": ("Minister of Citizenship and Immigration", "ministre de la Citoyenneté et de l’Immigration"),
    "ircc": ("Minister of Immigration, Refugees and Citizenship", "ministre de l’Immigration, des Réfugiés et de la Citoyenneté"),
    "foreign": ("Minister of Foreign Affairs", "ministre des Affaires étrangères"),
    "defence": ("Minister of National Defence", "ministre de la Défense nationale"),
    "border": ("Minister of Border Security and Organized Crime Reduction", "ministre de la Sécurité frontalière et de la Réduction du crime organisé"),
}

# Holders: (portfolio, name, gender, start, end or None). Dates are swearing-in dates;
# a holder holds the office on start <= date < end. Sources: the Parliament of Canada's
# ministry lists (see corpus/README.md, "Ministers and terms").
MINISTERS = [
    ("pm", "Paul Martin", "m", "2003-12-12", "2006-02-06"),
    ("pm", "Stephen Harper", "m", "2006-02-06", "2015-11-04"),
    ("pm", "Justin Trudeau", "m", "2015-11-04", "2025-03-14"),
    ("pm", "Mark Carney", "m", "2025-03-14", None),
    ("ps", "Anne McLellan", "f", "2003-12-12", "2006-02-06"),
    ("ps", "Stockwell Day", "m", "2006-02-06", "2008-10-30"),
    ("ps", "Peter Van Loan", "m", "2008-10-30", "2010-01-19"),
    ("ps", "Vic Toews", "m", "2010-01-19", "2013-07-15"),
    ("ps", "Steven Blaney", "m", "2013-07-15", "2015-11-04"),
    ("ps", "Ralph Goodale", "m", "2015-11-04", "2019-11-20"),
    ("ps", "Bill Blair", "m", "2019-11-20", "2021-10-26"),
    ("ps", "Marco Mendicino", "m", "2021-10-26", "2023-07-26"),
    ("ps", "Dominic LeBlanc", "m", "2023-07-26", "2024-12-20"),
    ("ps", "David McGuinty", "m", "2024-12-20", "2025-05-13"),
    ("ps", "Gary Anandasangaree", "m", "2025-05-13", None),
    ("justice", "Irwin Cotler", "m", "2003-12-12", "2006-02-06"),
    ("justice", "Vic Toews", "m", "2006-02-06", "2007-01-04"),
    ("justice", "Rob Nicholson", "m", "2007-01-04", "2013-07-15"),
    ("justice", "Peter MacKay", "m", "2013-07-15", "2015-11-04"),
    ("justice", "Jody Wilson-Raybould", "f", "2015-11-04", "2019-01-14"),
    ("justice", "David Lametti", "m", "2019-01-14", "2023-07-26"),
    ("justice", "Arif Virani", "m", "2023-07-26", "2025-05-13"),
    ("justice", "Sean Fraser", "m", "2025-05-13", None),
    ("immigration", "Joe Volpe", "m", "2005-01-14", "2006-02-06"),
    ("immigration", "Monte Solberg", "m", "2006-02-06", "2007-01-04"),
    ("immigration", "Diane Finley", "f", "2007-01-04", "2008-10-30"),
    ("immigration", "Jason Kenney", "m", "2008-10-30", "2013-07-15"),
    ("immigration", "Chris Alexander", "m", "2013-07-15", "2015-11-04"),
    ("ircc", "John McCallum", "m", "2015-11-04", "2017-01-10"),
    ("ircc", "Ahmed Hussen", "m", "2017-01-10", "2019-11-20"),
    ("ircc", "Marco Mendicino", "m", "2019-11-20", "2021-10-26"),
    ("ircc", "Sean Fraser", "m", "2021-10-26", "2023-07-26"),
    ("ircc", "Marc Miller", "m", "2023-07-26", "2025-05-13"),
    ("ircc", "Lena Metlege Diab", "f", "2025-05-13", None),
    ("foreign", "Pierre Pettigrew", "m", "2004-07-20", "2006-02-06"),
    ("foreign", "Peter MacKay", "m", "2006-02-06", "2007-08-14"),
    ("foreign", "Maxime Bernier", "m", "2007-08-14", "2008-05-26"),
    ("foreign", "David Emerson", "m", "2008-05-26", "2008-10-30"),
    ("foreign", "Lawrence Cannon", "m", "2008-10-30", "2011-05-18"),
    ("foreign", "John Baird", "m", "2011-05-18", "2015-02-03"),
    ("foreign", "Rob Nicholson", "m", "2015-02-09", "2015-11-04"),
    ("foreign", "Stéphane Dion", "m", "2015-11-04", "2017-01-10"),
    ("foreign", "Chrystia Freeland", "f", "2017-01-10", "2019-11-20"),
    ("foreign", "François-Philippe Champagne", "m", "2019-11-20", "2021-01-12"),
    ("foreign", "Marc Garneau", "m", "2021-01-12", "2021-10-26"),
    ("foreign", "Mélanie Joly", "f", "2021-10-26", "2025-05-13"),
    ("foreign", "Anita Anand", "f", "2025-05-13", None),
    ("defence", "Bill Graham", "m", "2004-07-20", "2006-02-06"),
    ("defence", "Gordon O'Connor", "m", "2006-02-06", "2007-08-14"),
    ("defence", "Peter MacKay", "m", "2007-08-14", "2013-07-15"),
    ("defence", "Rob Nicholson", "m", "2013-07-15", "2015-02-09"),
    ("defence", "Jason Kenney", "m", "2015-02-09", "2015-11-04"),
    ("defence", "Harjit Sajjan", "m", "2015-11-04", "2021-10-26"),
    ("defence", "Anita Anand", "f", "2021-10-26", "2023-07-26"),
    ("defence", "Bill Blair", "m", "2023-07-26", "2025-05-13"),
    ("defence", "David McGuinty", "m", "2025-05-13", None),
    ("border", "Bill Blair", "m", "2018-07-18", "2019-11-20"),
]
MINISTERS = [(p, n, g, D(s), D(e) if e else None) for p, n, g, s, e in MINISTERS]
IMMIGRATION_KEYS = ("immigration", "ircc")


def holder(portfolio, date):
    """(name, gender) of the holder of `portfolio` on `date`, or None."""
    for p, n, g, s, e in MINISTERS:
        if p == portfolio and s <= date and (e is None or date < e):
            return n, g
    return None


def immigration_holder(date):
    return holder("immigration", date) or holder("ircc", date), ("immigration" if date < D("2015-11-04") else "ircc")


def minister_names_on(date):
    """Every person holding any portfolio above on `date`."""
    return {n for p, n, g, s, e in MINISTERS if s <= date and (e is None or date < e)}


def former_holders(portfolio, date):
    """Holders of `portfolio` whose term ended before `date` and who hold nothing on `date`."""
    current = minister_names_on(date)
    return [n for p, n, g, s, e in MINISTERS if p == portfolio and e is not None and e <= date and n not in current]


COMMITTEES = {
    "en": ["House of Commons Standing Committee on Public Safety and National Security",
           "House of Commons Standing Committee on Justice and Human Rights",
           "House of Commons Standing Committee on Citizenship and Immigration",
           "Standing Senate Committee on National Security, Defence and Veterans Affairs",
           "Standing Senate Committee on Legal and Constitutional Affairs"],
    "fr": ["Comité permanent de la sécurité publique et nationale de la Chambre des communes",
           "Comité permanent de la justice et des droits de la personne",
           "Comité permanent de la citoyenneté et de l’immigration",
           "Comité sénatorial permanent de la sécurité nationale, de la défense et des anciens combattants",
           "Comité sénatorial permanent des affaires juridiques et constitutionnelles"],
}

FIRST = ["Anne", "Marc", "Sophie", "David", "Nadia", "Paul", "Leila", "Jean", "Fatima", "Michel", "Karen", "Omar",
         "Isabelle", "Daniel", "Amira", "Luc", "Rachel", "Samuel", "Chantal", "Yusuf", "Claire", "Hugo", "Maya",
         "Pierre", "Aisha", "Martin", "Julie", "Tariq", "Nathalie", "Graham", "Ines", "Farid", "Lise", "Ravi"]
LAST = ["Tremblay", "MacLeod", "Bouchard", "Okafor", "Ferreira", "Lindqvist", "Gagnon", "Haddad", "Nguyen",
        "Robichaud", "Sato", "Kowalski", "Barakat", "Leblanc-Ruiz", "Hudson", "Pelletier", "Osei", "Arsenault",
        "Delorme", "Whitcombe", "Benali", "Fraserhill", "Moreau", "Cardinal", "Dumont", "Achterberg", "Rahimi"]
TITLES = {"en": ["National Coordinator", "Executive Director", "President", "Director of Advocacy", "Program Coordinator",
                 "General Secretary", "Chair", "Policy Director", "Co-chair", "Legal Counsel"],
          "fr": ["coordonnatrice nationale", "directeur général", "présidente", "responsable des campagnes",
                 "coordonnateur", "secrétaire générale", "porte-parole", "conseillère juridique"]}
CITIES = ["Halifax", "Moncton", "Sherbrooke", "Trois-Rivières", "Kingston", "Peterborough", "Sudbury", "Thunder Bay",
          "Saskatoon", "Lethbridge", "Kamloops", "Nanaimo", "Whitehorse", "Gatineau", "Rimouski", "Guelph",
          "Windsor", "Brandon", "Red Deer", "Victoria", "Fredericton", "Charlottetown"]
LOCAL_KINDS = {"en": ["{c} Coalition for Civil Liberties", "{c} Committee for Newcomer Rights", "Friends of Human Rights {c}",
                      "{c} Peace and Justice Circle", "{c} Network for Equal Treatment"],
               "fr": ["Comité de vigilance citoyenne de {c}", "Collectif pour les droits des personnes migrantes de {c}",
                      "Réseau solidarité justice {c}"]}

# Organisations the generator signs with: canonical names of corpus/orgs.tsv (aliases come from there).
GEN_ORGS = ["International Civil Liberties Monitoring Group", "Amnesty International Canada",
            "Amnistie internationale Canada francophone", "Canadian Council for Refugees",
            "British Columbia Civil Liberties Association", "Canadian Civil Liberties Association",
            "National Council of Canadian Muslims", "Canadian Muslim Lawyers Association", "Ligue des droits et libertés",
            "OpenMedia", "Canadian Association of University Teachers", "Canadian Labour Congress", "Greenpeace Canada",
            "Inter Pares", "Canadian Voice of Women for Peace", "Canadian Arab Federation", "Independent Jewish Voices Canada",
            "Canadian Friends Service Committee", "Public Service Alliance of Canada", "Confédération des syndicats nationaux",
            "KAIROS Canada", "Oxfam Canada", "Canadian Council of Churches", "Ontario Council of Agencies Serving Immigrants",
            "Table de concertation des organismes au service des personnes réfugiées et immigrantes", "PEN Canada",
            "Canadian Journalists for Free Expression", "Canadian Unitarian Council", "United Church of Canada"]

# Bills by the years they were before Parliament: (number, short title en, short title fr, first year, last year)
BILLS = [
    ("C-3", "the security certificate and special advocate bill", "le projet de loi sur les certificats et les avocats spéciaux", 2007, 2008),
    ("C-30", "the Protecting Children from Internet Predators Act", "la Loi sur la protection des enfants contre les cyberprédateurs", 2012, 2013),
    ("C-51", "the Anti-terrorism Act, 2015", "la Loi antiterroriste de 2015", 2015, 2015),
    ("C-59", "the National Security Act, 2017", "la Loi de 2017 sur la sécurité nationale", 2017, 2019),
    ("C-21", "the bill amending the Customs Act", "le projet de loi modifiant la Loi sur les douanes", 2017, 2018),
    ("C-20", "the Public Complaints and Review Commission Act", "la Loi sur la Commission d’examen et de traitement des plaintes du public", 2022, 2024),
    ("C-70", "the Countering Foreign Interference Act", "la Loi sur la lutte contre l’ingérence étrangère", 2024, 2024),
    ("C-2", "the Strong Borders Act", "la Loi visant une sécurité rigoureuse à la frontière", 2025, 2025),
]

# Topic vocabulary. For each topic and language:
#   name: how titles name it; head: a headline fragment;
#   sent: sentences about it (each with one evidence phrase of this topic, none of another);
#   passing: one sentence mentioning it once, for posts about something else;
#   ask: a request ending a letter or release.
TOPICS = {
    "security-certificates": {
        "en": {"name": "Security certificates", "head": "end the security certificate regime",
               "sent": ["Security certificates allow the government to detain and deport non-citizens on the basis of secret evidence.",
                        "For years, the men named in security certificates lived under conditions few Canadians could imagine.",
                        "No one named in a security certificate has ever seen the full case against him.",
                        "Special advocates have not made the security certificate process fair.",
                        "The security certificate regime creates a second, secret system of justice for non-citizens."],
               "passing": "We have raised similar concerns about security certificates in the past.",
               "ask": "abolish security certificates and rely on the criminal courts"},
        "fr": {"name": "Certificats de sécurité", "head": "abolir le régime des certificats de sécurité",
               "sent": ["Les certificats de sécurité permettent de détenir des non-citoyens sur la foi d’une preuve secrète.",
                        "Aucune personne visée par un certificat de sécurité n’a pu voir toute la preuve retenue contre elle.",
                        "Le régime des certificats de sécurité crée une justice parallèle et secrète.",
                        "Les avocats spéciaux n’ont pas rendu équitable la procédure des certificats de sécurité."],
               "passing": "Nous avons exprimé des réserves semblables au sujet des certificats de sécurité.",
               "ask": "abolir les certificats de sécurité et s’en remettre aux tribunaux criminels"}},
    "extradition": {
        "en": {"name": "Extradition", "head": "reform the Extradition Act",
               "sent": ["The Extradition Act allows a person to be surrendered on a record of the case that no court can truly test.",
                        "Canadians have been extradited to face years of pre-trial detention abroad.",
                        "A committal judge cannot refuse extradition even when the evidence is weak.",
                        "The government should review how extradition requests are handled before the next case arrives."],
               "passing": "Our coalition has also called for changes to the law on extradition.",
               "ask": "launch a public review of the Extradition Act"},
        "fr": {"name": "Extradition", "head": "réformer la Loi sur l’extradition",
               "sent": ["La Loi sur l’extradition permet de livrer une personne sur la foi d’un dossier que le juge ne peut pas vraiment examiner.",
                        "Des Canadiens ont été extradés vers des pays où ils ont passé des années en détention avant procès.",
                        "Le juge ne peut refuser l’extradition même lorsque la preuve est faible."],
               "passing": "La Coalition demande aussi depuis longtemps une réforme des règles d’extradition.",
               "ask": "entreprendre un examen public de la Loi sur l’extradition"}},
    "torture": {
        "en": {"name": "Complicity in torture", "head": "no complicity in torture",
               "sent": ["Canada has an absolute obligation never to contribute to torture, directly or indirectly.",
                        "Information obtained under torture is unreliable as well as unlawful.",
                        "Several Canadians were tortured abroad after information about them was passed to foreign agencies.",
                        "The prohibition of torture admits no exception, whatever the security concern invoked."],
               "passing": "The absolute prohibition of torture must also guide this work.",
               "ask": "end any use of information that may have been obtained through torture"},
        "fr": {"name": "Complicité de torture", "head": "aucune complicité dans la torture",
               "sent": ["Le Canada a l’obligation absolue de ne jamais contribuer à la torture.",
                        "Les renseignements obtenus sous la torture sont à la fois illégaux et peu fiables.",
                        "Des Canadiens ont été torturés à l’étranger après que des renseignements à leur sujet eurent été transmis."],
               "passing": "L’interdiction absolue de la torture doit aussi guider ce travail.",
               "ask": "interdire toute utilisation de renseignements obtenus sous la torture"}},
    "refugees-immigration": {
        "en": {"name": "Refugee protection", "head": "protect the right to claim asylum",
               "sent": ["People who seek asylum in Canada are entitled to a fair hearing.",
                        "Refugee claimants are too often described as a threat rather than as people fleeing persecution.",
                        "The proposed rules would deny many refugee claimants a full hearing before an independent tribunal.",
                        "A refugee fleeing persecution should never be returned without a careful review of the risk."],
               "passing": "Its effect on people seeking asylum deserves study as well.",
               "ask": "guarantee every refugee claimant a full and fair hearing"},
        "fr": {"name": "Protection des personnes réfugiées", "head": "protéger le droit d’asile",
               "sent": ["Les personnes qui demandent l’asile au Canada ont droit à une audience équitable.",
                        "Les personnes réfugiées sont trop souvent présentées comme une menace.",
                        "Les nouvelles règles priveraient de nombreuses personnes réfugiées d’une audience complète."],
               "passing": "Ses effets sur les personnes qui demandent l’asile méritent aussi d’être étudiés.",
               "ask": "garantir à toute personne réfugiée une audience complète et équitable"}},
    "border-security": {
        "en": {"name": "Border security", "head": "border security without fear-mongering",
               "sent": ["Border security has become a political slogan more than a policy.",
                        "The Safe Third Country Agreement pushes people toward irregular crossings.",
                        "Framing every question as one of border security feeds public fear.",
                        "New powers at ports of entry have been adopted with little debate."],
               "passing": "The debate on border security touches on this question too.",
               "ask": "base border policy on evidence and on Canada’s human rights obligations"},
        "fr": {"name": "Sécurité frontalière", "head": "la sécurité frontalière sans alarmisme",
               "sent": ["La sécurité frontalière est devenue un slogan politique plus qu’une politique.",
                        "L’Entente sur les tiers pays sûrs pousse des personnes vers des passages irréguliers.",
                        "Présenter chaque question sous l’angle de la sécurité frontalière alimente la peur."],
               "passing": "Le débat sur la sécurité frontalière touche aussi cette question.",
               "ask": "fonder la politique frontalière sur les faits et sur les obligations du Canada"}},
    "no-fly-list": {
        "en": {"name": "The no-fly list", "head": "fix the no-fly list",
               "sent": ["Travellers who share a name with someone on the no-fly list are stopped again and again.",
                        "The Passenger Protect Program gives listed people no real chance to clear their names.",
                        "Children have been flagged at airport counters because of the no-fly list.",
                        "A redress system for the no-fly list was promised years ago."],
               "passing": "The same lack of redress affects people caught by the no-fly list.",
               "ask": "create a working redress system for the no-fly list"},
        "fr": {"name": "La liste d’interdiction de vol", "head": "corriger la liste d’interdiction de vol",
               "sent": ["Des voyageurs qui portent le même nom qu’une personne inscrite sur la liste d’interdiction de vol sont retenus à chaque départ.",
                        "Le Programme de protection des passagers n’offre aucun recours réel.",
                        "Des enfants ont été signalés au comptoir d’enregistrement à cause de la liste d’interdiction de vol."],
               "passing": "Le même manque de recours touche les personnes visées par la liste d’interdiction de vol.",
               "ask": "mettre en place un véritable mécanisme de recours pour la liste d’interdiction de vol"}},
    "surveillance": {
        "en": {"name": "Mass surveillance", "head": "no to mass surveillance",
               "sent": ["Mass surveillance treats everyone as a suspect.",
                        "Metadata can reveal as much about a person as the content of a conversation.",
                        "The collection of data on people who are not suspected of anything is surveillance, whatever it is called.",
                        "Surveillance of protest movements chills democratic participation."],
               "passing": "It also raises familiar questions about surveillance.",
               "ask": "end the bulk collection of data about people in Canada"},
        "fr": {"name": "Surveillance de masse", "head": "non à la surveillance de masse",
               "sent": ["La surveillance de masse fait de chaque personne un suspect.",
                        "Les métadonnées en disent autant sur une personne que le contenu de ses conversations.",
                        "La surveillance des mouvements de contestation nuit à la participation démocratique."],
               "passing": "Il soulève aussi des questions connues en matière de surveillance.",
               "ask": "mettre fin à la collecte massive de données sur les personnes au Canada"}},
    "national-security-law": {
        "en": {"name": "National security law", "head": "a national security law that respects rights",
               "sent": ["Canada's national security law has grown by accretion since 2001, one exceptional power at a time.",
                        "The Anti-terrorism Act was adopted in haste and has never been fully reviewed.",
                        "Every new national security law has added powers and rarely removed any.",
                        "Parliament should review national security legislation as a whole rather than piece by piece."],
               "passing": "The broader framework of national security law is relevant here as well.",
               "ask": "hold a full public review of Canada's national security law"},
        "fr": {"name": "Lois antiterroristes", "head": "des lois antiterroristes respectueuses des droits",
               "sent": ["Les lois antiterroristes adoptées depuis 2001 ont ajouté pouvoir exceptionnel sur pouvoir exceptionnel.",
                        "La Loi antiterroriste a été adoptée à la hâte et n’a jamais été entièrement réexaminée.",
                        "Chaque nouvelle loi antiterroriste a élargi les pouvoirs de l’État."],
               "passing": "Le cadre plus large des lois antiterroristes est aussi en cause.",
               "ask": "tenir un examen public complet des lois antiterroristes"}},
    "csis": {
        "en": {"name": "CSIS", "head": "CSIS must answer for its conduct",
               "sent": ["CSIS now has powers that go well beyond collecting intelligence.",
                        "The Canadian Security Intelligence Service has misled the Federal Court more than once.",
                        "People visited by CSIS agents often do not know their rights.",
                        "CSIS warrants are granted in secret hearings where only the government is heard."],
               "passing": "A similar question arises about CSIS.",
               "ask": "limit CSIS to its intelligence mandate"},
        "fr": {"name": "SCRS", "head": "le SCRS doit rendre des comptes",
               "sent": ["Le SCRS dispose maintenant de pouvoirs qui dépassent de loin la collecte de renseignements.",
                        "Le Service canadien du renseignement de sécurité a induit la Cour fédérale en erreur à plus d’une reprise.",
                        "Les mandats du SCRS sont accordés lors d’audiences secrètes."],
               "passing": "Une question semblable se pose au sujet du SCRS.",
               "ask": "limiter le SCRS à son mandat de renseignement"}},
    "rcmp": {
        "en": {"name": "The RCMP", "head": "the RCMP's national security work needs scrutiny",
               "sent": ["The RCMP's national security investigations have repeatedly targeted people who had done nothing wrong.",
                        "The Royal Canadian Mounted Police has adopted new tools without telling Parliament.",
                        "RCMP officers shared inaccurate information that followed people for years.",
                        "The RCMP should publish how it uses its national security powers."],
               "passing": "The RCMP has faced similar questions.",
               "ask": "require the RCMP to report publicly on its national security activities"},
        "fr": {"name": "La GRC", "head": "le travail de sécurité nationale de la GRC doit être examiné",
               "sent": ["Les enquêtes de la GRC en matière de sécurité nationale ont visé des personnes qui n’avaient rien fait.",
                        "La Gendarmerie royale du Canada a adopté de nouveaux outils sans en informer le Parlement.",
                        "La GRC devrait publier la façon dont elle utilise ses pouvoirs."],
               "passing": "La GRC a fait face à des questions semblables.",
               "ask": "obliger la GRC à rendre compte publiquement de ses activités"}},
    "cbsa": {
        "en": {"name": "The CBSA", "head": "the CBSA must answer to the public",
               "sent": ["The CBSA holds powers of arrest, detention and search with no independent body to hear complaints.",
                        "Travellers have little recourse when CBSA officers search their phones.",
                        "The Canada Border Services Agency continues to hold people in provincial jails.",
                        "CBSA officers make decisions that change lives in minutes."],
               "passing": "The CBSA raises similar concerns.",
               "ask": "create an independent complaints body for the CBSA"},
        "fr": {"name": "L’ASFC", "head": "l’ASFC doit rendre des comptes",
               "sent": ["L’ASFC détient des pouvoirs d’arrestation et de détention sans organisme indépendant pour entendre les plaintes.",
                        "L’Agence des services frontaliers du Canada continue de détenir des personnes dans des prisons provinciales.",
                        "Les agents de l’ASFC prennent en quelques minutes des décisions qui changent des vies."],
               "passing": "L’ASFC soulève des préoccupations semblables.",
               "ask": "créer un organisme indépendant de traitement des plaintes pour l’ASFC"}},
    "cse": {
        "en": {"name": "CSE", "head": "CSE's powers need limits",
               "sent": ["CSE can now conduct cyber operations abroad with no independent prior approval.",
                        "The Communications Security Establishment collects information that inevitably includes Canadians' communications.",
                        "CSE's ministerial authorizations remain secret.",
                        "What CSE shares with its Five Eyes partners is still unknown."],
               "passing": "The same is true of CSE.",
               "ask": "subject CSE's cyber operations to independent prior approval"},
        "fr": {"name": "Le CST", "head": "les pouvoirs du CST doivent être encadrés",
               "sent": ["Le Centre de la sécurité des télécommunications peut mener des cyberopérations sans approbation indépendante.",
                        "Les autorisations ministérielles du Centre de la sécurité des télécommunications demeurent secrètes.",
                        "Ce que le Centre de la sécurité des télécommunications partage avec ses alliés reste inconnu."],
               "passing": "Il en va de même pour le Centre de la sécurité des télécommunications.",
               "ask": "soumettre les cyberopérations à une approbation préalable indépendante"}},
    "oversight-review": {
        "en": {"name": "Independent review", "head": "real oversight for national security agencies",
               "sent": ["Without independent review, there is no way to know whether these powers are used lawfully.",
                        "The review body must have access to everything the agencies hold.",
                        "Oversight that arrives years after the fact cannot prevent abuse.",
                        "An expert review agency needs the resources to match the agencies it examines."],
               "passing": "This is one more reason for independent review.",
               "ask": "give the review bodies the powers and resources they need"},
        "fr": {"name": "Examen indépendant", "head": "un véritable examen indépendant",
               "sent": ["Sans examen indépendant, impossible de savoir si ces pouvoirs sont utilisés légalement.",
                        "Le mécanisme d’examen doit avoir accès à toute l’information détenue par les organismes.",
                        "Un examen indépendant qui arrive des années plus tard ne prévient aucun abus."],
               "passing": "C’est une raison de plus d’exiger un examen indépendant.",
               "ask": "donner aux organismes d’examen les pouvoirs et les ressources nécessaires"}},
    "information-sharing": {
        "en": {"name": "Information sharing", "head": "limits on information sharing",
               "sent": ["Information sharing between agencies has grown far faster than the rules that govern it.",
                        "Information shared with foreign agencies cannot be recalled.",
                        "The sharing of information must be recorded so that it can be reviewed.",
                        "Inaccurate information shared abroad has cost people their liberty."],
               "passing": "It would also widen information sharing.",
               "ask": "set clear, public rules for information sharing with foreign agencies"},
        "fr": {"name": "Échange de renseignements", "head": "encadrer l’échange de renseignements",
               "sent": ["L’échange de renseignements entre organismes s’est accru bien plus vite que ses règles.",
                        "Des renseignements erronés ont été transmis à l’étranger ; cet échange de renseignements a coûté leur liberté à des personnes.",
                        "Tout échange de renseignements doit être consigné pour pouvoir être examiné."],
               "passing": "Il élargirait aussi l’échange de renseignements.",
               "ask": "adopter des règles claires et publiques pour l’échange de renseignements"}},
    "racial-profiling": {
        "en": {"name": "Racial profiling", "head": "end racial profiling in national security",
               "sent": ["Racial profiling makes no one safer.",
                        "Muslim, Arab and Black travellers describe racial profiling at every step of their journeys.",
                        "Without race-based data, racial profiling cannot be measured or ended.",
                        "Communities subjected to racial profiling lose trust in public institutions."],
               "passing": "Concerns about racial profiling are relevant here.",
               "ask": "collect race-based data and ban racial profiling explicitly"},
        "fr": {"name": "Profilage racial", "head": "mettre fin au profilage racial",
               "sent": ["Le profilage racial ne rend personne plus en sécurité.",
                        "Des voyageurs racisés décrivent un profilage racial à chaque étape de leur voyage.",
                        "Sans données fondées sur la race, le profilage racial ne peut être mesuré."],
               "passing": "Les préoccupations relatives au profilage racial sont pertinentes.",
               "ask": "interdire explicitement le profilage racial"}},
    "islamophobia": {
        "en": {"name": "Islamophobia", "head": "confront Islamophobia",
               "sent": ["Islamophobia is built into institutions as well as into individual acts of hatred.",
                        "Muslim communities have faced a rise in Islamophobic attacks.",
                        "A national strategy against Islamophobia must include the practices of security agencies.",
                        "Islamophobia thrives when political leaders treat Muslims as a problem to be managed."],
               "passing": "Islamophobia is part of this context.",
               "ask": "adopt a national strategy against Islamophobia"},
        "fr": {"name": "Islamophobie", "head": "combattre l’islamophobie",
               "sent": ["L’islamophobie se loge dans les institutions autant que dans les actes haineux.",
                        "Les communautés musulmanes font face à une montée de l’islamophobie.",
                        "Une stratégie nationale contre l’islamophobie doit viser les pratiques des organismes de sécurité."],
               "passing": "L’islamophobie fait partie de ce contexte.",
               "ask": "adopter une stratégie nationale contre l’islamophobie"}},
    "terrorism-financing-charities": {
        "en": {"name": "Charities and terrorist financing", "head": "stop treating charities as suspects",
               "sent": ["Charities working in conflict zones fear prosecution for ordinary humanitarian work.",
                        "Terrorist financing rules have fallen hardest on Muslim-led charities.",
                        "Charities facing revocation cannot see the evidence against them.",
                        "The fight against terrorist financing should not shut down legitimate relief work."],
               "passing": "Charities have raised the same problem.",
               "ask": "create a clear humanitarian exemption for charities"},
        "fr": {"name": "Organismes de bienfaisance et financement du terrorisme", "head": "cesser de traiter les organismes de bienfaisance en suspects",
               "sent": ["Les organismes de bienfaisance actifs dans les zones de conflit craignent des poursuites.",
                        "Les règles sur le financement du terrorisme frappent surtout les organismes de bienfaisance musulmans.",
                        "Les organismes de bienfaisance menacés de révocation ne voient pas la preuve retenue contre eux."],
               "passing": "Les organismes de bienfaisance ont soulevé le même problème.",
               "ask": "créer une exemption humanitaire claire"}},
    "drones": {
        "en": {"name": "Armed drones", "head": "no armed drones without rules",
               "sent": ["Armed drones have made killing at a distance easier and more secret.",
                        "Canada has no public policy on the use of armed drones.",
                        "Drone strikes abroad have killed civilians who were never identified.",
                        "Parliament has never debated the purchase of armed drones."],
               "passing": "The same reasoning applies to armed drones.",
               "ask": "publish a policy on armed drones before any purchase"},
        "fr": {"name": "Drones armés", "head": "pas de drones armés sans règles",
               "sent": ["Les drones armés rendent les frappes à distance plus faciles et plus secrètes.",
                        "Le Canada n’a aucune politique publique sur l’usage des drones armés.",
                        "Le Parlement n’a jamais débattu de l’achat de drones armés."],
               "passing": "Le même raisonnement vaut pour les drones armés.",
               "ask": "publier une politique sur les drones armés avant tout achat"}},
    "guantanamo": {
        "en": {"name": "Guantanamo", "head": "close Guantanamo",
               "sent": ["Guantanamo remains a place outside the law.",
                        "Men held at Guantanamo for two decades have never been charged.",
                        "Canada should press for the closure of Guantanamo.",
                        "The military commissions at Guantanamo do not meet fair trial standards."],
               "passing": "The lessons of Guantanamo are relevant here.",
               "ask": "call publicly for the closure of Guantanamo"},
        "fr": {"name": "Guantanamo", "head": "fermer Guantanamo",
               "sent": ["Guantanamo demeure un lieu hors du droit.",
                        "Des hommes détenus à Guantanamo depuis vingt ans n’ont jamais été accusés.",
                        "Le Canada devrait réclamer la fermeture de Guantanamo."],
               "passing": "Les leçons de Guantanamo sont pertinentes ici.",
               "ask": "demander publiquement la fermeture de Guantanamo"}},
    "facial-recognition": {
        "en": {"name": "Facial recognition", "head": "ban facial recognition by federal agencies",
               "sent": ["Facial recognition allows people to be identified in public without their knowledge.",
                        "Police forces adopted facial recognition tools before any law governed them.",
                        "Facial recognition systems misidentify racialized people far more often.",
                        "A moratorium on facial recognition is the minimum Canadians should expect."],
               "passing": "Facial recognition raises related questions.",
               "ask": "ban facial recognition by federal agencies"},
        "fr": {"name": "Reconnaissance faciale", "head": "interdire la reconnaissance faciale",
               "sent": ["La reconnaissance faciale permet d’identifier des personnes à leur insu.",
                        "Des corps policiers ont adopté la reconnaissance faciale avant toute loi.",
                        "Les systèmes de reconnaissance faciale se trompent plus souvent pour les personnes racisées."],
               "passing": "La reconnaissance faciale soulève des questions connexes.",
               "ask": "interdire la reconnaissance faciale par les organismes fédéraux"}},
    "lawful-access": {
        "en": {"name": "Lawful access", "head": "no lawful access without warrants",
               "sent": ["Lawful access proposals keep returning under new names.",
                        "Subscriber information can reveal what a person reads and whom they talk to.",
                        "Warrantless access to data is the heart of every lawful access bill.",
                        "Parliament has rejected lawful access before and should do so again."],
               "passing": "It echoes earlier lawful access proposals.",
               "ask": "require a warrant for any access to subscriber information"},
        "fr": {"name": "Accès légal", "head": "pas d’accès légal sans mandat",
               "sent": ["Les propositions d’accès légal reviennent sans cesse sous de nouveaux noms.",
                        "L’accès légal sans mandat menace la vie privée de toute la population.",
                        "Le Parlement a déjà rejeté l’accès légal et devrait le faire encore."],
               "passing": "Il rappelle d’anciennes propositions d’accès légal.",
               "ask": "exiger un mandat pour tout accès légal aux données"}},
    "free-expression": {
        "en": {"name": "Freedom of expression", "head": "protect freedom of expression",
               "sent": ["Vague speech offences chill freedom of expression.",
                        "Freedom of expression includes the right to say things others find offensive.",
                        "Journalists and academics fear a chilling effect on their work.",
                        "Laws that limit freedom of expression must be precise."],
               "passing": "Freedom of expression is also at stake.",
               "ask": "protect freedom of expression in any new law"},
        "fr": {"name": "Liberté d’expression", "head": "protéger la liberté d’expression",
               "sent": ["Des infractions floues menacent la liberté d’expression.",
                        "La liberté d’expression comprend le droit de dire ce qui dérange.",
                        "Les lois qui limitent la liberté d’expression doivent être précises."],
               "passing": "La liberté d’expression est aussi en jeu.",
               "ask": "protéger la liberté d’expression dans toute nouvelle loi"}},
}

# Portfolios a topic is naturally addressed to.
TOPIC_PORTFOLIOS = {
    "security-certificates": ["ps", "imm"], "extradition": ["justice"], "torture": ["foreign", "ps"],
    "refugees-immigration": ["imm", "ps"], "border-security": ["ps", "imm"], "no-fly-list": ["ps"],
    "surveillance": ["ps", "defence"], "national-security-law": ["ps", "justice"], "csis": ["ps"],
    "rcmp": ["ps"], "cbsa": ["ps"], "cse": ["defence"], "oversight-review": ["ps"],
    "information-sharing": ["ps", "foreign"], "racial-profiling": ["ps"], "islamophobia": ["pm", "ps"],
    "terrorism-financing-charities": ["ps", "justice"], "drones": ["defence", "foreign"],
    "guantanamo": ["foreign"], "facial-recognition": ["ps"], "lawful-access": ["ps", "justice"],
    "free-expression": ["justice"],
}
