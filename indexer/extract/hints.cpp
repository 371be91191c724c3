// hints.cpp — see hints.h. Names are split into tokens at every character that
// is not a letter or digit ("jp-relatedposts" -> "jp", "relatedposts") and a
// token matches a word when it starts with it, so "sharedaddy" is sharing and
// "commentary" is not a comment.
#include "indexer/extract/hints.h"

#include <array>
#include <string>

#include "indexer/extract/dom.h"

namespace dossier::indexer::extraction {
namespace {

constexpr std::array<std::string_view, 11> kContentPrefixes = {
    "article", "content", "entry", "hentry", "post", "story",
    "body",    "text",    "main",  "prose",  "blog"};
constexpr std::array<std::string_view, 36> kAlwaysJunkPrefixes = {
    "share",      "sharing",    "social",  "comment",    "related", "donat",
    "cookie",     "consent",    "gdpr",    "newsletter", "subscri", "signup",
    "breadcrumb", "pagination", "pager",   "advert",     "sponsor", "popup",
    "modal",      "outbrain",   "taboola", "recommend",  "byline",  "disqus",
    "skiplink",   "addtoany",   "a2a",     "sociable",   "shariff", "trending",
    "popular",    "mostread",   "recirc",  "partage",    "adsense", "relatedposts"};
// Whole tokens only: as prefixes they would catch too much ("donnees", "jpeg").
constexpr std::array<std::string_view, 4> kAlwaysJunkTokens = {"don", "dons", "jp", "soutien"};
constexpr std::array<std::string_view, 9> kJunkPrefixes = {
    "nav", "menu", "sidebar", "footer", "masthead", "colophon", "topbar", "toolbar", "foot"};
constexpr std::array<std::string_view, 12> kWeakJunkPrefixes = {
    "widget", "meta",  "tags",  "header", "banner", "promo",
    "more",   "print", "login", "search", "rss",    "follow"};
constexpr std::array<std::string_view, 8> kAlwaysJunkInside = {
    "byline", "breadcrumb", "pagination", "newsletter", "cookie", "related", "comment", "social"};
// Whole tokens only: too short to be prefixes.
constexpr std::array<std::string_view, 6> kJunkTokens = {"ad",  "ads",  "tag",
                                                         "cat", "date", "dates"};
constexpr std::array<std::string_view, 3> kNotJunk = {"commentary", "shareholder", "navigator"};

bool starts_with(std::string_view token, std::string_view prefix) {
  return token.size() >= prefix.size() && token.substr(0, prefix.size()) == prefix;
}

template <std::size_t N>
bool any_prefix(std::string_view token, const std::array<std::string_view, N>& words) {
  for (std::string_view w : words)
    if (starts_with(token, w)) return true;
  return false;
}

template <std::size_t N>
bool any_equal(std::string_view token, const std::array<std::string_view, N>& words) {
  for (std::string_view w : words)
    if (token == w) return true;
  return false;
}

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

}  // namespace

ClassHint class_hint_of(std::string_view class_and_id) {
  ClassHint hint;
  if (class_and_id.empty()) return hint;
  std::string s = lowercase(class_and_id);
  if (s.find("read-more") != std::string::npos || s.find("readmore") != std::string::npos ||
      s.find("more-link") != std::string::npos || s.find("link-more") != std::string::npos)
    hint.read_more = true;
  if (s.find("screen-reader") != std::string::npos || s.find("skip-link") != std::string::npos)
    hint.always_junk = true;
  // Unambiguous words also count inside longer names ("FeatureByline", "postSocialBar").
  for (std::string_view w : kAlwaysJunkInside) {
    std::size_t at = s.find(w);
    if (at != std::string::npos && s.compare(at, 10, "commentary") != 0) hint.always_junk = true;
  }
  std::size_t pos = 0;
  while (pos < s.size()) {
    while (pos < s.size() && !is_alnum(s[pos])) ++pos;
    std::size_t end = pos;
    while (end < s.size() && is_alnum(s[end])) ++end;
    std::string_view token(s.data() + pos, end - pos);
    pos = end;
    if (token.empty() || any_equal(token, kNotJunk)) continue;
    if (any_prefix(token, kAlwaysJunkPrefixes) || any_equal(token, kAlwaysJunkTokens)) {
      hint.always_junk = true;
      continue;
    }
    if (any_prefix(token, kJunkPrefixes)) {
      hint.junk = true;
      continue;
    }
    if (any_prefix(token, kWeakJunkPrefixes) || any_equal(token, kJunkTokens)) {
      hint.weak_junk = true;
      continue;
    }
    if (any_prefix(token, kContentPrefixes)) hint.content = true;
  }
  return hint;
}

ClassHint class_hint(const GumboNode* element) {
  ClassHint hint = class_hint_of(attribute(element, "class"));
  hint |= class_hint_of(attribute(element, "id"));
  return hint;
}

}  // namespace dossier::indexer::extraction
