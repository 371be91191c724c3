// metadata.h — what a page says about itself in its <head> and JSON-LD:
// titles (og:title, <title>, JSON-LD headline), the canonical URL, the
// published date of meta tags and JSON-LD, the language, sections, and whether
// it calls itself an article. Dates found in the body (<time>, the URL path,
// the text by the title) are post_dates.h's job.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/extract/page_tree.h"

namespace dossier::indexer::extraction {

struct PageMetadata {
  std::string base_url;                     // the page URL, or its <base href>
  std::string canonical_url;                // rel=canonical, else og:url, resolved; "" when neither
  std::string og_title;                     // og:title, else twitter:title
  std::string html_title;                   // <title>
  std::string json_ld_title;                // JSON-LD headline
  std::string site_name;                    // og:site_name, else application-name
  std::string lang;                         // two letters from <html lang>, og:locale or JSON-LD
  std::optional<std::string> meta_date;     // YYYY-MM-DD from article:published_time & co
  std::optional<std::string> json_ld_date;  // YYYY-MM-DD from JSON-LD datePublished
  std::vector<std::string> sections;        // article:section, JSON-LD articleSection
  std::string json_ld_url;                  // the URL JSON-LD gives the article, resolved
  bool says_article = false;    // og:type=article, a published time, or a JSON-LD article
  bool says_not_found = false;  // the title says 404 / not found
};

PageMetadata read_page_metadata(const PageTree& tree, const std::vector<std::string>& json_ld,
                                std::string_view page_url);

// "Title – Site", "Title | Site", "Site | Title" -> "Title" when the site part
// is the site name (or, for " | " and dashes, short and capitalised).
std::string strip_site_name(std::string_view title, std::string_view site_name);

// "en-CA" -> "en", "fr_FR" -> "fr"; "" when it does not start with two letters.
std::string two_letter_language(std::string_view tag);

}  // namespace dossier::indexer::extraction
