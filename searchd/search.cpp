// search.cpp — see search.h.
#include "searchd/search.h"

#include <algorithm>
#include <chrono>
#include <limits>
#include <memory>
#include <set>

#include "schema/analyzer.h"
#include "searchd/facet_spy.h"
#include "searchd/snippet.h"

namespace dossier::searchd {
namespace {

using schema::Facet;

constexpr unsigned kParseFlags =
    Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
    Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
    Xapian::QueryParser::FLAG_PURE_NOT;

// Counts facets over a match. Locally FacetSpy reads the packed slot; a remote
// shard can only run Xapian's own spies, so there the packed strings are counted
// (ValueCountMatchSpy) and unpacked here: the same counts either way.
class FacetCounter {
 public:
  FacetCounter(bool remote, std::optional<Facet> only) : remote_(remote), local_(only), only_(only) {
    if (remote_) values_ = std::make_unique<Xapian::ValueCountMatchSpy>(schema::slot::kFacets);
  }
  void attach(Xapian::Enquire& e) {
    if (remote_)
      e.add_matchspy(values_.get());
    else
      e.add_matchspy(&local_);
  }
  std::unordered_map<std::string, std::size_t> counts(Facet f, const schema::FacetDictionary& names) const {
    if (!remote_) return local_.counts(f, names);
    std::unordered_map<std::string, std::size_t> out;
    for (auto it = values_->values_begin(); it != values_->values_end(); ++it) {
      std::size_t n = it.get_termfreq();
      schema::unpack_facet_codes(*it, [&](Facet g, std::uint32_t code) {
        if (g != f) return;
        if (const std::string* name = names.name(g, code)) out[*name] += n;
      });
    }
    return out;
  }

 private:
  bool remote_;
  FacetSpy local_;
  std::unique_ptr<Xapian::ValueCountMatchSpy> values_;
  std::optional<Facet> only_;
};

std::string language_name(const std::string& code, bool french) {
  static const std::map<std::string, std::pair<std::string, std::string>> kNames = {
      {"en", {"English", "Anglais"}},   {"fr", {"French", "Français"}},
      {"es", {"Spanish", "Espagnol"}},  {"de", {"German", "Allemand"}},
      {"ar", {"Arabic", "Arabe"}},      {"it", {"Italian", "Italien"}},
      {"pt", {"Portuguese", "Portugais"}}};
  auto it = kNames.find(code);
  if (it == kNames.end()) return code;
  return french ? it->second.second : it->second.first;
}

// A stored record that does not decode means a damaged database (glass keeps
// no checksums): a database error, so that the client gets a 503 as for any
// other corruption Xapian reports, not a 500.
schema::StoredDoc stored_doc(const Xapian::Document& doc) {
  try {
    return schema::decode_doc_data(doc.get_data());
  } catch (const std::exception& e) {
    throw Xapian::DatabaseCorruptError("document " + std::to_string(doc.get_docid()) + ": " + e.what());
  }
}

}  // namespace

Searcher::Searcher(const schema::Gazetteers& g, SynonymTable synonyms)
    : g_(g), interpreter_(g), synonyms_(std::move(synonyms)) {}

std::pair<std::string, std::string> Searcher::facet_label(Facet f, const std::string& v) const {
  switch (f) {
    case Facet::kType:
      if (const auto* t = g_.doc_type(v)) return {t->label_en, t->label_fr};
      break;
    case Facet::kTopic:
      if (const auto* t = g_.topic(v)) return {t->label_en, t->label_fr};
      break;
    case Facet::kLang:
      return {language_name(v, false), language_name(v, true)};
    case Facet::kYear:
      if (v == schema::kUndatedYear) return {"Undated", "Sans date"};
      break;
    default:
      break;
  }
  return {v, v};
}

Xapian::Query Searcher::text_query(Xapian::Database& db, const Interpretation& in) const {
  if (in.text.empty()) return Xapian::Query();
  Xapian::QueryParser qp;
  schema::configure_query_parser(qp, in.lang);
  qp.set_database(db);
  qp.set_default_op(in.any_words ? Xapian::Query::OP_OR : Xapian::Query::OP_AND);
  std::string text = schema::fold_text(synonyms_.expand(in.text));
  // Each wildcard opens a posting list per term it expands to: "a* a* a* ..."
  // (300 of them fit in a query) took 200 MB and a second. Bound both: the
  // most frequent terms of each, and beyond a few wildcards "*" is a letter.
  constexpr Xapian::termcount kMaxWildcardTerms = 64;
  constexpr long kMaxWildcards = 8;
  qp.set_max_expansion(kMaxWildcardTerms, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
  unsigned flags = kParseFlags;
  if (std::count(text.begin(), text.end(), '*') > kMaxWildcards)
    flags &= ~unsigned(Xapian::QueryParser::FLAG_WILDCARD);
  try {
    return qp.parse_query(text, flags);
  } catch (const Xapian::QueryParserError&) {
    // Unbalanced quotes or brackets: read the words as words.
    std::string plain;
    for (char c : text) plain += (c == '"' || c == '(' || c == ')') ? ' ' : c;
    try {
      return qp.parse_query(plain, 0);
    } catch (const Xapian::QueryParserError&) {
      return Xapian::Query();
    }
  }
}

Searcher::Plan Searcher::plan(Xapian::Database& db, const SearchRequest& r,
                              const Interpretation& in) const {
  Plan p;
  p.in = in;
  p.filters = r.filters;
  for (const auto& [f, values] : in.filters)
    for (const auto& v : values)
      if (std::find(p.filters[f].begin(), p.filters[f].end(), v) == p.filters[f].end())
        p.filters[f].push_back(v);
  p.from = r.from;
  p.to = r.to;
  if (in.from && (!p.from || *in.from > *p.from)) p.from = in.from;
  if (in.to && (!p.to || *in.to < *p.to)) p.to = in.to;
  p.text = text_query(db, in);
  if (!in.boost.empty()) {
    Interpretation words;
    words.text = in.boost;
    words.lang = in.lang;
    words.any_words = true;
    p.boost = text_query(db, words);
  }
  return p;
}

Xapian::Query Searcher::filtered(const Plan& p, std::optional<Facet> without) const {
  // Not Xapian::Query::MatchAll: that shared object's reference count is not
  // thread-safe, and every search thread would copy it.
  Xapian::Query q = p.text.empty() ? Xapian::Query(std::string()) : p.text;
  if (!p.boost.empty()) q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, q, p.boost);
  std::vector<Xapian::Query> parts;
  for (const auto& [f, values] : p.filters) {
    if (values.empty() || (without && *without == f)) continue;
    std::vector<Xapian::Query> terms;
    for (const auto& v : values) terms.emplace_back(schema::facet_term(f, v));
    parts.emplace_back(Xapian::Query::OP_OR, terms.begin(), terms.end());
  }
  if ((p.from || p.to) && !(without && *without == Facet::kYear)) {
    parts.emplace_back(Xapian::Query::OP_VALUE_RANGE, schema::slot::kDate,
                       p.from ? schema::date_to_value(*p.from) : std::string("00000000"),
                       p.to ? schema::date_to_value(*p.to) : std::string("99999999"));
  }
  if (!parts.empty())
    q = Xapian::Query(Xapian::Query::OP_FILTER, q,
                      Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end()));
  std::vector<Xapian::Query> excluded;
  for (const auto& [f, values] : p.in.exclusions)
    for (const auto& v : values) excluded.emplace_back(schema::facet_term(f, v));
  if (!excluded.empty())
    q = Xapian::Query(Xapian::Query::OP_AND_NOT, q,
                      Xapian::Query(Xapian::Query::OP_OR, excluded.begin(), excluded.end()));
  return q;
}

void Searcher::configure_sort(Xapian::Enquire& e, SortOrder sort) const {
  switch (sort) {
    case SortOrder::kRelevance:
      e.set_sort_by_relevance_then_value(schema::slot::kNewestFirst, true);
      break;
    case SortOrder::kDateAscending:
      e.set_sort_by_value_then_relevance(schema::slot::kOldestFirst, false);
      break;
    case SortOrder::kDateDescending:
      e.set_sort_by_value_then_relevance(schema::slot::kNewestFirst, true);
      break;
  }
}

std::size_t Searcher::run(Xapian::Database& db, const SearchRequest& r, const Plan& p,
                          SearchResponse& out) const {
  Xapian::Enquire enquire(db);
  enquire.set_query(filtered(p, std::nullopt));
  // A query that is only filters ("all letters about security certificates") is
  // a listing: newest first, like the archive's own news section.
  bool listing = p.text.empty() && r.sort == SortOrder::kRelevance;
  configure_sort(enquire, listing ? SortOrder::kDateDescending : r.sort);
  enquire.set_weighting_scheme(Xapian::BM25Weight());
  Xapian::doccount all = db.get_doccount();
  // Every document with no filter: the counts are the facet terms' frequencies,
  // exact and read without visiting a single document.
  bool everything = p.text.empty() && p.filters.empty() && !p.from && !p.to &&
                    p.in.exclusions.empty();
  FacetCounter spy(r.remote, std::nullopt);
  if (r.facets && !everything) spy.attach(enquire);
  std::size_t offset = (r.page - 1) * r.per_page;
  Xapian::MSet mset = enquire.get_mset(offset, r.per_page, everything ? 0 : all);
  std::size_t total = everything ? all : mset.get_matches_estimated();
  out.total = total;
  out.results.clear();
  HighlightTerms terms = highlight_terms(
      p.boost.empty() ? p.text : Xapian::Query(Xapian::Query::OP_OR, p.text, p.boost));
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    Hit h;
    h.doc = stored_doc(it.get_document());
    h.score = it.get_weight();
    if (r.snippets) h.snippet = make_snippet(h.doc.body, terms, h.doc.lang);
    out.results.push_back(std::move(h));
  }
  if (!r.facets) return total;

  // Multi-select: a facet with a selection is counted without its own filter.
  std::map<Facet, std::unordered_map<std::string, std::size_t>> counts;
  // The names of the codes counted: the facet terms of this very database.
  const schema::FacetDictionary names = everything ? schema::FacetDictionary() : schema::FacetDictionary(db);
  if (everything) {
    for (const auto& [f, values] : all_facets(db, std::numeric_limits<std::size_t>::max()))
      for (const auto& v : values) counts[f][v.value] = v.count;
  }
  for (auto f : schema::kAllFacets) {
    if (everything) break;
    bool selected = p.filters.count(f) && !p.filters.at(f).empty();
    if (f == Facet::kYear) selected = selected || p.from || p.to;
    if (!selected) {
      counts[f] = spy.counts(f, names);
      continue;
    }
    Xapian::Enquire e(db);
    e.set_query(filtered(p, f));
    FacetCounter own(r.remote, f);
    own.attach(e);
    e.get_mset(0, 0, all);
    counts[f] = own.counts(f, names);
  }
  for (auto f : schema::kAllFacets) {
    std::vector<FacetValue> values;
    std::set<std::string> chosen;
    if (p.filters.count(f)) chosen.insert(p.filters.at(f).begin(), p.filters.at(f).end());
    for (const auto& [v, c] : counts[f]) {
      auto [en, fr] = facet_label(f, v);
      values.push_back({v, en, fr, c, chosen.count(v) > 0});
    }
    for (const auto& v : chosen)
      if (!counts[f].count(v)) {
        auto [en, fr] = facet_label(f, v);
        values.push_back({v, en, fr, 0, true});
      }
    if (f == Facet::kYear) {
      std::sort(values.begin(), values.end(), [](const auto& a, const auto& b) {
        bool ua = a.value == schema::kUndatedYear, ub = b.value == schema::kUndatedYear;
        if (ua != ub) return ub;
        return a.value < b.value;
      });
    } else {
      std::sort(values.begin(), values.end(), [](const auto& a, const auto& b) {
        if (a.count != b.count) return a.count > b.count;
        return a.label < b.label;
      });
      if (values.size() > r.facet_limit) {
        std::vector<FacetValue> kept(values.begin(), values.begin() + r.facet_limit);
        for (auto it = values.begin() + r.facet_limit; it != values.end(); ++it)
          if (it->selected) kept.push_back(*it);
        values = std::move(kept);
      }
    }
    out.facets[f] = std::move(values);
  }
  return total;
}

void Searcher::suggest(Xapian::Database& db, const Plan& p, SearchResponse& out) const {
  if (p.in.text.empty()) return;
  try {
    suggest_words(db, p, out);
  } catch (const Xapian::UnimplementedError&) {
    // Xapian 1.4 keeps no spelling data across remote shards: no suggestion then.
  } catch (const Xapian::NetworkError&) {
  }
}

void Searcher::suggest_words(Xapian::Database& db, const Plan& p, SearchResponse& out) const {
  std::string corrected;
  bool changed = false;
  std::string word;
  auto flush = [&](char sep) {
    if (!word.empty()) {
      std::string key = schema::fold_key(word);
      std::string s = key.size() >= 4 && !db.term_exists(key) ? db.get_spelling_suggestion(key, 2)
                                                              : std::string();
      if (!s.empty() && s != key) {
        corrected += s;
        changed = true;
      } else {
        corrected += word;
      }
      word.clear();
    }
    if (sep) corrected += sep;
  };
  for (char c : p.in.text) {
    if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80)
      word += c;
    else
      flush(c);
  }
  flush(0);
  if (changed) out.suggestion = corrected;
}

SearchResponse Searcher::search(Xapian::Database& db, const SearchRequest& r) const {
  auto t0 = std::chrono::steady_clock::now();
  SearchResponse out;
  out.query = r.q;
  out.page = r.page;
  out.per_page = r.per_page;
  Interpretation in = interpreter_.interpret(r.q, r.interpret);
  Plan p = plan(db, r, in);
  out.interpreted = in;
  run(db, r, p, out);
  if (out.total == 0 && in.plain_language) {
    // Nothing for the query as understood: answer the words as full text, and say so.
    Interpretation words = interpreter_.interpret(r.q, false);
    Plan fallback = plan(db, r, words);
    SearchResponse second = out;
    run(db, r, fallback, second);
    if (second.total == 0 && !words.text.empty()) {
      words.any_words = true;
      fallback = plan(db, r, words);
      run(db, r, fallback, second);
    }
    if (second.total > 0) {
      second.fallback = true;
      second.notice = std::string("Nothing matched the query as understood; showing full-text matches for ") +
                      (words.any_words ? "any of the words of \"" : "\"") + words.text + "\" instead.";
      second.searched = words.text;
      out = std::move(second);
      p = std::move(fallback);
    }
  }
  if (out.total < 3) suggest(db, p, out);
  out.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  return out;
}

std::size_t Searcher::for_each_result(Xapian::Database& db, const SearchRequest& r, std::size_t cap,
                                      const std::function<void(const schema::StoredDoc&)>& fn) const {
  Interpretation in = interpreter_.interpret(r.q, r.interpret);
  Plan p = plan(db, r, in);
  Xapian::Enquire enquire(db);
  enquire.set_query(filtered(p, std::nullopt));
  bool listing = p.text.empty() && r.sort == SortOrder::kRelevance;
  configure_sort(enquire, listing ? SortOrder::kDateDescending : r.sort);
  Xapian::MSet mset = enquire.get_mset(0, cap, db.get_doccount());
  if (mset.empty() && in.plain_language) {
    Plan fallback = plan(db, r, interpreter_.interpret(r.q, false));
    enquire.set_query(filtered(fallback, std::nullopt));
    mset = enquire.get_mset(0, cap, db.get_doccount());
  }
  for (auto it = mset.begin(); it != mset.end(); ++it)
    fn(stored_doc(it.get_document()));
  return mset.get_matches_estimated();
}

std::optional<schema::StoredDoc> Searcher::document(Xapian::Database& db, const std::string& id) const {
  std::string term = schema::id_term(id);
  auto it = db.postlist_begin(term);
  if (it == db.postlist_end(term)) return std::nullopt;
  return stored_doc(db.get_document(*it));
}

FacetCounts Searcher::all_facets(Xapian::Database& db, std::size_t limit) const {
  FacetCounts out;
  schema::for_each_facet_value(db, [&](Facet f, std::string v, Xapian::doccount n) {
    auto [en, fr] = facet_label(f, v);
    out[f].push_back({std::move(v), en, fr, n, false});
  });
  for (auto f : schema::kAllFacets) {
    std::vector<FacetValue>& values = out[f];
    if (f != Facet::kYear) {
      std::sort(values.begin(), values.end(), [](const auto& a, const auto& b) {
        if (a.count != b.count) return a.count > b.count;
        return a.label < b.label;
      });
      if (values.size() > limit) values.resize(limit);
    } else {
      std::stable_partition(values.begin(), values.end(),
                            [](const auto& v) { return v.value != schema::kUndatedYear; });
    }
  }
  return out;
}

}  // namespace dossier::searchd
