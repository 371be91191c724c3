// snippet.h — the highlighted extract of a result: the window of the post's
// text where the query's words are densest, HTML-escaped, with each matching
// word wrapped in <mark>. Words match as the analyzer sees them: accents and
// case folded, and stemmed in the post's language.
#pragma once

#include <xapian.h>

#include <set>
#include <string>
#include <string_view>

namespace dossier::searchd {

// The words of a query, as the highlighter needs them.
struct HighlightTerms {
  std::set<std::string> words;  // folded, lowercase, unstemmed
  std::set<std::string> stems;  // stems (without the "Z" prefix)
  bool empty() const { return words.empty() && stems.empty(); }
};

// Collects the free-text terms of a parsed query (boolean filter terms are left out).
HighlightTerms highlight_terms(const Xapian::Query& query);

std::string html_escape(std::string_view text);

// A snippet of about `max_chars` characters. With no terms (or no match) it is
// the start of the text.
std::string make_snippet(std::string_view text, const HighlightTerms& terms, std::string_view lang,
                         std::size_t max_chars = 240);

// The whole text with matching words marked (for the document view).
std::string highlight_all(std::string_view text, const HighlightTerms& terms, std::string_view lang);

}  // namespace dossier::searchd
