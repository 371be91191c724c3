// paragraphs.h — writes chosen parts of the page out as the paragraphs of a
// post: each block element (p, heading, list item, table cell, blockquote,
// div...) becomes its own paragraph, <br> starts a new line inside it (lines
// joined with "\n"), white space is collapsed and hidden elements are left out.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "indexer/extract/page_tree.h"

namespace dossier::indexer::extraction {

// Says whether an element (by tree index) and its subtree are left out.
using SkipElement = std::function<bool(int)>;

// A part of the page to write out: a whole element, or a run of an element's
// children, positions [begin, end) in Gumbo's child order, text nodes included
// (a listing entry that is a heading and what follows it in a shared container).
struct TextSpan {
  int element = -1;
  unsigned begin = 0;
  unsigned end = ~0u;
  bool whole() const { return begin == 0 && end == ~0u; }
};

std::vector<std::string> write_paragraphs(const PageTree& tree, const std::vector<TextSpan>& spans,
                                          const SkipElement& skip);
std::vector<std::string> write_paragraphs(const PageTree& tree, const std::vector<int>& roots,
                                          const SkipElement& skip);

}  // namespace dossier::indexer::extraction
