// listing.cpp — see listing.h.
#include "indexer/extract/listing.h"

#include <algorithm>
#include <map>

#include "indexer/extract/dom.h"
#include "indexer/identity.h"

namespace dossier::indexer::extraction {
namespace {

std::string host_of(std::string_view normalized) {
  std::size_t slash = normalized.find_first_of("/?");
  return std::string(normalized.substr(0, slash));
}

std::string without_fragment(std::string url) {
  if (std::size_t h = url.find('#'); h != std::string::npos) url.erase(h);
  return url;
}

struct TitleLink {
  int link;
  int title_element;  // heading or the link itself: where the block is grown from
  int heading;        // the element whose text is the title
  std::string url;
  std::string key;  // normalised URL
};

// The heading (within three levels) that a link is the text of, or -1.
int heading_of(const PageTree& tree, int link) {
  int a = tree[link].parent;
  for (int level = 0; level < 3 && a >= 0; ++level, a = tree[a].parent) {
    if (is_heading_tag(tree[a].tag)) return a;
    if (is_block_tag(tree[a].tag) && tree[a].tag != GUMBO_TAG_DIV) return -1;
  }
  return -1;
}

bool title_class(std::string_view cls) {
  std::string c = lowercase(cls);
  return c.find("title") != std::string::npos || c.find("headline") != std::string::npos;
}

}  // namespace

std::vector<PostBlock> find_post_blocks(const PageTree& tree, std::string_view base_url,
                                        const std::vector<std::string>& self_urls) {
  std::vector<PostBlock> blocks;
  if (tree.body() < 0) return blocks;
  std::vector<std::string> self_keys;
  for (const std::string& u : self_urls)
    if (!u.empty()) self_keys.push_back(normalize_url(u));
  const std::string page_host = host_of(normalize_url(base_url));

  std::vector<TitleLink> links;
  for (int i = tree.body(); i < tree[tree.body()].end; ++i) {
    const TreeNode& t = tree[i];
    if (t.hidden || t.furniture) {
      i = t.end - 1;
      continue;
    }
    if (t.tag != GUMBO_TAG_A || t.chars < 8) continue;
    std::string_view href = attribute(t.node, "href");
    if (href.empty() || href[0] == '#' || starts_with_ci(href, "mailto:") ||
        starts_with_ci(href, "javascript:") || starts_with_ci(href, "tel:"))
      continue;
    int title_element = heading_of(tree, i);
    int heading = title_element;
    if (title_element < 0) {
      // A card whose link wraps its heading (and maybe its excerpt).
      for (int j = i + 1; j < t.end && heading < 0; ++j)
        if (is_heading_tag(tree[j].tag) && tree[j].chars >= 8 && !tree[j].hidden) heading = j;
      if (heading >= 0) {
        title_element = i;
      } else {
        // A link named as a title, itself or by wrappers that hold nothing
        // else (<div class="views-field-title"><span><a>).
        bool named = title_class(attribute(t.node, "class"));
        for (int a = t.parent, level = 0;
             !named && a >= 0 && level < 2 && tree[a].chars <= t.chars + 4;
             a = tree[a].parent, ++level)
          named = title_class(attribute(tree[a].node, "class"));
        if (!named) continue;
        title_element = heading = i;
      }
    } else if (tree[title_element].link_chars * 10 < tree[title_element].chars * 6) {
      continue;  // a heading that merely contains a link
    }
    std::string url = without_fragment(resolve_url(base_url, href));
    std::string key = normalize_url(url);
    if (host_of(key) != page_host) continue;
    if (key == page_host) continue;  // the home page
    if (std::find(self_keys.begin(), self_keys.end(), key) != self_keys.end()) continue;
    links.push_back({i, title_element, heading, std::move(url), std::move(key)});
  }
  if (links.empty()) return blocks;

  // Distinct title URLs inside the subtree of `e`.
  auto distinct_urls_in = [&](int e, const std::string& own) {
    for (const TitleLink& l : links)
      if (tree.contains(e, l.link) && l.key != own) return 2;
    return 1;
  };

  std::map<int, std::size_t> block_of_element;  // block element -> index in blocks
  for (const TitleLink& l : links) {
    int block = l.title_element;
    for (int p = tree[block].parent; p >= 0 && p != tree.body() && !tree[p].furniture;
         p = tree[p].parent) {
      if (distinct_urls_in(p, l.key) > 1) break;
      block = p;
    }
    if (block_of_element.count(block)) continue;  // a second link to the same post
    PostBlock b;
    b.title_link = l.link;
    b.heading = l.heading;
    b.url = l.url;
    b.elements.push_back(block);
    b.span.element = block;
    if (block == l.title_element && tree[block].parent >= 0) {
      // Heading-split entries: the heading and what follows it up to the next title.
      const int parent = tree[block].parent;
      b.span = {parent, static_cast<unsigned>(tree[block].node->index_within_parent),
                tree[parent].node->v.element.children.length};
      for (int s : tree.children(parent)) {
        if (s <= block) continue;
        bool next_title = false;
        for (const TitleLink& other : links)
          if (tree.contains(s, other.link) && other.key != l.key) next_title = true;
        if (next_title || (is_heading_tag(tree[s].tag) && tree[s].tag <= tree[block].tag)) {
          b.span.end = static_cast<unsigned>(tree[s].node->index_within_parent);
          break;
        }
        b.elements.push_back(s);
      }
    }
    for (int e : b.elements) b.chars += tree[e].chars;
    block_of_element[block] = blocks.size();
    blocks.push_back(std::move(b));
  }

  if (blocks.size() == 1) return blocks;  // the caller judges a lone entry
  // Keep the entries that repeat: blocks sharing a parent with another block,
  // or shaped like those (same tag of block and heading).
  std::map<int, int> per_parent;
  for (const PostBlock& b : blocks) ++per_parent[tree[b.elements.front()].parent];
  std::vector<PostBlock> kept;
  std::vector<std::pair<GumboTag, GumboTag>> shapes;
  for (const PostBlock& b : blocks)
    if (per_parent[tree[b.elements.front()].parent] >= 2)
      shapes.emplace_back(tree[b.elements.front()].tag, tree[b.heading].tag);
  for (PostBlock& b : blocks) {
    std::pair<GumboTag, GumboTag> shape(tree[b.elements.front()].tag, tree[b.heading].tag);
    if (per_parent[tree[b.elements.front()].parent] >= 2 ||
        std::find(shapes.begin(), shapes.end(), shape) != shapes.end())
      kept.push_back(std::move(b));
  }
  std::sort(kept.begin(), kept.end(), [](const PostBlock& a, const PostBlock& b) {
    return a.elements.front() < b.elements.front();
  });
  return kept;
}

}  // namespace dossier::indexer::extraction
