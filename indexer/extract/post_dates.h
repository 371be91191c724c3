// post_dates.h — dates a post's own markup gives: <time> elements (and
// itemprop=datePublished), the /YYYY/MM/DD/ of its URL, and a date written by
// its title ("August 9, 2018", "9 août 2018"). Meta tags and JSON-LD are read
// in metadata.h.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/extract/page_tree.h"

namespace dossier::indexer::extraction {

// The publication date of the first <time> or itemprop=datePublished element in
// the given subtrees, preferring ones marked as the publication date over
// plain ones and those marked as an update. YYYY-MM-DD.
std::optional<std::string> time_element_date(const PageTree& tree, const std::vector<int>& roots);

// "https://example.org/2018/08/09/slug/" -> "2018-08-09".
std::optional<std::string> url_path_date(std::string_view url);

// A full date (with a day) written close to the title heading: in the elements
// around it within its container, or else in `fallback_text` (the start of the post).
std::optional<std::string> date_near_title(const PageTree& tree, int heading,
                                           std::string_view fallback_text);

}  // namespace dossier::indexer::extraction
