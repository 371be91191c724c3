// post_text.cpp — splitting a post into lines, tokens and phrase matches.
#include "indexer/annotate/post_text.h"

namespace dossier::indexer {
namespace {

bool space_byte(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

// Trims spaces (ASCII and NBSP) from both ends.
std::string_view trim(std::string_view s) {
  while (true) {
    if (!s.empty() && space_byte(s.front())) {
      s.remove_prefix(1);
    } else if (s.size() >= 2 && s[0] == '\xC2' && s[1] == '\xA0') {
      s.remove_prefix(2);
    } else {
      break;
    }
  }
  while (true) {
    if (!s.empty() && space_byte(s.back())) {
      s.remove_suffix(1);
    } else if (s.size() >= 2 && s[s.size() - 2] == '\xC2' && s.back() == '\xA0') {
      s.remove_suffix(2);
    } else {
      break;
    }
  }
  return s;
}

// Removes a leading list bullet.
void strip_bullet(std::string_view& s) {
  static constexpr std::string_view kBullets[] = {"\xE2\x80\xA2", "\xE2\x97\x8F", "\xE2\x97\xA6",
                                                  "\xE2\x96\xAA", "* ",           "- ",
                                                  "| ",           "\xE2\x80\x93 "};
  for (std::string_view b : kBullets) {
    if (s.size() > b.size() && s.substr(0, b.size()) == b) {
      s = trim(s.substr(b.size()));
      return;
    }
  }
  if (s == "|") s = {};
}

}  // namespace

PostText::PostText(const ExtractedPost& post, const PhraseMatcher& matcher) {
  auto add_line = [this](std::string_view raw, std::uint32_t paragraph) {
    raw = trim(raw);
    strip_bullet(raw);
    if (raw.empty() && paragraph != 0) return;
    TextLine line;
    line.raw = raw;
    line.title = paragraph == 0;
    line.paragraph = paragraph;
    lines_.push_back(line);
  };
  add_line(post.title, 0);
  std::uint32_t paragraph = 0;
  for (const std::string& p : post.paragraphs) {
    ++paragraph;
    std::string_view rest = p;
    while (!rest.empty()) {
      auto nl = rest.find('\n');
      add_line(rest.substr(0, nl), paragraph);
      if (nl == std::string_view::npos) break;
      rest.remove_prefix(nl + 1);
    }
  }
  std::size_t bytes = 0;
  for (const TextLine& line : lines_) bytes += line.raw.size() + 1;
  folded_.reserve(bytes);
  for (TextLine& line : lines_) {
    line.first_token = static_cast<std::uint32_t>(tokens_.size());
    tokenize_words(line.raw, folded_, tokens_);
    line.last_token = static_cast<std::uint32_t>(tokens_.size());
  }
  word_ids_.reserve(tokens_.size());
  token_line_.reserve(tokens_.size());
  for (std::uint32_t i = 0; i < lines_.size(); ++i)
    for (std::uint32_t t = lines_[i].first_token; t < lines_[i].last_token; ++t) {
      word_ids_.push_back(matcher.word_id(word(t)));
      token_line_.push_back(i);
    }
  for (TextLine& line : lines_) {
    line.first_match = static_cast<std::uint32_t>(matches_.size());
    matcher.match(folded_, tokens_, word_ids_, line.first_token, line.last_token, matches_);
    line.last_match = static_cast<std::uint32_t>(matches_.size());
  }
  // Matches are in token order, so each token's first match is a running index.
  match_begin_.resize(tokens_.size() + 1);
  std::uint32_t m = 0;
  for (std::uint32_t t = 0; t <= tokens_.size(); ++t) {
    while (m < matches_.size() && matches_[m].begin < t) ++m;
    match_begin_[t] = m;
  }
}

std::string PostText::text_without(PhraseKind kind) const {
  std::string out;
  out.reserve(folded_.size() + lines_.size() * 8);
  for (const TextLine& line : lines_) {
    std::size_t kept = 0;  // bytes of the line copied so far
    for (std::uint32_t m = line.first_match; m < line.last_match; ++m) {
      const PhraseMatch& pm = matches_[m];
      if (pm.entry.kind != kind) continue;
      std::size_t begin = tokens_[pm.begin].begin, end = tokens_[pm.end - 1].end;
      if (begin < kept) begin = kept;
      if (end <= begin) continue;
      out.append(line.raw.substr(kept, begin - kept));
      out += ' ';
      kept = end;
    }
    out.append(line.raw.substr(kept));
    out += '\n';
  }
  return out;
}

const PhraseMatch* PostText::match_at(std::uint32_t i, PhraseKind kind) const {
  if (i >= tokens_.size()) return nullptr;
  for (std::uint32_t m = match_begin_[i]; m < match_begin_[i + 1]; ++m)
    if (matches_[m].entry.kind == kind) return &matches_[m];
  return nullptr;
}

std::string_view PostText::raw_span(const TextLine& line, std::uint32_t first,
                                    std::uint32_t last) const {
  if (first >= last) return {};
  std::uint32_t b = tokens_[first].begin, e = tokens_[last - 1].end;
  return line.raw.substr(b, e - b);
}

}  // namespace dossier::indexer
