// document_date.h — the date a post is filed under (corpus/LABELLING.md,
// "Dates"): for a letter, brief, statement or press release its own date (a
// date line: "Ottawa, June 26, 2018", "Montréal, le 12 mars 2007"; a dateline:
// "OTTAWA, June 26, 2018 — ...") over the page's publication date; for other
// posts the publication date (an event's own date is not the notice's); none
// when there is neither. Never 1970.
#pragma once

#include <optional>
#include <string>

#include "indexer/annotate/post_text.h"

namespace dossier::indexer {

// What a post's date is chosen from, besides its text.
struct DateSources {
  std::string type;                      // the post's DocType slug
  std::optional<std::string> published;  // the page's date (ExtractedPost::published)
  // Where the extractor found it (post.h). A date read from the text ("text")
  // is not trusted when the text shows it inside a sentence ("after the
  // attacks of September 11, 2001") rather than as a date line.
  std::string published_from;
  // The post's URL: a permalink's /YYYY/MM/DD/ one day off the published date
  // is the site's own calendar day, as metadata times are often in UTC
  // ("2005-05-02T02:38:00+00:00" for the evening of May 1 in Ottawa).
  std::string url;
};

std::optional<std::string> document_date(const PostText& text, const DateSources& sources);

// A publication date worth keeping: a real calendar date from 1990 on (the
// epoch and zero dates of broken metadata are not).
bool plausible_date(const std::string& iso);

}  // namespace dossier::indexer
