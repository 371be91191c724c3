// word_tokens.h — the one tokeniser every annotator rule and every gazetteer
// phrase goes through, so that the two always agree: words split at spaces,
// punctuation, apostrophes and hyphens ("Wilson-Raybould" -> wilson raybould,
// "l’extradition" -> l extradition, "C-51" -> c 51), folded to lowercase
// without accents; periods inside a word are dropped ("B.C." -> bc).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dossier::indexer {

struct WordToken {
  std::uint32_t begin = 0, end = 0;            // bytes of the word in the source text
  std::uint32_t fold_begin = 0, fold_len = 0;  // the folded word in the output buffer
  bool capitalised = false;                    // first letter upper case
  bool wildcard = false;                       // phrase syntax only: the word ended with '*'
  char punct_after = 0;                        // first non-space character after the word if
                                               // it is punctuation (',', '.', ':', ...), else 0
};

// Appends the words of `text` to `tokens` and their folded forms to `folded`.
// With `phrase_syntax`, a '*' right after a word marks it as a prefix.
void tokenize_words(std::string_view text, std::string& folded, std::vector<WordToken>& tokens,
                    bool phrase_syntax = false);

// The folded words of a phrase joined by single spaces (for tests and keys).
std::string folded_words(std::string_view text);

}  // namespace dossier::indexer
