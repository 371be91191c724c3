// dom.h — small read-only helpers over Gumbo's tree and its text: attribute
// lookup, tag classes (block or inline, never-text), hidden elements, and
// whitespace normalisation of text as a reader sees it.
#pragma once

#include <gumbo.h>

#include <string>
#include <string_view>

namespace dossier::indexer::extraction {

// The value of an attribute of an element, "" when absent (or not an element).
std::string_view attribute(const GumboNode* node, const char* name);
bool has_attribute(const GumboNode* node, const char* name);

// ASCII lowercase copy.
std::string lowercase(std::string_view text);

// Elements that break the flow of text into separate paragraphs.
bool is_block_tag(GumboTag tag);
// Elements whose content is never text a reader sees (script, style, form controls, media).
bool is_non_text_tag(GumboTag tag);
bool is_heading_tag(GumboTag tag);

// Whether the element's own attributes hide it: hidden, aria-hidden="true",
// style display:none / visibility:hidden, screen-reader-only classes.
bool hides_itself(const GumboNode* node);

// Appends text to `out` with runs of white space (including no-break space)
// collapsed into one space; zero-width and soft-hyphen characters dropped.
// `pending_space` carries a space across calls so that "a</b> b" keeps one.
void append_collapsed(std::string& out, std::string_view text, bool& pending_space);

// Text with white space collapsed and trimmed.
std::string collapse_whitespace(std::string_view text);

// Number of bytes that are not white space (the density measures count these).
int visible_chars(std::string_view text);

// Whether `text` starts with `prefix`, ignoring ASCII case.
bool starts_with_ci(std::string_view text, std::string_view prefix);

}  // namespace dossier::indexer::extraction
