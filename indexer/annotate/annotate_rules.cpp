// annotate_rules.cpp — compiling the gazetteers into one PhraseMatcher.
#include "indexer/annotate/annotate_rules.h"

#include <stdexcept>
#include <string_view>

namespace dossier::indexer {
namespace {

// Role words in both languages. Folded and tokenised like the text, so
// "l'honorable" is "l honorable" and "c.c." is "cc".
struct RolePhrase {
  std::string_view phrase;
  RoleWord role;
};
constexpr RolePhrase kRolePhrases[] = {
    {"Minister", RoleWord::kMinister},
    {"ministre", RoleWord::kMinister},
    {"Hon", RoleWord::kMinister},
    {"Honourable", RoleWord::kMinister},
    {"Honorable", RoleWord::kMinister},
    {"l'honorable", RoleWord::kMinister},
    {"Ministers", RoleWord::kMinisters},
    {"ministres", RoleWord::kMinisters},
    {"Dear", RoleWord::kSalutation},
    {"cher", RoleWord::kSalutation},
    {"chère", RoleWord::kSalutation},
    {"Monsieur le Ministre", RoleWord::kSalutation},
    {"Madame la Ministre", RoleWord::kSalutation},
    {"Monsieur le Premier ministre", RoleWord::kSalutation},
    {"Madame la Première ministre", RoleWord::kSalutation},
    {"Mesdames et Messieurs les Ministres", RoleWord::kSalutation},
    {"Messieurs les Ministres", RoleWord::kSalutation},
    {"Mesdames les Ministres", RoleWord::kSalutation},
    {"cc", RoleWord::kCopy},
    {"copy to", RoleWord::kCopy},
    {"copies to", RoleWord::kCopy},
    {"copie conforme", RoleWord::kCopy},
    {"copie à", RoleWord::kCopy},
    {"former", RoleWord::kNotHolder},
    {"then", RoleWord::kNotHolder},
    {"deputy", RoleWord::kNotHolder},
    {"associate", RoleWord::kNotHolder},
    {"vice", RoleWord::kNotHolder},
    {"sous", RoleWord::kNotHolder},
    {"ancien", RoleWord::kNotHolder},
    {"ancienne", RoleWord::kNotHolder},
    {"ex", RoleWord::kNotHolder},
    {"shadow", RoleWord::kNotHolder},
    {"critic", RoleWord::kNotHolder},
    {"provincial", RoleWord::kNotHolder},
    {"Quebec", RoleWord::kNotHolder},
    {"Ontario", RoleWord::kNotHolder},
    {"British", RoleWord::kNotHolder},
    {"Israeli", RoleWord::kNotHolder},
    {"Australian", RoleWord::kNotHolder},
    {"Indian", RoleWord::kNotHolder},
    {"French", RoleWord::kNotHolder},
    {"Egyptian", RoleWord::kNotHolder},
    {"Syrian", RoleWord::kNotHolder},
    {"Sudanese", RoleWord::kNotHolder},
    {"Algerian", RoleWord::kNotHolder},
    {"Pakistani", RoleWord::kNotHolder},
    {"Japanese", RoleWord::kNotHolder},
    {"Chinese", RoleWord::kNotHolder},
    {"American", RoleWord::kNotHolder},
    {"U.S.", RoleWord::kNotHolder},
    {"UK", RoleWord::kNotHolder},
    {"Parliamentary Secretary", RoleWord::kNotHolder},
    {"secrétaire parlementaire", RoleWord::kNotHolder},
};

// Words that make a signature line look like an organisation's name.
constexpr std::string_view kOrgWords[] = {
    "Association",   "Associations", "Council",      "Coalition",    "Campaign",    "Committee",
    "Comité",        "Project",      "Projet",       "Network",      "Réseau",      "Centre",
    "Center",        "Institute",    "Institut",     "Foundation",   "Fondation",   "Federation",
    "Fédération",    "Union",        "Syndicat",     "Alliance",     "Society",     "Société",
    "League",        "Ligue",        "Congress",     "Congrès",      "Group",       "Groupe",
    "Church",        "Churches",     "Église",       "Clinic",       "Clinique",    "Table",
    "Collectif",     "Collective",   "Regroupement", "Amnesty",      "Amnistie",    "Watch",
    "Lawyers",       "Avocats",      "Friends",      "Voices",       "Movement",    "Mouvement",
    "Initiative",    "Forum",        "Organization", "Organisation", "Conseil",     "Confederation",
    "Confédération", "Solidarity",   "Solidarité",   "Caucus",       "Assembly",    "Assemblée",
    "Fund",          "Fonds",        "Mission",      "Secretariat",  "Secrétariat", "Commission",
    "Coordination",  "Front",        "Action",       "Office",       "Bureau",      "Services",
    "Clinic",        "Circle",       "Cercle",       "Chapter",      "Section",     "Institute",
    "Conference",    "Conférence",   "Trust",        "Partnership",  "Partenariat", "Agency",
    "Team",          "Équipe",       "Collective",   "Ministries",   "Diocese",     "Congregation",
    "Sisters",       "Mosque",       "Mosquée",      "Synagogue",    "Lab",         "Laboratory",
    "Cooperative",   "Coopérative",  "Students",     "Étudiants",    "University",  "Université",
    "Inc",           "Ltd",          "Society",      "Club",
};

CueZone parse_zone(const std::string& where) {
  if (where == "title") return CueZone::kTitle;
  if (where == "opening") return CueZone::kOpening;
  if (where == "closing") return CueZone::kClosing;
  if (where == "line") return CueZone::kLine;
  return CueZone::kBody;
}

// "Minister of Public Safety" -> "Public Safety"; "ministre de la Justice" ->
// "Justice": the short names "Ministers of Public Safety and Justice" lists.
std::string_view short_title(std::string_view title) {
  static constexpr std::string_view kLeads[] = {
      "Minister of ",  "Minister for ", "ministre de la ", "ministre de l'",  "ministre de l’",
      "ministre des ", "ministre du ",  "ministre de ",    "Ministre de la ", "Ministre de l'",
      "Ministre des ", "Ministre du ",  "Ministre de "};
  for (std::string_view lead : kLeads)
    if (title.substr(0, lead.size()) == lead) return title.substr(lead.size());
  return {};
}

}  // namespace

AnnotatorRules::AnnotatorRules(const schema::Gazetteers& g) : gazetteers(g) {
  auto add = [this](std::string_view phrase, PhraseKind kind, std::size_t id) {
    if (!matcher.add(phrase, {kind, static_cast<std::uint32_t>(id)}))
      throw std::invalid_argument("annotator: unusable phrase '" + std::string(phrase) + "'");
  };
  for (std::size_t i = 0; i < g.ministers().size(); ++i) {
    const schema::Minister& m = g.ministers()[i];
    add(m.name, PhraseKind::kMinisterName, i);
    for (const auto& a : m.aliases) add(a, PhraseKind::kMinisterName, i);
    for (const auto& s : m.surnames) add(s, PhraseKind::kSurname, i);
  }
  for (std::size_t i = 0; i < g.portfolios().size(); ++i) {
    const schema::Portfolio& p = g.portfolios()[i];
    if (p.key == "prime-minister") prime_minister = static_cast<std::uint32_t>(i);
    std::vector<std::string_view> titles = {p.title_en, p.title_fr};
    for (const auto& v : p.variants) titles.push_back(v);
    for (std::string_view t : titles) {
      add(t, PhraseKind::kPortfolioTitle, i);
      std::string_view s = short_title(t);
      if (!s.empty()) add(s, PhraseKind::kPortfolioShort, i);
    }
  }
  for (const RolePhrase& r : kRolePhrases)
    add(r.phrase, PhraseKind::kRoleWord, static_cast<std::size_t>(r.role));
  for (std::size_t i = 0; i < g.organisations().size(); ++i) {
    const schema::Organisation& o = g.organisations()[i];
    add(o.name, PhraseKind::kOrganisation, i);
    for (const auto& a : o.aliases) add(a, PhraseKind::kOrganisation, i);
  }
  for (std::size_t i = 0; i < g.topics().size(); ++i)
    for (const schema::TopicPhrase& p : g.topics()[i].phrases) {
      add(p.phrase, PhraseKind::kTopicPhrase, topic_phrases.size());
      topic_phrases.push_back({static_cast<std::uint32_t>(i), p.lang, p.weight});
    }
  for (std::size_t i = 0; i < g.doc_types().size(); ++i) {
    const schema::DocType& t = g.doc_types()[i];
    if (t.slug == "other") type_other = static_cast<std::uint32_t>(i);
    for (const schema::TypeCue& c : t.cues) {
      add(c.phrase, PhraseKind::kTypeCue, type_cues.size());
      bool colon = !c.phrase.empty() && c.phrase.back() == ':';
      type_cues.push_back({static_cast<std::uint32_t>(i), parse_zone(c.where), c.weight, colon});
    }
  }
  for (std::string_view w : kOrgWords) add(w, PhraseKind::kOrgWord, 0);
}

}  // namespace dossier::indexer
