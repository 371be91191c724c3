// ministers.cpp — walking each line's matches left to right, keeping the role
// context (a role word, a title, "former") that decides what a name means.
#include "indexer/annotate/ministers.h"

#include <algorithm>

namespace dossier::indexer {
namespace {

class MinisterFinder {
 public:
  MinisterFinder(const AnnotatorRules& rules, const PostText& text,
                 const std::optional<std::string>& date)
      : g_(rules.gazetteers), text_(text), date_(date.value_or("")) {}

  std::vector<std::string> run() {
    std::uint32_t copy_paragraph = UINT32_MAX;
    for (const TextLine& line : text_.lines()) {
      first_ = line.first_token;
      last_ = line.last_token;
      title_line_ = line.title;
      const PhraseMatch* first = text_.match_at(line.first_token, PhraseKind::kRoleWord);
      if (first && first->entry.id == static_cast<std::uint32_t>(RoleWord::kCopy))
        copy_paragraph = line.paragraph;
      in_copy_ = line.paragraph == copy_paragraph && !line.title;
      scan(line.first_token);
    }
    std::vector<std::string> names;
    for (std::uint32_t i : found_) names.push_back(g_.ministers()[i].name);
    return names;
  }

 private:
  void add(std::uint32_t minister) {
    if (std::find(found_.begin(), found_.end(), minister) == found_.end())
      found_.push_back(minister);
  }

  RoleWord role_of(const PhraseMatch& m) const { return static_cast<RoleWord>(m.entry.id); }

  bool comma_after(std::uint32_t end) const {
    return end > 0 && text_.tokens()[end - 1].punct_after == ',';
  }

  // A name followed by ", Minister of ..." or ", ministre ..." is in its role.
  bool title_follows(std::uint32_t end) const {
    if (end >= last_ || !comma_after(end)) return false;
    std::uint32_t pos = end;
    if (text_.word(pos) == "the" || text_.word(pos) == "le" || text_.word(pos) == "la") ++pos;
    if (pos >= last_) return false;
    if (text_.match_at(pos, PhraseKind::kPortfolioTitle)) return true;
    const PhraseMatch* role = text_.match_at(pos, PhraseKind::kRoleWord);
    return role && role_of(*role) == RoleWord::kMinister;
  }

  // Of the ministers a surname match names, the one meant: the holder of
  // `portfolio` on the date when given, else whoever was in office that day,
  // else the one whose time in office is nearest (or the only one).
  std::optional<std::uint32_t> resolve_surname(std::uint32_t pos, std::uint32_t end,
                                               std::uint32_t portfolio) const {
    std::vector<std::uint32_t> candidates;
    for (std::uint32_t m = text_.match_begin(pos); m < text_.match_begin(pos + 1); ++m) {
      const PhraseMatch& pm = text_.matches()[m];
      if (pm.entry.kind == PhraseKind::kSurname && pm.end == end) candidates.push_back(pm.entry.id);
    }
    if (candidates.empty()) return std::nullopt;
    if (candidates.size() == 1) return candidates[0];
    if (portfolio != UINT32_MAX) {
      const std::string& key = g_.portfolios()[portfolio].key;
      for (std::uint32_t c : candidates)
        if (!date_.empty() && g_.ministers()[c].in_office(date_, key)) return c;
      std::vector<std::uint32_t> held;
      for (std::uint32_t c : candidates)
        for (const auto& t : g_.ministers()[c].tenures)
          if (t.portfolio == key && std::find(held.begin(), held.end(), c) == held.end())
            held.push_back(c);
      if (held.size() == 1) return held[0];
      if (!held.empty()) candidates = held;
    }
    if (date_.empty()) return std::nullopt;
    std::string_view surname = text_.raw_span(text_.lines()[text_.line_of(pos)], pos, end);
    const schema::Minister* m = g_.minister_by_surname_on(surname, date_);
    if (!m) return std::nullopt;
    auto index = static_cast<std::uint32_t>(m - g_.ministers().data());
    if (std::find(candidates.begin(), candidates.end(), index) != candidates.end()) return index;
    return candidates[0];
  }

  // True when the words after a title show it is not Canada's office: "Prime
  // Minister of Israel", "première ministre de l'Ontario", "Prime Minister
  // Theresa May" (someone not in the gazetteer).
  bool someone_else_after(std::uint32_t end) const {
    if (end >= last_ || text_.tokens()[end - 1].punct_after != 0) return false;
    std::string_view w = text_.word(end);
    if (w == "of" || w == "du" || w == "de" || w == "des") {
      std::uint32_t next = end + 1;
      if (next < last_ &&
          (text_.word(next) == "l" || text_.word(next) == "la" || text_.word(next) == "the"))
        ++next;
      return next < last_ && text_.tokens()[next].capitalised && text_.word(next) != "canada";
    }
    if (title_line_ || !text_.tokens()[end].capitalised) return false;
    // A capitalised word right after a title, not a known name: a person's name.
    return end + 1 < last_ && text_.tokens()[end + 1].capitalised &&
           text_.tokens()[end].punct_after == 0;
  }

  // A title as the agent of a power the law gives ("authorized by the
  // Minister of National Defence", "with only consultation of the Minister of
  // Foreign Affairs") or naming an office ("Office of the Prime Minister")
  // describes the office, not whoever holds it.
  bool statutory_agent(std::uint32_t begin) const {
    static constexpr std::string_view kArticles[] = {"the", "le", "la", "l"};
    static constexpr std::string_view kActs[] = {"consultation",  "approval",    "authorization",
                                                 "authorisation", "approbation", "autorisation",
                                                 "discretion"};
    std::uint32_t p = begin;
    if (p > first_ && std::find(std::begin(kArticles), std::end(kArticles), text_.word(p - 1)) !=
                          std::end(kArticles))
      --p;
    if (p == first_) return false;
    std::string_view before = text_.word(p - 1);
    if (before == "by" || before == "par") return true;
    // "Office of the Prime Minister", "Cabinet du premier ministre": the office.
    if ((before == "of" || before == "du") && p - 1 > first_) {
      std::string_view office = text_.word(p - 2);
      if (office == "office" || office == "cabinet" || office == "bureau") return true;
    }
    if ((before == "of" || before == "de" || before == "du" || before == "with") && p - 1 > first_)
      return std::find(std::begin(kActs), std::end(kActs), text_.word(p - 2)) != std::end(kActs);
    return false;
  }

  // A single-token acronym title ("PM") counts only in capitals, not "p.m.".
  bool acronym_ok(const PhraseMatch& m) const {
    if (m.end - m.begin != 1) return true;
    std::string_view w = text_.word(m.begin);
    if (w.size() > 3) return true;
    const TextLine& line = text_.lines()[text_.line_of(m.begin)];
    std::string_view raw = text_.raw_span(line, m.begin, m.end);
    return std::all_of(raw.begin(), raw.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  }

  // After a title: a name or surname names its holder; alone, the title
  // means whoever held it on the date. Returns the position after.
  std::uint32_t title(const PhraseMatch& m, bool not_holder) {
    auto portfolio = m.entry.id;
    std::uint32_t end = m.end;
    if (!acronym_ok(m)) return end;
    if (end < last_) {
      if (const PhraseMatch* n = text_.match_at(end, PhraseKind::kMinisterName)) {
        if (!not_holder) add(n->entry.id);
        return n->end;
      }
      if (const PhraseMatch* s = text_.match_at(end, PhraseKind::kSurname)) {
        if (!not_holder)
          if (auto who = resolve_surname(end, s->end, portfolio)) add(*who);
        return s->end;
      }
    }
    if (not_holder || date_.empty() || someone_else_after(end) || statutory_agent(m.begin))
      return end;
    if (const schema::Minister* h = g_.holder(g_.portfolios()[portfolio].key, date_))
      add(static_cast<std::uint32_t>(h - g_.ministers().data()));
    return end;
  }

  // "Ministers Goodale and Hussen", "Ministers of Public Safety, Justice and
  // Immigration", "ministres de la Sécurité publique et de la Justice".
  std::uint32_t plural(std::uint32_t pos) {
    static constexpr std::string_view kGlue[] = {"of", "de",  "la", "l",  "des",
                                                 "du", "and", "et", "the"};
    while (pos < last_) {
      std::string_view w = text_.word(pos);
      if (std::find(std::begin(kGlue), std::end(kGlue), w) != std::end(kGlue)) {
        ++pos;
        continue;
      }
      if (const PhraseMatch* n = text_.match_at(pos, PhraseKind::kMinisterName)) {
        add(n->entry.id);
        pos = n->end;
      } else if (const PhraseMatch* s = text_.match_at(pos, PhraseKind::kSurname)) {
        if (auto who = resolve_surname(pos, s->end, UINT32_MAX)) add(*who);
        pos = s->end;
      } else if (const PhraseMatch* p = text_.match_at(pos, PhraseKind::kPortfolioShort)) {
        if (!date_.empty())
          if (const schema::Minister* h = g_.holder(g_.portfolios()[p->entry.id].key, date_))
            add(static_cast<std::uint32_t>(h - g_.ministers().data()));
        pos = p->end;
      } else {
        break;
      }
    }
    return pos;
  }

  void scan(std::uint32_t pos) {
    bool role = false;        // the previous words give the next name its role
    bool not_holder = false;  // "former", "deputy": the next title is not the holder
    while (pos < last_) {
      if (const PhraseMatch* n = text_.match_at(pos, PhraseKind::kMinisterName)) {
        // A full name counts in its role: after "Minister", "The Honourable", a
        // title; before ", Minister of ..."; or on a Cc line. "Your
        // predecessor, Gordon O'Connor" does not.
        if (!not_holder && (role || title_follows(n->end) || in_copy_)) add(n->entry.id);
        pos = n->end;
        role = not_holder = false;
        continue;
      }
      if (const PhraseMatch* t = text_.match_at(pos, PhraseKind::kPortfolioTitle)) {
        pos = title(*t, not_holder);
        role = not_holder = false;
        continue;
      }
      if (const PhraseMatch* r = text_.match_at(pos, PhraseKind::kRoleWord)) {
        pos = r->end;
        switch (role_of(*r)) {
          case RoleWord::kMinister:
          case RoleWord::kSalutation:
            role = !not_holder;
            break;
          case RoleWord::kMinisters:
            if (!not_holder) pos = plural(pos);
            role = not_holder = false;
            break;
          case RoleWord::kCopy:
            role = false;
            break;
          case RoleWord::kNotHolder:
            not_holder = true;
            role = false;
            break;
        }
        continue;
      }
      if (role) {
        if (const PhraseMatch* s = text_.match_at(pos, PhraseKind::kSurname)) {
          if (auto who = resolve_surname(pos, s->end, UINT32_MAX)) add(*who);
          pos = s->end;
          role = not_holder = false;
          continue;
        }
      }
      // "the former Minister", "The Right Honourable", "Le très honorable":
      // these words keep the context in force.
      std::string_view w = text_.word(pos);
      bool article = w == "the" || w == "le" || w == "la" || w == "l" || w == "a" || w == "un" ||
                     w == "une" || w == "tres" || w == "right";
      if (!article) role = not_holder = false;
      ++pos;
    }
  }

  const schema::Gazetteers& g_;
  const PostText& text_;
  std::string date_;
  std::uint32_t first_ = 0, last_ = 0;  // the tokens of the current line
  bool title_line_ = false;
  bool in_copy_ = false;
  std::vector<std::uint32_t> found_;
};

}  // namespace

std::vector<std::string> find_ministers(const AnnotatorRules& rules, const PostText& text,
                                        const std::optional<std::string>& date) {
  return MinisterFinder(rules, text, date).run();
}

}  // namespace dossier::indexer
