// dates.cpp — a hand-written scanner for English and French dates. It walks the
// text once, trying the few date shapes at each word start; no regex engine, no
// allocation beyond the result, so annotators can run it over every post.
#include "schema/dates.h"

#include <array>
#include <cstdint>

namespace dossier::schema {
namespace {

constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2100;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
char lower(char c) { return is_upper(c) ? static_cast<char>(c + 32) : c; }

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int days_in_month(int y, int m) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[m - 1];
}
bool valid_date(int y, int m, int d) {
  return y >= kMinYear && y <= kMaxYear && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

std::string iso(int y, int m, int d) {
  std::string out(10, '0');
  out[0] = static_cast<char>('0' + y / 1000);
  out[1] = static_cast<char>('0' + y / 100 % 10);
  out[2] = static_cast<char>('0' + y / 10 % 10);
  out[3] = static_cast<char>('0' + y % 10);
  out[4] = '-';
  out[5] = static_cast<char>('0' + m / 10);
  out[6] = static_cast<char>('0' + m % 10);
  out[7] = '-';
  out[8] = static_cast<char>('0' + d / 10);
  out[9] = static_cast<char>('0' + d % 10);
  return out;
}

// Length of the UTF-8 sequence for a lead byte (1 for ASCII and stray bytes).
std::size_t utf8_len(unsigned char b) {
  if (b < 0xC0) return 1;
  if (b < 0xE0) return 2;
  if (b < 0xF0) return 3;
  return 4;
}

// Bytes of horizontal/vertical space at p (ASCII space, tab, newline, NBSP,
// narrow NBSP, thin space); 0 if none.
std::size_t space_at(std::string_view t, std::size_t p) {
  if (p >= t.size()) return 0;
  unsigned char c = static_cast<unsigned char>(t[p]);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return 1;
  if (c == 0xC2 && p + 1 < t.size() && static_cast<unsigned char>(t[p + 1]) == 0xA0) return 2;
  if (c == 0xE2 && p + 2 < t.size() && static_cast<unsigned char>(t[p + 1]) == 0x80) {
    unsigned char c2 = static_cast<unsigned char>(t[p + 2]);
    if (c2 == 0xAF || c2 == 0x89 || c2 == 0x8A || c2 == 0x87) return 3;
  }
  return 0;
}

std::size_t skip_spaces(std::string_view t, std::size_t p) {
  while (std::size_t n = space_at(t, p)) p += n;
  return p;
}

// A letter for word boundaries: ASCII letters and any non-ASCII code point
// that is not a space (accented letters, mostly). Punctuation such as ’ or —
// is non-ASCII too, but it never sits next to a date word in a way that matters.
bool letter_at(std::string_view t, std::size_t p) {
  if (p >= t.size()) return false;
  char c = t[p];
  if (is_ascii_alpha(c)) return true;
  return static_cast<unsigned char>(c) >= 0x80 && space_at(t, p) == 0;
}

bool alnum_before(std::string_view t, std::size_t p) {
  if (p == 0) return false;
  char c = t[p - 1];
  if (is_digit(c) || is_ascii_alpha(c)) return true;
  if (static_cast<unsigned char>(c) < 0x80) return false;
  // Step back to the lead byte of the previous code point.
  std::size_t q = p - 1;
  while (q > 0 && (static_cast<unsigned char>(t[q]) & 0xC0) == 0x80) --q;
  return letter_at(t, q);
}

struct Number {
  int value = 0;
  std::size_t digits = 0;
  std::size_t end = 0;
};

Number read_number(std::string_view t, std::size_t p) {
  Number n;
  n.end = p;
  while (n.end < t.size() && is_digit(t[n.end]) && n.digits < 9) {
    n.value = n.value * 10 + (t[n.end] - '0');
    ++n.digits;
    ++n.end;
  }
  if (n.end < t.size() && is_digit(t[n.end])) n.digits = 99;  // too long to be a date part
  return n;
}

std::size_t word_end(std::string_view t, std::size_t p) {
  while (letter_at(t, p)) p += utf8_len(static_cast<unsigned char>(t[p]));
  return p;
}

// The word folded to lowercase ASCII (é -> e, û -> u ...) into a small buffer;
// words longer than the buffer are not month names anyway.
std::string_view fold_word(std::string_view w, std::array<char, 16>& buf) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < w.size();) {
    if (n == buf.size()) return {};
    unsigned char c = static_cast<unsigned char>(w[i]);
    if (c < 0x80) {
      buf[n++] = lower(static_cast<char>(c));
      ++i;
      continue;
    }
    if (c == 0xC3 && i + 1 < w.size()) {
      unsigned char d = static_cast<unsigned char>(w[i + 1]) | 0x20;  // upper -> lower
      char base = 0;
      if (d >= 0xA8 && d <= 0xAB)
        base = 'e';
      else if (d >= 0xB9 && d <= 0xBC)
        base = 'u';
      else if (d >= 0xA0 && d <= 0xA5)
        base = 'a';
      else if (d >= 0xAC && d <= 0xAF)
        base = 'i';
      else if (d >= 0xB2 && d <= 0xB6)
        base = 'o';
      else if (d == 0xA7)
        base = 'c';
      if (base == 0) return {};
      buf[n++] = base;
      i += 2;
      continue;
    }
    return {};
  }
  return {buf.data(), n};
}

struct MonthName {
  std::string_view folded;
  int month;
  bool english_only;  // English names are capitalised; "may", "march", "august" are words too
  bool abbreviation;
};

constexpr MonthName kMonths[] = {
    {"january", 1, true, false},   {"february", 2, true, false},   {"march", 3, true, false},
    {"april", 4, true, false},     {"may", 5, true, false},        {"june", 6, true, false},
    {"july", 7, true, false},      {"august", 8, true, false},     {"september", 9, true, false},
    {"october", 10, true, false},  {"november", 11, true, false},  {"december", 12, true, false},
    {"jan", 1, true, true},        {"feb", 2, true, true},         {"mar", 3, true, true},
    {"apr", 4, true, true},        {"jun", 6, true, true},         {"jul", 7, true, true},
    {"aug", 8, true, true},        {"sep", 9, true, true},         {"sept", 9, false, true},
    {"oct", 10, false, true},      {"nov", 11, false, true},       {"dec", 12, false, true},
    {"janvier", 1, false, false},  {"fevrier", 2, false, false},   {"mars", 3, false, false},
    {"avril", 4, false, false},    {"mai", 5, false, false},       {"juin", 6, false, false},
    {"juillet", 7, false, false},  {"aout", 8, false, false},      {"septembre", 9, false, false},
    {"octobre", 10, false, false}, {"novembre", 11, false, false}, {"decembre", 12, false, false},
    {"janv", 1, false, true},      {"fevr", 2, false, true},       {"fev", 2, false, true},
    {"avr", 4, false, true},       {"juil", 7, false, true},       {"aou", 8, false, true},
};

struct MonthWord {
  int month = 0;
  std::size_t end = 0;  // after the word and, for an abbreviation, its period
};

// The month named by the word at p (which starts a word), or month 0.
MonthWord read_month(std::string_view t, std::size_t p) {
  MonthWord mw;
  std::size_t e = word_end(t, p);
  if (e == p || e - p > 18) return mw;
  std::array<char, 16> buf;
  std::string_view f = fold_word(t.substr(p, e - p), buf);
  if (f.size() < 3) return mw;
  for (const MonthName& m : kMonths) {
    if (m.folded != f) continue;
    if (m.english_only && !is_upper(t[p])) continue;
    mw.month = m.month;
    mw.end = e;
    if (m.abbreviation && e < t.size() && t[e] == '.') mw.end = e + 1;
    return mw;
  }
  return mw;
}

// An ordinal suffix glued to a day number: 1st, 2nd, 3rd, 8th, 1er, 1re, 2e, 2ème.
std::size_t ordinal_suffix_end(std::string_view t, std::size_t p) {
  std::size_t e = word_end(t, p);
  if (e == p) return p;
  std::array<char, 16> buf;
  std::string_view f = fold_word(t.substr(p, e - p), buf);
  static constexpr std::array<std::string_view, 8> kSuffixes = {"st", "nd", "rd", "th",
                                                                "er", "re", "e",  "eme"};
  for (std::string_view s : kSuffixes)
    if (f == s) return e;
  return p;
}

bool boundary_after(std::string_view t, std::size_t p) {
  return p >= t.size() || (!is_digit(t[p]) && !letter_at(t, p));
}

// A 4-digit year at p, as a whole word.
bool read_year(std::string_view t, std::size_t p, int& year, std::size_t& end) {
  if (p >= t.size() || !is_digit(t[p])) return false;
  Number n = read_number(t, p);
  if (n.digits != 4 || n.value < kMinYear || n.value > kMaxYear) return false;
  if (!boundary_after(t, n.end)) return false;
  year = n.value;
  end = n.end;
  return true;
}

// Skips spaces and one optional comma (with spaces around it).
std::size_t skip_comma(std::string_view t, std::size_t p) {
  p = skip_spaces(t, p);
  if (p < t.size() && t[p] == ',') p = skip_spaces(t, p + 1);
  return p;
}

// "2018-06-26", "2018-06-26T10:00:00+00:00", "2018/06/26".
bool try_iso(std::string_view t, std::size_t p, DateMention& out) {
  Number y = read_number(t, p);
  if (y.digits != 4 || y.end + 1 >= t.size()) return false;
  char sep = t[y.end];
  if (sep != '-' && sep != '/') return false;
  Number m = read_number(t, y.end + 1);
  if (m.digits < 1 || m.digits > 2 || m.end >= t.size() || t[m.end] != sep) return false;
  Number d = read_number(t, m.end + 1);
  if (d.digits < 1 || d.digits > 2) return false;
  if (sep == '-' && (m.digits != 2 || d.digits != 2)) return false;
  if (!valid_date(y.value, m.value, d.value)) return false;
  std::size_t end = d.end;
  if (end < t.size() && t[end] == 'T' && end + 3 < t.size() && is_digit(t[end + 1]) &&
      is_digit(t[end + 2]) && t[end + 3] == ':') {
    // Timestamp: take digits, ':', '.', 'Z' and a "+hh:mm"/"-hh:mm" offset.
    ++end;
    while (end < t.size() && (is_digit(t[end]) || t[end] == ':' || t[end] == '.' || t[end] == 'Z' ||
                              t[end] == '+' || t[end] == '-'))
      ++end;
  } else if (!boundary_after(t, end) || (end < t.size() && t[end] == sep)) {
    return false;
  }
  out = {iso(y.value, m.value, d.value), p, end - p, true};
  return true;
}

// "26/06/2018", "6/26/2018", "26-06-2018": only when day and month cannot be
// swapped (one of them above 12, or both equal).
bool try_numeric(std::string_view t, std::size_t p, DateMention& out) {
  Number a = read_number(t, p);
  if (a.digits < 1 || a.digits > 2 || a.end >= t.size()) return false;
  char sep = t[a.end];
  if (sep != '/' && sep != '-' && sep != '.') return false;
  Number b = read_number(t, a.end + 1);
  if (b.digits < 1 || b.digits > 2 || b.end >= t.size() || t[b.end] != sep) return false;
  Number y = read_number(t, b.end + 1);
  if (y.digits != 4 || !boundary_after(t, y.end)) return false;
  if (y.end < t.size() && t[y.end] == sep) return false;
  int day, month;
  if (a.value > 12 && b.value <= 12) {
    day = a.value;
    month = b.value;
  } else if (b.value > 12 && a.value <= 12) {
    month = a.value;
    day = b.value;
  } else if (a.value == b.value) {
    day = month = a.value;
  } else {
    return false;
  }
  if (!valid_date(y.value, month, day)) return false;
  out = {iso(y.value, month, day), p, y.end - p, true};
  return true;
}

// "8 August 2018", "8th of August, 2018", "1er mai 2019", "8 août 2018".
// An impossible day ("31 avril 2018") sets skip_to past the year, so that the
// month and year are not read again as a month-only date.
bool try_day_month_year(std::string_view t, std::size_t p, DateMention& out, std::size_t& skip_to) {
  Number d = read_number(t, p);
  if (d.digits < 1 || d.digits > 2) return false;
  std::size_t q = ordinal_suffix_end(t, d.end);
  bool ordinal = q != d.end;
  if (!ordinal && !boundary_after(t, q)) return false;
  q = skip_spaces(t, q);
  if (q == d.end && !ordinal) return false;  // "8August" is not written
  if (ordinal && q + 3 <= t.size() && t.substr(q, 2) == "of" && space_at(t, q + 2))
    q = skip_spaces(t, q + 2);
  MonthWord mw = read_month(t, q);
  if (mw.month == 0) return false;
  std::size_t r = skip_comma(t, mw.end);
  int year;
  std::size_t end;
  if (!read_year(t, r, year, end)) return false;
  if (!valid_date(year, mw.month, d.value)) {
    skip_to = end;
    return false;
  }
  out = {iso(year, mw.month, d.value), p, end - p, true};
  return true;
}

// "August 8, 2018", "Aug. 8, 2018", "May 7th, 2018"; then "June 2018",
// "juin 2018" (has_day false). "July 24th" without a year is no date.
bool try_month_first(std::string_view t, std::size_t p, DateMention& out) {
  MonthWord mw = read_month(t, p);
  if (mw.month == 0) return false;
  std::size_t q = skip_spaces(t, mw.end);
  if (q == mw.end && q < t.size() && is_digit(t[q])) return false;  // "May2018"
  int year;
  std::size_t end;
  if (q < t.size() && is_digit(t[q])) {
    Number d = read_number(t, q);
    if (d.digits >= 1 && d.digits <= 2) {
      std::size_t r = ordinal_suffix_end(t, d.end);
      if (r == d.end && !boundary_after(t, r)) return false;
      r = skip_comma(t, r);
      if (!read_year(t, r, year, end)) return false;
      if (!valid_date(year, mw.month, d.value)) return false;
      out = {iso(year, mw.month, d.value), p, end - p, true};
      return true;
    }
  }
  std::size_t r = skip_comma(t, mw.end);
  if (!read_year(t, r, year, end)) return false;
  out = {iso(year, mw.month, 1), p, end - p, false};
  return true;
}

}  // namespace

std::vector<DateMention> find_dates(std::string_view text) {
  std::vector<DateMention> found;
  std::size_t p = 0;
  const std::size_t n = text.size();
  while (p < n) {
    char c = text[p];
    bool digit = is_digit(c);
    bool letter = !digit && letter_at(text, p);
    if (!digit && !letter) {
      ++p;
      continue;
    }
    if (alnum_before(text, p)) {  // inside a word or number: go to its end
      p = digit ? p + 1 : p + utf8_len(static_cast<unsigned char>(c));
      continue;
    }
    DateMention m;
    std::size_t skip_to = 0;
    bool hit = digit ? (try_iso(text, p, m) || try_numeric(text, p, m) ||
                        try_day_month_year(text, p, m, skip_to))
                     : try_month_first(text, p, m);
    if (hit) {
      found.push_back(std::move(m));
      p = found.back().offset + found.back().length;
      continue;
    }
    if (skip_to > p) {
      p = skip_to;
      continue;
    }
    // Skip the whole word or number.
    if (digit) {
      while (p < n && is_digit(text[p])) ++p;
    } else {
      p = word_end(text, p);
    }
  }
  return found;
}

std::optional<std::string> parse_date(std::string_view text) {
  for (const DateMention& m : find_dates(text))
    if (m.has_day) return m.iso;
  return std::nullopt;
}

}  // namespace dossier::schema
