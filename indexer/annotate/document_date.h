// document_date.h — the date a post is filed under: the document's own date
// (a letter's or brief's date line: "Ottawa, June 26, 2018", "Montréal, le
// 12 mars 2007"; a press release's dateline: "OTTAWA, June 26, 2018 — ...")
// over the page's publication date; none when there is neither. Never 1970.
#pragma once

#include <optional>
#include <string>

#include "indexer/annotate/post_text.h"

namespace dossier::indexer {

// `published_from` says where the page's date came from (post.h); a date the
// extractor read from the text ("text") is not trusted when the text shows it
// inside a sentence ("after the attacks of September 11, 2001") rather than
// as a date line. A permalink's /YYYY/MM/DD/ one day off the published date is
// the site's own calendar day: metadata times are often in UTC ("2005-05-02
// T02:38:00+00:00" for a post of the evening of May 1 in Ottawa).
std::optional<std::string> document_date(const PostText& text,
                                         const std::optional<std::string>& published,
                                         const std::string& published_from = "",
                                         const std::string& url = "");

// A publication date worth keeping: a real calendar date from 1990 on (the
// epoch and zero dates of broken metadata are not).
bool plausible_date(const std::string& iso);

}  // namespace dossier::indexer
