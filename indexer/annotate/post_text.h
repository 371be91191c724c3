// post_text.h — a post as the annotator rules read it: the title and the
// paragraphs split into trimmed lines (address blocks and signatures come as
// one line each), every line tokenised once with word_tokens.h, and every
// gazetteer phrase found once with the PhraseMatcher.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/annotate/phrase_matcher.h"
#include "indexer/annotate/word_tokens.h"
#include "indexer/extract/post.h"

namespace dossier::indexer {

struct TextLine {
  std::string_view raw;         // trimmed, without a leading bullet ("•", "*", "-", "|")
  bool title = false;           // the post's title (line 0)
  std::uint32_t paragraph = 0;  // 0 for the title, then 1, 2, ...
  std::uint32_t first_token = 0, last_token = 0;  // tokens[first, last)
  std::uint32_t first_match = 0, last_match = 0;  // matches[first, last)
  std::uint32_t words() const { return last_token - first_token; }
};

class PostText {
 public:
  // Borrows the post's strings: the post must outlive the PostText.
  PostText(const ExtractedPost& post, const PhraseMatcher& matcher);

  const std::vector<TextLine>& lines() const { return lines_; }
  const std::vector<WordToken>& tokens() const { return tokens_; }
  const std::vector<PhraseMatch>& matches() const { return matches_; }

  // The folded form of token i ("goodale").
  std::string_view word(std::uint32_t i) const {
    return {folded_.data() + tokens_[i].fold_begin, tokens_[i].fold_len};
  }
  // The raw text of tokens [first, last) of one line.
  std::string_view raw_span(const TextLine& line, std::uint32_t first, std::uint32_t last) const;
  // Matches that start at token i: matches()[match_begin(i), match_begin(i + 1)),
  // longest first.
  std::uint32_t match_begin(std::uint32_t i) const { return match_begin_[i]; }
  // The longest match of a kind starting at token i, or nullptr.
  const PhraseMatch* match_at(std::uint32_t i, PhraseKind kind) const;
  // The line a token belongs to.
  std::uint32_t line_of(std::uint32_t token) const { return token_line_[token]; }
  // Title and body as one text, a line each, with the words of every match of
  // `kind` blanked out: for the language, the text of a post without its
  // organisations' names ("Table de concertation ..." signing an English letter).
  std::string text_without(PhraseKind kind) const;

 private:
  std::vector<TextLine> lines_;
  std::vector<WordToken> tokens_;  // token offsets are relative to their line's raw text
  std::vector<std::uint32_t> token_line_;
  std::vector<std::uint32_t> word_ids_;
  std::vector<PhraseMatch> matches_;
  std::vector<std::uint32_t> match_begin_;  // per token, plus one past the end
  std::string folded_;
};

}  // namespace dossier::indexer
