// post_builder.cpp — see post_builder.h.
#include "indexer/extract/post_builder.h"

#include <algorithm>

#include "indexer/extract/boilerplate_text.h"
#include "indexer/extract/dom.h"
#include "indexer/extract/post_dates.h"
#include "indexer/identity.h"

namespace dossier::indexer::extraction {

int text_chars(const std::vector<std::string>& paragraphs) {
  int n = 0;
  for (const std::string& p : paragraphs) n += visible_chars(p);
  return n;
}

namespace {

std::string without_fragment(std::string url) {
  if (std::size_t h = url.find('#'); h != std::string::npos) url.erase(h);
  return url;
}

void add_unique(std::vector<std::string>& list, std::string value) {
  if (value.empty()) return;
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(std::move(value));
}

bool rel_has(std::string_view rel, std::string_view token) {
  std::string r = lowercase(rel);
  std::size_t pos = 0;
  while (pos < r.size()) {
    std::size_t end = r.find(' ', pos);
    if (end == std::string::npos) end = r.size();
    if (std::string_view(r).substr(pos, end - pos) == token) return true;
    pos = end + 1;
  }
  return false;
}

// Category and tag links (rel="category tag", rel="tag") in the subtrees.
std::vector<std::string> category_links(const PageTree& tree, const std::vector<int>& roots) {
  std::vector<std::string> out;
  for (int root : roots) {
    for (int i = root; i < tree[root].end; ++i) {
      const TreeNode& t = tree[i];
      if (t.furniture && t.tag != GUMBO_TAG_A) {
        i = t.end - 1;
        continue;
      }
      if (t.tag != GUMBO_TAG_A) continue;
      std::string_view rel = attribute(t.node, "rel");
      if (rel_has(rel, "tag") || rel_has(rel, "category")) add_unique(out, tree.text(i));
    }
  }
  return out;
}

// WordPress names a post's categories in its class: "category-letters".
std::vector<std::string> class_categories(const PageTree& tree, int element) {
  std::vector<std::string> out;
  std::string cls(attribute(tree[element].node, "class"));
  std::size_t pos = 0;
  while (pos < cls.size()) {
    std::size_t end = cls.find(' ', pos);
    if (end == std::string::npos) end = cls.size();
    std::string token = cls.substr(pos, end - pos);
    pos = end + 1;
    if (token.rfind("category-", 0) != 0 || token.size() <= 9) continue;
    std::string name = token.substr(9);
    std::replace(name.begin(), name.end(), '-', ' ');
    add_unique(out, name);
  }
  return out;
}

// Whether a heading is the site's name: a link to the home page ("/", "/en/").
bool names_the_site(const PageTree& tree, int heading, const std::string& base_url) {
  int link = tree.find_first(heading, GUMBO_TAG_A);
  if (link < 0 || tree[link].chars * 10 < tree[heading].chars * 8) return false;
  std::string key = normalize_url(resolve_url(base_url, attribute(tree[link].node, "href")));
  std::size_t slash = key.find('/');
  return slash == std::string::npos ||  // "site.org"
         (key.find('/', slash + 1) == std::string::npos &&
          key.size() - slash <= 3);  // "site.org/fr"
}

// The heading that titles the post whose text is `content`.
int find_title_heading(const PageTree& tree, const MainContent& content,
                       const std::string& base_url) {
  const int body = tree.body();
  if (body < 0) return -1;
  int inside = -1, before = -1, after = -1, titled = -1;
  for (int i = body; i < tree[body].end; ++i) {
    const TreeNode& t = tree[i];
    if (t.hidden || t.furniture) {
      i = t.end - 1;
      continue;
    }
    if (t.chars == 0) continue;
    if (is_heading_tag(t.tag) && names_the_site(tree, i, base_url)) continue;
    if (t.tag == GUMBO_TAG_H1) {
      if (content.top >= 0 && tree.contains(content.top, i)) {
        if (inside < 0) inside = i;
      } else if (content.top < 0 || i < content.top) {
        before = i;
      } else if (after < 0) {
        after = i;
      }
    } else if (is_heading_tag(t.tag) && titled < 0 && content.top >= 0 &&
               (i < content.top || tree.contains(content.top, i))) {
      std::string cls = lowercase(attribute(t.node, "class"));
      if (cls.find("title") != std::string::npos || cls.find("headline") != std::string::npos)
        titled = i;
    }
  }
  if (inside >= 0) return inside;
  if (before >= 0) return before;
  if (titled >= 0) return titled;
  return after;
}

int common_ancestor(const PageTree& tree, int a, int b) {
  while (a >= 0 && !tree.contains(a, b)) a = tree[a].parent;
  return a;
}

// The element that holds the post as a whole (title, meta line, text, tags).
int post_region(const PageTree& tree, const MainContent& content, int heading) {
  int top = content.top;
  for (int a = top; a >= 0; a = tree[a].parent)
    if (tree[a].tag == GUMBO_TAG_ARTICLE && !tree[a].furniture) return a;
  if (heading >= 0) {
    int lca = common_ancestor(tree, heading, top);
    if (lca >= 0 && lca != tree.body() && lca != tree.html()) return lca;
  }
  int parent = tree[top].parent;
  return (parent >= 0 && parent != tree.html()) ? parent : top;
}

// A canonical URL names the post unless it is the site's home page while the
// page is not: sites that set every page's canonical to "/" would otherwise
// merge all their posts into one.
bool usable_canonical(const std::string& canonical, const std::string& page_url) {
  if (canonical.empty()) return false;
  auto is_home = [](const std::string& url) {
    std::string key = normalize_url(url);
    return key.find('/') == std::string::npos;
  };
  return !is_home(canonical) || is_home(page_url);
}

std::string choose_title(const PageMetadata& meta, const PageTree& tree, int heading) {
  std::string og = strip_site_name(meta.og_title, meta.site_name);
  if (!og.empty() && title_key(og) != title_key(meta.site_name)) return og;
  if (!meta.json_ld_title.empty()) return meta.json_ld_title;
  if (heading >= 0) {
    std::string h = tree.text(heading);
    if (!h.empty()) return h;
  }
  return strip_site_name(meta.html_title, meta.site_name);
}

}  // namespace

ExtractedPost single_post(const PageTree& tree, const PageMetadata& meta,
                          const MainContent& content, const DecodedPage& page) {
  ExtractedPost post;
  post.page_url = page.url;
  post.url = usable_canonical(meta.canonical_url, page.url) ? meta.canonical_url
                                                            : without_fragment(page.url);
  post.html_lang = meta.lang;

  int heading = find_title_heading(tree, content, meta.base_url);
  post.title = choose_title(meta, tree, heading);
  post.paragraphs = write_paragraphs(tree, content.parts,
                                     content_filter(tree, content.chars, title_key(post.title)));
  drop_boilerplate_paragraphs(post.paragraphs);

  int region = post_region(tree, content, heading);
  std::string first_text = post.paragraphs.empty() ? std::string() : post.paragraphs.front();
  if (meta.meta_date) {
    post.published = meta.meta_date;
    post.published_from = "meta";
  } else if (meta.json_ld_date) {
    post.published = meta.json_ld_date;
    post.published_from = "json-ld";
  } else if (auto d = time_element_date(tree, {region})) {
    post.published = d;
    post.published_from = "time";
  } else if (auto u = url_path_date(post.url)) {
    post.published = u;
    post.published_from = "url";
  } else if (auto p = url_path_date(page.url)) {
    post.published = p;
    post.published_from = "url";
  } else if (auto t = date_near_title(tree, heading, first_text)) {
    post.published = t;
    post.published_from = "text";
  }

  post.categories = category_links(tree, {region});
  for (const std::string& s : meta.sections) add_unique(post.categories, s);
  if (post.categories.empty()) post.categories = class_categories(tree, region);
  return post;
}

namespace {

bool shortened(const PageTree& tree, const PostBlock& block,
               const std::vector<std::string>& paragraphs, std::size_t short_excerpt_chars) {
  for (int e : block.elements) {
    for (int i = e; i < tree[e].end; ++i) {
      if (i == block.heading) {
        i = tree[i].end - 1;
        continue;
      }
      const TreeNode& t = tree[i];
      if (t.hint.read_more && !t.hidden) return true;
      if (t.tag == GUMBO_TAG_A && !t.hidden && t.chars <= 40 && is_read_more_text(tree.text(i)))
        return true;
      std::string cls = lowercase(attribute(t.node, "class"));
      if (cls.find("excerpt") != std::string::npos || cls.find("summary") != std::string::npos ||
          cls.find("teaser") != std::string::npos)
        return true;
    }
  }
  if (!paragraphs.empty() && ends_with_ellipsis(paragraphs.back())) return true;
  return static_cast<std::size_t>(text_chars(paragraphs)) < short_excerpt_chars;
}

}  // namespace

ExtractedPost listing_post(const PageTree& tree, const PageMetadata& meta, const PostBlock& block,
                           const DecodedPage& page, std::size_t short_excerpt_chars) {
  ExtractedPost post;
  post.page_url = page.url;
  post.url = block.url;
  post.html_lang = meta.lang;
  post.title = tree.text(block.heading);

  SkipElement base = content_filter(tree, block.chars, title_key(post.title));
  const int heading = block.heading;
  post.paragraphs = write_paragraphs(tree, std::vector<TextSpan>{block.span},
                                     [&](int i) { return i == heading || base(i); });
  drop_boilerplate_paragraphs(post.paragraphs);
  post.excerpt = shortened(tree, block, post.paragraphs, short_excerpt_chars);

  std::string first_text = post.paragraphs.empty() ? std::string() : post.paragraphs.front();
  if (auto d = time_element_date(tree, block.elements)) {
    post.published = d;
    post.published_from = "time";
  } else if (auto u = url_path_date(post.url)) {
    post.published = u;
    post.published_from = "url";
  } else if (auto t = date_near_title(tree, block.heading, first_text)) {
    post.published = t;
    post.published_from = "text";
  }
  post.categories = category_links(tree, block.elements);
  if (post.categories.empty()) post.categories = class_categories(tree, block.elements.front());
  return post;
}

}  // namespace dossier::indexer::extraction
