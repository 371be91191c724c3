// page_tree.cpp — see page_tree.h. Built with explicit stacks: broken pages
// can nest elements thousands deep.
#include "indexer/extract/page_tree.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "indexer/extract/dom.h"

namespace dossier::indexer::extraction {
namespace {

const GumboVector& children_of(const GumboNode* node) {
  return node->type == GUMBO_NODE_DOCUMENT ? node->v.document.children : node->v.element.children;
}

bool is_element(const GumboNode* node) {
  return node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE;
}

bool is_text(const GumboNode* node) {
  return node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA ||
         node->type == GUMBO_NODE_WHITESPACE;
}

struct TextMeasure {
  int chars = 0;
  int commas = 0;
  int sentences = 0;
};

TextMeasure measure_text(std::string_view text) {
  TextMeasure m;
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n; ++i) {
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') continue;
    ++m.chars;
    if (c == ',') ++m.commas;
    if ((c == '.' || c == '!' || c == '?' || c == ';') &&
        (i + 1 == n || text[i + 1] == ' ' || text[i + 1] == '\n'))
      ++m.sentences;
  }
  return m;
}

}  // namespace

PageTree::PageTree(const GumboNode* document) {
  build(document);
  measure();
  mark_furniture();
}

void PageTree::build(const GumboNode* document) {
  // Pre-order walk; a frame is (gumbo node, tree index, next child position).
  struct Frame {
    const GumboNode* node;
    int index;
    unsigned next;
  };
  std::vector<Frame> stack;
  std::unordered_map<std::string_view, ClassHint> class_hints;
  stack.push_back({document, -1, 0});
  while (!stack.empty()) {
    Frame& top = stack.back();
    const GumboVector& kids = children_of(top.node);
    if (top.next >= kids.length) {
      if (top.index >= 0) nodes_[top.index].end = static_cast<int>(nodes_.size());
      stack.pop_back();
      continue;
    }
    const GumboNode* child = static_cast<const GumboNode*>(kids.data[top.next++]);
    if (!is_element(child)) continue;
    int parent = top.index;
    TreeNode t;
    t.node = child;
    t.tag = child->v.element.tag;
    t.parent = parent;
    t.depth = parent >= 0 ? nodes_[parent].depth + 1 : 0;
    bool parent_hidden = parent >= 0 && nodes_[parent].hidden;
    t.hidden = parent_hidden || is_non_text_tag(t.tag) || hides_itself(child);
    t.in_link = (parent >= 0 && nodes_[parent].in_link) ||
                (t.tag == GUMBO_TAG_A && has_attribute(child, "href"));
    // Pages repeat the same class names on many elements: read each once.
    std::string_view cls = attribute(child, "class");
    if (!cls.empty()) {
      auto cached = class_hints.find(cls);
      if (cached == class_hints.end()) cached = class_hints.emplace(cls, class_hint_of(cls)).first;
      t.hint = cached->second;
    }
    std::string_view id = attribute(child, "id");
    if (!id.empty()) t.hint |= class_hint_of(id);
    if (parent >= 0 && is_block_tag(t.tag)) nodes_[parent].has_block_child = true;
    int index = static_cast<int>(nodes_.size());
    if (t.tag == GUMBO_TAG_HTML && html_ < 0) html_ = index;
    if (t.tag == GUMBO_TAG_HEAD && head_ < 0) head_ = index;
    if (t.tag == GUMBO_TAG_BODY && body_ < 0) body_ = index;
    nodes_.push_back(t);
    stack.push_back({child, index, 0});
  }
}

void PageTree::measure() {
  // Own text first, then totals bottom-up (children come after their parent).
  for (TreeNode& t : nodes_) {
    if (t.hidden) continue;
    const GumboVector& kids = t.node->v.element.children;
    for (unsigned k = 0; k < kids.length; ++k) {
      const GumboNode* child = static_cast<const GumboNode*>(kids.data[k]);
      if (!is_text(child)) continue;
      TextMeasure m = measure_text(child->v.text.text);
      t.chars += m.chars;
      t.commas += m.commas;
      t.sentences += m.sentences;
      if (t.in_link) t.link_chars += m.chars;
    }
  }
  for (int i = size() - 1; i >= 0; --i) {
    TreeNode& t = nodes_[i];
    if (!t.hidden && is_paragraph_like(i) && t.chars >= 25) ++t.paragraphs;
    if (t.parent < 0) continue;
    TreeNode& p = nodes_[t.parent];
    p.chars += t.chars;
    p.link_chars += t.link_chars;
    p.commas += t.commas;
    p.sentences += t.sentences;
    p.paragraphs += t.paragraphs;
  }
}

void PageTree::mark_furniture() {
  const int page_chars = body_ >= 0 ? nodes_[body_].chars : 0;
  for (int i = 0; i < size(); ++i) {
    TreeNode& t = nodes_[i];
    if (t.parent >= 0 && nodes_[t.parent].furniture) {
      t.furniture = true;
      continue;
    }
    if (i == body_ || i == html_) continue;
    bool by_tag = t.tag == GUMBO_TAG_NAV || t.tag == GUMBO_TAG_ASIDE || t.tag == GUMBO_TAG_MENU;
    bool by_name = t.hint.always_junk || (t.hint.junk && !t.hint.content);
    if (t.tag == GUMBO_TAG_FORM && t.chars < 200) by_tag = true;
    // A wrapper that holds most of the page is not furniture, whatever its name
    // ("site-content has-sidebar").
    if ((by_tag || by_name) && t.chars * 2 <= page_chars) t.furniture = true;
  }
}

std::vector<int> PageTree::children(int i) const {
  std::vector<int> out;
  for (int j = i + 1; j < nodes_[i].end; j = nodes_[j].end) out.push_back(j);
  return out;
}

int PageTree::find_first(int i, GumboTag tag) const {
  for (int j = i; j < nodes_[i].end; ++j)
    if (nodes_[j].tag == tag) return j;
  return -1;
}

std::string PageTree::text(int i) const {
  std::string out;
  bool pending = false;
  // Walk gumbo nodes under element i, skipping hidden elements.
  struct Frame {
    const GumboNode* node;
    int index;
    unsigned next;
    int next_child_index;
  };
  std::vector<Frame> stack;
  if (nodes_[i].hidden) return out;
  stack.push_back({nodes_[i].node, i, 0, i + 1});
  while (!stack.empty()) {
    Frame& f = stack.back();
    const GumboVector& kids = f.node->v.element.children;
    if (f.next >= kids.length) {
      if (is_block_tag(nodes_[f.index].tag)) pending = true;
      stack.pop_back();
      continue;
    }
    const GumboNode* child = static_cast<const GumboNode*>(kids.data[f.next++]);
    if (is_text(child)) {
      append_collapsed(out, child->v.text.text, pending);
    } else if (is_element(child)) {
      int ci = f.next_child_index;
      f.next_child_index = nodes_[ci].end;
      if (nodes_[ci].hidden) continue;
      if (nodes_[ci].tag == GUMBO_TAG_BR || is_block_tag(nodes_[ci].tag)) pending = true;
      stack.push_back({child, ci, 0, ci + 1});
    }
  }
  return out;
}

bool PageTree::is_paragraph_like(int i) const {
  switch (nodes_[i].tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_PRE:
      return true;
    case GUMBO_TAG_TD:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_UNKNOWN:
      return !nodes_[i].has_block_child;
    default:
      return false;
  }
}

}  // namespace dossier::indexer::extraction
