// boilerplate_text.h — recognises by their words the bits of page furniture that
// class names do not always give away: "Read more" links, pagination ("Page 4
// of 55 « First ... Last »"), "Share this:" labels, cookie notices and
// donation appeals ("Since you're here…"), in English and French.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dossier::indexer::extraction {

bool is_read_more_text(std::string_view text);
bool is_pagination_text(std::string_view text);
bool is_widget_label(std::string_view text);  // "Share this:", "Related", "Like this:"
bool is_cookie_notice(std::string_view text);
bool opens_appeal(std::string_view text);     // the first paragraph of a donation appeal
bool mentions_appeal(std::string_view text);  // a paragraph that goes on with it

// Whether a shortened text ends the way listings cut posts: "…", "[…]", "[...]".
bool ends_with_ellipsis(std::string_view text);

// Removes the paragraphs above from a post's text. A donation appeal is removed
// from its opening paragraph on, as long as the paragraphs after it go on
// asking (or are short).
void drop_boilerplate_paragraphs(std::vector<std::string>& paragraphs);

}  // namespace dossier::indexer::extraction
