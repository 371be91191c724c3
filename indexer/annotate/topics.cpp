// topics.cpp — counting topic evidence by where it occurs (see topics.h).
#include "indexer/annotate/topics.h"

#include <algorithm>

namespace dossier::indexer {
namespace {

constexpr double kLeadTotal = 2;  // a lead mention needs this many mentions in all
constexpr double kTotal = 4;      // mentions that are enough wherever they are
constexpr std::size_t kLeadParagraphs = 2;
constexpr std::size_t kLeadChars = 100;      // a lead paragraph has at least this many characters
constexpr std::uint32_t kHeadingWords = 14;  // a heading has at most this many words

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// What each body paragraph is, from its lines: a heading, a prose paragraph
// (one line), or a block of lines (an address, a signature). The extract stage
// gives headings and list items as plain paragraphs; a heading is told apart as
// one short line with no closing punctuation, starting with a capital or a
// digit, and followed by a paragraph that is not such a line too (a run of
// them is a list: "Familiarity with WordPress", "Knowledge of national
// security law").
struct ParagraphKind {
  bool heading = false;
  bool prose = false;
  std::size_t chars = 0;
};

std::vector<ParagraphKind> paragraph_kinds(const PostText& text) {
  const auto& lines = text.lines();
  std::uint32_t count = lines.empty() ? 0 : lines.back().paragraph + 1;
  std::vector<ParagraphKind> kinds(count);
  std::vector<std::uint32_t> line_count(count, 0);
  for (const TextLine& l : lines) {
    ++line_count[l.paragraph];
    kinds[l.paragraph].chars += code_points(l.raw);
  }
  for (const TextLine& l : lines) {
    if (l.title || line_count[l.paragraph] != 1 || l.raw.empty()) continue;
    ParagraphKind& k = kinds[l.paragraph];
    k.prose = true;
    char last = l.raw.back();
    auto first = static_cast<unsigned char>(l.raw.front());
    // A sentence or a label ("We ask you to:"), or a line with commas ("Bill
    // C-51, the Anti-terrorism Act, 2015", set in bold, not a heading) unless
    // it is a heading's list ("Part 3: free expression, preventive arrest").
    bool commas =
        l.raw.find(',') != std::string_view::npos && l.raw.find(": ") == std::string_view::npos;
    bool closed = last == '.' || last == ',' || last == ';' || last == ':' || last == ')' ||
                  last == '"' || commas;
    bool capital =
        (first >= 'A' && first <= 'Z') || (first >= '0' && first <= '9') || first >= 0xC3;
    k.heading = !closed && capital && l.words() >= 1 && l.words() <= kHeadingWords;
    if (k.heading) k.prose = false;
  }
  for (std::uint32_t p = 1; p < count; ++p)
    if (kinds[p].heading && (p + 1 == count || kinds[p + 1].heading)) {
      kinds[p].heading = false;
      kinds[p].prose = true;
    }
  return kinds;
}

// True when the text right before a line's token is a hyphen ("counter-surveillance").
bool after_hyphen(const PostText& text, std::uint32_t token) {
  const TextLine& line = text.lines()[text.line_of(token)];
  std::uint32_t begin = text.tokens()[token].begin;
  return begin > 0 && line.raw[begin - 1] == '-';
}

}  // namespace

bool TopicEvidence::enough() const {
  return title > 0 || headings > 0 || (lead > 0 && total >= kLeadTotal) || total >= kTotal;
}

std::vector<TopicEvidence> topic_evidence(const AnnotatorRules& rules, const PostText& text,
                                          const std::string& lang) {
  const auto& topics = rules.gazetteers.topics();
  std::vector<TopicEvidence> evidence(topics.size());
  std::vector<std::uint32_t> covered_until(topics.size(), 0);  // per topic, a token index
  std::vector<ParagraphKind> kinds = paragraph_kinds(text);
  std::vector<bool> lead(kinds.size(), false);
  for (std::size_t p = 1, n = 0; p < kinds.size() && n < kLeadParagraphs; ++p)
    if (kinds[p].prose && kinds[p].chars >= kLeadChars) lead[p] = true, ++n;
  const auto& matches = text.matches();
  bool known_lang = lang == "en" || lang == "fr";
  for (const TextLine& line : text.lines()) {
    std::uint32_t masked_until = 0;  // tokens inside a name that is no evidence
    for (std::uint32_t mi = line.first_match; mi < line.last_match; ++mi) {
      const PhraseMatch& m = matches[mi];
      bool name =
          m.entry.kind == PhraseKind::kOrganisation ||
          m.entry.kind == PhraseKind::kPortfolioTitle ||
          (m.entry.kind == PhraseKind::kTopicPhrase && rules.topic_phrases[m.entry.id].weight == 0);
      if (name) {
        masked_until = std::max(masked_until, m.end);
        continue;
      }
      if (m.entry.kind != PhraseKind::kTopicPhrase || m.begin < masked_until) continue;
      const TopicPhraseRule& p = rules.topic_phrases[m.entry.id];
      if (known_lang && p.lang != "any" && p.lang != lang) continue;
      if (m.begin < covered_until[p.topic]) continue;  // inside a longer phrase of the topic
      if (after_hyphen(text, m.begin)) continue;
      covered_until[p.topic] = m.end;
      TopicEvidence& e = evidence[p.topic];
      if (line.title) {
        e.title += p.weight;
        continue;
      }
      e.total += p.weight;
      if (kinds[line.paragraph].heading) e.headings += p.weight;
      if (lead[line.paragraph]) e.lead += p.weight;
    }
  }
  return evidence;
}

std::vector<std::string> find_topics(const AnnotatorRules& rules, const PostText& text,
                                     const std::string& lang) {
  const auto& topics = rules.gazetteers.topics();
  std::vector<TopicEvidence> evidence = topic_evidence(rules, text, lang);
  auto strength = [&](std::uint32_t t) {
    const TopicEvidence& e = evidence[t];
    return 4 * e.title + 2 * e.headings + e.lead + e.total;
  };
  std::vector<std::uint32_t> chosen;
  for (std::uint32_t t = 0; t < topics.size(); ++t)
    if (evidence[t].enough()) chosen.push_back(t);
  std::stable_sort(chosen.begin(), chosen.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return strength(a) > strength(b); });
  std::vector<std::string> out;
  for (std::uint32_t t : chosen) out.push_back(topics[t].slug);
  return out;
}

}  // namespace dossier::indexer
