// phrase_matcher.cpp — the word trie behind every gazetteer lookup in text.
#include "indexer/annotate/phrase_matcher.h"

#include <algorithm>

namespace dossier::indexer {

PhraseMatcher::PhraseMatcher() : nodes_(1) {}

std::uint64_t PhraseMatcher::prefix_key(std::uint32_t node, std::string_view word) {
  std::uint64_t key = static_cast<std::uint64_t>(node) << 24;
  for (std::size_t i = 0; i < 3; ++i)
    key |= static_cast<std::uint64_t>(static_cast<unsigned char>(word[i])) << (8 * (2 - i));
  return key;
}

std::uint32_t PhraseMatcher::intern(std::string_view word) {
  if (std::uint32_t id = word_id(word)) return id;
  words_.emplace_back(word);
  auto id = static_cast<std::uint32_t>(words_.size());
  word_ids_.emplace(words_.back(), id);
  return id;
}

std::uint32_t PhraseMatcher::word_id(std::string_view word) const {
  auto it = word_ids_.find(word);
  return it == word_ids_.end() ? 0 : it->second;
}

bool PhraseMatcher::add(std::string_view phrase, PhraseEntry entry) {
  std::string folded;
  std::vector<WordToken> tokens;
  tokenize_words(phrase, folded, tokens, /*phrase_syntax=*/true);
  if (tokens.empty()) return false;
  std::uint32_t node = 0;
  for (const WordToken& tok : tokens) {
    std::string_view word(folded.data() + tok.fold_begin, tok.fold_len);
    std::uint32_t child = 0;
    if (tok.wildcard) {
      if (word.size() < 3) return false;
      auto& edges = prefix_edges_[prefix_key(node, word)];
      for (const PrefixEdge& e : edges)
        if (e.prefix == word) child = e.child;
      if (child == 0) {
        child = static_cast<std::uint32_t>(nodes_.size());
        nodes_.emplace_back();
        edges.push_back({std::string(word), child});
      }
    } else {
      auto [it, inserted] = edges_.try_emplace(edge_key(node, intern(word)), 0);
      if (inserted) {
        it->second = static_cast<std::uint32_t>(nodes_.size());
        nodes_.emplace_back();
      }
      child = it->second;
    }
    node = child;
  }
  auto& entries = nodes_[node].entries;
  for (const PhraseEntry& e : entries)
    if (e.kind == entry.kind && e.id == entry.id) return true;
  entries.push_back(entry);
  return true;
}

void PhraseMatcher::walk(const Walk& w, std::uint32_t pos, std::uint32_t node) const {
  if (node != 0)
    for (const PhraseEntry& e : nodes_[node].entries) w.out.push_back({w.start, pos, e});
  if (pos >= w.last) return;
  if (std::uint32_t id = w.ids[pos]) {
    auto it = edges_.find(edge_key(node, id));
    if (it != edges_.end()) walk(w, pos + 1, it->second);
  }
  const WordToken& tok = w.tokens[pos];
  if (tok.fold_len >= 3 && !prefix_edges_.empty()) {
    std::string_view word(w.folded.data() + tok.fold_begin, tok.fold_len);
    auto it = prefix_edges_.find(prefix_key(node, word));
    if (it != prefix_edges_.end())
      for (const PrefixEdge& e : it->second)
        if (word.size() >= e.prefix.size() && word.compare(0, e.prefix.size(), e.prefix) == 0)
          walk(w, pos + 1, e.child);
  }
}

void PhraseMatcher::match(const std::string& folded, const std::vector<WordToken>& tokens,
                          const std::vector<std::uint32_t>& ids, std::uint32_t first,
                          std::uint32_t last, std::vector<PhraseMatch>& out) const {
  for (std::uint32_t start = first; start < last; ++start) {
    std::size_t before = out.size();
    walk({folded, tokens, ids, start, last, out}, start, 0);
    std::stable_sort(out.begin() + static_cast<std::ptrdiff_t>(before), out.end(),
                     [](const PhraseMatch& a, const PhraseMatch& b) { return a.end > b.end; });
  }
}

}  // namespace dossier::indexer
