// post.h — what the extract stage hands on: the posts found on one page, each
// with its own URL, title, date evidence and main text, but no annotation yet.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace dossier::indexer {

enum class PageKind {
  kSingle,   // the page of one post
  kListing,  // a news index, archive, category or tag page holding several posts
  kOther,    // a page that holds no post (contact page, 404 body, empty file)
};

struct ExtractedPost {
  std::string url;  // the post's own URL: rel=canonical/og:url, the title link on a listing, else
                    // the page URL
  std::string page_url;  // the page it was read from
  std::string title;
  std::optional<std::string>
      published;  // YYYY-MM-DD from meta tags, <time>, JSON-LD, URL path or text by the title
  std::string
      published_from;  // "meta", "time", "json-ld", "url", "text", "" (for tests and debugging)
  std::vector<std::string>
      paragraphs;  // main text blocks in order (headings, paragraphs, list items, address lines)
  bool excerpt = false;   // a listing page showed a shortened version ("Read more")
  std::string html_lang;  // <html lang> or og:locale, lowercased two-letter code, may be empty
  std::vector<std::string> categories;  // rel=category/tag links and article:section, as shown
};

struct ExtractedPage {
  PageKind kind = PageKind::kOther;
  std::string url;                   // the page's URL (base for relative links)
  std::string canonical_url;         // rel=canonical of the page, if any
  std::vector<ExtractedPost> posts;  // one for kSingle, several for kListing, none for kOther
};

}  // namespace dossier::indexer
