// boilerplate_text.cpp — see boilerplate_text.h.
#include "indexer/extract/boilerplate_text.h"

#include <array>

#include "indexer/extract/dom.h"

namespace dossier::indexer::extraction {
namespace {

// Lowercase (ASCII and the French capitals with accents that matter here),
// typographic apostrophes as "'", trimmed of spaces and decorations
// (arrows, guillemets, ellipses, colons) at both ends.
std::string fold(std::string_view text) {
  std::string s;
  s.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(text[i + 2]) == 0x99 ||
         static_cast<unsigned char>(text[i + 2]) == 0x98)) {
      s.push_back('\'');
      i += 2;
      continue;
    }
    if (c == 0xC3 && i + 1 < text.size()) {  // À..Þ -> à..þ
      unsigned char d = static_cast<unsigned char>(text[i + 1]);
      if (d >= 0x80 && d <= 0x9E && d != 0x97) d = static_cast<unsigned char>(d + 0x20);
      s.push_back(static_cast<char>(c));
      s.push_back(static_cast<char>(d));
      ++i;
      continue;
    }
    s.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c));
  }
  s = collapse_whitespace(s);
  auto decoration_at_end = [&](bool front) -> std::size_t {
    // Returns the byte length of a decoration at the front or back, else 0.
    static constexpr std::array<std::string_view, 12> kMarks = {"\xC2\xBB",
                                                                "\xC2\xAB",
                                                                "\xE2\x80\xA6",
                                                                "\xE2\x86\x92",
                                                                "\xE2\x80\xBA",
                                                                "\xE2\x80\xB9",
                                                                "...",
                                                                ">",
                                                                ":",
                                                                "\xE2\x9E\x94",
                                                                "|",
                                                                "-"};
    for (std::string_view m : kMarks) {
      if (s.size() < m.size()) continue;
      if (front ? s.compare(0, m.size(), m) == 0 : s.compare(s.size() - m.size(), m.size(), m) == 0)
        return m.size();
    }
    if (!s.empty() && (s[front ? 0 : s.size() - 1] == ' ' || s[front ? 0 : s.size() - 1] == '"' ||
                       s[front ? 0 : s.size() - 1] == '.'))
      return 1;
    return 0;
  };
  for (std::size_t n; (n = decoration_at_end(false)) > 0;) s.erase(s.size() - n);
  for (std::size_t n; (n = decoration_at_end(true)) > 0;) s.erase(0, n);
  return s;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

bool contains(std::string_view s, std::string_view part) {
  return s.find(part) != std::string_view::npos;
}

// "Comments (5 posted)", "12 comments", "Leave a comment", "3 commentaires".
bool is_comment_count(const std::string& s) {
  static constexpr std::array<std::string_view, 22> kWords = {
      "comments", "comment", "commentaires", "commentaire", "posted", "leave",
      "a",        "no",      "laisser",      "un",          "réagir", "add",
      "your",     "one",     "ajouter",      "votre",       "view",   "all",
      "voir",     "les",     "read",         "responses"};
  bool comment_word = false;
  std::size_t pos = 0;
  while (pos < s.size()) {
    std::size_t end = s.find(' ', pos);
    if (end == std::string::npos) end = s.size();
    std::string_view w(s.data() + pos, end - pos);
    pos = end + 1;
    while (!w.empty() && (w.front() == '(' || w.front() == '[')) w.remove_prefix(1);
    while (!w.empty() && (w.back() == ')' || w.back() == ']' || w.back() == ','))
      w.remove_suffix(1);
    if (w.empty()) continue;
    bool digits = true;
    for (char c : w)
      if (c < '0' || c > '9') digits = false;
    if (digits) continue;
    bool known = false;
    for (std::string_view k : kWords)
      if (w == k) known = true;
    if (!known) return false;
    if (w.substr(0, 7) == "comment" || w == "réagir" || w == "responses") comment_word = true;
  }
  return comment_word;
}

bool is_read_more_text_folded(const std::string& s) {
  static constexpr std::array<std::string_view, 26> kExact = {"read more",
                                                              "more",
                                                              "continue reading",
                                                              "keep reading",
                                                              "read on",
                                                              "full story",
                                                              "read full story",
                                                              "read the full story",
                                                              "read full article",
                                                              "read the full article",
                                                              "read the full post",
                                                              "read the rest",
                                                              "view more",
                                                              "learn more",
                                                              "lire la suite",
                                                              "la suite",
                                                              "suite",
                                                              "lire plus",
                                                              "en savoir plus",
                                                              "en lire plus",
                                                              "voir plus",
                                                              "lire l'article",
                                                              "lire la suite de l'article",
                                                              "plus",
                                                              "read the full letter",
                                                              "read the letter"};
  for (std::string_view e : kExact)
    if (s == e) return true;
  return starts_with(s, "continue reading") || starts_with(s, "read more ") ||
         starts_with(s, "lire la suite ");
}

bool is_pagination_text_folded(const std::string& s) {
  if (starts_with(s, "page ")) {
    // "page 4 of 55", "page 4 sur 55", "page 4 de 55"
    std::size_t i = 5;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i > 5 && (s.compare(i, 4, " of ") == 0 || s.compare(i, 5, " sur ") == 0 ||
                  s.compare(i, 4, " de ") == 0))
      return true;
  }
  // Every word a page number or a navigation word.
  static constexpr std::array<std::string_view, 26> kWords = {
      "first",   "last",     "next",      "previous",   "prev",     "older",    "newer",
      "posts",   "entries",  "page",      "pages",      "of",       "sur",      "de",
      "suivant", "suivante", "précédent", "précédente", "première", "dernière", "articles",
      "plus",    "anciens",  "récents",   "more",       "«"};
  std::size_t pos = 0;
  int words = 0, numbers = 0, directions = 0;
  while (pos < s.size()) {
    std::size_t end = s.find(' ', pos);
    if (end == std::string::npos) end = s.size();
    std::string_view w(s.data() + pos, end - pos);
    pos = end + 1;
    // Strip decorations glued to the word.
    while (!w.empty() && (w.front() == '.' || w.front() == '<' || w.front() == '>'))
      w.remove_prefix(1);
    while (!w.empty() && (w.back() == '.' || w.back() == '<' || w.back() == '>'))
      w.remove_suffix(1);
    for (std::string_view mark :
         {"\xC2\xAB", "\xC2\xBB", "\xE2\x80\xA6", "\xE2\x80\xB9", "\xE2\x80\xBA"}) {
      while (starts_with(w, mark)) w.remove_prefix(mark.size());
      while (w.size() >= mark.size() && w.compare(w.size() - mark.size(), mark.size(), mark) == 0)
        w.remove_suffix(mark.size());
    }
    if (w.empty()) continue;
    ++words;
    bool digits = true;
    for (char c : w)
      if (c < '0' || c > '9') digits = false;
    if (digits) {
      ++numbers;
      continue;
    }
    // "First...23456...102030...Last" as one run of text
    bool known = false;
    for (std::string_view k : kWords)
      if (w == k) known = true;
    if (!known) return false;
    if (w == "next" || w == "previous" || w == "prev" || w == "older" || w == "newer" ||
        w == "first" || w == "last" || w == "suivant" || w == "suivante" || w == "précédent" ||
        w == "précédente" || w == "première" || w == "dernière")
      ++directions;
  }
  if (numbers >= 2 || (numbers == 1 && words > 1)) return true;
  return directions > 0 && words <= 4;
}

bool is_widget_label_folded(const std::string& s) {
  if (is_comment_count(s)) return true;
  static constexpr std::array<std::string_view, 22> kLabels = {
      "share this",    "share",        "share on",    "partager",  "partagez",
      "like this",     "j'aime",       "related",     "similaire", "articles similaires",
      "à lire aussi",  "print",        "imprimer",    "tweet",     "email",
      "e-mail",        "follow us",    "suivez-nous", "loading",   "chargement",
      "related posts", "advertisement"};
  for (std::string_view l : kLabels)
    if (s == l || (starts_with(s, l) && s.size() < l.size() + 16 && l.size() > 6)) return true;
  return false;
}

bool is_cookie_notice_folded(const std::string& s) {
  bool cookies = contains(s, "cookie") || contains(s, "témoins");
  return cookies && (contains(s, "we use") || contains(s, "this site uses") ||
                     contains(s, "this website uses") || contains(s, "nous utilisons") ||
                     contains(s, "ce site utilise") || contains(s, "accept"));
}

bool opens_appeal_folded(const std::string& s) {
  static constexpr std::array<std::string_view, 14> kOpeners = {"since you're here",
                                                                "since you are here",
                                                                "before you go",
                                                                "support our work",
                                                                "please donate",
                                                                "donate now",
                                                                "donate today",
                                                                "help us keep going",
                                                                "could you help us",
                                                                "we have a small favour",
                                                                "we have a small favor",
                                                                "faire un don",
                                                                "soutenez",
                                                                "puisque vous êtes ici"};
  for (std::string_view o : kOpeners)
    if (starts_with(s, o)) return true;
  return false;
}

bool mentions_appeal_folded(const std::string& s) {
  static constexpr std::array<std::string_view, 16> kWords = {
      "donat",        "donor",      "patreon",    "paypal",      "favour",
      "favor",        "generosity", "gift",       "support our", "financial support",
      "faire un don", "dons",       "générosité", "soutien",     "contribu",
      "give"};
  for (std::string_view w : kWords)
    if (contains(s, w)) return true;
  return false;
}

}  // namespace

bool is_read_more_text(std::string_view text) {
  return text.size() <= 80 && is_read_more_text_folded(fold(text));
}

bool is_pagination_text(std::string_view text) {
  return text.size() <= 400 && is_pagination_text_folded(fold(text));
}

bool is_widget_label(std::string_view text) {
  return text.size() <= 48 && is_widget_label_folded(fold(text));
}

bool is_cookie_notice(std::string_view text) {
  return text.size() <= 600 && is_cookie_notice_folded(fold(text));
}

bool opens_appeal(std::string_view text) {
  return text.size() <= 600 && opens_appeal_folded(fold(text));
}

bool mentions_appeal(std::string_view text) { return mentions_appeal_folded(fold(text)); }

bool ends_with_ellipsis(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n')) text.remove_suffix(1);
  auto ends = [&](std::string_view tail) {
    return text.size() >= tail.size() &&
           text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
  };
  return ends("\xE2\x80\xA6") || ends("...") || ends("[\xE2\x80\xA6]") || ends("[...]") ||
         ends("(\xE2\x80\xA6)") || ends("[&hellip;]");
}

void drop_boilerplate_paragraphs(std::vector<std::string>& paragraphs) {
  std::vector<std::string> kept;
  kept.reserve(paragraphs.size());
  bool in_appeal = false;
  for (std::size_t i = 0; i < paragraphs.size(); ++i) {
    std::string& p = paragraphs[i];
    // Long paragraphs are prose; only the appeal check reads them.
    const std::size_t n = p.size();
    std::string s = n <= 600 || in_appeal ? fold(p) : std::string();
    if (in_appeal) {
      if (mentions_appeal_folded(s) || n < 40 || (n <= 400 && is_pagination_text_folded(s)))
        continue;
      in_appeal = false;
    }
    if (n > 600) {
      kept.push_back(std::move(p));
      continue;
    }
    if (!kept.empty() && opens_appeal_folded(s)) {
      in_appeal = true;
      continue;
    }
    if ((n <= 80 && is_read_more_text_folded(s)) || (n <= 400 && is_pagination_text_folded(s)) ||
        (n <= 48 && is_widget_label_folded(s)) || is_cookie_notice_folded(s))
      continue;
    kept.push_back(std::move(p));
  }
  paragraphs = std::move(kept);
}

}  // namespace dossier::indexer::extraction
