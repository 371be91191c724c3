// topics.h — what a post is about, by the rule of corpus/LABELLING.md: a topic
// is counted in the post's title, headings, lead (its first two prose
// paragraphs) and whole text, each mention of an evidence phrase
// (topic_phrases.tsv) counting its weight; the post is about the topic when
// the title or a heading mentions it, or the lead does and the text mentions it
// at least twice, or the text mentions it at least four times. A passing
// mention is not enough. Names that contain evidence words are no evidence:
// organisations ("Canadian Council for Refugees"), ministers' titles ("Minister
// of Border Security ..."), and the weight-0 names of topic_phrases.tsv
// ("Immigration and Refugee Protection Act").
#pragma once

#include <string>
#include <vector>

#include "indexer/annotate/annotate_rules.h"
#include "indexer/annotate/post_text.h"

namespace dossier::indexer {

// Where a topic is mentioned, in mentions (weights summed).
struct TopicEvidence {
  double title = 0, headings = 0, lead = 0, total = 0;  // total: the whole text, title excluded
  bool enough() const;
};

// The evidence for each topic (index into Gazetteers::topics()). `lang`
// selects the phrases of that language (and those marked "any").
std::vector<TopicEvidence> topic_evidence(const AnnotatorRules& rules, const PostText& text,
                                          const std::string& lang);

// Topic slugs with enough evidence, strongest first.
std::vector<std::string> find_topics(const AnnotatorRules& rules, const PostText& text,
                                     const std::string& lang);

}  // namespace dossier::indexer
