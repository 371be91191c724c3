// post_builder.h — turns what the page analysis found into posts: the one post
// of an article page (from its main content) or one post per listing entry,
// each with its URL, title, text, published date and where that came from,
// language and categories.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "indexer/extract/listing.h"
#include "indexer/extract/main_text.h"
#include "indexer/extract/metadata.h"
#include "indexer/extract/page_tree.h"
#include "indexer/extract/post.h"
#include "indexer/reader/record.h"

namespace dossier::indexer::extraction {

// The post of an article page: URL from the canonical link (unless that is the
// home page), else the page URL; title from og:title, JSON-LD, the heading by
// the text, else <title>; date from meta tags, JSON-LD, <time>, the URL path,
// else the text by the title.
ExtractedPost single_post(const PageTree& tree, const PageMetadata& meta,
                          const MainContent& content, const DecodedPage& page);

// The post of one listing entry: URL and title from its title link; date from
// <time>, the URL path, else the text by the title; marked as an excerpt when
// it has a "Read more" link, an excerpt/summary/teaser container, ends with an
// ellipsis or has fewer visible characters than `short_excerpt_chars`.
ExtractedPost listing_post(const PageTree& tree, const PageMetadata& meta, const PostBlock& block,
                           const DecodedPage& page, std::size_t short_excerpt_chars);

// Visible characters (white space not counted) of a post's paragraphs.
int text_chars(const std::vector<std::string>& paragraphs);

}  // namespace dossier::indexer::extraction
