// interpret.cpp — query understanding (see interpret.h).
#include "searchd/interpret.h"

#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>

#include "schema/analyzer.h"

namespace dossier::searchd {
namespace {

using schema::Facet;

struct Token {
  std::string raw;   // as typed (a quoted phrase keeps its quotes)
  std::string key;   // lookup_key(raw); empty for phrases, operators and fields
  bool special = false;  // a field, a quoted phrase, an operator: never plain language
  bool used = false;
};

const std::set<std::string> kConnectors = {
    "about", "on", "regarding", "concerning", "re", "over", "to", "by", "from", "of", "in",
    "for", "with", "sur", "concernant", "au", "aux", "a", "de", "du", "des", "d", "par", "pour",
    "en", "at", "since", "depuis", "after", "before", "avant", "apres", "between", "entre",
    "and", "et", "the", "la", "le", "les", "l", "signed", "written", "sent", "addressed"};
const std::set<std::string> kFillers = {"all",  "any",   "every", "show", "find", "me",
                                        "list", "tous",  "toutes", "tout", "the", "les",
                                        "documents", "some"};
// Surnames of ministers that are also common words: read as a minister only
// after "to", "minister", "ministre", "cc".
const std::set<std::string> kCommonSurnames = {"day", "easter", "martin", "may", "price",
                                               "young", "best", "little", "wells", "fast",
                                               "law", "long", "love", "cannon"};
const std::set<std::string> kMinisterCues = {"to", "minister", "ministre", "ministers",
                                             "ministres", "a", "au", "cc", "pm", "dear"};
const std::set<std::string> kTopicCues = {"about", "on", "regarding", "concerning", "re", "sur",
                                          "concernant", "over"};
const std::set<std::string> kOrgCues = {"by", "from", "par", "de", "signed", "du"};
const std::set<std::string> kFrenchCues = {"les", "sur", "des", "lettres", "lettre", "depuis",
                                           "communiques", "declarations", "aux", "la", "le",
                                           "du", "et", "en", "au", "memoires", "avant", "entre"};

bool is_year(const std::string& k) {
  if (k.size() != 4 || !std::all_of(k.begin(), k.end(), ::isdigit)) return false;
  int y = std::stoi(k);
  return y >= 1900 && y <= 2100;
}

bool has_operators(const std::string& raw) {
  return raw == "AND" || raw == "OR" || raw == "NOT" || raw == "XOR" || raw == "NEAR" ||
         (!raw.empty() && (raw[0] == '-' || raw[0] == '+' || raw[0] == '(' || raw.back() == ')' ||
                           raw.back() == '*'));
}

// Splits a query into tokens, keeping "quoted phrases" and field:"quoted values" whole.
std::vector<Token> tokenize(const std::string& q) {
  std::vector<Token> out;
  std::size_t i = 0, n = q.size();
  while (i < n) {
    while (i < n && std::isspace(static_cast<unsigned char>(q[i]))) ++i;
    if (i >= n) break;
    std::size_t start = i;
    bool in_quote = false;
    while (i < n && (in_quote || !std::isspace(static_cast<unsigned char>(q[i])))) {
      if (q[i] == '"') in_quote = !in_quote;
      ++i;
    }
    Token t;
    t.raw = q.substr(start, i - start);
    bool quoted = t.raw.find('"') != std::string::npos;
    bool field = t.raw.find(':') != std::string::npos;
    bool range = t.raw.find("..") != std::string::npos;
    t.special = quoted || field || range || has_operators(t.raw);
    if (!t.special) t.key = schema::lookup_key(t.raw);
    out.push_back(std::move(t));
  }
  return out;
}

std::string strip_quotes(std::string v) {
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  return v;
}

std::string join_keys(const std::vector<std::string>& keys, std::size_t i, std::size_t len) {
  std::string s;
  for (std::size_t k = i; k < i + len; ++k) s += (k > i ? " " : "") + keys[k];
  return s;
}

std::string stem_key(const std::string& key, const Xapian::Stem& stem) {
  std::string out, word;
  auto flush = [&] {
    if (word.empty()) return;
    if (!out.empty()) out += ' ';
    out += stem(word);
    word.clear();
  };
  for (char c : key) {
    if (c == ' ' || c == '-')
      flush();
    else
      word += c;
  }
  flush();
  return out;
}

bool overlaps(const schema::Minister& m, const std::optional<std::string>& from,
              const std::optional<std::string>& to) {
  if (!from && !to) return true;
  for (const auto& t : m.tenures) {
    std::string end = t.end.empty() ? "9999-12-31" : t.end;
    if ((!to || t.start <= *to) && (!from || end >= *from)) return true;
  }
  return false;
}

void add_unique(std::vector<std::string>& v, const std::string& x) {
  if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
}

}  // namespace

void SynonymTable::add(const std::string& a, const std::string& b) {
  std::string ka = schema::lookup_key(a), kb = schema::lookup_key(b);
  if (ka.empty() || kb.empty() || ka == kb) return;
  add_unique(map_[ka], b);
  add_unique(map_[kb], a);
  longest_ = std::max({longest_, static_cast<std::size_t>(std::count(ka.begin(), ka.end(), ' ') + 1),
                       static_cast<std::size_t>(std::count(kb.begin(), kb.end(), ' ') + 1)});
}

std::string SynonymTable::expand(const std::string& text) const {
  if (map_.empty()) return text;
  std::vector<Token> tokens = tokenize(text);
  std::string out;
  // Each expansion adds phrases, and each of their words opens a posting and a
  // position list: "csis csis csis ..." (200 times) took 47 MB per search.
  constexpr std::size_t kMaxExpansions = 8;
  std::size_t expansions = 0;
  for (std::size_t i = 0; i < tokens.size();) {
    std::size_t used = 0;
    const std::vector<std::string>* forms = nullptr;
    if (!tokens[i].special && !tokens[i].key.empty() && expansions < kMaxExpansions) {
      for (std::size_t len = std::min(longest_, tokens.size() - i); len >= 1 && !forms; --len) {
        std::string key;
        bool ok = true;
        for (std::size_t k = i; k < i + len; ++k) {
          if (tokens[k].special || tokens[k].key.empty()) ok = false;
          key += (k > i ? " " : "") + tokens[k].key;
        }
        if (!ok) continue;
        if (auto it = map_.find(key); it != map_.end()) {
          forms = &it->second;
          used = len;
        }
      }
    }
    if (!out.empty()) out += ' ';
    if (!forms) {
      out += tokens[i].raw;
      ++i;
      continue;
    }
    ++expansions;
    std::string original;
    for (std::size_t k = i; k < i + used; ++k) original += (k > i ? " " : "") + tokens[k].raw;
    out += "(" + (used > 1 ? "\"" + original + "\"" : original);
    for (const auto& f : *forms)
      out += " OR " + (f.find(' ') != std::string::npos ? "\"" + f + "\"" : f);
    out += ")";
    i += used;
  }
  return out;
}

SynonymTable load_synonyms(const schema::Gazetteers& g, const std::string& data_dir) {
  SynonymTable t;
  for (const auto& org : g.organisations())
    for (const auto& alias : org.aliases) {
      bool acronym = alias.size() >= 3 && alias.size() <= 8 &&
                     std::all_of(alias.begin(), alias.end(), [](char c) {
                       return std::isupper(static_cast<unsigned char>(c)) || c == '-';
                     });
      if (acronym) t.add(alias, org.name);
    }
  std::ifstream in(data_dir + "/synonyms.tsv");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto tab = line.find('\t');
    if (tab == std::string::npos) continue;
    std::string a = line.substr(0, tab), rest = line.substr(tab + 1);
    std::size_t pos = 0;
    while (pos <= rest.size()) {
      auto bar = rest.find('|', pos);
      std::string b = rest.substr(pos, bar == std::string::npos ? std::string::npos : bar - pos);
      while (!b.empty() && b.front() == ' ') b.erase(0, 1);
      while (!b.empty() && b.back() == ' ') b.pop_back();
      if (!b.empty()) t.add(a, b);
      if (bar == std::string::npos) break;
      pos = bar + 1;
    }
  }
  return t;
}

QueryInterpreter::QueryInterpreter(const schema::Gazetteers& g) : g_(g) {
  Xapian::Stem en("en"), fr("fr");
  auto add = [&](const std::string& text, const std::string& slug) {
    std::string key = schema::lookup_key(text);
    if (key.empty() || key.find('*') != std::string::npos) return;
    for (const auto* stem : {&en, &fr}) {
      std::string k = stem_key(key, *stem);
      topic_keys_.emplace(k, slug);
      longest_topic_ =
          std::max(longest_topic_, static_cast<std::size_t>(std::count(k.begin(), k.end(), ' ') + 1));
    }
  };
  for (const auto& t : g_.topics()) {
    add(t.label_en, t.slug);
    add(t.label_fr, t.slug);
    for (const auto& a : t.aliases) add(a, t.slug);
    std::string slug_words = t.slug;
    std::replace(slug_words.begin(), slug_words.end(), '-', ' ');
    add(slug_words, t.slug);
  }
  // Evidence phrases count too, but only after "about"/"sur" (see match_at);
  // weight 0 marks names that are not evidence (a law's title).
  for (const auto& t : g_.topics())
    for (const auto& p : t.phrases)
      if (p.weight > 0 && p.phrase.find('*') == std::string::npos) {
        std::string key = schema::lookup_key(p.phrase);
        for (const auto* stem : {&en, &fr}) {
          std::string k = "~" + stem_key(key, *stem);
          topic_keys_.emplace(k, t.slug);
        }
      }
}

std::optional<std::string> QueryInterpreter::date_bound(const std::string& text, bool upper) {
  std::string s = text;
  auto digits = [](const std::string& x) { return std::all_of(x.begin(), x.end(), ::isdigit); };
  if (s.size() == 4 && digits(s)) return s + (upper ? "-12-31" : "-01-01");
  if (s.size() == 7 && s[4] == '-' && digits(s.substr(0, 4)) && digits(s.substr(5))) {
    int m = std::stoi(s.substr(5));
    if (m < 1 || m > 12) return std::nullopt;
    static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y = std::stoi(s.substr(0, 4));
    int d = kDays[m - 1];
    if (m == 2 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))) d = 28;
    return s + (upper ? "-" + std::to_string(d) : "-01");
  }
  if (s.size() == 10 && s[4] == '-' && s[7] == '-' && digits(s.substr(0, 4)) &&
      digits(s.substr(5, 2)) && digits(s.substr(8))) {
    int m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8));
    if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
    return s;
  }
  return std::nullopt;
}

std::vector<std::string> QueryInterpreter::resolve(Facet facet, const std::string& value,
                                                   const std::optional<std::string>& from,
                                                   const std::optional<std::string>& to) const {
  std::string v = strip_quotes(value);
  std::string key = schema::lookup_key(v);
  switch (facet) {
    case Facet::kType:
      if (const auto* t = g_.doc_type_by_word(v)) return {t->slug};
      return {key};
    case Facet::kMinister: {
      if (const auto* m = g_.minister_by_name(v)) return {m->name};
      std::vector<std::string> out;
      for (const auto* m : g_.ministers_by_surname(v))
        if (overlaps(*m, from, to)) out.push_back(m->name);
      if (out.empty())
        for (const auto* m : g_.ministers_by_surname(v)) out.push_back(m->name);
      if (!out.empty()) return out;
      return {v};
    }
    case Facet::kOrg: {
      if (const auto* o = g_.organisation_by_alias(v)) return {o->name};
      std::vector<std::string> out;
      if (key.size() >= 3)
        for (const auto& o : g_.organisations()) {
          bool hit = schema::lookup_key(o.name).rfind(key + " ", 0) == 0;
          for (const auto& a : o.aliases) hit = hit || schema::lookup_key(a).rfind(key + " ", 0) == 0;
          if (hit) out.push_back(o.name);
        }
      if (!out.empty()) return out;
      return {v};
    }
    case Facet::kTopic: {
      if (const auto* t = g_.topic(v)) return {t->slug};
      if (const auto* t = g_.topic_by_label(v)) return {t->slug};
      for (const auto* stem : {&schema::thread_stemmer("en"), &schema::thread_stemmer("fr")}) {
        auto it = topic_keys_.find(stem_key(key, *stem));
        if (it != topic_keys_.end()) return {it->second};
        it = topic_keys_.find("~" + stem_key(key, *stem));
        if (it != topic_keys_.end()) return {it->second};
      }
      std::string slug = key;
      std::replace(slug.begin(), slug.end(), ' ', '-');
      return {slug};
    }
    case Facet::kLang:
      if (key == "french" || key == "francais" || key == "fr") return {"fr"};
      if (key == "english" || key == "anglais" || key == "en") return {"en"};
      return {key};
    case Facet::kYear:
      if (key == "undated" || key == "sans date" || key == "none") return {"undated"};
      return {key};
  }
  return {v};
}

std::optional<QueryInterpreter::Match> QueryInterpreter::match_at(
    const std::vector<std::string>& keys, std::size_t i, const Interpretation& so_far) const {
  const std::string prev = i > 0 ? keys[i - 1] : "";
  const std::size_t rest = keys.size() - i;
  const Xapian::Stem& en = schema::thread_stemmer("en");
  const Xapian::Stem& fr = schema::thread_stemmer("fr");
  // Longest span first, so "press releases" wins over "press".
  for (std::size_t len = std::min<std::size_t>(rest, 8); len >= 1; --len) {
    std::string span = join_keys(keys, i, len);
    if (span.empty()) continue;
    if (len <= 4)
      if (const auto* t = g_.doc_type_by_word(span)) return Match{Facet::kType, {t->slug}, len};
    if (len <= longest_topic_) {
      for (const auto* stem : {&en, &fr}) {
        std::string k = stem_key(span, *stem);
        if (auto it = topic_keys_.find(k); it != topic_keys_.end())
          return Match{Facet::kTopic, {it->second}, len};
        if (kTopicCues.count(prev))
          if (auto it = topic_keys_.find("~" + k); it != topic_keys_.end())
            return Match{Facet::kTopic, {it->second}, len};
      }
    }
    if (len <= 4) {
      if (const auto* m = g_.minister_by_name(span)) return Match{Facet::kMinister, {m->name}, len};
      auto by_surname = g_.ministers_by_surname(span);
      if (!by_surname.empty() && (kMinisterCues.count(prev) || !kCommonSurnames.count(span))) {
        std::vector<std::string> names;
        for (const auto* m : by_surname)
          if (overlaps(*m, so_far.from, so_far.to)) names.push_back(m->name);
        if (names.empty())
          for (const auto* m : by_surname) names.push_back(m->name);
        return Match{Facet::kMinister, names, len};
      }
    }
    if (const auto* o = g_.organisation_by_alias(span)) {
      // A one-word alias that is a common word ("Voices") needs "by"/"from" before it.
      bool acronymish = len > 1 || kOrgCues.count(prev) || span.size() <= 6;
      if (acronymish) return Match{Facet::kOrg, {o->name}, len};
    }
    if (kOrgCues.count(prev) && span.size() >= 4) {
      auto names = resolve(Facet::kOrg, span);
      if (names.size() >= 1 && names[0] != span) return Match{Facet::kOrg, names, len};
    }
    if (len == 2 && (span == "in french" || span == "en francais" || span == "in english" ||
                     span == "en anglais"))
      return Match{Facet::kLang, {span.find("fr") != std::string::npos ? "fr" : "en"}, len};
  }
  return std::nullopt;
}

Interpretation QueryInterpreter::interpret(const std::string& query, bool plain) const {
  Interpretation out;
  std::vector<Token> tokens = tokenize(query.substr(0, 2048));

  // Field syntax: minister:goodale, topic:"security certificates", -type:event, 2016..2019.
  bool operators = false;
  for (auto& t : tokens) {
    if (!t.special) continue;
    std::string raw = t.raw;
    bool negative = raw[0] == '-';
    if (negative) raw.erase(0, 1);
    auto colon = raw.find(':');
    if (colon != std::string::npos && raw.find('"') > colon) {
      std::string name = raw.substr(0, colon), value = raw.substr(colon + 1);
      std::transform(name.begin(), name.end(), name.begin(), ::tolower);
      if (name == "from" || name == "since" || name == "to" || name == "until") {
        if (auto d = date_bound(value, name == "to" || name == "until")) {
          (name == "from" || name == "since" ? out.from : out.to) = d;
          t.used = true;
        }
        continue;
      }
      if (auto f = schema::facet_from_name(name); f && !value.empty()) {
        for (const auto& v : resolve(*f, value, out.from, out.to))
          add_unique((negative ? out.exclusions : out.filters)[*f], v);
        t.used = true;
        continue;
      }
    }
    if (auto dots = raw.find(".."); dots != std::string::npos && !negative) {
      auto lo = date_bound(raw.substr(0, dots), false);
      auto hi = date_bound(raw.substr(dots + 2), true);
      if ((lo || dots == 0) && (hi || dots + 2 == raw.size())) {
        if (lo) out.from = lo;
        if (hi) out.to = hi;
        t.used = true;
        continue;
      }
    }
    operators = true;
  }

  // Plain language over the remaining words.
  std::vector<std::string> keys;
  std::vector<std::size_t> index;  // keys[k] is tokens[index[k]]
  for (std::size_t i = 0; i < tokens.size(); ++i)
    if (!tokens[i].used && !tokens[i].special && !tokens[i].key.empty()) {
      keys.push_back(tokens[i].key);
      index.push_back(i);
    }
  std::size_t french = 0;
  for (const auto& k : keys) french += kFrenchCues.count(k);
  if (french >= 2 || (keys.size() <= 3 && french >= 1 && keys.size() > 1)) out.lang = "fr";

  if (plain && !operators) {
    std::vector<bool> used(keys.size(), false);
    bool any = false;
    // A lone name or subject ("torture", "Goodale") is a search for the word; it
    // becomes a filter only in a request: with a cue ("about", "to", "by") or
    // beside a document type, a date or a language.
    bool request = false;
    const Interpretation before = out;
    auto mark = [&](std::size_t from, std::size_t len) {
      for (std::size_t k = from; k < from + len; ++k) used[k] = true;
      any = true;
    };
    for (std::size_t i = 0; i < keys.size();) {
      const std::string& k = keys[i];
      const std::string next = i + 1 < keys.size() ? keys[i + 1] : "";
      const std::string next2 = i + 2 < keys.size() ? keys[i + 2] : "";
      const std::string next3 = i + 3 < keys.size() ? keys[i + 3] : "";
      // Years and ranges.
      if ((k == "between" || k == "entre" || k == "from" || k == "de") && is_year(next) &&
          (next2 == "and" || next2 == "et" || next2 == "to" || next2 == "a") && is_year(next3)) {
        out.from = next + "-01-01";
        out.to = next3 + "-12-31";
        request = true;
        mark(i, 4);
        i += 4;
        continue;
      }
      if ((k == "since" || k == "depuis" || k == "after" || k == "apres") && is_year(next)) {
        out.from = (k == "after" || k == "apres" ? std::to_string(std::stoi(next) + 1) : next) +
                   "-01-01";
        request = true;
        mark(i, 2);
        i += 2;
        continue;
      }
      if ((k == "before" || k == "avant" || k == "until") && is_year(next)) {
        out.to = (k == "until" ? next : std::to_string(std::stoi(next) - 1)) + "-12-31";
        request = true;
        mark(i, 2);
        i += 2;
        continue;
      }
      if (is_year(k) && (next == "to" || next == "a") && is_year(next2)) {
        out.from = k + "-01-01";
        out.to = next2 + "-12-31";
        request = true;
        mark(i, 3);
        i += 3;
        continue;
      }
      if (k.size() == 9 && is_year(k.substr(0, 4)) && k[4] == ' ' && is_year(k.substr(5))) {
        out.from = k.substr(0, 4) + "-01-01";
        out.to = k.substr(5) + "-12-31";
        request = true;
        mark(i, 1);
        ++i;
        continue;
      }
      if (is_year(k)) {
        out.from = k + "-01-01";
        out.to = k + "-12-31";
        request = true;
        mark(i, 1);
        ++i;
        continue;
      }
      if (auto m = match_at(keys, i, out)) {
        const std::string prev = i > 0 ? keys[i - 1] : "";
        switch (m->facet) {
          case Facet::kType:
          case Facet::kLang:
            request = true;
            break;
          case Facet::kTopic:
            request = request || kTopicCues.count(prev);
            break;
          case Facet::kMinister:
            request = request || kMinisterCues.count(prev);
            break;
          case Facet::kOrg:
            request = request || kOrgCues.count(prev);
            break;
          default:
            break;
        }
        for (const auto& v : m->values) add_unique(out.filters[m->facet], v);
        if (m->facet == Facet::kTopic)
          for (std::size_t k = i; k < i + m->length; ++k)
            out.boost += (out.boost.empty() ? "" : " ") + tokens[index[k]].raw;
        mark(i, m->length);
        i += m->length;
        continue;
      }
      ++i;
    }
    if (any && !request) {
      out = before;  // names and subjects alone: keep them as words
      any = false;
    }
    if (any) {
      out.plain_language = true;
      // Connecting words next to what was read, and fillers, are used up too.
      for (std::size_t i = 0; i < keys.size(); ++i) {
        if (used[i]) continue;
        bool next_used = i + 1 < keys.size() && used[i + 1];
        bool prev_used = i > 0 && used[i - 1];
        bool connector = kConnectors.count(keys[i]) && (next_used || (prev_used && keys[i] == "and"));
        bool filler = kFillers.count(keys[i]);
        if (connector || filler) {
          used[i] = true;
          out.ignored.push_back(tokens[index[i]].raw);
        }
      }
      // "to the Minister" / "and" chains: a connector before a connector before a match.
      for (std::size_t i = keys.size(); i-- > 0;) {
        if (used[i] || !kConnectors.count(keys[i])) continue;
        if (i + 1 < keys.size() && used[i + 1] && kConnectors.count(keys[i + 1])) {
          used[i] = true;
          out.ignored.push_back(tokens[index[i]].raw);
        }
      }
      for (std::size_t i = 0; i < keys.size(); ++i)
        if (used[i]) tokens[index[i]].used = true;
    }
  }

  for (const auto& t : tokens)
    if (!t.used) out.text += (out.text.empty() ? "" : " ") + t.raw;
  return out;
}

}  // namespace dossier::searchd
