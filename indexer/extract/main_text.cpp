// main_text.cpp — see main_text.h.
#include "indexer/extract/main_text.h"

#include <algorithm>

#include "indexer/extract/boilerplate_text.h"
#include "indexer/extract/dom.h"

namespace dossier::indexer::extraction {
namespace {

double base_score(const PageTree& tree, int i) {
  const TreeNode& t = tree[i];
  double s = 0;
  switch (t.tag) {
    case GUMBO_TAG_ARTICLE:
      s += 10;
      break;
    case GUMBO_TAG_MAIN:
      s += 8;
      break;
    case GUMBO_TAG_DIV:
      s += 5;
      break;
    case GUMBO_TAG_SECTION:
      s += 3;
      break;
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_BLOCKQUOTE:
      s += 3;
      break;
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_FORM:
      s -= 3;
      break;
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_TH:
      s -= 5;
      break;
    default:
      break;
  }
  if (t.hint.content) s += 25;
  if (t.hint.always_junk || t.hint.junk) s -= 25;
  if (t.hint.weak_junk && !t.hint.content) s -= 10;
  std::string_view itemprop = attribute(t.node, "itemprop");
  if (itemprop.find("articleBody") != std::string_view::npos) s += 30;
  return s;
}

// Paragraph-like siblings join the winner when they read like prose.
bool reads_like_prose(const PageTree& tree, int i) {
  const TreeNode& t = tree[i];
  if (!tree.is_paragraph_like(i)) return false;
  if (t.chars >= 80 && t.link_density() < 0.25) return true;
  return t.chars >= 25 && t.link_chars == 0 && t.sentences > 0;
}

}  // namespace

std::string title_key(std::string_view title) {
  std::string out;
  for (unsigned char c : std::string(title)) {
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80)
      out.push_back(static_cast<char>(c));
  }
  return out;
}

bool same_title(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return false;
  if (a == b) return true;
  std::string_view shorter = a.size() < b.size() ? a : b;
  std::string_view longer = a.size() < b.size() ? b : a;
  return shorter.size() * 10 >= longer.size() * 7 && longer.find(shorter) != std::string_view::npos;
}

MainContent find_main_content(const PageTree& tree) {
  MainContent out;
  const int n = tree.size();
  std::vector<double> score(n, 0.0);
  std::vector<char> scored(n, 0);
  for (int i = 0; i < n; ++i) {
    const TreeNode& t = tree[i];
    if (t.hidden || t.furniture || t.chars < 25 || !tree.is_paragraph_like(i)) continue;
    // A paragraph's worth: one for being there, one per comma, up to three for its length.
    double worth = 1.0 + t.commas + std::min(t.chars / 100.0, 3.0);
    int a = t.parent;
    for (int level = 1; a >= 0 && level <= 5; ++level, a = tree[a].parent) {
      if (a == tree.html()) break;
      if (!scored[a]) {
        scored[a] = 1;
        score[a] = base_score(tree, a);
      }
      score[a] += worth / (level == 1 ? 1.0 : level == 2 ? 2.0 : level * 3.0);
    }
  }
  // A page's one <main> (or role="main") with real text holds its content:
  // candidates elsewhere count half.
  int main_element = -1;
  for (int i = 0; i < n; ++i) {
    const TreeNode& t = tree[i];
    if (t.hidden || t.furniture) continue;
    if (t.tag == GUMBO_TAG_MAIN || attribute(t.node, "role") == "main") {
      if (main_element >= 0 && !tree.contains(main_element, i)) {
        main_element = -1;  // several: no signal
        break;
      }
      if (main_element < 0) main_element = i;
    }
  }
  if (main_element >= 0 && tree[main_element].paragraphs == 0) main_element = -1;

  std::vector<double> final_score(n, 0.0);
  int top = -1;
  for (int i = 0; i < n; ++i) {
    if (!scored[i] || tree[i].furniture || tree[i].hidden) continue;
    final_score[i] = score[i] * (1.0 - tree[i].link_density());
    if (main_element >= 0 && !tree.contains(main_element, i) && !tree.contains(i, main_element))
      final_score[i] *= 0.5;
    if (top < 0 || final_score[i] > final_score[top]) top = i;
  }
  if (top < 0) return out;

  // When several strong candidates share an ancestor (an article split into
  // sections of similar weight), the ancestor is the article.
  std::vector<int> rivals;
  for (int i = 0; i < n; ++i)
    if (scored[i] && i != top && final_score[i] >= 0.75 * final_score[top] &&
        !tree.contains(i, top) && !tree.contains(top, i))
      rivals.push_back(i);
  if (rivals.size() >= 2) {
    for (int a = tree[top].parent; a >= 0 && a != tree.body() && a != tree.html();
         a = tree[a].parent) {
      int inside = 0;
      for (int r : rivals)
        if (tree.contains(a, r)) ++inside;
      if (inside >= 2) {
        if (!tree[a].furniture) top = a;
        break;
      }
    }
  }

  // The lead of an article often sits outside the container of its body (an
  // intro block, a first paragraph before a "read more" wrapper): climb to the
  // nearest ancestor, up to three levels, that adds prose of its own.
  {
    int level_top = top;
    for (int a = tree[top].parent, level = 0; a >= 0 && level < 3; a = tree[a].parent, ++level) {
      if (a == tree.body() || a == tree.html() || tree[a].furniture) break;
      int extra = 0;
      for (int i = a; i < tree[a].end; ++i) {
        if (i == level_top) {
          i = tree[i].end - 1;
          continue;
        }
        const TreeNode& t = tree[i];
        if (t.hidden || t.furniture || t.hint.always_junk) {
          i = t.end - 1;
          continue;
        }
        if (tree.is_paragraph_like(i) && t.chars >= 60 && t.sentences > 0 && t.link_density() < 0.3)
          extra += t.chars;
      }
      if (extra >= 100 && extra * 10 >= tree[top].chars) {
        top = a;
        break;
      }
    }
  }

  out.top = top;
  int parent = tree[top].parent;
  if (parent < 0) {
    out.parts.push_back(top);
  } else {
    double threshold = std::max(10.0, final_score[top] * 0.2);
    std::string_view top_class = attribute(tree[top].node, "class");
    for (int s : tree.children(parent)) {
      if (s == top) {
        out.parts.push_back(s);
        continue;
      }
      const TreeNode& t = tree[s];
      if (t.hidden || t.furniture) continue;
      double bonus = (!top_class.empty() && attribute(t.node, "class") == top_class)
                         ? final_score[top] * 0.2
                         : 0.0;
      if ((scored[s] && final_score[s] + bonus >= threshold) || reads_like_prose(tree, s))
        out.parts.push_back(s);
    }
  }
  for (int p : out.parts) out.chars += tree[p].chars;
  return out;
}

SkipElement content_filter(const PageTree& tree, int content_chars, std::string title) {
  return [&tree, content_chars, title = std::move(title)](int i) {
    const TreeNode& t = tree[i];
    if (t.hidden || is_non_text_tag(t.tag)) return true;
    if (t.tag == GUMBO_TAG_NAV || t.tag == GUMBO_TAG_ASIDE || t.tag == GUMBO_TAG_MENU) return true;
    const bool minor = t.chars * 2 < content_chars;
    if (t.furniture && minor) return true;
    if ((t.hint.always_junk || (t.hint.junk && !t.hint.content)) && minor) return true;
    if (t.hint.weak_junk && !t.hint.content && (t.link_density() > 0.5 || t.sentences == 0) &&
        minor)
      return true;
    if (t.tag == GUMBO_TAG_FOOTER && minor) return true;
    if (t.tag == GUMBO_TAG_HEADER && minor &&
        (t.paragraphs == 0 || tree.find_first(i, GUMBO_TAG_H1) >= 0))
      return true;
    if (t.tag == GUMBO_TAG_FORM && t.chars < 500) return true;
    if ((t.tag == GUMBO_TAG_UL || t.tag == GUMBO_TAG_OL || t.tag == GUMBO_TAG_DL ||
         t.tag == GUMBO_TAG_TABLE) &&
        t.link_density() > 0.6 && minor)
      return true;
    if ((t.tag == GUMBO_TAG_DIV || t.tag == GUMBO_TAG_SECTION) && t.link_density() > 0.75 &&
        t.chars < 400 && minor && t.sentences == 0)
      return true;
    if (t.tag == GUMBO_TAG_A &&
        (t.hint.read_more || (t.chars <= 40 && is_read_more_text(tree.text(i)))))
      return true;
    if (is_heading_tag(t.tag) && !title.empty() && t.chars < 400 &&
        same_title(title_key(tree.text(i)), title))
      return true;
    return false;
  };
}

}  // namespace dossier::indexer::extraction
