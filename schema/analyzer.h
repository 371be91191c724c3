// analyzer.h — the text analyzer used at index time and at query time, so the
// two always agree: NFKC, accent folding ("sécurité" and "securite" index
// alike), Snowball stemming in the document's (or query's) language.
#pragma once

#include <xapian.h>

#include <memory>
#include <string>
#include <string_view>

#include "schema/schema.h"

namespace dossier::schema {

// NFKC-normalises UTF-8, removes accents and other combining marks, expands
// ligatures (œ -> oe, ß -> ss) and turns apostrophes into spaces (so that
// "l’extradition" yields "extradition"). Case is kept: Xapian lowercases terms
// itself, and QueryParser needs to see "AND"/"OR". Invalid UTF-8 becomes U+FFFD.
std::string fold_text(std::string_view utf8);
// fold_text() and lowercase: the key used for gazetteer lookups.
std::string fold_key(std::string_view utf8);

// Languages with a Snowball stemmer we index with; others are indexed unstemmed.
bool has_stemmer(std::string_view lang);
Xapian::Stem stemmer_for(std::string_view lang);
// The same, made once per language and thread (Snowball stemmers are costly to
// make and keep state while stemming, so threads do not share them).
Xapian::Stem& thread_stemmer(std::string_view lang);
// Stopwords of a language (en and fr at least); never null.
const Xapian::Stopper* stopper_for(std::string_view lang);

// Weight of a title word relative to a body word.
inline constexpr Xapian::termcount kTitleWeight = 5;

// Indexes a document's free text (title weighted above body, positions kept,
// stems in the document's language) into doc through tg. Does not add boolean
// terms or values; the indexer's writer does that through schema.h.
void index_text(Xapian::TermGenerator& tg, Xapian::Document& doc, std::string_view title,
                std::string_view body, std::string_view lang);

// Sets up a QueryParser for a query in `lang`: stemmer, stopper, strategy and
// the free-text field prefixes ("title:"). Boolean facet prefixes are added by
// the caller, which knows how to map user words to facet values.
void configure_query_parser(Xapian::QueryParser& qp, std::string_view lang);

}  // namespace dossier::schema
