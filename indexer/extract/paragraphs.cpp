// paragraphs.cpp — see paragraphs.h.
#include "indexer/extract/paragraphs.h"

#include "indexer/extract/dom.h"

namespace dossier::indexer::extraction {
namespace {

class ParagraphWriter {
 public:
  void text(std::string_view s) { append_collapsed(line_, s, pending_space_); }

  // Text inside <pre>: its line breaks are kept.
  void preformatted(std::string_view s) {
    std::size_t pos = 0;
    while (true) {
      std::size_t nl = s.find('\n', pos);
      text(s.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos));
      if (nl == std::string_view::npos) break;
      line_break();
      pos = nl + 1;
    }
  }

  void line_break() {
    trim(line_);
    if (!line_.empty()) lines_.push_back(std::move(line_));
    line_.clear();
    pending_space_ = false;
  }

  void end_paragraph() {
    line_break();
    if (lines_.empty()) return;
    std::string paragraph;
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      if (i) paragraph.push_back('\n');
      paragraph += lines_[i];
    }
    lines_.clear();
    paragraphs_.push_back(std::move(paragraph));
  }

  std::vector<std::string> take() {
    end_paragraph();
    return std::move(paragraphs_);
  }

 private:
  static void trim(std::string& s) {
    std::size_t b = 0, e = s.size();
    while (b < e && s[b] == ' ') ++b;
    while (e > b && s[e - 1] == ' ') --e;
    if (b > 0 || e < s.size()) s = s.substr(b, e - b);
  }

  std::string line_;
  bool pending_space_ = false;
  std::vector<std::string> lines_;
  std::vector<std::string> paragraphs_;
};

bool is_text(const GumboNode* node) {
  return node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA ||
         node->type == GUMBO_NODE_WHITESPACE;
}

bool is_element(const GumboNode* node) {
  return node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE;
}

}  // namespace

std::vector<std::string> write_paragraphs(const PageTree& tree, const std::vector<TextSpan>& spans,
                                          const SkipElement& skip) {
  ParagraphWriter writer;
  struct Frame {
    int index;
    unsigned next;
    unsigned limit;
    int next_child_index;
    bool block;
    bool pre;
  };
  std::vector<Frame> stack;
  for (const TextSpan& span : spans) {
    const int root = span.element;
    if (tree[root].hidden) continue;
    if (span.whole()) {
      if (skip(root)) continue;
      bool root_block = is_block_tag(tree[root].tag);
      if (root_block) writer.end_paragraph();
      stack.push_back({root, 0, ~0u, root + 1, root_block, tree[root].tag == GUMBO_TAG_PRE});
    } else {
      // Start inside the element at child `begin`: find the tree index of the
      // first element child from there on.
      const GumboVector& kids = tree[root].node->v.element.children;
      int child_index = root + 1;
      for (unsigned k = 0; k < span.begin && k < kids.length; ++k)
        if (is_element(static_cast<const GumboNode*>(kids.data[k])))
          child_index = tree[child_index].end;
      writer.end_paragraph();
      stack.push_back(
          {root, span.begin, span.end, child_index, true, tree[root].tag == GUMBO_TAG_PRE});
    }
    while (!stack.empty()) {
      Frame& f = stack.back();
      const GumboVector& kids = tree[f.index].node->v.element.children;
      if (f.next >= kids.length || f.next >= f.limit) {
        if (f.block) writer.end_paragraph();
        stack.pop_back();
        continue;
      }
      const GumboNode* child = static_cast<const GumboNode*>(kids.data[f.next++]);
      if (is_text(child)) {
        if (f.pre)
          writer.preformatted(child->v.text.text);
        else
          writer.text(child->v.text.text);
        continue;
      }
      if (!is_element(child)) continue;
      int ci = f.next_child_index;
      f.next_child_index = tree[ci].end;
      const bool pre = f.pre;
      if (tree[ci].hidden || skip(ci)) continue;
      GumboTag tag = tree[ci].tag;
      if (tag == GUMBO_TAG_BR) {
        writer.line_break();
        continue;
      }
      bool block = is_block_tag(tag);
      if (block) writer.end_paragraph();
      stack.push_back({ci, 0, ~0u, ci + 1, block, pre || tag == GUMBO_TAG_PRE});
    }
  }
  return writer.take();
}

std::vector<std::string> write_paragraphs(const PageTree& tree, const std::vector<int>& roots,
                                          const SkipElement& skip) {
  std::vector<TextSpan> spans;
  spans.reserve(roots.size());
  for (int r : roots) spans.push_back({r});
  return write_paragraphs(tree, spans, skip);
}

}  // namespace dossier::indexer::extraction
