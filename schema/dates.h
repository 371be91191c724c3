// dates.h — finding and reading dates written in English and French
// ("August 8, 2018", "8 August 2018", "Ottawa, June 26, 2018", "le 8 août 2018",
// "1er mai 2019", "2018-06-26", "26/06/2018" ...). Used by the extractor (dates by
// the title), the annotators (a letter's own date) and searchd (query words).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dossier::schema {

struct DateMention {
  std::string iso;          // "YYYY-MM-DD"; for a month-only date ("June 2018"), day 01
  std::size_t offset = 0;   // byte offset of the mention in the text
  std::size_t length = 0;   // byte length of the mention
  bool has_day = true;      // false for "June 2018" / "juin 2018"
};

// Every date mentioned in UTF-8 text, in order of appearance. Invalid calendar
// dates ("February 30, 2018") are not dates.
std::vector<DateMention> find_dates(std::string_view text);

// The date a whole string states, e.g. a meta tag's content
// ("2018-08-09T10:00:00+00:00", "August 9, 2018", "9 août 2018"); nullopt if none.
std::optional<std::string> parse_date(std::string_view text);

}  // namespace dossier::schema
