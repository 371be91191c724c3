// language.h — the language of a post: cld2 over its title and text (the
// caller leaves out organisations' names, which can be in the other official
// language), falling back to <html lang> when the text is too short or cld2 is
// not sure.
#pragma once

#include <string>
#include <string_view>

namespace dossier::indexer {

// ISO 639-1 code ("en", "fr", ...), or "" when neither cld2 nor the page says.
std::string detect_language(std::string_view text, std::string_view html_lang);

}  // namespace dossier::indexer
