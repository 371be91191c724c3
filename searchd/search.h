// search.h — one search: the request as the API takes it, the interpreted query,
// the Xapian match with sorting and paging, facet counts over the whole match
// set (multi-select: a facet's own filter is left out of its counts), snippets,
// the "did you mean" suggestion and the fall-back to plain full text.
#pragma once

#include <xapian.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "schema/gazetteer.h"
#include "schema/schema.h"
#include "searchd/interpret.h"

namespace dossier::searchd {

enum class SortOrder { kRelevance, kDateAscending, kDateDescending };

struct SearchRequest {
  std::string q;
  FilterMap filters;                 // type=, minister=, ... (values as /api/facets lists them)
  std::optional<std::string> from, to;  // YYYY-MM-DD
  SortOrder sort = SortOrder::kRelevance;
  std::size_t page = 1, per_page = 10;
  bool facets = true;
  bool snippets = true;
  bool interpret = true;             // read plain language ("all letters about ...")
  std::size_t facet_limit = 100;     // values per facet (selected values always listed)
  bool remote = false;               // some shard is remote: only what xapian-tcpsrv can run
};

struct FacetValue {
  std::string value, label, label_fr;
  std::size_t count = 0;
  bool selected = false;
};
using FacetCounts = std::map<schema::Facet, std::vector<FacetValue>>;

struct Hit {
  schema::StoredDoc doc;
  std::string snippet;  // HTML-escaped, matches in <mark>
  double score = 0;
};

struct SearchResponse {
  std::string query;
  Interpretation interpreted;
  std::size_t total = 0;
  std::size_t page = 1, per_page = 10;
  double took_ms = 0;
  std::optional<std::string> suggestion;
  bool fallback = false;   // the interpreted query found nothing; these are full-text results
  std::string notice;      // says so, in words
  std::string searched;    // with a fall-back: the full text that was searched instead
  std::vector<Hit> results;
  FacetCounts facets;
};

class Searcher {
 public:
  Searcher(const schema::Gazetteers& gazetteers, SynonymTable synonyms);

  // Throws Xapian::Error (the caller retries on DatabaseModifiedError).
  SearchResponse search(Xapian::Database& db, const SearchRequest& request) const;

  // Every result of the request in its order (for CSV/JSON export), at most `cap`.
  // Returns the total number of matches.
  std::size_t for_each_result(Xapian::Database& db, const SearchRequest& request, std::size_t cap,
                              const std::function<void(const schema::StoredDoc&)>& fn) const;

  std::optional<schema::StoredDoc> document(Xapian::Database& db, const std::string& id) const;

  // Counts of every facet value over the whole database (from term frequencies).
  FacetCounts all_facets(Xapian::Database& db, std::size_t limit = 1000) const;

  std::pair<std::string, std::string> facet_label(schema::Facet f, const std::string& value) const;
  const QueryInterpreter& interpreter() const { return interpreter_; }
  // The free-text query for an interpretation (exposed for tests and highlighting).
  Xapian::Query text_query(Xapian::Database& db, const Interpretation& in) const;

 private:
  struct Plan {
    Interpretation in;
    FilterMap filters;                    // explicit and interpreted, merged
    std::optional<std::string> from, to;  // merged date range
    Xapian::Query text;
    Xapian::Query boost;                  // ranks within the filters (topic words)
  };
  Plan plan(Xapian::Database& db, const SearchRequest& r, const Interpretation& in) const;
  Xapian::Query filtered(const Plan& p, std::optional<schema::Facet> without) const;
  void configure_sort(Xapian::Enquire& e, SortOrder sort) const;
  std::size_t run(Xapian::Database& db, const SearchRequest& r, const Plan& p,
                  SearchResponse& out) const;
  void suggest(Xapian::Database& db, const Plan& p, SearchResponse& out) const;
  void suggest_words(Xapian::Database& db, const Plan& p, SearchResponse& out) const;

  const schema::Gazetteers& g_;
  QueryInterpreter interpreter_;
  SynonymTable synonyms_;
};

}  // namespace dossier::searchd
