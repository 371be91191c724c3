// prefilter.cpp — see prefilter.h. The scanner follows the HTML tokenizer only
// as far as it must to find tags: quoted attribute values may hold '>' and
// "<script", and raw-text elements end at the first matching end tag.
#include "indexer/extract/prefilter.h"

#include <cstring>
#include <string>
#include <unordered_map>

namespace dossier::indexer::extraction {
namespace {

char lower_ascii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool is_name_char(char c) {
  return is_alpha(c) || (c >= '0' && c <= '9') || c == '-' || c == ':' || c == '_';
}

// Case-insensitive comparison of html[pos..] with a lowercase word.
bool matches_at(std::string_view html, std::size_t pos, std::string_view lower_word) {
  if (pos + lower_word.size() > html.size()) return false;
  for (std::size_t i = 0; i < lower_word.size(); ++i)
    if (lower_ascii(html[pos + i]) != lower_word[i]) return false;
  return true;
}

// The end of the start tag that begins at `lt` ('<'): the index after its '>'.
// Quoted attribute values are skipped; a quote left open until the end of the
// input falls back to the first '>' (what a browser shows is not better).
std::size_t end_of_tag(std::string_view html, std::size_t lt) {
  std::size_t i = lt + 1;
  const std::size_t n = html.size();
  bool after_equals = false;
  while (i < n) {
    char c = html[i];
    if (c == '>') return i + 1;
    if (after_equals && (c == '"' || c == '\'')) {
      const void* close = std::memchr(html.data() + i + 1, c, n - i - 1);
      if (close == nullptr) break;
      i = static_cast<std::size_t>(static_cast<const char*>(close) - html.data()) + 1;
      after_equals = false;
      continue;
    }
    if (c == '=') {
      after_equals = true;
    } else if (!is_space(c)) {
      after_equals = false;
    }
    ++i;
  }
  const void* gt = std::memchr(html.data() + lt + 1, '>', n - lt - 1);
  return gt ? static_cast<std::size_t>(static_cast<const char*>(gt) - html.data()) + 1 : n;
}

// The position of the next "</name" (followed by space, '/' or '>') at or after pos.
std::size_t find_end_tag(std::string_view html, std::size_t pos, std::string_view name) {
  const std::size_t n = html.size();
  while (pos < n) {
    const void* lt = std::memchr(html.data() + pos, '<', n - pos);
    if (lt == nullptr) return std::string_view::npos;
    std::size_t at = static_cast<std::size_t>(static_cast<const char*>(lt) - html.data());
    if (at + 1 < n && html[at + 1] == '/' && matches_at(html, at + 2, name)) {
      std::size_t after = at + 2 + name.size();
      if (after >= n || is_space(html[after]) || html[after] == '>' || html[after] == '/')
        return at;
    }
    pos = at + 1;
  }
  return std::string_view::npos;
}

// Like find_end_tag, for elements whose content is markup and may nest (<svg>
// inside <svg>, <template> inside <template>).
std::size_t find_matching_end_tag(std::string_view html, std::size_t pos, std::string_view name) {
  const std::size_t n = html.size();
  int depth = 1;
  while (pos < n) {
    const void* lt = std::memchr(html.data() + pos, '<', n - pos);
    if (lt == nullptr) return std::string_view::npos;
    std::size_t at = static_cast<std::size_t>(static_cast<const char*>(lt) - html.data());
    bool closing = at + 1 < n && html[at + 1] == '/';
    std::size_t name_at = at + (closing ? 2 : 1);
    if (matches_at(html, name_at, name) &&
        (name_at + name.size() >= n || !is_name_char(html[name_at + name.size()]))) {
      std::size_t tag_end = end_of_tag(html, at);
      if (closing) {
        if (--depth == 0) return at;
      } else if (!(tag_end >= 2 && html[tag_end - 2] == '/')) {
        ++depth;
      }
      pos = tag_end;
      continue;
    }
    pos = at + 1;
  }
  return std::string_view::npos;
}

enum class Dropped { kNone, kRawText, kMarkup };

Dropped classify(std::string_view name_lower) {
  if (name_lower == "script" || name_lower == "style" || name_lower == "noscript")
    return Dropped::kRawText;
  if (name_lower == "svg" || name_lower == "template") return Dropped::kMarkup;
  return Dropped::kNone;
}

// Elements that never stay open: void elements, and those the parser closes by
// itself when a sibling starts (<p>, <li>, <td>...). The others count towards
// the depth guard.
bool counts_as_open(std::string_view name) {
  static constexpr std::string_view kNot[] = {
      "area", "base", "br",    "col",    "embed",    "hr",      "img",      "input",
      "link", "meta", "param", "source", "track",    "wbr",     "keygen",   "p",
      "li",   "dt",   "dd",    "tr",     "td",       "th",      "option",   "optgroup",
      "rb",   "rt",   "rp",    "tbody",  "thead",    "tfoot",   "colgroup", "caption",
      "head", "body", "html",  "frame",  "basefont", "bgsound", "image",    "isindex"};
  for (std::string_view n : kNot)
    if (name == n) return false;
  return true;
}

bool is_json_ld(std::string_view start_tag) {
  std::string lowered(start_tag);
  for (char& c : lowered) c = lower_ascii(c);
  return lowered.find("ld+json") != std::string::npos;
}

}  // namespace

PrefilteredHtml prefilter_html(std::string_view html) {
  PrefilteredHtml out;
  // Depth guard: Gumbo's cost grows with the square of the number of open
  // elements (50,000 unclosed <div>s take seconds). Start tags beyond this
  // many open elements are dropped, with their end tags; the text stays.
  constexpr int kMaxOpenElements = 1500;
  int open = 0;
  std::unordered_map<std::string, int> dropped;
  out.html.reserve(html.size() / 2);
  const std::size_t n = html.size();
  std::size_t pos = 0;
  while (pos < n) {
    const void* lt = std::memchr(html.data() + pos, '<', n - pos);
    if (lt == nullptr) {
      out.html.append(html.substr(pos));
      break;
    }
    std::size_t at = static_cast<std::size_t>(static_cast<const char*>(lt) - html.data());
    out.html.append(html.substr(pos, at - pos));

    if (html.compare(at, 4, "<!--") == 0) {
      // "<!-->" and "<!--->" are complete (empty) comments; an unclosed
      // comment runs to the end of the input, as in a browser.
      std::size_t body = at + 4;
      if (body < n && html[body] == '>') {
        pos = body + 1;
      } else if (body + 1 < n && html[body] == '-' && html[body + 1] == '>') {
        pos = body + 2;
      } else {
        std::size_t close = html.find("-->", body);
        pos = close == std::string_view::npos ? n : close + 3;
      }
      out.html.push_back(' ');
      continue;
    }

    if (at + 1 < n && is_alpha(html[at + 1])) {
      std::size_t name_end = at + 1;
      while (name_end < n && is_name_char(html[name_end])) ++name_end;
      std::string name(html.substr(at + 1, name_end - at - 1));
      for (char& c : name) c = lower_ascii(c);
      std::size_t tag_end = end_of_tag(html, at);
      Dropped kind = classify(name);
      if (kind == Dropped::kNone) {
        bool self_closed = tag_end >= 2 && html[tag_end - 2] == '/';
        if (!self_closed && counts_as_open(name)) {
          if (open >= kMaxOpenElements) {
            ++dropped[name];
            pos = tag_end;
            continue;
          }
          ++open;
        }
        out.html.append(html.substr(at, tag_end - at));
        pos = tag_end;
        continue;
      }
      bool self_closed = tag_end >= 2 && html[tag_end - 2] == '/';
      if (kind == Dropped::kMarkup && self_closed) {
        pos = tag_end;
        continue;
      }
      std::size_t close = kind == Dropped::kRawText ? find_end_tag(html, tag_end, name)
                                                    : find_matching_end_tag(html, tag_end, name);
      if (close == std::string_view::npos) {
        if (kind == Dropped::kRawText) {
          // A browser would take the rest of the page as script text.
          if (name == "script" && is_json_ld(html.substr(at, tag_end - at)))
            out.json_ld.emplace_back(html.substr(tag_end));
          break;
        }
        // An unclosed <svg> or <template>: keep the rest for the parser.
        out.html.append(html.substr(at, tag_end - at));
        pos = tag_end;
        continue;
      }
      if (name == "script" && is_json_ld(html.substr(at, tag_end - at)))
        out.json_ld.emplace_back(html.substr(tag_end, close - tag_end));
      pos = end_of_tag(html, close);
      out.html.push_back(' ');
      continue;
    }

    if (at + 2 < n && html[at + 1] == '/' && is_alpha(html[at + 2])) {
      std::size_t name_end = at + 2;
      while (name_end < n && is_name_char(html[name_end])) ++name_end;
      std::string name(html.substr(at + 2, name_end - at - 2));
      for (char& c : name) c = lower_ascii(c);
      std::size_t tag_end = end_of_tag(html, at);
      auto d = dropped.find(name);
      if (d != dropped.end() && d->second > 0) {
        --d->second;
        pos = tag_end;
        continue;
      }
      if (open > 0 && counts_as_open(name)) --open;
      out.html.append(html.substr(at, tag_end - at));
      pos = tag_end;
      continue;
    }

    out.html.push_back('<');
    pos = at + 1;
  }
  return out;
}

}  // namespace dossier::indexer::extraction
