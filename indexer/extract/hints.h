// hints.h — what an element's class and id names say about it. This is an
// extra signal next to text density, never the only one: "entry-content" leans
// towards the post, "share-buttons" or "cookie-notice" towards page furniture.
#pragma once

#include <gumbo.h>

#include <string_view>

namespace dossier::indexer::extraction {

struct ClassHint {
  bool content = false;      // article, content, entry, post, story, body, text, main ...
  bool always_junk = false;  // share, social, comment, related, donate, cookie, newsletter,
                             // breadcrumb, pagination, advert, popup, byline ...
  bool junk = false;         // nav, menu, sidebar, footer, masthead (unless also content)
  bool weak_junk = false;    // widget, meta, tags, header, banner, promo, more ...
  bool read_more = false;    // more-link, read-more
};

inline ClassHint& operator|=(ClassHint& a, const ClassHint& b) {
  a.content |= b.content;
  a.always_junk |= b.always_junk;
  a.junk |= b.junk;
  a.weak_junk |= b.weak_junk;
  a.read_more |= b.read_more;
  return a;
}

// Reads the class and id attributes of an element.
ClassHint class_hint(const GumboNode* element);

// The same for a class/id string (exposed for tests).
ClassHint class_hint_of(std::string_view class_and_id);

}  // namespace dossier::indexer::extraction
