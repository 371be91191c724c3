// gazetteer.cpp — lookups over the loaded gazetteers (loading is in
// gazetteer_load.cpp).
#include "schema/gazetteer.h"

#include <algorithm>
#include <cstdlib>
#include <limits>

#include "schema/analyzer.h"

#ifndef DOSSIER_DEFAULT_DATA_DIR
#define DOSSIER_DEFAULT_DATA_DIR "schema/data"
#endif

namespace dossier::schema {
namespace {

// Days since 1970-01-01 of an ISO date (no validation beyond digits).
long day_number(std::string_view iso) {
  if (iso.size() < 10) return 0;
  auto num = [&](std::size_t pos, std::size_t len) {
    long v = 0;
    for (std::size_t i = pos; i < pos + len; ++i) v = v * 10 + (iso[i] - '0');
    return v;
  };
  long y = num(0, 4), m = num(5, 2), d = num(8, 2);
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// "YYYY-MM-DD" (a time may follow); anything else holds no office.
bool iso_like(std::string_view d) {
  if (d.size() < 10 || d[4] != '-' || d[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (d[i] < '0' || d[i] > '9') return false;
  return true;
}

bool covers(const Tenure& t, std::string_view date) {
  return t.start <= date && (t.end.empty() || date < t.end);
}

template <typename T>
const T* find_in(const std::unordered_map<std::string, std::size_t>& index,
                 const std::vector<T>& items, std::string_view any_form) {
  auto it = index.find(lookup_key(any_form));
  return it == index.end() ? nullptr : &items[it->second];
}

}  // namespace

GazetteerError::GazetteerError(std::string file, std::size_t line, const std::string& reason)
    : std::runtime_error(file + ":" + std::to_string(line) + ": " + reason),
      file_(std::move(file)),
      line_(line) {}

bool Minister::in_office(std::string_view iso_date, std::string_view portfolio) const {
  for (const Tenure& t : tenures)
    if ((portfolio.empty() || t.portfolio == portfolio) && covers(t, iso_date)) return true;
  return false;
}

std::string lookup_key(std::string_view text) {
  std::string folded = fold_key(text);
  std::string out;
  out.reserve(folded.size());
  auto space = [&out] {
    if (!out.empty() && out.back() != ' ') out += ' ';
  };
  for (std::size_t i = 0; i < folded.size(); ++i) {
    auto c = static_cast<unsigned char>(folded[i]);
    if (c == '.') continue;
    if (c == '&') {
      space();
      out += "and ";
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += static_cast<char>(c);
    } else if (c == 0xC2 && i + 1 < folded.size()) {
      ++i;  // U+0080..U+00BF: Latin-1 punctuation (« » ¿ ·), a separator
      space();
    } else if (c >= 0x80) {
      out += static_cast<char>(c);
    } else {
      space();
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::filesystem::path Gazetteers::default_dir() {
  if (const char* env = std::getenv("DOSSIER_DATA"); env != nullptr && *env != '\0') return env;
  return DOSSIER_DEFAULT_DATA_DIR;
}

const Minister* Gazetteers::minister_by_name(std::string_view any_form) const {
  return find_in(minister_index_, ministers_, any_form);
}

std::vector<const Minister*> Gazetteers::ministers_by_surname(std::string_view surname) const {
  std::vector<std::size_t> found;
  auto [begin, end] = surname_index_.equal_range(lookup_key(surname));
  for (auto it = begin; it != end; ++it) found.push_back(it->second);
  std::sort(found.begin(), found.end());
  std::vector<const Minister*> out;
  for (std::size_t i : found) out.push_back(&ministers_[i]);
  return out;
}

const Minister* Gazetteers::minister_by_surname_on(std::string_view surname,
                                                   std::string_view iso_date) const {
  std::vector<const Minister*> candidates = ministers_by_surname(surname);
  if (candidates.size() <= 1) return candidates.empty() ? nullptr : candidates[0];
  if (!iso_like(iso_date)) return nullptr;
  iso_date = iso_date.substr(0, 10);
  for (const Minister* m : candidates)
    if (m->in_office(iso_date)) return m;
  // Nobody in office that day: the one whose time in office is nearest to it.
  long day = day_number(iso_date);
  const Minister* best = nullptr;
  long best_distance = std::numeric_limits<long>::max();
  for (const Minister* m : candidates) {
    for (const Tenure& t : m->tenures) {
      long start = day_number(t.start);
      long end = t.end.empty() ? std::numeric_limits<long>::max() : day_number(t.end);
      long distance = day < start ? start - day : day >= end ? day - end + 1 : 0;
      if (distance < best_distance) {
        best_distance = distance;
        best = m;
      }
    }
  }
  return best;
}

const Minister* Gazetteers::holder(std::string_view portfolio_key,
                                   std::string_view iso_date) const {
  if (!iso_like(iso_date)) return nullptr;
  iso_date = iso_date.substr(0, 10);
  for (const Minister& m : ministers_)
    if (m.in_office(iso_date, portfolio_key)) return &m;
  return nullptr;
}

const Portfolio* Gazetteers::portfolio(std::string_view key) const {
  auto it = portfolio_index_.find(std::string(key));
  return it == portfolio_index_.end() ? nullptr : &portfolios_[it->second];
}

const Portfolio* Gazetteers::portfolio_by_title(std::string_view title) const {
  return find_in(portfolio_title_index_, portfolios_, title);
}

const Organisation* Gazetteers::organisation_by_alias(std::string_view any_form) const {
  if (const Organisation* o = find_in(organisation_index_, organisations_, any_form)) return o;
  // "Project Fly Home (Montreal)": without what the brackets add.
  std::string_view s = any_form;
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (!s.empty() && s.back() == ')') {
    auto open = s.rfind('(');
    if (open != std::string_view::npos && open > 0)
      if (const Organisation* o = find_in(organisation_index_, organisations_, s.substr(0, open)))
        return o;
  }
  // "Solidarity Across Borders / Solidarité sans frontières": either name.
  if (auto slash = s.find(" / "); slash != std::string_view::npos)
    if (const Organisation* o = find_in(organisation_index_, organisations_, s.substr(0, slash)))
      return o;
  return nullptr;
}

const Topic* Gazetteers::topic(std::string_view slug) const {
  for (const Topic& t : topics_)
    if (t.slug == slug) return &t;
  return nullptr;
}

const Topic* Gazetteers::topic_by_label(std::string_view label) const {
  return find_in(topic_index_, topics_, label);
}

const DocType* Gazetteers::doc_type(std::string_view slug) const {
  for (const DocType& t : doc_types_)
    if (t.slug == slug) return &t;
  return nullptr;
}

const DocType* Gazetteers::doc_type_by_word(std::string_view word) const {
  return find_in(doc_type_index_, doc_types_, word);
}

}  // namespace dossier::schema
