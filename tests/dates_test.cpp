// dates_test.cpp — the English and French date scanner of schema/dates.h.
#include <catch2/catch.hpp>

#include <string>

#include "schema/dates.h"

using dossier::schema::DateMention;
using dossier::schema::find_dates;
using dossier::schema::parse_date;

namespace {

// The ISO dates found in text, in order.
std::vector<std::string> isos(std::string_view text) {
  std::vector<std::string> out;
  for (const DateMention& m : find_dates(text)) out.push_back(m.iso);
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("English dates with the month first") {
  CHECK(isos("August 8, 2018") == V{"2018-08-08"});
  CHECK(isos("Aug. 8, 2018") == V{"2018-08-08"});
  CHECK(isos("Aug 8 2018") == V{"2018-08-08"});
  CHECK(isos("Ottawa, June 26, 2018") == V{"2018-06-26"});
  CHECK(isos("a letter sent to the Prime Minister on May 7th, 2018.") == V{"2018-05-07"});
  CHECK(isos("SEPTEMBER 30, 2019") == V{"2019-09-30"});
  CHECK(isos("September 30, 2019") == V{"2019-09-30"});
  CHECK(isos("Sept. 3, 2019") == V{"2019-09-03"});
}

TEST_CASE("English and French dates with the day first") {
  CHECK(isos("9 August 2018 — In a letter") == V{"2018-08-09"});
  CHECK(isos("the 8th of August, 2018") == V{"2018-08-08"});
  CHECK(isos("Ottawa, le 8 août 2018") == V{"2018-08-08"});
  CHECK(isos("le 1er mai 2019") == V{"2019-05-01"});
  CHECK(isos("8 aout 2018") == V{"2018-08-08"});
  CHECK(isos("8 AOÛT 2018") == V{"2018-08-08"});
  CHECK(isos("Montréal, 12 décembre 2017") == V{"2017-12-12"});
  CHECK(isos("3 févr. 2020") == V{"2020-02-03"});
  CHECK(isos("mardi 2 juillet 2019") == V{"2019-07-02"});
}

TEST_CASE("a day and month without a year is not a date") {
  CHECK(isos("on July 24th and was asked") == V{});
  CHECK(isos("Today, June 26th, marks the International Day") == V{});
  CHECK(isos("le 8 août, nous avons écrit") == V{});
}

TEST_CASE("month-only dates have no day") {
  auto found = find_dates("Published in June 2018, revised juin 2019.");
  REQUIRE(found.size() == 2);
  CHECK(found[0].iso == "2018-06-01");
  CHECK_FALSE(found[0].has_day);
  CHECK(found[1].iso == "2019-06-01");
  CHECK_FALSE(found[1].has_day);
  CHECK(find_dates("June 26, 2018")[0].has_day);
}

TEST_CASE("ISO dates and timestamps") {
  CHECK(isos("2018-06-26") == V{"2018-06-26"});
  CHECK(isos("updated 2018-08-09T10:00:00+00:00 by") == V{"2018-08-09"});
  auto found = find_dates("x 2018-08-09T10:00:00-04:00 y");
  REQUIRE(found.size() == 1);
  CHECK(found[0].offset == 2);
  CHECK(found[0].length == std::string("2018-08-09T10:00:00-04:00").size());
  CHECK(isos("2018/06/26") == V{"2018-06-26"});
  CHECK(isos("ref 12018-06-26") == V{});
}

TEST_CASE("numeric day/month dates only when unambiguous") {
  CHECK(isos("26/06/2018") == V{"2018-06-26"});
  CHECK(isos("06/26/2018") == V{"2018-06-26"});
  CHECK(isos("05/05/2018") == V{"2018-05-05"});
  CHECK(isos("06/07/2018") == V{});
  CHECK(isos("1/2/2018/5") == V{});
}

TEST_CASE("invalid calendar dates and words that look like months") {
  CHECK(isos("February 30, 2018") == V{});
  CHECK(isos("February 29, 2016") == V{"2016-02-29"});
  CHECK(isos("February 29, 2018") == V{});
  CHECK(isos("31 avril 2018") == V{});
  CHECK(isos("the government may 2018 be") == V{});
  CHECK(isos("Theresa May to stop deporting") == V{});
  CHECK(isos("a march 2018 rally") == V{});
  CHECK(isos("June 1850") == V{});  // outside the years we read
  CHECK(isos("room 12 May 2018") == V{"2018-05-12"});
}

TEST_CASE("offsets and lengths point into the text, in order") {
  std::string text =
      "Ottawa, June 26, 2018. Follow-up to our letter of May 7, 2018 — le 1er mai 2019.";
  auto found = find_dates(text);
  REQUIRE(found.size() == 3);
  CHECK(text.substr(found[0].offset, found[0].length) == "June 26, 2018");
  CHECK(text.substr(found[1].offset, found[1].length) == "May 7, 2018");
  CHECK(text.substr(found[2].offset, found[2].length) == "1er mai 2019");
}

TEST_CASE("parse_date reads the date a whole string states") {
  CHECK(parse_date("2018-08-09T10:00:00+00:00") == "2018-08-09");
  CHECK(parse_date("August 9, 2018") == "2018-08-09");
  CHECK(parse_date("9 août 2018") == "2018-08-09");
  CHECK(parse_date("Posted on 9 August 2018 by admin") == "2018-08-09");
  CHECK_FALSE(parse_date("June 2018").has_value());
  CHECK_FALSE(parse_date("no date here").has_value());
  CHECK_FALSE(parse_date("").has_value());
}

TEST_CASE("the scanner finds the seed letters' dates") {
  std::string text =
      "The Right Honourable Justin Trudeau\nPrime Minister of Canada\n80 Wellington "
      "Street\nOttawa, Ontario K1A 0A2\nAugust 8, 2018\n\nDear Prime Minister,\n... before "
      "the House of Commons Standing Committee on Citizenship and Immigration on July 24th.";
  CHECK(isos(text) == V{"2018-08-08"});
}
