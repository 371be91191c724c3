// phrase_matcher.h — finds every gazetteer phrase (names, aliases, titles,
// organisation names, topic phrases, type cues) in a run of folded words in
// one pass: a trie over whole words, with prefix words ("extradit*"). Built
// once; matching is const and allocation-free apart from the output vector.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "indexer/annotate/word_tokens.h"

namespace dossier::indexer {

// What a phrase stands for; `id` indexes the table of that kind.
enum class PhraseKind : std::uint8_t {
  kMinisterName,    // full name or alias -> minister index
  kSurname,         // "Goodale" -> minister index (several entries for a shared surname)
  kPortfolioTitle,  // "Minister of Public Safety" -> portfolio index
  kPortfolioShort,  // "Public Safety" (after "Ministers of") -> portfolio index
  kRoleWord,        // "Minister", "Honourable", "Dear" ... -> RoleWord
  kOrganisation,    // name or alias -> organisation index
  kTopicPhrase,     // -> index into the annotator's topic phrase table
  kTypeCue,         // -> index into the annotator's type cue table
  kOrgWord,         // a word organisations' names use ("Association", "Conseil") -> 0
};

struct PhraseEntry {
  PhraseKind kind;
  std::uint32_t id;
};

struct PhraseMatch {
  std::uint32_t begin, end;  // token indices, end exclusive
  PhraseEntry entry;
};

class PhraseMatcher {
 public:
  PhraseMatcher();
  // Adds a phrase (tokenised with phrase syntax); returns false if it has no words
  // or a prefix word shorter than three letters.
  bool add(std::string_view phrase, PhraseEntry entry);

  // The id of a folded word, 0 when no phrase uses it; match() takes the ids
  // of the tokens so that each word is hashed once.
  std::uint32_t word_id(std::string_view word) const;

  // Appends every match that starts in tokens[first, last) and ends by `last`;
  // `folded` holds the tokens' folded words and ids[i] is word_id() of token i.
  // Matches come in order of start, longest first.
  void match(const std::string& folded, const std::vector<WordToken>& tokens,
             const std::vector<std::uint32_t>& ids, std::uint32_t first, std::uint32_t last,
             std::vector<PhraseMatch>& out) const;

 private:
  struct Node {
    std::vector<PhraseEntry> entries;
  };
  struct PrefixEdge {
    std::string prefix;
    std::uint32_t child;
  };
  static std::uint64_t edge_key(std::uint32_t node, std::uint32_t word) {
    return (static_cast<std::uint64_t>(node) << 32) | word;
  }
  static std::uint64_t prefix_key(std::uint32_t node, std::string_view word);
  std::uint32_t intern(std::string_view word);
  struct Walk {
    const std::string& folded;
    const std::vector<WordToken>& tokens;
    const std::vector<std::uint32_t>& ids;
    std::uint32_t start, last;
    std::vector<PhraseMatch>& out;
  };
  void walk(const Walk& w, std::uint32_t pos, std::uint32_t node) const;

  std::vector<Node> nodes_;
  std::deque<std::string> words_;  // id - 1 -> word (stable storage for the views below)
  std::unordered_map<std::string_view, std::uint32_t> word_ids_;
  std::unordered_map<std::uint64_t, std::uint32_t> edges_;
  std::unordered_map<std::uint64_t, std::vector<PrefixEdge>> prefix_edges_;  // by first 3 bytes
};

}  // namespace dossier::indexer
