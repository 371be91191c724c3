// extract.h — the extract stage: one decoded page in, the posts it holds out.
//
// In:  a DecodedPage (UTF-8 HTML and the URL it was read from).
// Out: an ExtractedPage (post.h): kSingle with the one post of an article page,
//      kListing with one post per entry of a news index / category / tag /
//      archive page (each linked to the post's own URL, marked as an excerpt when
//      the listing shortened it), or kOther with no post (contact page, search
//      form, 404 body, empty file). Each post carries its title, its date and
//      where that date came from, its language and categories as the page shows
//      them, and its main text as paragraphs: menus, headers, footers, sidebars,
//      share/comment widgets, donation appeals, related-post lists, cookie
//      notices, "Read more" links and pagination are left out; headings, list
//      items, address and signature lines are kept (lines of a <br>-broken block
//      joined with "\n").
//
// The main text is found by structure and text density (text length against
// link text, paragraph counts, punctuation), with class/id names and <article>,
// <main>, itemprop=articleBody as extra signals, so that it works for any site.
#pragma once

#include <cstddef>

#include "indexer/extract/post.h"
#include "indexer/reader/record.h"

namespace dossier::indexer {

struct ExtractOptions {
  // Drop the contents of <script>, <style>, <svg>, <noscript>, <template> and
  // comments with a byte scanner before Gumbo sees them (JSON-LD is kept aside
  // for the metadata). Only turned off to measure what it saves.
  bool prefilter = true;
  // A page whose main text has fewer visible characters (spaces not counted)
  // holds no post...
  std::size_t min_post_chars = 200;
  // ...unless the page says it is an article (og:type=article, a published
  // time, JSON-LD Article): then a short statement still counts.
  std::size_t min_article_chars = 60;
  // A listing entry with less text than this is taken for a shortened version
  // even without a "Read more" link.
  std::size_t short_excerpt_chars = 200;
};

ExtractedPage extract_page(const DecodedPage& page, const ExtractOptions& options = {});

}  // namespace dossier::indexer
