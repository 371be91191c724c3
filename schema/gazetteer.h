// gazetteer.h — the reference data annotators and query understanding share:
// ministers and their tenures, portfolios, organisations and their aliases,
// topics with weighted phrases, document types with their cues. Loaded from the
// TSV files of schema/data/ and validated once at start-up; a bad line throws
// GazetteerError naming "file:line: reason". Immutable after load, so one
// object can be shared by any number of threads.
#pragma once

#include <cstddef>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace dossier::schema {

// A data file that cannot be loaded: what() is "file:line: reason" (line 0 when
// the problem is the file as a whole, e.g. a missing file).
class GazetteerError : public std::runtime_error {
 public:
  GazetteerError(std::string file, std::size_t line, const std::string& reason);
  const std::string& file() const { return file_; }
  std::size_t line() const { return line_; }

 private:
  std::string file_;
  std::size_t line_;
};

struct Tenure {
  std::string portfolio;   // Portfolio::key
  std::string start, end;  // ISO dates; end (exclusive) empty = in office
};

struct Minister {
  std::string name;                   // canonical full name: the facet value
  std::vector<std::string> aliases;   // other spellings of the full name
  std::vector<std::string> surnames;  // "Minister X" forms: "Goodale", "Van Loan"
  std::vector<Tenure> tenures;        // in start order
  // True when a tenure (of `portfolio`, or of any portfolio when empty) covers the date.
  bool in_office(std::string_view iso_date, std::string_view portfolio = {}) const;
};

struct Portfolio {
  std::string key;  // "public-safety"
  std::string title_en, title_fr;
  std::vector<std::string> variants;  // other titles, both languages
};

struct Organisation {
  std::string name;                  // canonical: the facet value
  std::vector<std::string> aliases;  // acronyms, French name, other spellings
};

struct TopicPhrase {
  std::string phrase;  // words; a final '*' matches any word starting so ("extradit*")
  std::string lang;    // "en", "fr", or "any"
  double weight = 1;   // mentions of evidence one occurrence gives; 0: a name that is no evidence
};

struct Topic {
  std::string slug, label_en, label_fr;
  std::vector<std::string> aliases;  // other names: query words, the site's tags ("refugies")
  std::vector<TopicPhrase> phrases;
};

// A cue for a document type. `where` says which part of the post it counts in:
// "title", "opening" (the first lines of the text), "closing" (the last
// lines), "line" (a whole line, anywhere), "body" (anywhere).
struct TypeCue {
  std::string where;
  std::string phrase;
  double weight = 1;
};

struct DocType {
  std::string slug, label_en, label_fr;
  std::vector<std::string> query_words;  // "letters", "lettres", "press releases", "communiqués"
  std::vector<TypeCue> cues;
};

// The normalised form under which names, aliases, titles and query words are
// looked up: fold_key() (case, accents, ligatures), periods dropped ("B.C." =
// "BC"), '&' read as "and", other punctuation as space, spaces collapsed.
std::string lookup_key(std::string_view text);

class Gazetteers {
 public:
  // Reads ministers.tsv, portfolios.tsv, tenures.tsv, organisations.tsv,
  // topics.tsv, topic_phrases.tsv, doc_types.tsv and doc_type_cues.tsv.
  static Gazetteers load(const std::filesystem::path& dir);  // throws GazetteerError
  // $DOSSIER_DATA when set, else the source tree's schema/data.
  static std::filesystem::path default_dir();

  const std::vector<Minister>& ministers() const { return ministers_; }
  const std::vector<Portfolio>& portfolios() const { return portfolios_; }
  const std::vector<Organisation>& organisations() const { return organisations_; }
  const std::vector<Topic>& topics() const { return topics_; }
  const std::vector<DocType>& doc_types() const { return doc_types_; }

  // Full name or alias, lookup_key-insensitive; nullptr if unknown.
  const Minister* minister_by_name(std::string_view any_form) const;
  // Every minister "Minister <surname>" can name, in file order.
  std::vector<const Minister*> ministers_by_surname(std::string_view surname) const;
  // Of the ministers a surname names, the one in office on the date (any
  // portfolio), else the one whose tenure is nearest to it; nullptr if none.
  const Minister* minister_by_surname_on(std::string_view surname, std::string_view iso_date) const;
  // Who held the portfolio on the date; nullptr if nobody (or a bad date).
  const Minister* holder(std::string_view portfolio_key, std::string_view iso_date) const;
  const Portfolio* portfolio(std::string_view key) const;
  // A portfolio by any of its titles ("Minister of Public Safety and Emergency
  // Preparedness", "ministre de la Justice", "Prime Minister").
  const Portfolio* portfolio_by_title(std::string_view title) const;

  // Canonical name, acronym, French name or other spelling (a bracketed
  // addition or a second name after " / " may follow); nullptr if unknown.
  const Organisation* organisation_by_alias(std::string_view any_form) const;

  const Topic* topic(std::string_view slug) const;
  // A topic by slug (also with spaces: "no fly list"), English or French label,
  // or alias ("refugies", "financement du terrorisme").
  const Topic* topic_by_label(std::string_view label) const;
  const DocType* doc_type(std::string_view slug) const;
  // A document type by slug, label or query word ("letters", "communiqués").
  const DocType* doc_type_by_word(std::string_view word) const;

 private:
  friend class GazetteerLoader;
  std::vector<Minister> ministers_;
  std::vector<Portfolio> portfolios_;
  std::vector<Organisation> organisations_;
  std::vector<Topic> topics_;
  std::vector<DocType> doc_types_;
  // lookup_key -> index into the vectors above.
  std::unordered_map<std::string, std::size_t> minister_index_;
  std::unordered_multimap<std::string, std::size_t> surname_index_;
  std::unordered_map<std::string, std::size_t> portfolio_index_;        // by key
  std::unordered_map<std::string, std::size_t> portfolio_title_index_;  // by any title
  std::unordered_map<std::string, std::size_t> organisation_index_;
  std::unordered_map<std::string, std::size_t> topic_index_;     // slug and labels
  std::unordered_map<std::string, std::size_t> doc_type_index_;  // slug, labels, query words
};

}  // namespace dossier::schema
