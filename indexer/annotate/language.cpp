// language.cpp — cld2 language identification (see language.h).
#include "indexer/annotate/language.h"

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include <algorithm>

namespace dossier::indexer {
namespace {

// Below this many bytes of letters cld2's guess is not worth more than the page's.
constexpr int kShortText = 200;
// cld2 reads at most this much; more text does not change a page's language.
constexpr std::size_t kMaxBytes = 64 * 1024;

// Cuts at a UTF-8 character boundary so cld2 never sees half a character.
std::string_view cut_utf8(std::string_view s, std::size_t max) {
  if (s.size() <= max) return s;
  while (max > 0 && (static_cast<unsigned char>(s[max]) & 0xC0) == 0x80) --max;
  return s.substr(0, max);
}

std::string normalise_html_lang(std::string_view lang) {
  std::string out;
  for (char c : lang.substr(0, std::min<std::size_t>(lang.size(), 2)))
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  if (out.size() != 2 ||
      !std::all_of(out.begin(), out.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
    return {};
  return out;
}

}  // namespace

std::string detect_language(std::string_view text, std::string_view html_lang) {
  std::string page = normalise_html_lang(html_lang);
  text = cut_utf8(text, kMaxBytes);
  CLD2::Language language3[3];
  int percent3[3];
  int text_bytes = 0;
  bool reliable = false;
  int valid_prefix = 0;
  CLD2::CLDHints hints = {nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
  double scores[3];
  CLD2::Language lang = CLD2::ExtDetectLanguageSummaryCheckUTF8(
      text.data(), static_cast<int>(text.size()), /*is_plain_text=*/true, &hints, 0, language3,
      percent3, scores, nullptr, &text_bytes, &reliable, &valid_prefix);
  std::string code;
  if (lang != CLD2::UNKNOWN_LANGUAGE && lang != CLD2::TG_UNKNOWN_LANGUAGE) {
    code = CLD2::LanguageCode(lang);
    if (code.size() > 2 && code[2] == '-') code.resize(2);  // "zh-Hant" -> "zh"
  }
  if (!page.empty() && (text_bytes < kShortText || !reliable || code.empty())) return page;
  return code.size() == 2 ? code : page;
}

}  // namespace dossier::indexer
