// signatories.cpp — locating signature blocks and reading organisations there.
#include "indexer/annotate/signatories.h"

#include <algorithm>

#include "schema/gazetteer.h"

namespace dossier::indexer {
namespace {

// A line with more words than this is prose, not a signature line.
constexpr std::uint32_t kMaxSignatureWords = 16;
// A closing ("Sincerely,", "Thank you,") is a short line...
constexpr std::uint32_t kMaxClosingWords = 8;
// ... or a French formula ("Veuillez agréer, Monsieur le Ministre, ...").
constexpr std::uint32_t kMaxFormulaWords = 24;
// A prose line at least this long ends the signature zone.
constexpr std::uint32_t kProseWords = 22;
// An organisation unknown to the gazetteer needs at least this many words.
constexpr std::size_t kMinUnknownWords = 3;

// How letters, briefs and joint statements close, folded.
constexpr std::string_view kClosings[] = {
    "sincerely",
    "yours sincerely",
    "sincerely yours",
    "yours truly",
    "respectfully",
    "respectfully submitted",
    "respectfully yours",
    "regards",
    "best regards",
    "kind regards",
    "thank you",
    "signed",
    "signatories",
    "signataires",
    "cordialement",
    "veuillez agreer",
    "salutations",
    "solidairement",
    "en toute solidarite",
    "in solidarity",
    "merci",
    "avec nos salutations",
    "respectueusement",
    "with thanks",
    "on behalf of",
    "au nom de",
    "les organisations signataires",
    "the undersigned organizations",
    "co signed by",
    "endorsed by",
    "signed by",
    "appuye par",
    "signee par",
};

// The long closing formulas of French letters, folded.
constexpr std::string_view kFormulas[] = {
    "veuillez agreer",   "nous vous prions d agreer",    "je vous prie d agreer", "recevez",
    "veuillez recevoir", "nous vous prions de recevoir", "dans l attente",
};

// Lines that open a press release's contact block.
constexpr std::string_view kContactLeads[] = {
    "for more information",
    "for information",
    "media contact",
    "media contacts",
    "contact",
    "contacts",
    "renseignements",
    "pour plus d information",
    "pour information",
    "media inquiries",
    "relations avec les medias",
};

// Phrases that introduce the organisers of an event or the authors of a text.
constexpr std::string_view kByLeads[] = {
    "organized by",
    "organised by",
    "co organized by",
    "co organised by",
    "hosted by",
    "co hosted by",
    "presented by",
    "co sponsored by",
    "sponsored by",
    "organise par",
    "organisee par",
    "coorganise par",
    "presente par",
    "submitted by",
    "submission of",
    "brief of",
    "memoire de",
    "memoire presente par",
    "produced by",
    "prepared by",
    "written by",
    "published by",
    "produit par",
    "prepare par",
    "redige par",
    "publie par",
    "une presentation de",
    "in partnership with",
    "en collaboration avec",
    "en partenariat avec",
    "statement of",
    "joint statement of",
    "declaration de",
    "declaration commune de",
};

// Words of a person's title in a signature ("National Coordinator",
// "Coordonnatrice nationale", "parents"), folded.
constexpr std::string_view kPersonTitles[] = {
    "coordinator",  "coordinatrice", "coordonnateur", "coordonnatrice",
    "director",     "directrice",    "directeur",     "president",
    "presidente",   "chair",         "chairperson",   "cochair",
    "co",           "secretary",     "secretaire",    "counsel",
    "officer",      "manager",       "spokesperson",  "porte",
    "treasurer",    "tresorier",     "tresoriere",    "member",
    "membre",       "convenor",      "advisor",       "adviser",
    "conseiller",   "conseillere",   "analyst",       "analyste",
    "campaigner",   "researcher",    "chercheur",     "chercheuse",
    "responsable",  "charge",        "chargee",       "copresident",
    "copresidente", "founder",       "fondateur",     "fondatrice",
    "parent",       "parents",       "executive",     "senior",
    "lawyer",       "avocat",        "avocate",       "professor",
    "professeur",   "professeure",   "organizer",     "organiser",
    "volunteer",    "benevole",      "staff",         "lead",
    "head",         "chief",         "vice",          "deputy",
    "adjoint",      "adjointe",      "agent",         "agente",
};

// Bodies inside an organisation that are not organisations themselves.
constexpr std::string_view kRoleBodies[] = {
    "steering committee",
    "executive committee",
    "board of directors",
    "coordinating committee",
    "comite de coordination",
    "comite executif",
    "conseil d administration",
    "national office",
    "secretariat",
    "board member",
    "program committee",
};

// Words a name may contain in lower case.
constexpr std::string_view kFunctionWords[] = {
    "of",   "the", "and", "for", "to",  "in",  "on",     "at",   "against",
    "with", "de",  "la",  "le",  "les", "des", "du",     "pour", "et",
    "en",   "l",   "d",   "a",   "aux", "sur", "contre", "avec", "s",
};

bool starts_with_any(std::string_view folded, const std::string_view* begin,
                     const std::string_view* end) {
  for (auto it = begin; it != end; ++it) {
    std::string_view p = *it;
    if (folded.size() >= p.size() && folded.compare(0, p.size(), p) == 0 &&
        (folded.size() == p.size() || folded[p.size()] == ' '))
      return true;
  }
  return false;
}

class SignatoryFinder {
 public:
  SignatoryFinder(const AnnotatorRules& rules, const PostText& text)
      : g_(rules.gazetteers), text_(text), lines_(text.lines()) {}

  std::vector<std::string> run(std::string_view type) {
    std::size_t zone = signature_zone();
    for (std::size_t i = zone; i < lines_.size(); ++i) {
      if (is_copy_line(i) || (i > zone && lines_[i].words() >= kProseWords)) break;
      read_signature_line(i);
    }
    if (type == "press-release") read_opening();
    read_byline();
    read_by_phrases();
    return std::move(names_);
  }

 private:
  std::string folded_line(std::size_t i) const {
    std::string out;
    const TextLine& l = lines_[i];
    for (std::uint32_t t = l.first_token; t < l.last_token; ++t) {
      if (!out.empty()) out += ' ';
      out += text_.word(t);
    }
    return out;
  }

  bool is_copy_line(std::size_t i) const {
    const TextLine& l = lines_[i];
    if (l.words() == 0) return false;
    const PhraseMatch* r = text_.match_at(l.first_token, PhraseKind::kRoleWord);
    return r && r->entry.id == static_cast<std::uint32_t>(RoleWord::kCopy);
  }

  bool is_closing(std::size_t i) const {
    std::uint32_t words = lines_[i].words();
    if (words == 0 || words > kMaxFormulaWords) return false;
    std::string f = folded_line(i);
    if (words <= kMaxClosingWords && starts_with_any(f, std::begin(kClosings), std::end(kClosings)))
      return true;
    // French letters close with a whole sentence: "Veuillez agréer, Monsieur le
    // Ministre, l'expression de notre haute considération."
    return starts_with_any(f, std::begin(kFormulas), std::end(kFormulas));
  }

  // "For more information:", "Media contact: Denise Laframboise, ICLMG",
  // "- 30 -": a lead alone on its line or followed by a colon, not a sentence
  // that happens to start so ("For more information and to get involved, visit").
  bool is_contact_lead(std::size_t i) const {
    const TextLine& l = lines_[i];
    if (l.words() == 0 || l.words() > kMaxSignatureWords) return false;
    std::string f = folded_line(i);
    if (f == "30") return true;  // "- 30 -", the end of a press release
    for (std::string_view lead : kContactLeads) {
      if (f.compare(0, lead.size(), lead) != 0) continue;
      if (f.size() == lead.size()) return true;
      std::uint32_t n = 1 + static_cast<std::uint32_t>(std::count(lead.begin(), lead.end(), ' '));
      if (f[lead.size()] == ' ' && text_.tokens()[l.first_token + n - 1].punct_after == ':')
        return true;
    }
    return false;
  }

  // The first line of the signature zone: after the last closing or contact
  // lead; else after the last prose line (a joint letter ending with its list
  // of signatories and no closing).
  std::size_t signature_zone() const {
    for (std::size_t i = lines_.size(); i-- > 1;)
      if (is_closing(i) || is_contact_lead(i)) return i + (is_contact_lead(i) ? 0 : 1);
    std::size_t end = lines_.size();
    while (end > 1 && is_copy_or_after_copy(end - 1)) --end;
    for (std::size_t i = end; i-- > 1;)
      if (lines_[i].words() >= kProseWords) return i + 1;
    return lines_.size();
  }

  bool is_copy_or_after_copy(std::size_t i) const {
    for (std::size_t j = i + 1; j-- > 1;) {
      if (is_copy_line(j)) return lines_[j].paragraph == lines_[i].paragraph;
      if (lines_[j].paragraph != lines_[i].paragraph) return false;
    }
    return false;
  }

  void add(std::string name) {
    std::string key = schema::lookup_key(name);
    for (const std::string& k : keys_)
      if (k == key) return;
    keys_.push_back(std::move(key));
    names_.push_back(std::move(name));
  }

  // Known organisations on tokens [first, last), longest matches, left to right.
  bool read_known(std::uint32_t first, std::uint32_t last) {
    bool any = false;
    for (std::uint32_t pos = first; pos < last;) {
      const PhraseMatch* m = text_.match_at(pos, PhraseKind::kOrganisation);
      if (m && m->end <= last) {
        add(g_.organisations()[m->entry.id].name);
        any = true;
        pos = m->end;
      } else {
        ++pos;
      }
    }
    return any;
  }

  bool has_org_word(std::uint32_t first, std::uint32_t last) const {
    for (std::uint32_t t = first; t < last; ++t)
      if (text_.tokens()[t].capitalised && text_.match_at(t, PhraseKind::kOrgWord)) return true;
    return false;
  }

  bool has_title_word(std::uint32_t first, std::uint32_t last) const {
    for (std::uint32_t t = first; t < last; ++t) {
      std::string_view w = text_.word(t);
      for (std::string_view title : kPersonTitles)
        if (w == title) return true;
    }
    return false;
  }

  // Most content words capitalised, as in a name ("Campaign to Stop Secret
  // Trials in Canada"), not a sentence ("Our coordinator spoke at a forum");
  // or, French style, a name that opens with its organisation word ("Comité
  // de solidarité avec les personnes réfugiées de Sherbrooke").
  bool name_like(std::uint32_t first, std::uint32_t last) const {
    if (text_.tokens()[first].capitalised && text_.match_at(first, PhraseKind::kOrgWord))
      return true;
    int content = 0, capitalised = 0;
    for (std::uint32_t t = first; t < last; ++t) {
      std::string_view w = text_.word(t);
      if (std::find(std::begin(kFunctionWords), std::end(kFunctionWords), w) !=
          std::end(kFunctionWords))
        continue;
      ++content;
      if (text_.tokens()[t].capitalised || (w[0] >= '0' && w[0] <= '9')) ++capitalised;
    }
    return content > 0 && capitalised * 10 >= content * 8;
  }

  // "Luke Brennan", "Hélène Bergeron-Tanguay": two or three capitalised words.
  static bool person_like(std::string_view raw) {
    int words = 0;
    bool in_word = false;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      bool space = raw[i] == ' ';
      if (!space && !in_word) {
        ++words;
        auto c = static_cast<unsigned char>(raw[i]);
        bool upper = (c >= 'A' && c <= 'Z') || c == 0xC3;
        if (!upper) return false;
      }
      in_word = !space;
    }
    return words >= 2 && words <= 3;
  }

  // Phone numbers, e-mail and web addresses, dates, postal codes: not names.
  static bool contact_like(std::string_view raw) {
    int digits = 0;
    for (char c : raw) digits += c >= '0' && c <= '9';
    return digits >= 4 || raw.find('@') != std::string_view::npos ||
           raw.find("http") != std::string_view::npos || raw.find("www.") != std::string_view::npos;
  }

  // "Project Fly Home (Montreal)" -> "Project Fly Home"; "Solidarity Across
  // Borders / Solidarité sans frontières" -> "Solidarity Across Borders".
  static std::string clean_unknown(std::string_view s) {
    if (auto slash = s.find(" / "); slash != std::string_view::npos) s = s.substr(0, slash);
    while (!s.empty() && (s.back() == ' ' || s.back() == ',' || s.back() == '.' || s.back() == ';'))
      s.remove_suffix(1);
    if (!s.empty() && s.back() == ')') {
      auto open = s.rfind('(');
      if (open != std::string_view::npos && open > 0) s = s.substr(0, open);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == ',')) s.remove_suffix(1);
    while (!s.empty() && (s.front() == ' ' || s.front() == '*')) s.remove_prefix(1);
    return std::string(s);
  }

  // A line about a minister ("The Right Honourable Justin Trudeau", "Dear
  // Prime Minister Trudeau") is no organisation.
  bool names_minister(std::uint32_t first, std::uint32_t last) const {
    for (std::uint32_t t = first; t < last; ++t)
      if (text_.match_at(t, PhraseKind::kMinisterName) ||
          text_.match_at(t, PhraseKind::kPortfolioTitle) ||
          text_.match_at(t, PhraseKind::kRoleWord))
        return true;
    return false;
  }

  bool role_only(std::string_view raw) const {
    std::string key = schema::lookup_key(raw);
    for (std::string_view r : kRoleBodies)
      if (key == r) return true;
    return false;
  }

  void read_signature_line(std::size_t i) {
    const TextLine& l = lines_[i];
    if (l.words() == 0 || l.words() > kMaxSignatureWords) return;
    if (read_known(l.first_token, l.last_token)) return;
    if (contact_like(l.raw)) return;
    // An unknown organisation: a comma-separated part of the line that reads
    // like an organisation's name, not a person ("Luke Brennan") nor a title
    // ("National Coordinator", "parents").
    std::uint32_t seg_first = l.first_token;
    std::size_t seg_byte = 0;
    for (std::uint32_t t = l.first_token; t < l.last_token; ++t) {
      bool last_token = t + 1 == l.last_token;
      if (!last_token && text_.tokens()[t].punct_after != ',') continue;
      std::uint32_t seg_last = t + 1;
      std::size_t end_byte = last_token ? l.raw.size() : l.raw.find(',', text_.tokens()[t].end);
      std::string_view seg = l.raw.substr(seg_byte, end_byte - seg_byte);
      while (!seg.empty() && seg.front() == ' ') seg.remove_prefix(1);
      // "Solidarity Across Borders / Solidarité sans frontières": the first name.
      if (auto slash = seg.find(" / "); slash != std::string_view::npos) {
        seg = seg.substr(0, slash);
        std::size_t cut = static_cast<std::size_t>(seg.data() + slash - l.raw.data());
        while (seg_last > seg_first + 1 && text_.tokens()[seg_last - 1].begin >= cut) --seg_last;
      }
      bool whole_line = seg_first == l.first_token && last_token;
      std::uint32_t words = seg_last - seg_first;
      bool org_word = has_org_word(seg_first, seg_last);
      bool looks_like_org = text_.tokens()[seg_first].capitalised &&
                            name_like(seg_first, seg_last) &&
                            !has_title_word(seg_first, seg_last) && !role_only(seg) &&
                            !names_minister(seg_first, seg_last) &&
                            (org_word ? words >= (whole_line ? 2u : kMinUnknownWords)
                                      : whole_line && words >= 4 && !person_like(seg));
      if (looks_like_org) {
        add(clean_unknown(seg));
        return;
      }
      seg_first = seg_last;
      seg_byte = end_byte + 1;
    }
  }

  // A press release speaks for the organisations its first sentence names ("The International Civil
  // Liberties Monitoring Group (ICLMG) welcomes...").
  void read_opening() {
    for (std::size_t i = 1; i < lines_.size(); ++i) {
      const TextLine& l = lines_[i];
      if (l.words() < 8) continue;            // "FOR IMMEDIATE RELEASE", a date line
      std::uint32_t end = l.first_token + 1;  // the first sentence
      while (end < l.last_token && text_.tokens()[end - 1].punct_after != '.') ++end;
      read_known(l.first_token, end);
      return;
    }
  }

  // A byline at the top: "By the International Civil Liberties Monitoring
  // Group", "Par la Coalition pour la surveillance internationale...".
  void read_byline() {
    for (std::size_t i = 1; i < lines_.size() && i <= 3; ++i) {
      const TextLine& l = lines_[i];
      if (l.words() < 2 || l.words() > kMaxClosingWords + 4) continue;
      std::string_view first = text_.word(l.first_token);
      if (first == "by" || first == "par") read_known(l.first_token + 1, l.last_token);
    }
  }

  // "organized by the ICLMG and the Canadian Association of University Teachers".
  void read_by_phrases() {
    for (std::size_t i = 1; i < lines_.size(); ++i) {
      const TextLine& l = lines_[i];
      for (std::uint32_t t = l.first_token; t + 1 < l.last_token; ++t) {
        std::uint32_t skip = lead_length(t, l.last_token);
        if (skip == 0) continue;
        std::uint32_t end = t + skip;  // read to the end of the sentence
        while (end < l.last_token && text_.tokens()[end - 1].punct_after != '.') ++end;
        read_list(l, t + skip, end);
        t = end;
      }
    }
  }

  // "X, Y and the Z Circle": the organisations a sentence lists, known or not.
  // An item ends at a comma or at "and"/"et", once what comes before is a whole
  // name (a known organisation, or words that hold an organisation word), so that "Peace and
  // Justice Circle" stays one name.
  void read_list(const TextLine& l, std::uint32_t first, std::uint32_t last) {
    std::uint32_t item = first;
    std::uint32_t known_until = first;  // inside a known name ("Ligue des droits et libertés")
    for (std::uint32_t t = first; t < last; ++t) {
      if (const PhraseMatch* m = text_.match_at(t, PhraseKind::kOrganisation))
        known_until = std::max(known_until, m->end);
      std::string_view w = text_.word(t);
      bool conjunction = w == "and" || w == "et";
      bool comma = t > first && text_.tokens()[t - 1].punct_after == ',';
      if ((conjunction || comma) && t >= known_until && item < t && whole_name(item, t)) {
        read_item(l, item, t);
        item = conjunction ? t + 1 : t;
      }
    }
    if (item < last) read_item(l, item, last);
  }

  bool whole_name(std::uint32_t first, std::uint32_t last) const {
    for (std::uint32_t t = first; t < last; ++t)
      if (const PhraseMatch* m = text_.match_at(t, PhraseKind::kOrganisation))
        if (m->end == last) return true;
    return has_org_word(first, last);
  }

  void read_item(const TextLine& l, std::uint32_t first, std::uint32_t last) {
    static constexpr std::string_view kArticles[] = {"the", "la", "le", "les", "l"};
    while (first < last && std::find(std::begin(kArticles), std::end(kArticles),
                                     text_.word(first)) != std::end(kArticles))
      ++first;
    if (first >= last || read_known(first, last)) return;
    if (last - first < 2 || !text_.tokens()[first].capitalised || !has_org_word(first, last) ||
        !name_like(first, last) || has_title_word(first, last) || names_minister(first, last))
      return;
    std::size_t begin = text_.tokens()[first].begin;
    std::size_t end = text_.tokens()[last - 1].end;
    if (end < l.raw.size() && l.raw[end] == ')') ++end;
    add(clean_unknown(l.raw.substr(begin, end - begin)));
  }

  // Words of a kByLeads phrase starting at token t, 0 if none.
  std::uint32_t lead_length(std::uint32_t t, std::uint32_t last) const {
    std::string_view second = text_.word(t + 1);
    bool maybe = second == "by" || second == "par" || second == "of" || second == "de" ||
                 second == "with" || second == "avec" || second == "presentation" ||
                 (t + 2 < last && (text_.word(t + 2) == "by" || text_.word(t + 2) == "par" ||
                                   text_.word(t + 2) == "de" || text_.word(t + 2) == "avec" ||
                                   text_.word(t + 2) == "of"));
    if (!maybe) return 0;
    for (std::string_view p : kByLeads) {
      std::uint32_t n = 0;
      std::string_view rest = p;
      while (!rest.empty() && t + n < last) {
        auto sp = rest.find(' ');
        if (text_.word(t + n) != rest.substr(0, sp)) break;
        ++n;
        rest = sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
      }
      if (rest.empty()) return n;
    }
    return 0;
  }

  const schema::Gazetteers& g_;
  const PostText& text_;
  const std::vector<TextLine>& lines_;
  std::vector<std::string> names_;
  std::vector<std::string> keys_;
};

}  // namespace

std::vector<std::string> find_signatories(const AnnotatorRules& rules, const PostText& text,
                                          std::string_view type) {
  return SignatoryFinder(rules, text).run(type);
}

}  // namespace dossier::indexer
