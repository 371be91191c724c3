// json_ld.h — reads the schema.org metadata a page states in JSON-LD
// (<script type="application/ld+json">): headline, publication date, URL,
// language and sections of the article it describes. Pages ship broken JSON
// (trailing commas, HTML comments, CDATA markers, several objects in a row):
// what cannot be read is ignored.
#pragma once

#include <string>
#include <vector>

namespace dossier::indexer::extraction {

struct JsonLdArticle {
  bool found = false;  // an Article-like object (NewsArticle, BlogPosting, Report...)
  std::string type;    // its @type
  std::string headline;
  std::string date_published;         // as written
  std::string url;                    // url, or mainEntityOfPage / @id
  std::string language;               // inLanguage
  std::vector<std::string> sections;  // articleSection
};

// The first Article-like object of the blocks (a WebPage when there is no article).
JsonLdArticle read_json_ld(const std::vector<std::string>& blocks);

}  // namespace dossier::indexer::extraction
