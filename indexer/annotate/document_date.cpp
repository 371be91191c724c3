// document_date.cpp — choosing a post's date among the dates it mentions.
#include "indexer/annotate/document_date.h"

#include <algorithm>

#include "schema/dates.h"

namespace dossier::indexer {
namespace {

// Lines read for a dateline ("OTTAWA, June 26, 2018 — ...") after the title.
constexpr std::size_t kDatelineLines = 4;
// A place before a date line has at most this many words ("Toronto and Ottawa, ").
constexpr int kMaxPlaceWords = 6;
// An author before a date line ("International Civil Liberties Monitoring Group — ").
constexpr int kMaxAuthorWords = 10;

bool is_space_or_mark(unsigned char c) {
  return c == ' ' || c == '\t' || c == '*' || c == '_' || c == ',' || c == '.';
}

// True when the text before a date is empty or a place: a few words, no
// digits, no colon, ending with "," or "le" ("Ottawa, ", "Montréal, le ",
// "Toronto and Ottawa, "), or an author and a dash ("ICLMG — "); markdown
// emphasis marks are ignored.
bool place_prefix(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '*' || s.back() == '_')) s.remove_suffix(1);
  while (!s.empty() && (s.front() == '*' || s.front() == '_' || s.front() == ' '))
    s.remove_prefix(1);
  if (s.empty()) return true;
  bool ends_le =
      s.size() >= 2 && (s.substr(s.size() - 2) == "le" || s.substr(s.size() - 2) == "Le");
  if (ends_le) s.remove_suffix(2);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (s.empty()) return ends_le;  // "le 8 août 2018"
  bool dash = false;
  for (std::string_view d :
       {std::string_view("\xE2\x80\x94"), std::string_view("\xE2\x80\x93"), std::string_view("-")})
    if (!ends_le && s.size() > d.size() && s.substr(s.size() - d.size()) == d) {
      s.remove_suffix(d.size());
      while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
      dash = true;
      break;
    }
  if (!dash && s.back() != ',') return false;
  int words = 0;
  bool in_word = false;
  for (char c : s) {
    if (c == ':' || (c >= '0' && c <= '9') || c == '.' || c == ';') return false;
    bool space = c == ' ' || c == ',';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words <= (dash ? kMaxAuthorWords : kMaxPlaceWords);
}

bool only_marks(std::string_view s) {
  for (char c : s)
    if (!is_space_or_mark(static_cast<unsigned char>(c))) return false;
  return true;
}

// A dash (-, –, —) or "/CNW/" after a dateline.
bool dateline_suffix(std::string_view s) {
  while (!s.empty() && is_space_or_mark(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  return s.substr(0, 1) == "-" || s.substr(0, 3) == "\xE2\x80\x93" ||
         s.substr(0, 3) == "\xE2\x80\x94" || s.substr(0, 1) == "/" || s.substr(0, 1) == "(";
}

// True when the post's text mentions `iso` only inside sentences, never as a
// date line or dateline: then a date taken from the text is a date the post
// talks about, not the date it was published.
bool only_in_sentences(const PostText& text, std::string_view iso) {
  bool in_sentence = false;
  const auto& lines = text.lines();
  for (std::size_t i = 1; i < lines.size(); ++i)
    for (const schema::DateMention& m : schema::find_dates(lines[i].raw)) {
      if (m.iso != iso) continue;
      if (place_prefix(lines[i].raw.substr(0, m.offset))) return false;
      in_sentence = true;
    }
  return in_sentence;
}

// "https://example.org/2005/05/01/slug/" -> "2005-05-01".
std::optional<std::string> permalink_date(std::string_view url) {
  auto digits = [](std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  for (std::size_t p = url.find('/'); p != std::string_view::npos && p + 11 < url.size();
       p = url.find('/', p + 1)) {
    std::string_view y = url.substr(p + 1, 4), m = url.substr(p + 6, 2), d = url.substr(p + 9, 2);
    if (digits(y) && url[p + 5] == '/' && digits(m) && url[p + 8] == '/' && digits(d) &&
        (p + 11 == url.size() || url[p + 11] == '/')) {
      std::string iso = std::string(y) + "-" + std::string(m) + "-" + std::string(d);
      if (plausible_date(iso)) return iso;
    }
  }
  return std::nullopt;
}

// Whole days between two ISO dates (absolute), through the civil calendar.
long days_apart(std::string_view a, std::string_view b) {
  auto day_number = [](std::string_view iso) {
    long y = std::stol(std::string(iso.substr(0, 4)));
    long m = std::stol(std::string(iso.substr(5, 2)));
    long d = std::stol(std::string(iso.substr(8, 2)));
    y -= m <= 2;
    long era = y / 400, yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy;
  };
  long diff = day_number(a) - day_number(b);
  return diff < 0 ? -diff : diff;
}

}  // namespace

bool plausible_date(const std::string& iso) {
  auto parsed = schema::parse_date(iso);
  return parsed && *parsed == iso.substr(0, 10) && iso.substr(0, 10) >= "1990-01-01";
}

std::optional<std::string> document_date(const PostText& text, const DateSources& sources) {
  const std::optional<std::string>& published = sources.published;
  const std::string& type = sources.type;
  bool own_date =
      type == "letter" || type == "brief" || type == "statement" || type == "press-release";
  const auto& lines = text.lines();
  std::optional<std::string> dateline;
  for (std::size_t i = 1; own_date && i < lines.size(); ++i) {
    std::string_view raw = lines[i].raw;
    if (raw.size() > 200 && i > kDatelineLines) continue;  // prose: no date line here
    for (const schema::DateMention& m : schema::find_dates(raw)) {
      if (!m.has_day) continue;
      std::string_view before = raw.substr(0, m.offset);
      std::string_view after = raw.substr(m.offset + m.length);
      if (!place_prefix(before)) continue;
      if (only_marks(after)) return m.iso;  // a date line: the document's own date
      if (!dateline && i <= kDatelineLines && dateline_suffix(after)) dateline = m.iso;
    }
  }
  if (dateline) return dateline;
  if (published && plausible_date(*published)) {
    std::string date = published->substr(0, 10);
    if (sources.published_from == "text" && only_in_sentences(text, date)) return std::nullopt;
    if (auto day = permalink_date(sources.url); day && days_apart(*day, date) == 1) return day;
    return date;
  }
  return std::nullopt;
}

}  // namespace dossier::indexer
