// analyzer.cpp — folding, stemming and stopwords shared by index and query time.
#include "schema/analyzer.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <array>
#include <map>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace dossier::schema {
namespace {

void append_utf8(std::string& out, UChar32 cp) {
  char buf[4];
  int32_t n = 0;
  UBool err = false;
  U8_APPEND(buf, n, 4, cp, err);
  if (err) {
    out += "\xEF\xBF\xBD";
    return;
  }
  out.append(buf, n);
}

// How one code point folds, computed with ICU: NFKD, drop combining marks, NFC.
std::string fold_codepoint(UChar32 cp) {
  switch (cp) {
    case 0x0027: case 0x2018: case 0x2019: case 0x02BC: case 0x00B4: case 0x0060:
      return " ";  // apostrophes separate words ("l'extradition", "Canada’s")
    case 0x00DF: return "ss";
    case 0x0153: return "oe";
    case 0x0152: return "OE";
    case 0x00E6: return "ae";
    case 0x00C6: return "AE";
    case 0x00F8: return "o";
    case 0x00D8: return "O";
    case 0x0142: return "l";
    case 0x0141: return "L";
    case 0x0111: return "d";
    case 0x0110: return "D";
    case 0x00A0: case 0x202F: case 0x2007: return " ";
    case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0xFEFF: return "";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: return "-";
    default: break;
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  std::string out;
  if (U_FAILURE(status)) {
    append_utf8(out, cp);
    return out;
  }
  icu::UnicodeString decomposed = nfkd->normalize(icu::UnicodeString(cp), status);
  icu::UnicodeString kept;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    if (u_charType(c) != U_NON_SPACING_MARK && u_charType(c) != U_ENCLOSING_MARK) kept.append(c);
    i += U16_LENGTH(c);
  }
  icu::UnicodeString composed = nfc->normalize(kept, status);
  if (U_FAILURE(status)) {
    out.clear();
    append_utf8(out, cp);
    return out;
  }
  composed.toUTF8String(out);
  return out;
}

// Folding of the code points below 0x3000 is cached (Latin, Greek, Cyrillic,
// punctuation); the rest is computed each time, which is rare in our archives.
std::string lower_fold(const std::string& folded) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(folded);
  u.foldCase();
  std::string out;
  u.toUTF8String(out);
  return out;
}

class FoldTable {
 public:
  FoldTable() : table_(kCached), lower_(kCached) {
    for (UChar32 cp = 0x80; cp < kCached; ++cp) {
      table_[cp] = fold_codepoint(cp);
      lower_[cp] = lower_fold(table_[cp]);
    }
  }
  void append(std::string& out, UChar32 cp, bool lower) const {
    if (cp < kCached)
      out += lower ? lower_[cp] : table_[cp];
    else
      out += lower ? lower_fold(fold_codepoint(cp)) : fold_codepoint(cp);
  }

 private:
  static constexpr UChar32 kCached = 0x3000;
  std::vector<std::string> table_;  // NFKC, accents removed
  std::vector<std::string> lower_;  // and case-folded
};

const FoldTable& fold_table() {
  static const FoldTable table;
  return table;
}

std::string fold_impl(std::string_view in, bool lower) {
  const FoldTable& table = fold_table();
  std::string out;
  out.reserve(in.size());
  const auto* s = reinterpret_cast<const uint8_t*>(in.data());
  int32_t len = static_cast<int32_t>(in.size());
  for (int32_t i = 0; i < len;) {
    uint8_t b = s[i];
    if (b < 0x80) {
      if (b == '\'' || b == '`')
        out += ' ';
      else
        out += static_cast<char>(lower && b >= 'A' && b <= 'Z' ? b + 32 : b);
      ++i;
      continue;
    }
    UChar32 cp;
    U8_NEXT(s, i, len, cp);
    if (cp < 0) {
      out += "\xEF\xBF\xBD";
      continue;
    }
    table.append(out, cp, lower);
  }
  return out;
}

constexpr const char* kEnglishStopwords[] = {
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had",
    "has", "have", "he", "her", "his", "i", "in", "into", "is", "it", "its", "of", "on",
    "or", "our", "s", "she", "that", "the", "their", "them", "they", "this", "to", "was",
    "we", "were", "which", "will", "with", "you", "your", "t"};
constexpr const char* kFrenchStopwords[] = {
    "au", "aux", "avec", "c", "ce", "ces", "d", "dans", "de", "des", "du", "elle", "en",
    "et", "eux", "il", "ils", "j", "je", "l", "la", "le", "les", "leur", "lui", "m", "ma",
    "mais", "me", "mes", "n", "ne", "nos", "notre", "nous", "on", "ou", "par", "pas", "pour",
    "qu", "que", "qui", "s", "sa", "se", "ses", "son", "sur", "t", "ta", "te", "un", "une",
    "vos", "votre", "vous", "y", "a", "est"};

template <std::size_t N>
std::unique_ptr<Xapian::SimpleStopper> make_stopper(const char* const (&words)[N]) {
  auto s = std::make_unique<Xapian::SimpleStopper>();
  for (const char* w : words) s->add(w);
  return s;
}

}  // namespace

std::string fold_text(std::string_view utf8) { return fold_impl(utf8, false); }
std::string fold_key(std::string_view utf8) { return fold_impl(utf8, true); }

bool has_stemmer(std::string_view lang) {
  static const std::array<std::string_view, 16> kLangs = {
      "en", "fr", "es", "de", "it", "pt", "nl", "sv", "da", "no", "fi", "ru", "hu", "ro", "tr", "ar"};
  for (auto l : kLangs)
    if (l == lang) return true;
  return false;
}

Xapian::Stem stemmer_for(std::string_view lang) {
  if (!has_stemmer(lang)) return Xapian::Stem();
  return Xapian::Stem(std::string(lang));
}

Xapian::Stem& thread_stemmer(std::string_view lang) {
  thread_local std::map<std::string, Xapian::Stem, std::less<>> stemmers;
  auto it = stemmers.find(lang);
  if (it == stemmers.end()) it = stemmers.emplace(std::string(lang), stemmer_for(lang)).first;
  return it->second;
}

const Xapian::Stopper* stopper_for(std::string_view lang) {
  static const auto en = make_stopper(kEnglishStopwords);
  static const auto fr = make_stopper(kFrenchStopwords);
  return lang == "fr" ? fr.get() : en.get();
}

void index_text(Xapian::TermGenerator& tg, Xapian::Document& doc, std::string_view title,
                std::string_view body, std::string_view lang) {
  tg.set_stemmer(thread_stemmer(lang));
  tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  tg.set_document(doc);
  std::string folded_title = fold_text(title);
  tg.index_text(folded_title, 1, std::string(title_prefix()));
  tg.index_text(folded_title, kTitleWeight);
  tg.increase_termpos();
  tg.index_text(fold_text(body));
}

void configure_query_parser(Xapian::QueryParser& qp, std::string_view lang) {
  qp.set_stemmer(stemmer_for(lang));
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  qp.set_stopper(stopper_for(lang));
  qp.add_prefix("title", std::string(title_prefix()));
}

}  // namespace dossier::schema
