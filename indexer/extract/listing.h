// listing.h — finds the post entries of a listing page (news index, /page/N/,
// category, tag, archive, home page): blocks that each hold one title link
// to a post of the same site. A block is the largest element around a title
// link that holds no other post's title link, so <article>s, div.post, <li>
// entries and the like are found without knowing the theme; where entries are
// only a heading with a link followed by text in a shared container, the block
// is the heading and the siblings up to the next such heading. Links in page
// furniture (the sidebar's "Recent posts", menus, related-post widgets) are not
// title links.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "indexer/extract/page_tree.h"
#include "indexer/extract/paragraphs.h"

namespace dossier::indexer::extraction {

struct PostBlock {
  std::vector<int> elements;  // one element, or a heading and the siblings after it
  TextSpan span;              // the same as a part of the page to write out (text between
                              // the siblings included)
  int title_link = -1;        // the <a> of the title
  int heading = -1;           // the heading (or title element) holding it
  std::string url;            // the post's URL, resolved, without fragment
  int chars = 0;              // visible characters of the block
};

// Several blocks are kept when they repeat (share a parent, or the shape of
// blocks that do); a lone block is returned as it is, for the caller to judge.
// `base_url` resolves links; links to `self_urls` (the page and its canonical
// URL, any form) are not title links.
std::vector<PostBlock> find_post_blocks(const PageTree& tree, std::string_view base_url,
                                        const std::vector<std::string>& self_urls);

}  // namespace dossier::indexer::extraction
