// extract.cpp — the extract stage (see extract.h): prefilter, parse, measure,
// then either split a listing into its entries or take the page's one post.
#include "indexer/extract/extract.h"

#include <gumbo.h>

#include <algorithm>
#include <memory>

#include "indexer/extract/dom.h"
#include "indexer/extract/listing.h"
#include "indexer/extract/main_text.h"
#include "indexer/extract/metadata.h"
#include "indexer/extract/page_tree.h"
#include "indexer/extract/post_builder.h"
#include "indexer/extract/prefilter.h"

namespace dossier::indexer {
namespace {

using namespace extraction;

struct GumboOutputDeleter {
  void operator()(GumboOutput* output) const {
    gumbo_destroy_output(&kGumboDefaultOptions, output);
  }
};
using GumboDocument = std::unique_ptr<GumboOutput, GumboOutputDeleter>;

GumboDocument parse(const std::string& html) {
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // recording parse errors costs time and nobody reads them
  return GumboDocument(gumbo_parse_with_options(&options, html.data(), html.size()));
}

// Characters of the main content's own text that lie outside every listing
// block: not in a block, not in furniture (a pagination bar with hundreds of
// page numbers is not a post's text) and not the text of links.
int chars_outside_blocks(const PageTree& tree, const MainContent& content,
                         const std::vector<PostBlock>& blocks) {
  std::vector<char> in_block(tree.size(), 0);
  for (const PostBlock& b : blocks)
    for (int e : b.elements) in_block[e] = 1;
  auto text = [&](int i) { return tree[i].chars - tree[i].link_chars; };
  int own = 0;
  for (int part : content.parts) {
    bool inside_block = false;
    for (int a = part; a >= 0 && !inside_block; a = tree[a].parent) inside_block = in_block[a];
    if (inside_block) continue;
    int in_part = text(part);
    for (int j = part + 1; j < tree[part].end;) {
      if (in_block[j] || tree[j].furniture || tree[j].hidden) {
        in_part -= text(j);
        j = tree[j].end;
      } else {
        ++j;
      }
    }
    own += std::max(0, in_part);
  }
  return own;
}

bool is_blank(std::string_view html) {
  for (char c : html)
    if (!(c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f')) return false;
  return true;
}

}  // namespace

ExtractedPage extract_page(const DecodedPage& page, const ExtractOptions& options) {
  ExtractedPage out;
  out.url = page.url;
  if (is_blank(page.html)) return out;

  PrefilteredHtml filtered;
  if (options.prefilter) {
    filtered = prefilter_html(page.html);
  } else {
    filtered.html = page.html;
  }
  GumboDocument doc = parse(filtered.html);
  if (!doc) return out;
  PageTree tree(doc->document);
  if (tree.body() < 0) return out;

  PageMetadata meta = read_page_metadata(tree, filtered.json_ld, page.url);
  out.canonical_url = meta.canonical_url;

  MainContent content = find_main_content(tree);
  std::vector<PostBlock> blocks =
      find_post_blocks(tree, meta.base_url, {page.url, meta.canonical_url});

  // A listing when the entries hold the page's text: what the main content
  // has outside them is too little to be a post, or less than the entries
  // (related-post cards under an article are the opposite case). A lone entry
  // makes a listing only on a page that does not call itself an article (the
  // last page of an archive).
  bool listing = false;
  if (!blocks.empty()) {
    int own = content.top >= 0 ? chars_outside_blocks(tree, content, blocks) : 0;
    int in_blocks = 0;
    for (const PostBlock& b : blocks) in_blocks += b.chars;
    bool own_is_a_post = static_cast<std::size_t>(own) >= options.min_post_chars &&
                         (meta.says_article || own * 2 >= in_blocks);
    if (blocks.size() >= 2)
      listing = !own_is_a_post;
    else
      listing = !meta.says_article && static_cast<std::size_t>(own) < options.min_post_chars;
  }

  if (listing) {
    out.kind = PageKind::kListing;
    for (const PostBlock& b : blocks)
      out.posts.push_back(listing_post(tree, meta, b, page, options.short_excerpt_chars));
    return out;
  }

  if (content.top < 0) return out;
  ExtractedPost post = single_post(tree, meta, content, page);
  std::size_t chars = static_cast<std::size_t>(text_chars(post.paragraphs));
  bool enough =
      chars >= options.min_post_chars || (meta.says_article && chars >= options.min_article_chars);
  if (!enough || (meta.says_not_found && chars < 600)) return out;
  out.kind = PageKind::kSingle;
  out.posts.push_back(std::move(post));
  return out;
}

}  // namespace dossier::indexer
