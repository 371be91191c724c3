// word_tokens.cpp — the shared tokeniser (see word_tokens.h). ASCII words are
// folded inline; a word with other letters goes through schema::fold_key.
#include "indexer/annotate/word_tokens.h"

#include <algorithm>

#include "schema/analyzer.h"

namespace dossier::indexer {
namespace {

bool ascii_alnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Bytes of a non-ASCII code point at p that separates words (spaces, quotes,
// apostrophes, dashes, bullets, ellipsis, guillemets, Latin-1 punctuation); 0
// when it is part of a word.
std::size_t separator_len(std::string_view t, std::size_t p) {
  auto b0 = static_cast<unsigned char>(t[p]);
  if (b0 == 0xC2 && p + 1 < t.size()) {
    auto b1 = static_cast<unsigned char>(t[p + 1]);
    return b1 <= 0xBF ? 2 : 0;  // U+0080..U+00BF: NBSP, « », ·, ¿, ©, °...
  }
  if (b0 == 0xC3 && p + 1 < t.size()) {
    auto b1 = static_cast<unsigned char>(t[p + 1]);
    return b1 == 0x97 || b1 == 0xB7 ? 2 : 0;  // × ÷
  }
  if (b0 == 0xE2 && p + 2 < t.size()) {
    auto b1 = static_cast<unsigned char>(t[p + 1]);
    if (b1 == 0x80 || b1 == 0x81) return 3;  // U+2000..U+207F: spaces, dashes, quotes, bullets
    if (b1 == 0x82 || b1 == 0x84 || b1 == 0x86 || b1 == 0x88) return 0;  // currency, letterlike
    return 3;  // arrows, symbols, box drawing...
  }
  if (b0 == 0xEF && p + 2 < t.size() && static_cast<unsigned char>(t[p + 1]) == 0xBB &&
      static_cast<unsigned char>(t[p + 2]) == 0xBF)
    return 3;  // BOM
  return 0;
}

std::size_t utf8_len(unsigned char b) {
  if (b < 0xC0) return 1;
  if (b < 0xE0) return 2;
  if (b < 0xF0) return 3;
  return 4;
}

bool is_upper_at(std::string_view t, std::size_t p) {
  auto c = static_cast<unsigned char>(t[p]);
  if (c >= 'A' && c <= 'Z') return true;
  // Latin-1 capitals À..Þ (U+00C0..U+00DE) are 0xC3 0x80..0x9E.
  return c == 0xC3 && p + 1 < t.size() && static_cast<unsigned char>(t[p + 1]) <= 0x9E;
}

}  // namespace

void tokenize_words(std::string_view t, std::string& folded, std::vector<WordToken>& tokens,
                    bool phrase_syntax) {
  std::size_t p = 0;
  const std::size_t n = t.size();
  while (p < n) {
    auto c = static_cast<unsigned char>(t[p]);
    bool word_start = c < 0x80 ? ascii_alnum(c) : separator_len(t, p) == 0;
    if (!word_start) {
      p += c < 0x80 ? 1 : std::max<std::size_t>(1, separator_len(t, p));
      continue;
    }
    WordToken tok;
    tok.begin = static_cast<std::uint32_t>(p);
    tok.capitalised = is_upper_at(t, p);
    tok.fold_begin = static_cast<std::uint32_t>(folded.size());
    bool ascii = true;
    std::size_t q = p;
    while (q < n) {
      auto d = static_cast<unsigned char>(t[q]);
      if (d < 0x80) {
        if (ascii_alnum(d)) {
          ++q;
          continue;
        }
        // A period between two letters stays inside the word ("B.C.", "U.S.").
        if (d == '.' && q + 1 < n && ascii_alnum(static_cast<unsigned char>(t[q + 1])) && q > p &&
            !(t[q - 1] >= '0' && t[q - 1] <= '9')) {
          ++q;
          continue;
        }
        break;
      }
      if (separator_len(t, q) != 0) break;
      ascii = false;
      q += utf8_len(d);
    }
    std::string_view word = t.substr(p, q - p);
    if (ascii) {
      for (char ch : word) {
        if (ch == '.') continue;
        folded += (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch + 32) : ch;
      }
    } else {
      for (char ch : schema::fold_key(word)) {
        auto u = static_cast<unsigned char>(ch);
        if (u >= 0x80 || ascii_alnum(u)) folded += ch;
      }
    }
    tok.end = static_cast<std::uint32_t>(q);
    tok.fold_len = static_cast<std::uint32_t>(folded.size() - tok.fold_begin);
    std::size_t r = q;
    if (phrase_syntax && r < n && t[r] == '*') {
      tok.wildcard = true;
      ++r;
    }
    while (r < n && (t[r] == ' ' || t[r] == '\t')) ++r;
    if (r < n) {
      auto e = static_cast<unsigned char>(t[r]);
      if (e < 0x80 && !ascii_alnum(e)) tok.punct_after = static_cast<char>(e);
    }
    if (tok.fold_len > 0) tokens.push_back(tok);
    p = q;
  }
}

std::string folded_words(std::string_view text) {
  std::string folded, out;
  std::vector<WordToken> tokens;
  tokenize_words(text, folded, tokens);
  for (const WordToken& tok : tokens) {
    if (!out.empty()) out += ' ';
    out.append(folded, tok.fold_begin, tok.fold_len);
  }
  return out;
}

}  // namespace dossier::indexer
