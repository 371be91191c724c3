// signatories.h — the organisations that sign or author a post (corpus/
// LABELLING.md, "Organisations"): the signature blocks after a letter's
// closing (a person, a title, an organisation; French signatures too), the
// lists of organisations closing joint letters and statements, a press
// release's contact block and the speaker of its first sentence, the authors a
// text names ("Statement of ...", "Submission of ...", "By ...", "Produced
// by ...") and an event's organisers ("Organized by ... and ..."). Names in
// the text that sign nothing are not read. Known names, acronyms and French
// names map to the canonical name; an unknown organisation-like signature line
// is kept as written ("Project Fly Home (Montreal)" -> "Project Fly Home").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "indexer/annotate/annotate_rules.h"
#include "indexer/annotate/post_text.h"

namespace dossier::indexer {

std::vector<std::string> find_signatories(const AnnotatorRules& rules, const PostText& text,
                                          std::string_view type);

}  // namespace dossier::indexer
