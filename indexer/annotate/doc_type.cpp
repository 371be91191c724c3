// doc_type.cpp — scoring type cues by where they occur in a post.
#include "indexer/annotate/doc_type.h"

#include <algorithm>

namespace dossier::indexer {
namespace {

constexpr std::size_t kOpeningLines = 3;   // body lines that count as the opening
constexpr std::size_t kClosingLines = 10;  // lines at the end that count as the closing
// What a site category naming a type ("letters", "communiqués") weighs.
constexpr double kCategoryWeight = 4;
// Below this, no type has enough evidence and the fallback applies.
constexpr double kMinScore = 1.5;
// Prose without cues is an article from this many words; a shorter note is "other".
constexpr std::size_t kArticleWords = 80;

bool in_zone(CueZone zone, const PostText& text, std::size_t line, std::uint32_t begin) {
  const TextLine& l = text.lines()[line];
  std::size_t body = text.lines().size();
  switch (zone) {
    case CueZone::kTitle:
      return l.title;
    case CueZone::kOpening:
      return !l.title && line <= kOpeningLines;
    case CueZone::kClosing:
      return !l.title && line + kClosingLines >= body;
    case CueZone::kLine:
      return !l.title && begin == l.first_token;
    case CueZone::kBody:
      return !l.title;
  }
  return false;
}

}  // namespace

std::string classify_type(const AnnotatorRules& rules, const PostText& text,
                          const std::vector<std::string>& categories) {
  const auto& types = rules.gazetteers.doc_types();
  std::vector<double> score(types.size(), 0);
  std::vector<bool> counted(rules.type_cues.size(), false);
  const auto& matches = text.matches();
  for (std::size_t li = 0; li < text.lines().size(); ++li) {
    const TextLine& line = text.lines()[li];
    for (std::uint32_t mi = line.first_match; mi < line.last_match; ++mi) {
      const PhraseMatch& m = matches[mi];
      if (m.entry.kind != PhraseKind::kTypeCue || counted[m.entry.id]) continue;
      const TypeCueRule& cue = rules.type_cues[m.entry.id];
      if (!in_zone(cue.zone, text, li, m.begin)) continue;
      if (cue.needs_colon && text.tokens()[m.end - 1].punct_after != ':') continue;
      counted[m.entry.id] = true;
      score[cue.type] += cue.weight;
    }
  }
  std::vector<bool> category_seen(types.size(), false);
  for (const std::string& c : categories) {
    const schema::DocType* t = rules.gazetteers.doc_type_by_word(c);
    if (!t) continue;
    auto i = static_cast<std::size_t>(t - types.data());
    if (!category_seen[i]) score[i] += kCategoryWeight;
    category_seen[i] = true;
  }
  auto best = std::max_element(score.begin(), score.end());
  if (best == score.end() || *best < kMinScore) {
    // Prose with no cue is an article; a page with hardly any text is "other".
    std::size_t words = text.tokens().size() - text.lines()[0].words();
    const schema::DocType* fallback =
        rules.gazetteers.doc_type(words >= kArticleWords ? "article" : "other");
    return fallback ? fallback->slug : types[rules.type_other].slug;
  }
  return types[static_cast<std::size_t>(best - score.begin())].slug;
}

}  // namespace dossier::indexer
