// reader_charset_test.cpp — from page bytes to UTF-8 (indexer/reader/charset.h):
// real pages in several encodings (tests/data/charset/, see its README), the
// order BOM > HTTP > meta > detection, lying declarations, invalid bytes,
// binary data named .html.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>

#include "indexer/reader/charset.h"

using namespace dossier::indexer;

namespace {

std::string read_data(const std::string& name) {
  std::ifstream in(std::string(DOSSIER_SOURCE_DIR) + "/tests/data/charset/" + name,
                   std::ios::binary);
  REQUIRE(in);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

DecodedPage decode_bytes(const std::string& bytes, const std::string& content_type = "") {
  RawRecord r;
  r.source = "test";
  r.url = "http://example.org/";
  r.body = bytes;
  r.content_type = content_type;
  return decode_page(r);
}

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

std::size_t count(const std::string& s, const std::string& part) {
  std::size_t n = 0;
  for (std::size_t i = s.find(part); i != std::string::npos; i = s.find(part, i + part.size())) ++n;
  return n;
}

const std::string kFffd = "\xEF\xBF\xBD";

}  // namespace

TEST_CASE("windows-1252 page without any declaration: curly quotes and accents") {
  const std::string bytes = read_data("cp1252-no-declaration.html");
  REQUIRE_FALSE(is_valid_utf8(bytes));
  DecodedPage p = decode_bytes(bytes);
  CHECK(p.charset == "windows-1252");
  CHECK(p.charset_from == "detected");
  CHECK(is_valid_utf8(p.html));
  CHECK(contains(p.html, "Open letter on the \u201Cno-fly list\u201D redress process"));
  CHECK(contains(p.html, "coalition\u2019s members"));
  CHECK(contains(p.html, "a judge \u2013 not a d\u00E9l\u00E9gu\u00E9"));
  CHECK(contains(p.html, "2018 \u2014 The"));
  CHECK(contains(p.html, "Montr\u00E9al"));
  CHECK_FALSE(contains(p.html, kFffd));
}

TEST_CASE("a UTF-8 BOM wins and is dropped") {
  const std::string bytes = read_data("utf8-bom.html");
  // Even against an HTTP header that says otherwise.
  DecodedPage p = decode_bytes(bytes, "text/html; charset=iso-8859-1");
  CHECK(p.charset == "utf-8");
  CHECK(p.charset_from == "bom");
  CHECK(p.html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(contains(p.html, "Lettre au ministre de la S\u00E9curit\u00E9 publique"));
  CHECK(contains(p.html, "\u00AB Nous sommes pr\u00E9occup\u00E9s par l\u2019\u00E9largissement"));
}

TEST_CASE("a UTF-16LE page with a BOM") {
  const std::string bytes = read_data("utf16le-bom.html");
  CHECK_FALSE(looks_binary(bytes));  // full of NUL bytes, yet text
  DecodedPage p = decode_bytes(bytes);
  CHECK(p.charset == "utf-16le");
  CHECK(p.charset_from == "bom");
  CHECK(is_valid_utf8(p.html));
  CHECK(p.html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(contains(p.html, "Sign\u00E9 : Tim McSorley"));
  CHECK(p.html.find('\0') == std::string::npos);

  // The same page without its BOM is still recognised by its NUL bytes.
  DecodedPage no_bom = decode_bytes(bytes.substr(2));
  CHECK(no_bom.charset == "utf-16le");
  CHECK(no_bom.charset_from == "detected");
  CHECK(no_bom.html == p.html);
}

TEST_CASE("a meta charset that lies: declares UTF-8, written in Latin-1") {
  // Decision (charset.h): when most non-ASCII bytes are invalid UTF-8, the page is
  // read as windows-1252 rather than turned into a page of U+FFFD.
  const std::string bytes = read_data("meta-utf8-but-latin1.html");
  CHECK(meta_charset(bytes) == "utf-8");
  DecodedPage p = decode_bytes(bytes);
  CHECK(p.charset == "windows-1252");
  CHECK(p.charset_from == "detected");
  CHECK(contains(p.html, "Lettre au ministre de la S\u00E9curit\u00E9 publique"));
  CHECK(contains(p.html, "\u00AB Nous sommes"));
  CHECK_FALSE(contains(p.html, kFffd));
}

TEST_CASE("ISO-8859-1 declared is read as windows-1252, as browsers do") {
  const std::string bytes = read_data("iso-8859-1-declared.html");
  CHECK(meta_charset(bytes) == "iso-8859-1");
  DecodedPage p = decode_bytes(bytes);
  CHECK(p.charset == "windows-1252");
  CHECK(p.charset_from == "meta");
  CHECK(contains(p.html, "l\u2019\u00E9largissement"));  // 0x92: a C1 control in real ISO-8859-1
  CHECK(contains(p.html, "Don : 20 \u20AC"));            // 0x80
  // The HTTP header comes before <meta>.
  DecodedPage http = decode_bytes(bytes, "text/html; charset=\"ISO-8859-1\"");
  CHECK(http.charset == "windows-1252");
  CHECK(http.charset_from == "http");
}

TEST_CASE("invalid UTF-8 becomes U+FFFD, one per maximal invalid sequence") {
  const std::string bytes = read_data("invalid-utf8.html");
  DecodedPage p = decode_bytes(bytes);
  CHECK(p.charset == "utf-8");
  CHECK(p.charset_from == "meta");
  CHECK(is_valid_utf8(p.html));
  // [80] [C0 AF] [ED A0 80] [E2 82] [FF]
  const std::string expected = "bad: [" + kFffd + "] [" + kFffd + kFffd + "] [" + kFffd + kFffd +
                               kFffd + "] [" + kFffd + "] [" + kFffd + "] end";
  CHECK(contains(p.html, expected));
  CHECK(contains(p.html,
                 "Lettre au ministre de la S\u00E9curit\u00E9 publique"));  // the valid text kept
  CHECK(count(p.html, kFffd) == 8);
}

TEST_CASE("windows-1251 without a declaration is found by ICU's detector") {
  DecodedPage p = decode_bytes(read_data("cp1251-no-declaration.html"));
  CHECK(p.charset == "windows-1251");
  CHECK(p.charset_from == "detected");
  CHECK(contains(p.html,
                 "\u041E\u0442\u043A\u0440\u044B\u0442\u043E\u0435 "
                 "\u043F\u0438\u0441\u044C\u043C\u043E"));  // "Открытое письмо"
}

TEST_CASE("binary data named .html") {
  CHECK(looks_binary(read_data("png-named.html")));
  CHECK(looks_binary(read_data("random-bytes.html")));
  CHECK(looks_binary("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj"));
  CHECK(looks_binary(std::string("\x1F\x8B\x08\x00\x00\x00\x00\x00", 8) + "<html>"));  // gzipped
  CHECK(looks_binary(std::string(600, '\0') + "<html>"));
  CHECK_FALSE(looks_binary(""));
  CHECK_FALSE(looks_binary(read_data("cp1252-no-declaration.html")));
  CHECK_FALSE(looks_binary(read_data("cp1251-no-declaration.html")));
  CHECK_FALSE(looks_binary(read_data("utf16le-bom.html").substr(2)));  // UTF-16 without BOM
  // A stray NUL or form feed in a real page does not make it binary.
  CHECK_FALSE(looks_binary(std::string("<html><body>a") + '\0' + "b\f</body></html>"));
  CHECK_FALSE(looks_binary("\x1B$B<html>ISO-2022-JP uses ESC\x1B(B"));
}

TEST_CASE("no declaration: valid UTF-8 is UTF-8, ASCII is the default") {
  DecodedPage ascii = decode_bytes("<html><body>plain</body></html>");
  CHECK(ascii.charset == "utf-8");
  CHECK(ascii.charset_from == "default");
  DecodedPage utf8 = decode_bytes(
      "<p>Montr\xC3\xA9"
      "al \xE2\x80\x94 \xF0\x9F\x93\xB0</p>");
  CHECK(utf8.charset == "utf-8");
  CHECK(utf8.charset_from == "detected");
  CHECK(utf8.html == "<p>Montr\u00E9al \u2014 \U0001F4F0</p>");
}

TEST_CASE("a legacy declaration over valid UTF-8 text is overruled") {
  const std::string bytes =
      "<meta charset=windows-1252><p>S\xC3\xA9"
      "curit\xC3\xA9 \xE2\x80\x9Cpublique\xE2\x80\x9D</p>";
  DecodedPage p = decode_bytes(bytes);
  CHECK(p.charset == "utf-8");
  CHECK(p.charset_from == "detected");
  CHECK(contains(p.html, "S\u00E9curit\u00E9 \u201Cpublique\u201D"));
  // ASCII-only text keeps its declaration.
  DecodedPage ascii = decode_bytes("<meta charset=shift_jis><p>plain</p>");
  CHECK(ascii.charset == "shift_jis");
  CHECK(ascii.charset_from == "meta");
}

TEST_CASE("a UTF-8 page with a few bad bytes stays UTF-8") {
  const std::string bytes =
      "<meta charset=utf-8><p>S\xC3\xA9"
      "curit\xC3\xA9 publique \xE9t\xC3\xA9</p>";
  DecodedPage p = decode_bytes(bytes);
  CHECK(p.charset == "utf-8");
  CHECK(p.charset_from == "meta");
  CHECK(p.html == "<meta charset=utf-8><p>S\u00E9curit\u00E9 publique " + kFffd + "t\u00E9</p>");
}

TEST_CASE("charset_from_content_type") {
  CHECK(charset_from_content_type("text/html; charset=UTF-8") == "UTF-8");
  CHECK(charset_from_content_type("text/html;charset=\"iso-8859-1\"") == "iso-8859-1");
  CHECK(charset_from_content_type("text/html; Charset = 'windows-1252' ; q=1") == "windows-1252");
  CHECK(charset_from_content_type("text/html") == "");
  CHECK(charset_from_content_type("text/html; xcharset=utf-8") == "");
  CHECK(charset_from_content_type("") == "");
}

TEST_CASE("meta_charset: the forms pages use, and what it must ignore") {
  CHECK(meta_charset("<html><head><meta charset=\"utf-8\"></head>") == "utf-8");
  CHECK(meta_charset("<META CHARSET=Windows-1252>") == "Windows-1252");
  CHECK(meta_charset("<meta name=x charset='koi8-r' />") == "koi8-r");
  CHECK(meta_charset(
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-15\">") ==
        "iso-8859-15");
  CHECK(meta_charset("<meta content='text/html; charset=gb2312' http-equiv='content-type'>") ==
        "gb2312");
  CHECK(meta_charset("<?xml version=\"1.0\" encoding=\"ISO-8859-2\"?><html>") == "ISO-8859-2");
  CHECK(meta_charset("<!-- <meta charset=\"big5\"> --><meta charset=\"utf-8\">") == "utf-8");
  CHECK(meta_charset("<meta name=\"description\" content=\"charset=utf-8 is nice\">") == "");
  CHECK(meta_charset("<metadata charset=utf-8>") == "");
  CHECK(meta_charset(std::string(5000, ' ') + "<meta charset=utf-8>") ==
        "");  // past the first 4 KB
  CHECK(meta_charset("<meta charset=") == "");
  CHECK(meta_charset("<meta") == "");
}

TEST_CASE("canonical_charset reads labels as browsers do") {
  CHECK(canonical_charset("ISO-8859-1") == "windows-1252");
  CHECK(canonical_charset("latin1") == "windows-1252");
  CHECK(canonical_charset("US-ASCII") == "windows-1252");
  CHECK(canonical_charset(" \"UTF8\" ") == "utf-8");
  CHECK(canonical_charset("gb2312") == "gbk");
  CHECK(canonical_charset("Shift_JIS") == "shift_jis");
  CHECK(canonical_charset("koi8-r") == "koi8-r");
  CHECK(canonical_charset("no-such-charset") == "");
  CHECK(canonical_charset("") == "");
}

TEST_CASE("to_utf8 replaces what does not decode with U+FFFD") {
  CHECK(to_utf8("caf\xE9", "windows-1252") == "caf\u00E9");
  CHECK(to_utf8("a\xA5z", "iso-8859-3") == "a" + kFffd + "z");  // unassigned in ISO-8859-3
  CHECK(to_utf8("a\x82", "shift_jis") == "a" + kFffd);          // a lead byte cut off
  CHECK(to_utf8(std::string("\x00\xD8\x41\x00", 4), "utf-16le") == kFffd + "A");  // lone surrogate
  CHECK(to_utf8("caf\xE9", "no-such-charset") == "caf\u00E9");  // read as windows-1252
}

TEST_CASE("is_valid_utf8 on the edge cases") {
  CHECK(is_valid_utf8(""));
  CHECK(is_valid_utf8(std::string(1000, 'a') + "\xC3\xA9" + std::string(13, 'b')));
  CHECK(is_valid_utf8("\xF4\x8F\xBF\xBF"));        // U+10FFFF
  CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
  CHECK_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong
  CHECK_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // overlong
  // A sequence cut by the end, at every position of the 8-byte fast path.
  for (std::size_t pad = 0; pad < 9; ++pad) {
    CHECK_FALSE(is_valid_utf8(std::string(pad, 'x') + "\xE2\x82"));
    CHECK(is_valid_utf8(std::string(pad, 'x') + "\xE2\x82\xAC"));
  }
}

TEST_CASE("decode_page never fails and always gives valid UTF-8") {
  std::uint32_t seed = 99;
  auto next = [&seed] {
    seed = seed * 1664525u + 1013904223u;
    return seed >> 8;
  };
  const char* declared[] = {"",
                            "text/html; charset=utf-8",
                            "text/html; charset=shift_jis",
                            "text/html; charset=utf-16",
                            "text/html; charset=euc-kr",
                            "text/html; charset=bogus",
                            "text/html; charset=iso-2022-jp"};
  for (int round = 0; round < 300; ++round) {
    std::string bytes(next() % 3000, '\0');
    for (char& c : bytes) c = static_cast<char>(next() % 4 == 0 ? next() : 'a' + next() % 26);
    DecodedPage p = decode_bytes(bytes, declared[round % 7]);
    CHECK(is_valid_utf8(p.html));
    CHECK_FALSE(p.charset.empty());
    CHECK_FALSE(p.charset_from.empty());
  }
}

TEST_CASE("decode_page on an rvalue record gives the same page") {
  RawRecord r;
  r.source = "s";
  r.location = "l";
  r.url = "http://example.org/a";
  r.captured = "2018-08-14T09:30:00Z";
  r.body = read_data("cp1252-no-declaration.html");
  const DecodedPage copied = decode_page(r);
  RawRecord moved_from = r;
  const DecodedPage moved = decode_page(std::move(moved_from));
  CHECK(moved.html == copied.html);
  CHECK(moved.charset == copied.charset);
  CHECK(moved.url == "http://example.org/a");
  CHECK(moved.source == "s");
  CHECK(moved.location == "l");
  CHECK(moved.captured == "2018-08-14T09:30:00Z");
}
