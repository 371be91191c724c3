// charset.cpp — charset finding and conversion to UTF-8 (see charset.h).
#include "indexer/reader/charset.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>

#include "indexer/reader/ascii.h"

namespace dossier::indexer {
namespace {

using ascii::istarts_with;
using ascii::lower;

constexpr std::size_t kMetaScanBytes = 4096;
constexpr std::size_t kBinaryScanBytes = 1024;
constexpr std::size_t kDetectorBytes = 64 * 1024;
constexpr char kReplacementUtf8[] = "\xEF\xBF\xBD";

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Drops white space and quotes at both ends (charset labels, attribute values).
std::string_view trim_label(std::string_view s) {
  while (!s.empty() && (is_space(s.front()) || s.front() == '"' || s.front() == '\''))
    s.remove_prefix(1);
  while (!s.empty() && (is_space(s.back()) || s.back() == '"' || s.back() == '\''))
    s.remove_suffix(1);
  return s;
}

bool starts_with_bytes(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && std::memcmp(s.data(), prefix.data(), prefix.size()) == 0;
}

// ---- UTF-8 -------------------------------------------------------------------

struct Utf8Scan {
  std::size_t multibyte = 0;  // valid sequences of 2-4 bytes
  std::size_t invalid = 0;    // maximal invalid subparts (each would become one U+FFFD)
};

// At a non-ASCII byte: the length of the valid sequence there, or 0 with
// *skip set to the length of the maximal invalid subpart (Unicode §3.9).
inline std::size_t utf8_sequence(const unsigned char* p, const unsigned char* end,
                                 std::size_t* skip) {
  const unsigned c = p[0];
  std::size_t need;
  unsigned lo = 0x80, hi = 0xBF;
  if (c < 0xC2) {
    *skip = 1;
    return 0;
  } else if (c < 0xE0) {
    need = 1;
  } else if (c < 0xF0) {
    need = 2;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;  // no surrogates
  } else if (c < 0xF5) {
    need = 3;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    *skip = 1;
    return 0;
  }
  std::size_t i = 1;
  for (; i <= need && p + i < end; ++i) {
    const unsigned b = p[i];
    if (i == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) break;
  }
  if (i > need) return need + 1;
  *skip = i;
  return 0;
}

// Skips ASCII eight bytes at a time (most of any page is ASCII markup) and
// finds the first non-ASCII byte of a word by counting bits, not by a byte loop
// whose exit branch would be mispredicted at every accented letter.
inline const unsigned char* skip_ascii(const unsigned char* p, const unsigned char* end) {
  while (end - p >= 8) {
    std::uint64_t word;
    std::memcpy(&word, p, 8);
    const std::uint64_t high = word & 0x8080808080808080ull;
    if (high != 0) {
      if constexpr (std::endian::native == std::endian::little)
        return p + (std::countr_zero(high) >> 3);
      else
        return p + (std::countl_zero(high) >> 3);
    }
    p += 8;
  }
  while (p < end && *p < 0x80) ++p;
  return p;
}

// A well-formed two-byte sequence (Latin letters with accents): the common case, checked first.
inline bool is_two_byte(const unsigned char* p, const unsigned char* end) {
  return p[0] >= 0xC2 && p[0] < 0xE0 && end - p >= 2 && (p[1] & 0xC0) == 0x80;
}

Utf8Scan scan_utf8(std::string_view bytes) {
  Utf8Scan scan;
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const auto* end = p + bytes.size();
  for (;;) {
    p = skip_ascii(p, end);
    if (p == end) return scan;
    if (is_two_byte(p, end)) {
      ++scan.multibyte;
      p += 2;
      continue;
    }
    std::size_t skip = 0;
    std::size_t len = utf8_sequence(p, end, &skip);
    if (len > 0) {
      ++scan.multibyte;
      p += len;
    } else {
      ++scan.invalid;
      p += skip;
    }
  }
}

std::string repair_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8 + 16);
  const auto* begin = reinterpret_cast<const unsigned char*>(bytes.data());
  const auto* p = begin;
  const auto* end = p + bytes.size();
  for (;;) {
    const auto* run = p;
    p = skip_ascii(p, end);
    out.append(bytes.data() + (run - begin), static_cast<std::size_t>(p - run));
    if (p == end) return out;
    std::size_t skip = 0;
    std::size_t len = utf8_sequence(p, end, &skip);
    if (len > 0) {
      out.append(bytes.data() + (p - begin), len);
      p += len;
    } else {
      out.append(kReplacementUtf8, 3);
      p += skip;
    }
  }
}

// ---- UTF-16 without a BOM ----------------------------------------------------

// Mostly-ASCII UTF-16 has a NUL in every other byte. Returns "utf-16le" or
// "utf-16be" when the first KB looks like that.
std::optional<std::string> utf16_by_nul_pattern(std::string_view bytes) {
  const std::size_t n = std::min(bytes.size(), kBinaryScanBytes) & ~std::size_t{1};
  if (n < 32) return std::nullopt;
  std::size_t even_nul = 0, odd_nul = 0;
  for (std::size_t i = 0; i < n; i += 2) {
    even_nul += bytes[i] == '\0';
    odd_nul += bytes[i + 1] == '\0';
  }
  const std::size_t pairs = n / 2;
  if (odd_nul * 10 >= pairs * 9 && even_nul * 10 <= pairs) return "utf-16le";
  if (even_nul * 10 >= pairs * 9 && odd_nul * 10 <= pairs) return "utf-16be";
  return std::nullopt;
}

// ---- ICU -----------------------------------------------------------------------

// Every byte sequence that does not decode becomes U+FFFD (ICU's own
// substitute callback writes U+001A for some single-byte charsets).
void replace_with_fffd(const void* /*context*/, UConverterToUnicodeArgs* args,
                       const char* /*bytes*/, int32_t /*length*/, UConverterCallbackReason reason,
                       UErrorCode* error) {
  if (reason > UCNV_IRREGULAR) return;
  *error = U_ZERO_ERROR;
  const UChar replacement = 0xFFFD;
  ucnv_cbToUWriteUChars(args, &replacement, 1, 0, error);
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

ConverterPtr open_converter(const std::string& name) {
  UErrorCode error = U_ZERO_ERROR;
  ConverterPtr converter(ucnv_open(name.c_str(), &error));
  if (U_FAILURE(error)) return nullptr;
  return converter;
}

std::optional<std::string> icu_to_utf8(std::string_view bytes, const std::string& charset) {
  ConverterPtr source = open_converter(charset);
  ConverterPtr target = open_converter("UTF-8");
  if (!source || !target) return std::nullopt;
  UErrorCode error = U_ZERO_ERROR;
  ucnv_setToUCallBack(source.get(), replace_with_fffd, nullptr, nullptr, nullptr, &error);
  if (U_FAILURE(error)) return std::nullopt;

  std::string out(bytes.size() + bytes.size() / 2 + 64, '\0');
  UChar pivot[2048];
  UChar* pivot_source = pivot;
  UChar* pivot_target = pivot;
  const char* in = bytes.data();
  const char* in_end = in + bytes.size();
  char* o = out.data();
  bool reset = true;
  for (;;) {
    error = U_ZERO_ERROR;
    ucnv_convertEx(target.get(), source.get(), &o, out.data() + out.size(), &in, in_end, pivot,
                   &pivot_source, &pivot_target, pivot + 2048, reset, true, &error);
    reset = false;
    if (error != U_BUFFER_OVERFLOW_ERROR) break;
    const std::size_t used = static_cast<std::size_t>(o - out.data());
    out.resize(out.size() * 2);
    o = out.data() + used;
  }
  if (U_FAILURE(error)) return std::nullopt;
  out.resize(static_cast<std::size_t>(o - out.data()));
  return out;
}

// ICU's detector; "" when it has no confident answer.
std::string detect_charset(std::string_view bytes) {
  UErrorCode error = U_ZERO_ERROR;
  UCharsetDetector* detector = ucsdet_open(&error);
  if (U_FAILURE(error)) return {};
  std::string result;
  ucsdet_enableInputFilter(detector, true);  // ignore markup
  const std::size_t n = std::min(bytes.size(), kDetectorBytes);
  ucsdet_setText(detector, bytes.data(), static_cast<int32_t>(n), &error);
  const UCharsetMatch* match = U_SUCCESS(error) ? ucsdet_detect(detector, &error) : nullptr;
  if (match != nullptr && U_SUCCESS(error)) {
    const char* name = ucsdet_getName(match, &error);
    const int32_t confidence = ucsdet_getConfidence(match, &error);
    // EBCDIC guesses (IBM420/IBM424) on web pages are noise.
    if (U_SUCCESS(error) && name != nullptr && confidence >= 10 && !istarts_with(name, "IBM"))
      result = name;
  }
  ucsdet_close(detector);
  return result;
}

// Browser-style label aliases (WHATWG Encoding): these labels never mean what ICU would read.
struct Alias {
  std::string_view label;
  std::string_view charset;
};
constexpr Alias kAliases[] = {
    {"utf-8", "utf-8"},
    {"utf8", "utf-8"},
    {"unicode-1-1-utf-8", "utf-8"},
    {"iso-8859-1", "windows-1252"},
    {"iso8859-1", "windows-1252"},
    {"iso_8859-1", "windows-1252"},
    {"iso88591", "windows-1252"},
    {"latin1", "windows-1252"},
    {"latin-1", "windows-1252"},
    {"l1", "windows-1252"},
    {"cp819", "windows-1252"},
    {"ibm819", "windows-1252"},
    {"iso-ir-100", "windows-1252"},
    {"csisolatin1", "windows-1252"},
    {"us-ascii", "windows-1252"},
    {"ascii", "windows-1252"},
    {"ansi_x3.4-1968", "windows-1252"},
    {"cp1252", "windows-1252"},
    {"x-cp1252", "windows-1252"},
    {"windows-1252", "windows-1252"},
    {"iso-8859-9", "windows-1254"},
    {"iso8859-9", "windows-1254"},
    {"latin5", "windows-1254"},
    {"iso-8859-11", "windows-874"},
    {"tis-620", "windows-874"},
    {"gb2312", "gbk"},
    {"gb_2312-80", "gbk"},
    {"x-gbk", "gbk"},
    {"utf-16", "utf-16le"},
    {"utf-16le", "utf-16le"},
    {"ucs-2", "utf-16le"},
    {"unicode", "utf-16le"},
    {"utf-16be", "utf-16be"},
};

bool is_utf16(const std::string& charset) { return charset.rfind("utf-16", 0) == 0; }

// The page's charset and where it came from; `bom` gets the BOM's length.
struct CharsetChoice {
  std::string charset;
  std::string from;
  std::size_t bom = 0;
  bool valid_utf8 = false;  // known to be valid UTF-8 already
};

CharsetChoice choose_charset(std::string_view bytes, std::string_view content_type) {
  CharsetChoice c;
  if (starts_with_bytes(bytes, "\xEF\xBB\xBF")) return {"utf-8", "bom", 3, false};
  if (starts_with_bytes(bytes, "\xFF\xFE")) return {"utf-16le", "bom", 2, false};
  if (starts_with_bytes(bytes, "\xFE\xFF")) return {"utf-16be", "bom", 2, false};

  c.charset = canonical_charset(charset_from_content_type(content_type));
  if (!c.charset.empty()) {
    c.from = "http";
  } else {
    c.charset = canonical_charset(meta_charset(bytes));
    if (!c.charset.empty()) {
      c.from = "meta";
      // A <meta> that could be read as ASCII cannot be in UTF-16 (HTML spec).
      if (is_utf16(c.charset)) c.charset = "utf-8";
    }
  }
  if (is_utf16(c.charset)) {
    if (auto guess = utf16_by_nul_pattern(bytes)) c.charset = *guess;
    return c;
  }
  if (c.from.empty()) {
    if (auto guess = utf16_by_nul_pattern(bytes)) return {*guess, "detected", 0, false};
  }
  const Utf8Scan scan = scan_utf8(bytes);
  if (c.from.empty()) {
    if (scan.invalid == 0) return {"utf-8", scan.multibyte > 0 ? "detected" : "default", 0, true};
    c.charset = canonical_charset(detect_charset(bytes));
    c.from = "detected";
    if (c.charset.empty()) {
      c.charset = "windows-1252";
      c.from = "default";
    }
    return c;
  }
  if (c.charset == "utf-8") {
    if (scan.invalid > scan.multibyte) {
      c.charset = "windows-1252";  // declared UTF-8, written in Latin-1
      c.from = "detected";
    } else {
      c.valid_utf8 = scan.invalid == 0;
    }
  } else if (scan.invalid == 0 && scan.multibyte > 0) {
    c.charset = "utf-8";  // declared legacy, written in UTF-8
    c.from = "detected";
    c.valid_utf8 = true;
  }
  return c;
}

DecodedPage decode_body(std::string body, std::string_view content_type, DecodedPage page) {
  const CharsetChoice choice = choose_charset(body, content_type);
  page.charset = choice.charset;
  page.charset_from = choice.from;
  if (choice.charset == "utf-8") {
    if (choice.bom > 0) body.erase(0, choice.bom);
    page.html = (choice.valid_utf8 || is_valid_utf8(body)) ? std::move(body) : repair_utf8(body);
  } else {
    page.html = to_utf8(std::string_view(body).substr(choice.bom), choice.charset);
  }
  return page;
}

DecodedPage page_header(const RawRecord& record) {
  DecodedPage page;
  page.source = record.source;
  page.location = record.location;
  page.url = record.url;
  page.captured = record.captured;
  return page;
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const auto* end = p + bytes.size();
  for (;;) {
    p = skip_ascii(p, end);
    if (p == end) return true;
    if (is_two_byte(p, end)) {
      p += 2;
      continue;
    }
    std::size_t skip = 0;
    std::size_t len = utf8_sequence(p, end, &skip);
    if (len == 0) return false;
    p += len;
  }
}

bool looks_binary(std::string_view bytes) {
  if (bytes.empty()) return false;
  if (starts_with_bytes(bytes, "\xEF\xBB\xBF") || starts_with_bytes(bytes, "\xFF\xFE") ||
      starts_with_bytes(bytes, "\xFE\xFF"))
    return false;
  static constexpr std::string_view kSignatures[] = {
      std::string_view("%PDF-"),
      std::string_view("\x89PNG\r\n\x1a\n", 8),
      std::string_view("GIF87a"),
      std::string_view("GIF89a"),
      std::string_view("\xFF\xD8\xFF", 3),
      std::string_view("PK\x03\x04", 4),
      std::string_view("\x1F\x8B", 2),
      std::string_view("\x7F"
                       "ELF",
                       4),
      std::string_view("OggS"),
      std::string_view("fLaC"),
      std::string_view("wOFF"),
      std::string_view("wOF2"),
      std::string_view("\x00\x00\x01\x00", 4),
      std::string_view("7z\xBC\xAF\x27\x1C", 6),
      std::string_view("Rar!\x1A\x07", 6),
      std::string_view("BZh"),
      std::string_view("\xFD"
                       "7zXZ",
                       5),
  };
  for (std::string_view sig : kSignatures)
    if (starts_with_bytes(bytes, sig)) return true;
  if (starts_with_bytes(bytes, "RIFF") || starts_with_bytes(bytes, "ID3")) return true;
  const std::string_view sample = bytes.substr(0, kBinaryScanBytes);
  std::size_t control = 0;
  for (char ch : sample) {
    const auto c = static_cast<unsigned char>(ch);
    // Text uses TAB, LF, FF, CR, and ESC (ISO-2022); other C0 controls mean binary.
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r' && c != 0x1B && c != 0x0B)
      ++control;
  }
  return control * 20 > sample.size() && !utf16_by_nul_pattern(sample);
}

std::string charset_from_content_type(std::string_view content_type) {
  for (std::size_t i = 0; i + 7 <= content_type.size(); ++i) {
    if (!istarts_with(content_type.substr(i), "charset")) continue;
    if (i > 0 && !(content_type[i - 1] == ';' || is_space(content_type[i - 1]))) continue;
    std::size_t j = i + 7;
    while (j < content_type.size() && is_space(content_type[j])) ++j;
    if (j >= content_type.size() || content_type[j] != '=') continue;
    ++j;
    while (j < content_type.size() && is_space(content_type[j])) ++j;
    std::size_t end = j;
    if (j < content_type.size() && (content_type[j] == '"' || content_type[j] == '\'')) {
      const char quote = content_type[j++];
      end = content_type.find(quote, j);
      if (end == std::string_view::npos) end = content_type.size();
    } else {
      while (end < content_type.size() && content_type[end] != ';' &&
             !is_space(content_type[end]) && content_type[end] != '"' && content_type[end] != '\'')
        ++end;
    }
    return std::string(trim_label(content_type.substr(j, end - j)));
  }
  return {};
}

std::string meta_charset(std::string_view html) {
  const std::string_view s = html.substr(0, kMetaScanBytes);
  std::size_t i = 0;
  while (i < s.size() && is_space(s[i])) ++i;
  if (istarts_with(s.substr(i), "<?xml")) {
    const std::size_t end = s.find("?>", i);
    const std::string_view decl = s.substr(i, end == std::string_view::npos ? s.npos : end - i);
    const std::size_t enc = decl.find("encoding");
    if (enc != std::string_view::npos) {
      std::size_t j = decl.find_first_of("\"'", enc);
      if (j != std::string_view::npos) {
        const std::size_t close = decl.find(decl[j], j + 1);
        if (close != std::string_view::npos)
          return std::string(trim_label(decl.substr(j + 1, close - j - 1)));
      }
    }
  }
  while (i < s.size()) {
    const std::size_t lt = s.find('<', i);
    if (lt == std::string_view::npos) break;
    if (s.compare(lt, 4, "<!--") == 0) {
      const std::size_t end = s.find("-->", lt + 4);
      if (end == std::string_view::npos) break;
      i = end + 3;
      continue;
    }
    if (!(istarts_with(s.substr(lt), "<meta") && lt + 5 < s.size() &&
          (is_space(s[lt + 5]) || s[lt + 5] == '/'))) {
      i = lt + 1;
      continue;
    }
    std::size_t j = lt + 5;
    std::string charset, http_equiv, content;
    while (j < s.size()) {
      while (j < s.size() && (is_space(s[j]) || s[j] == '/')) ++j;
      if (j >= s.size() || s[j] == '>') break;
      const std::size_t name_start = j;
      while (j < s.size() && !is_space(s[j]) && s[j] != '=' && s[j] != '>' && s[j] != '/') ++j;
      std::string name(s.substr(name_start, j - name_start));
      for (char& ch : name) ch = lower(ch);
      while (j < s.size() && is_space(s[j])) ++j;
      std::string_view value;
      if (j < s.size() && s[j] == '=') {
        ++j;
        while (j < s.size() && is_space(s[j])) ++j;
        if (j < s.size() && (s[j] == '"' || s[j] == '\'')) {
          const char quote = s[j++];
          std::size_t close = s.find(quote, j);
          if (close == std::string_view::npos) close = s.size();
          value = s.substr(j, close - j);
          j = close + 1;
        } else {
          const std::size_t start = j;
          while (j < s.size() && !is_space(s[j]) && s[j] != '>') ++j;
          value = s.substr(start, j - start);
        }
      }
      if (name == "charset" && charset.empty()) charset = std::string(trim_label(value));
      if (name == "http-equiv") http_equiv = std::string(trim_label(value));
      if (name == "content") content = std::string(value);
    }
    if (!charset.empty()) return charset;
    if (http_equiv.size() == 12 && istarts_with(http_equiv, "content-type")) {
      std::string from_content = charset_from_content_type(content);
      if (!from_content.empty()) return from_content;
    }
    i = j;
  }
  return {};
}

std::string canonical_charset(std::string_view label) {
  std::string l(trim_label(label));
  for (char& ch : l) ch = lower(ch);
  if (l.empty() || l.size() > 64) return {};
  for (const Alias& alias : kAliases)
    if (alias.label == l) return std::string(alias.charset);
  if (open_converter(l)) return l;
  return {};
}

std::string to_utf8(std::string_view bytes, const std::string& charset) {
  if (charset == "utf-8") return is_valid_utf8(bytes) ? std::string(bytes) : repair_utf8(bytes);
  if (auto converted = icu_to_utf8(bytes, charset)) return std::move(*converted);
  if (auto converted = icu_to_utf8(bytes, "windows-1252")) return std::move(*converted);
  return repair_utf8(bytes);
}

DecodedPage decode_page(const RawRecord& record) {
  return decode_body(record.body, record.content_type, page_header(record));
}

DecodedPage decode_page(RawRecord&& record) {
  DecodedPage page = page_header(record);
  return decode_body(std::move(record.body), record.content_type, std::move(page));
}

}  // namespace dossier::indexer
