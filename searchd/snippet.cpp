// snippet.cpp — see snippet.h.
#include "searchd/snippet.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <vector>

#include "schema/analyzer.h"
#include "schema/schema.h"

namespace dossier::searchd {
namespace {

struct Word {
  std::size_t begin, end;  // byte offsets in the text
  bool match;
};

bool is_word_char(UChar32 c) { return u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK; }

std::vector<Word> split_words(std::string_view text, const HighlightTerms& terms,
                              std::string_view lang) {
  std::vector<Word> words;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t n = static_cast<int32_t>(text.size());
  Xapian::Stem& stem = schema::thread_stemmer(lang);
  Xapian::Stem& en = schema::thread_stemmer("en");
  // A stem is a prefix of its words, but for a changed last letter or two
  // ("policies" -> "polici", "certificats" -> "certificat"): compare three letters.
  std::vector<std::string> stem_heads;
  for (const auto& st : terms.stems) stem_heads.push_back(st.substr(0, std::min<std::size_t>(3, st.size())));
  std::string key;
  for (int32_t i = 0; i < n;) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0 || !is_word_char(c)) continue;
    int32_t end = i;
    while (end < n) {
      int32_t j = end;
      U8_NEXT(s, j, n, c);
      if (c < 0 || !is_word_char(c)) break;
      end = j;
    }
    i = end;
    Word w{static_cast<std::size_t>(start), static_cast<std::size_t>(end), false};
    if (!terms.empty()) {
      std::string_view raw = text.substr(w.begin, w.end - w.begin);
      // Most words are plain ASCII: lowercase them here rather than through ICU.
      bool ascii = std::all_of(raw.begin(), raw.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x80; });
      if (ascii) {
        key.assign(raw);
        for (char& ch : key) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      } else {
        key = schema::fold_key(raw);
      }
      // Stemming is the cost: only for words that start like one of the stems.
      bool may_stem = false;
      for (const auto& p : stem_heads)
        if (key.compare(0, p.size(), p) == 0) {
          may_stem = true;
          break;
        }
      w.match = terms.words.count(key) ||
                (may_stem && (terms.stems.count(stem(key)) || (lang != "en" && terms.stems.count(en(key)))));
    }
    words.push_back(w);
  }
  return words;
}

void append_marked(std::string& out, std::string_view text, const std::vector<Word>& words,
                   std::size_t from, std::size_t to) {
  std::size_t pos = from;
  for (const auto& w : words) {
    if (w.end <= from || w.begin >= to) continue;
    if (!w.match) continue;
    out += html_escape(text.substr(pos, w.begin - pos));
    out += "<mark>";
    out += html_escape(text.substr(w.begin, w.end - w.begin));
    out += "</mark>";
    pos = w.end;
  }
  out += html_escape(text.substr(pos, to - pos));
}

// Moves a byte offset back to the start of a UTF-8 sequence.
std::size_t char_start(std::string_view text, std::size_t pos) {
  while (pos > 0 && pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80)
    --pos;
  return pos;
}

}  // namespace

HighlightTerms highlight_terms(const Xapian::Query& query) {
  HighlightTerms t;
  for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
    std::string term = *it;
    if (term.empty() || schema::is_boolean_term(term)) continue;
    if (term[0] == 'Z') {
      std::string rest = term.substr(1);
      if (!rest.empty() && rest[0] == 'S') rest.erase(0, 1);  // stemmed title term
      t.stems.insert(rest);
    } else if (term[0] == 'S') {
      t.words.insert(term.substr(1));
    } else if (!std::isupper(static_cast<unsigned char>(term[0]))) {
      t.words.insert(term);
    }
  }
  return t;
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string make_snippet(std::string_view text, const HighlightTerms& terms, std::string_view lang,
                         std::size_t max_chars) {
  if (text.empty()) return {};
  // Look for matches only in the first 64 KB: long enough for any post.
  std::string_view scan = text.substr(0, char_start(text, std::min<std::size_t>(text.size(), 65536)));
  std::vector<Word> words = split_words(scan, terms, lang);
  std::size_t best_begin = 0, best_score = 0;
  // Slide a window of max_chars bytes over the words; score = distinct-ish matches.
  std::size_t j = 0, score = 0;
  for (std::size_t i = 0; i < words.size(); ++i) {
    while (j < words.size() && words[j].end - words[i].begin <= max_chars) score += words[j++].match;
    if (score > best_score) {
      best_score = score;
      best_begin = i;
    }
    score -= (j > i) ? words[i].match : 0;
    if (j <= i) j = i + 1;
  }
  std::size_t from = 0;
  if (best_score > 0 && !words.empty() && scan.size() > max_chars) {
    from = words[best_begin].begin;
    // Start a little before the first match when the window allows it.
    if (best_begin > 0) from = words[best_begin > 3 ? best_begin - 3 : 0].begin;
  }
  std::size_t to = std::min(scan.size(), from + max_chars);
  // Do not cut a word: end at the end of the last whole word in the window.
  std::size_t cut = from;
  for (const auto& w : words)
    if (w.begin >= from && w.end <= to) cut = w.end;
  if (cut > from) to = cut;
  to = char_start(scan, to);
  std::string out;
  if (from > 0) out += "… ";
  std::string_view window = scan.substr(from, to - from);
  std::vector<Word> local;
  for (const auto& w : words)
    if (w.begin >= from && w.end <= to) local.push_back({w.begin - from, w.end - from, w.match});
  // Paragraph breaks read as a space in a one-line snippet.
  std::string flat(window);
  for (auto& c : flat)
    if (c == '\n') c = ' ';
  append_marked(out, flat, local, 0, flat.size());
  if (to < text.size()) out += " …";
  return out;
}

std::string highlight_all(std::string_view text, const HighlightTerms& terms, std::string_view lang) {
  std::vector<Word> words = split_words(text, terms, lang);
  std::string out;
  append_marked(out, text, words, 0, text.size());
  return out;
}

}  // namespace dossier::searchd
