// gazetteer_load.cpp — reading schema/data/*.tsv into a Gazetteers object and
// validating it: unknown references, bad dates, overlapping tenures, names or
// aliases claimed twice. Every problem is reported as "file:line: reason".
#include <algorithm>
#include <charconv>
#include <map>

#include "schema/dates.h"
#include "schema/gazetteer.h"
#include "schema/gazetteer_tsv.h"

namespace dossier::schema {
namespace {

bool is_iso_date(std::string_view s) {
  if (s.size() != 10) return false;
  auto parsed = parse_date(s);
  return parsed && *parsed == s;
}

bool is_slug(std::string_view s) {
  if (s.empty() || s.front() == '-' || s.back() == '-') return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

// Where each key was first claimed, to report a second claim with both lines.
struct Claim {
  std::size_t owner;  // index of the item that claimed it
  std::size_t line;
};

class KeyRegistry {
 public:
  KeyRegistry(const TsvTable& table, std::string what) : table_(table), what_(std::move(what)) {}
  // Claims the lookup key of `form` for item `owner`; a claim by another item fails.
  void claim(std::string_view form, std::size_t owner, std::size_t line,
             std::unordered_map<std::string, std::size_t>& index) {
    std::string key = lookup_key(form);
    if (key.empty()) table_.fail(line, what_ + " '" + std::string(form) + "' has no letters");
    auto [it, inserted] = claims_.try_emplace(key, Claim{owner, line});
    if (!inserted && it->second.owner != owner)
      table_.fail(line, what_ + " '" + std::string(form) + "' is already used on line " +
                            std::to_string(it->second.line));
    index.emplace(key, owner);
  }

 private:
  const TsvTable& table_;
  std::string what_;
  std::unordered_map<std::string, Claim> claims_;
};

double parse_weight(const TsvTable& table, const TsvRow& row, const std::string& cell,
                    bool zero_ok = false) {
  double w = 0;
  auto [ptr, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), w);
  bool in_range = zero_ok ? (w >= 0 && w <= 100) : (w > 0 && w <= 100);
  if (ec != std::errc() || ptr != cell.data() + cell.size() || !in_range)
    table.fail(row.line, std::string("weight must be a number in ") + (zero_ok ? "[0" : "(0") +
                             ", 100], not '" + cell + "'");
  return w;
}

}  // namespace

// Builds the object; a friend of Gazetteers so that the indexes stay private.
class GazetteerLoader {
 public:
  explicit GazetteerLoader(const std::filesystem::path& dir) : dir_(dir) {}

  Gazetteers load() {
    load_portfolios();
    load_ministers();
    load_tenures();
    load_organisations();
    load_topics();
    load_doc_types();
    return std::move(g_);
  }

 private:
  TsvTable read(const char* name, const std::vector<std::string>& columns, std::size_t required) {
    return TsvTable::read(dir_ / name, columns, required);
  }

  void load_portfolios() {
    TsvTable t = read("portfolios.tsv", {"key", "title_en", "title_fr", "variants"}, 3);
    KeyRegistry titles(t, "title");
    for (const TsvRow& row : t.rows) {
      Portfolio p{row.cells[0], row.cells[1], row.cells[2], split_list(row.cells[3])};
      if (!is_slug(p.key)) t.fail(row.line, "key must be lowercase letters, digits and '-'");
      std::size_t i = g_.portfolios_.size();
      if (!g_.portfolio_index_.emplace(p.key, i).second)
        t.fail(row.line, "duplicate portfolio key '" + p.key + "'");
      titles.claim(p.title_en, i, row.line, g_.portfolio_title_index_);
      titles.claim(p.title_fr, i, row.line, g_.portfolio_title_index_);
      for (const auto& v : p.variants) titles.claim(v, i, row.line, g_.portfolio_title_index_);
      g_.portfolios_.push_back(std::move(p));
    }
  }

  void load_ministers() {
    TsvTable t = read("ministers.tsv", {"name", "aliases", "surnames"}, 1);
    KeyRegistry names(t, "name");
    for (const TsvRow& row : t.rows) {
      Minister m;
      m.name = row.cells[0];
      m.aliases = split_list(row.cells[1]);
      m.surnames = split_list(row.cells[2]);
      if (m.surnames.empty()) m.surnames.push_back(m.name.substr(m.name.rfind(' ') + 1));
      std::size_t i = g_.ministers_.size();
      names.claim(m.name, i, row.line, g_.minister_index_);
      for (const auto& a : m.aliases) names.claim(a, i, row.line, g_.minister_index_);
      for (const auto& s : m.surnames) {
        std::string key = lookup_key(s);
        if (key.empty()) t.fail(row.line, "empty surname");
        g_.surname_index_.emplace(key, i);
      }
      minister_lines_.push_back(row.line);
      g_.ministers_.push_back(std::move(m));
    }
    ministers_file_ = t.file;
  }

  void load_tenures() {
    TsvTable t = read("tenures.tsv", {"minister", "portfolio", "start", "end"}, 3);
    struct Held {
      std::string start, end;
      std::size_t minister, line;
    };
    std::map<std::string, std::vector<Held>> by_portfolio;
    for (const TsvRow& row : t.rows) {
      const auto& [name, key, start, end] =
          std::tie(row.cells[0], row.cells[1], row.cells[2], row.cells[3]);
      auto m = g_.minister_index_.find(lookup_key(name));
      if (m == g_.minister_index_.end() || g_.ministers_[m->second].name != name)
        t.fail(row.line, "unknown minister '" + name + "' (use the name column of ministers.tsv)");
      if (!g_.portfolio(key)) t.fail(row.line, "unknown portfolio '" + key + "'");
      if (!is_iso_date(start)) t.fail(row.line, "start '" + start + "' is not a YYYY-MM-DD date");
      if (!end.empty() && !is_iso_date(end))
        t.fail(row.line, "end '" + end + "' is not a YYYY-MM-DD date");
      if (!end.empty() && end <= start) t.fail(row.line, "end is not after start");
      g_.ministers_[m->second].tenures.push_back({key, start, end});
      by_portfolio[key].push_back({start, end, m->second, row.line});
    }
    for (auto& [key, held] : by_portfolio) {
      std::sort(held.begin(), held.end(),
                [](const Held& a, const Held& b) { return a.start < b.start; });
      for (std::size_t i = 1; i < held.size(); ++i) {
        const Held& prev = held[i - 1];
        const Held& cur = held[i];
        if (prev.end.empty() || prev.end > cur.start) {
          const Held& later = prev.line > cur.line ? prev : cur;
          const Held& earlier = prev.line > cur.line ? cur : prev;
          t.fail(later.line, key + " tenure overlaps that of " +
                                 g_.ministers_[earlier.minister].name + " on line " +
                                 std::to_string(earlier.line));
        }
      }
    }
    for (std::size_t i = 0; i < g_.ministers_.size(); ++i) {
      Minister& m = g_.ministers_[i];
      if (m.tenures.empty())
        throw GazetteerError(ministers_file_, minister_lines_[i],
                             "minister '" + m.name + "' has no tenure in tenures.tsv");
      std::sort(m.tenures.begin(), m.tenures.end(),
                [](const Tenure& a, const Tenure& b) { return a.start < b.start; });
    }
  }

  void load_organisations() {
    TsvTable t = read("organisations.tsv", {"name", "aliases"}, 1);
    KeyRegistry names(t, "name");
    for (const TsvRow& row : t.rows) {
      Organisation o{row.cells[0], split_list(row.cells[1])};
      std::size_t i = g_.organisations_.size();
      names.claim(o.name, i, row.line, g_.organisation_index_);
      for (const auto& a : o.aliases) names.claim(a, i, row.line, g_.organisation_index_);
      g_.organisations_.push_back(std::move(o));
    }
  }

  void load_topics() {
    TsvTable t = read("topics.tsv", {"slug", "label_en", "label_fr", "aliases"}, 3);
    KeyRegistry labels(t, "label");
    std::vector<std::size_t> lines;
    for (const TsvRow& row : t.rows) {
      Topic topic{row.cells[0], row.cells[1], row.cells[2], split_list(row.cells[3]), {}};
      if (!is_slug(topic.slug)) t.fail(row.line, "slug must be lowercase letters, digits and '-'");
      std::size_t i = g_.topics_.size();
      labels.claim(topic.slug, i, row.line, g_.topic_index_);  // "no-fly-list" = "no fly list"
      labels.claim(topic.label_en, i, row.line, g_.topic_index_);
      labels.claim(topic.label_fr, i, row.line, g_.topic_index_);
      for (const auto& a : topic.aliases) labels.claim(a, i, row.line, g_.topic_index_);
      lines.push_back(row.line);
      g_.topics_.push_back(std::move(topic));
    }
    TsvTable p = read("topic_phrases.tsv", {"topic", "lang", "weight", "phrase"}, 4);
    for (const TsvRow& row : p.rows) {
      Topic* topic = nullptr;
      for (Topic& candidate : g_.topics_)
        if (candidate.slug == row.cells[0]) topic = &candidate;
      if (!topic) p.fail(row.line, "unknown topic '" + row.cells[0] + "'");
      const std::string& lang = row.cells[1];
      if (lang != "en" && lang != "fr" && lang != "any")
        p.fail(row.line, "lang must be en, fr or any, not '" + lang + "'");
      if (lookup_key(row.cells[3]).empty()) p.fail(row.line, "phrase has no letters");
      topic->phrases.push_back({row.cells[3], lang, parse_weight(p, row, row.cells[2], true)});
    }
    for (std::size_t i = 0; i < g_.topics_.size(); ++i)
      if (g_.topics_[i].phrases.empty())
        t.fail(lines[i], "topic '" + g_.topics_[i].slug + "' has no phrase in topic_phrases.tsv");
  }

  void load_doc_types() {
    TsvTable t = read("doc_types.tsv", {"slug", "label_en", "label_fr", "query_words"}, 3);
    KeyRegistry words(t, "word");
    for (const TsvRow& row : t.rows) {
      DocType d{row.cells[0], row.cells[1], row.cells[2], split_list(row.cells[3]), {}};
      if (!is_slug(d.slug)) t.fail(row.line, "slug must be lowercase letters, digits and '-'");
      std::size_t i = g_.doc_types_.size();
      words.claim(d.slug, i, row.line, g_.doc_type_index_);
      words.claim(d.label_en, i, row.line, g_.doc_type_index_);
      words.claim(d.label_fr, i, row.line, g_.doc_type_index_);
      for (const auto& w : d.query_words) words.claim(w, i, row.line, g_.doc_type_index_);
      g_.doc_types_.push_back(std::move(d));
    }
    TsvTable c = read("doc_type_cues.tsv", {"type", "where", "weight", "phrase"}, 4);
    static const std::vector<std::string> kWhere = {"title", "opening", "closing", "line", "body"};
    for (const TsvRow& row : c.rows) {
      DocType* type = nullptr;
      for (DocType& candidate : g_.doc_types_)
        if (candidate.slug == row.cells[0]) type = &candidate;
      if (!type) c.fail(row.line, "unknown document type '" + row.cells[0] + "'");
      if (std::find(kWhere.begin(), kWhere.end(), row.cells[1]) == kWhere.end())
        c.fail(row.line,
               "where must be title, opening, closing, line or body, not '" + row.cells[1] + "'");
      if (lookup_key(row.cells[3]).empty()) c.fail(row.line, "phrase has no letters");
      type->cues.push_back({row.cells[1], row.cells[3], parse_weight(c, row, row.cells[2])});
    }
  }

  std::filesystem::path dir_;
  Gazetteers g_;
  std::vector<std::size_t> minister_lines_;
  std::string ministers_file_;
};

Gazetteers Gazetteers::load(const std::filesystem::path& dir) {
  return GazetteerLoader(dir).load();
}

}  // namespace dossier::schema
