// annotate_rules.h — everything the annotators precompute from the gazetteers:
// one PhraseMatcher holding every name, alias, title, organisation, topic
// phrase and type cue, plus the tables its matches point into. Built once by
// the Annotator's constructor and only read afterwards.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "indexer/annotate/phrase_matcher.h"
#include "schema/gazetteer.h"

namespace dossier::indexer {

// Words that give a name or title its ministerial role, or cancel it.
enum class RoleWord : std::uint32_t {
  kMinister,    // "Minister", "ministre", "Hon.", "Honourable", "l'honorable"
  kMinisters,   // "Ministers", "ministres"
  kSalutation,  // "Dear", "Monsieur le Ministre": the addressee of a letter
  kCopy,        // "Cc", "c.c.", "Copy to", "copie conforme"
  kNotHolder,   // "former", "deputy", "associate", "sous", "ancien": not the holder now
};

enum class CueZone : std::uint8_t { kTitle, kOpening, kClosing, kLine, kBody };

struct TopicPhraseRule {
  std::uint32_t topic;  // index into Gazetteers::topics()
  std::string lang;     // "en", "fr", "any"
  double weight;
};

struct TypeCueRule {
  std::uint32_t type;  // index into Gazetteers::doc_types()
  CueZone zone;
  double weight;
  bool needs_colon;  // the phrase ended with ':' ("When:")
};

class AnnotatorRules {
 public:
  explicit AnnotatorRules(const schema::Gazetteers& gazetteers);

  const schema::Gazetteers& gazetteers;
  PhraseMatcher matcher;
  std::vector<TopicPhraseRule> topic_phrases;
  std::vector<TypeCueRule> type_cues;
  std::uint32_t prime_minister = UINT32_MAX;  // index of the "prime-minister" portfolio
  std::uint32_t type_other = 0;               // index of the fallback type
};

}  // namespace dossier::indexer
