// main_text.h — finds the main text of a page by structure and text density.
//
// Every paragraph-like block (p, pre, li, td, a div of inline text...) with
// some text scores by its length and commas; the score flows to its parent,
// grandparent and on with a decay, so the container that gathers the most
// well-written paragraphs wins. Link density lowers a container's score,
// <article>, <main>, itemprop=articleBody and class names like
// "entry-content" raise it, names like "sidebar" or "share" lower it. Siblings
// of the winner that carry text of the same kind join it (articles split over
// several containers).
#pragma once

#include <string>
#include <vector>

#include "indexer/extract/page_tree.h"
#include "indexer/extract/paragraphs.h"

namespace dossier::indexer::extraction {

struct MainContent {
  int top = -1;            // the best container, -1 when the page has no text
  std::vector<int> parts;  // top and the siblings that join it, in document order
  int chars = 0;           // visible characters of the parts
};

MainContent find_main_content(const PageTree& tree);

// Leaves out, inside a post's container, what is not the post: furniture,
// hidden and non-text elements, link lists, headers and footers, "Read more"
// links, and headings that repeat the title (title_key: see title_key()).
SkipElement content_filter(const PageTree& tree, int content_chars, std::string title_key);

// Lowercase letters and digits only: the form in which headings and titles are compared.
std::string title_key(std::string_view title);

// Whether a heading's text is the post's title (equal, or one holds the other
// and they are nearly as long).
bool same_title(std::string_view heading_key, std::string_view title_key);

}  // namespace dossier::indexer::extraction
