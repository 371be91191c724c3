// interpret.h — query understanding: turns what a journalist types ("all
// letters about security certificates", "letters to Goodale about torture in
// 2018", "lettres sur les certificats de sécurité", "minister:goodale
// topic:\"security certificates\" 2016..2019") into facet filters, a date range
// and the free text left over, so that `interpreted` can show what was
// understood. Words that map to no facet stay free text; none is dropped silently.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "schema/gazetteer.h"
#include "schema/schema.h"

namespace dossier::searchd {

using FilterMap = std::map<schema::Facet, std::vector<std::string>>;

struct Interpretation {
  std::string text;                  // free text left for the full-text query
  std::string boost;                 // words read as a topic: they rank, they do not filter
  FilterMap filters;                 // facet values the words were read as
  FilterMap exclusions;              // "-type:event"
  std::optional<std::string> from;   // YYYY-MM-DD
  std::optional<std::string> to;     // YYYY-MM-DD
  std::vector<std::string> ignored;  // connecting words used up by a filter ("all", "about")
  std::string lang = "en";           // language of the query, for stemming
  bool plain_language = false;       // filters were read from plain words (not field syntax)
  bool any_words = false;            // match any of the words, not all (the last fall-back)
};

// Acronyms and full names that mean the same (CSIS = Canadian Security
// Intelligence Service), from organisation aliases and schema/data/synonyms.tsv.
class SynonymTable {
 public:
  void add(const std::string& a, const std::string& b);  // both directions
  // The query text with each known acronym or name expanded to "(x OR "y")".
  std::string expand(const std::string& text) const;
  std::size_t size() const { return map_.size(); }

 private:
  std::unordered_map<std::string, std::vector<std::string>> map_;  // lookup_key -> other forms
  std::size_t longest_ = 1;  // words in the longest key
};

SynonymTable load_synonyms(const schema::Gazetteers& g, const std::string& data_dir);

class QueryInterpreter {
 public:
  explicit QueryInterpreter(const schema::Gazetteers& gazetteers);

  // Reads field syntax always, plain language when `plain` is true.
  Interpretation interpret(const std::string& query, bool plain = true) const;

  // Canonical facet value for what a user wrote after "minister:", "org:" ...
  // (several for an ambiguous surname); the input itself when nothing matches.
  std::vector<std::string> resolve(schema::Facet facet, const std::string& value,
                                   const std::optional<std::string>& from = {},
                                   const std::optional<std::string>& to = {}) const;

  // Reads a date bound as given in from=/to= or a range: "2016", "2016-05", "2016-05-03".
  // `upper`: the last day of the year or month. nullopt when it is not a date.
  static std::optional<std::string> date_bound(const std::string& text, bool upper);

 private:
  struct Match {
    schema::Facet facet;
    std::vector<std::string> values;
    std::size_t length;  // tokens
  };
  std::optional<Match> match_at(const std::vector<std::string>& keys, std::size_t i,
                                const Interpretation& so_far) const;

  const schema::Gazetteers& g_;
  // Stemmed keys of topic labels and phrases (en and fr) -> slug.
  std::unordered_map<std::string, std::string> topic_keys_;
  std::size_t longest_topic_ = 1;
};

}  // namespace dossier::searchd
