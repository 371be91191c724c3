// page_tree.h — the parsed page as a flat array of its elements in document
// order, each with the measures the extractor judges by: visible text length,
// link text length, commas, paragraph count, class/id hints, whether it is
// hidden and whether it lies in page furniture (navigation, sidebars, share
// and comment widgets...). A subtree is the index range [i, end).
#pragma once

#include <gumbo.h>

#include <string>
#include <vector>

#include "indexer/extract/hints.h"

namespace dossier::indexer::extraction {

struct TreeNode {
  const GumboNode* node = nullptr;
  GumboTag tag = GUMBO_TAG_UNKNOWN;
  int parent = -1;
  int end = 0;  // one past the last element of the subtree
  int depth = 0;
  bool hidden = false;     // the element or one of its ancestors is not shown
  bool in_link = false;    // inside <a href>
  bool furniture = false;  // the element or an ancestor is navigation, sidebar, widget...
  bool has_block_child = false;
  ClassHint hint;
  // Measured over the visible text of the subtree (white space not counted).
  int chars = 0;
  int link_chars = 0;
  int commas = 0;
  int sentences = 0;   // ". ", "! ", "? " and the like
  int paragraphs = 0;  // paragraph-like blocks with at least 25 characters

  double link_density() const { return chars > 0 ? double(link_chars) / chars : 0.0; }
};

class PageTree {
 public:
  explicit PageTree(const GumboNode* document);

  const std::vector<TreeNode>& nodes() const { return nodes_; }
  const TreeNode& operator[](int i) const { return nodes_[i]; }
  int size() const { return static_cast<int>(nodes_.size()); }
  int body() const { return body_; }
  int head() const { return head_; }
  int html() const { return html_; }

  bool contains(int ancestor, int node) const {
    return ancestor <= node && node < nodes_[ancestor].end;
  }
  // Element children of i, in order.
  std::vector<int> children(int i) const;
  // First element of the subtree of i (i included) with the tag, or -1.
  int find_first(int i, GumboTag tag) const;
  // Visible text of the subtree, white space collapsed, trimmed.
  std::string text(int i) const;
  // Whether the element counts as one paragraph of text (p, li, td, pre, a div of
  // inline content...).
  bool is_paragraph_like(int i) const;

 private:
  void build(const GumboNode* document);
  void measure();
  void mark_furniture();

  std::vector<TreeNode> nodes_;
  int html_ = -1;
  int head_ = -1;
  int body_ = -1;
};

}  // namespace dossier::indexer::extraction
