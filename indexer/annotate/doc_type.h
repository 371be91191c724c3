// doc_type.h — what a post is (letter, press release, statement, brief, event,
// news digest, article, other): the type whose cues (doc_type_cues.tsv: a
// salutation, "For immediate release", a title saying "Statement", "When:"
// lines...) weigh most, helped by the site's own category links.
#pragma once

#include <string>
#include <vector>

#include "indexer/annotate/annotate_rules.h"
#include "indexer/annotate/post_text.h"

namespace dossier::indexer {

// Returns a DocType slug.
std::string classify_type(const AnnotatorRules& rules, const PostText& text,
                          const std::vector<std::string>& categories);

}  // namespace dossier::indexer
