// ministers.h — the federal ministers a post addresses, copies or names in
// their ministerial role: salutations ("Dear Prime Minister Trudeau and Minister
// Goodale", "Monsieur le Ministre"), address blocks ("The Honourable Ralph
// Goodale"), "Cc:" lines, role mentions ("Minister Blair", "Ministers Goodale
// and Hussen", "Public Safety Minister Vic Toews"), and titles alone ("the
// Minister of Public Safety", "Dear Prime Minister"), which resolve to whoever
// held the office on the document's date. A surname two ministers share is
// settled by the date too. A name without its role ("Your predecessor, Gordon
// O'Connor", "Bill Blair" as Toronto's police chief) and a title that is not
// the holder's ("former", "Deputy", "British Prime Minister", "authorized by
// the Minister of ...") give nothing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "indexer/annotate/annotate_rules.h"
#include "indexer/annotate/post_text.h"

namespace dossier::indexer {

// Canonical full names in order of first evidence, each once. Without a date,
// titles alone are not resolved.
std::vector<std::string> find_ministers(const AnnotatorRules& rules, const PostText& text,
                                        const std::optional<std::string>& date);

}  // namespace dossier::indexer
