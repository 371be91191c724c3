// reader_http_test.cpp — HTTP framing of captured responses: status line and
// headers, chunked transfer coding (with wrong chunk sizes), content codings,
// Location resolution (indexer/reader/http.h).
#include <zlib.h>

#include <catch2/catch.hpp>
#include <string>

#include "indexer/reader/http.h"

using namespace dossier::indexer;

namespace {

std::string deflate_bytes(const std::string& data, int window_bits) {
  z_stream zs{};
  REQUIRE(deflateInit2(&zs, 6, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&zs, data.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&zs, Z_FINISH) == Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

std::string gzip(const std::string& data) { return deflate_bytes(data, 15 + 16); }

const std::string kPage =
    "<!doctype html><html><head><title>Lettre au ministre</title></head>\n"
    "<body><p>The coalition wrote to the Minister of Public Safety.</p></body></html>\n";

bool has_warning_containing(const std::vector<std::string>& warnings, const std::string& text) {
  for (const auto& w : warnings)
    if (w.find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("parse_http_head reads the status line and header fields") {
  const std::string raw =
      "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\nX-Long: one\r\n two\r\n"
      "Server: Apache\r\n\r\nBODY";
  HttpHeadResult r = parse_http_head(raw);
  REQUIRE(r.error.empty());
  CHECK(r.head.status == 200);
  CHECK(r.head.find("content-type") == "text/html; charset=UTF-8");
  CHECK(r.head.find("X-Long") == "one two");
  CHECK(r.head.find("Missing").empty());
  CHECK(raw.substr(r.head.body_offset) == "BODY");
}

TEST_CASE("parse_http_head tolerates bare LF, a status without reason, and 100 Continue") {
  HttpHeadResult lf = parse_http_head("HTTP/1.0 404\nContent-Type: text/plain\n\nnot here");
  REQUIRE(lf.error.empty());
  CHECK(lf.head.status == 404);
  CHECK(lf.head.find("Content-Type") == "text/plain");

  const std::string cont =
      "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 302 Found\r\nLocation: /x\r\n\r\n";
  HttpHeadResult c = parse_http_head(cont);
  REQUIRE(c.error.empty());
  CHECK(c.head.status == 302);
  CHECK(c.head.find("Location") == "/x");
}

TEST_CASE("parse_http_head rejects what is not an HTTP response") {
  CHECK_FALSE(parse_http_head("<html>hello</html>").error.empty());
  CHECK_FALSE(parse_http_head("HTTP/1.1 OK\r\n\r\n").error.empty());
  CHECK_FALSE(parse_http_head("HTTP/1.1 2000 OK\r\n\r\n").error.empty());
  CHECK_FALSE(parse_http_head("").error.empty());
  // A header that never ends is bounded.
  std::string endless = "HTTP/1.1 200 OK\r\n";
  for (int i = 0; i < 20000; ++i)
    endless += "X-Filler: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n";
  CHECK_FALSE(parse_http_head(endless).error.empty());
}

TEST_CASE("dechunk joins well-formed chunks, with extensions, trailers and bare LF") {
  BodyResult r = dechunk("5\r\nHello\r\n7;name=v\r\n, world\r\n0\r\nX-Trailer: 1\r\n\r\n");
  CHECK(r.bytes == "Hello, world");
  CHECK(r.warnings.empty());
  BodyResult lf = dechunk("3\nabc\n3\ndef\n0\n\n");
  CHECK(lf.bytes == "abcdef");
  CHECK(lf.warnings.empty());
  BodyResult upper = dechunk("A\r\n0123456789\r\n0\r\n\r\n");
  CHECK(upper.bytes == "0123456789");
}

TEST_CASE("dechunk repairs a chunk size that is too small or too large") {
  // Declared 4, actually 10 bytes: the boundary after the real data is found.
  BodyResult small = dechunk("4\r\n0123456789\r\n5\r\nabcde\r\n0\r\n\r\n");
  CHECK(small.bytes == "0123456789abcde");
  CHECK(has_warning_containing(small.warnings, "chunk size 4 at byte 0 does not match"));

  // Declared 0x20 (32), actually 10 bytes, with more data after it.
  BodyResult large =
      dechunk("20\r\n0123456789\r\n1a\r\nabcdefghijklmnopqrstuvwxyz\r\n5\r\nABCDE\r\n0\r\n\r\n");
  CHECK(large.bytes == "0123456789abcdefghijklmnopqrstuvwxyzABCDE");
  CHECK(has_warning_containing(large.warnings, "chunk size 32"));
}

TEST_CASE("dechunk keeps the rest when a size runs past the end or a size line is garbage") {
  BodyResult past = dechunk("5\r\nHello\r\nffff\r\n, world</html>");
  CHECK(past.bytes == "Hello, world</html>");
  CHECK(has_warning_containing(past.warnings, "chunk size 65535 at byte 10 runs past the data"));

  // The same with the last chunk present: the data ends at that chunk.
  BodyResult before_last = dechunk("5\r\nHello\r\nffff\r\n, world</html>\r\n0\r\n\r\n");
  CHECK(before_last.bytes == "Hello, world</html>");
  CHECK(has_warning_containing(before_last.warnings, "does not match the data: used the 14 bytes"));

  BodyResult garbage = dechunk("5\r\nHello\r\nzz-not-hex\r\n, world");
  CHECK(garbage.bytes == "Hellozz-not-hex\r\n, world");
  CHECK(has_warning_containing(garbage.warnings, "bad chunk-size line at byte 10"));

  // Lying header: the body is not chunked at all.
  BodyResult plain = dechunk("<html><body>not chunked</body></html>");
  CHECK(plain.bytes == "<html><body>not chunked</body></html>");
  CHECK(has_warning_containing(plain.warnings, "not chunked"));

  // A capture cut before the last chunk keeps what it has.
  BodyResult cut = dechunk("5\r\nHello\r\n6\r\n, worl");
  CHECK(cut.bytes == "Hello, worl");
  CHECK_FALSE(cut.warnings.empty());

  // Text inside a chunk that merely looks like a chunk boundary is not taken for one.
  const std::string text = "line\r\nface\r\nbad\r\nend";  // hex-looking words on their own lines
  REQUIRE(text.size() == 0x14);
  BodyResult tricky = dechunk("14\r\n" + text + "\r\n0\r\n\r\n");
  CHECK(tricky.bytes == text);
  CHECK(tricky.warnings.empty());
}

TEST_CASE("decode_content_coding undoes gzip, deflate (zlib and raw) and lists of codings") {
  BodyResult g = decode_content_coding(gzip(kPage), "gzip", 1 << 20);
  CHECK(g.error.empty());
  CHECK(g.bytes == kPage);
  BodyResult x = decode_content_coding(gzip(kPage), "X-GZIP", 1 << 20);
  CHECK(x.bytes == kPage);
  BodyResult z = decode_content_coding(deflate_bytes(kPage, 15), "deflate", 1 << 20);
  CHECK(z.bytes == kPage);
  BodyResult raw = decode_content_coding(deflate_bytes(kPage, -15), "deflate", 1 << 20);
  CHECK(raw.bytes == kPage);
  BodyResult twice = decode_content_coding(gzip(gzip(kPage)), "gzip, gzip", 1 << 20);
  CHECK(twice.bytes == kPage);
  BodyResult identity = decode_content_coding(kPage, "identity", 1 << 20);
  CHECK(identity.bytes == kPage);
  // Two gzip members back to back are one body.
  BodyResult members = decode_content_coding(gzip("abc") + gzip("def"), "gzip", 1 << 20);
  CHECK(members.bytes == "abcdef");
}

TEST_CASE("decode_content_coding keeps what decodes from a damaged gzip body") {
  const std::string whole = gzip(kPage);
  BodyResult cut = decode_content_coding(whole.substr(0, whole.size() - 6), "gzip", 1 << 20);
  CHECK(cut.error.empty());
  CHECK(cut.bytes == kPage);  // only the trailer is missing
  CHECK(has_warning_containing(cut.warnings, "ends early"));

  BodyResult not_gzip = decode_content_coding(kPage, "gzip", 1 << 20);
  CHECK(not_gzip.error.empty());
  CHECK(not_gzip.bytes == kPage);
  CHECK(has_warning_containing(not_gzip.warnings, "not gzip"));

  std::string corrupt = whole;
  for (std::size_t i = 12; i < 40; ++i) corrupt[i] = static_cast<char>(0xff);
  BodyResult bad = decode_content_coding(corrupt, "gzip", 1 << 20);
  CHECK_FALSE(bad.error.empty());

  BodyResult br = decode_content_coding("xxxx", "br", 1 << 20);
  CHECK(br.error == "unsupported Content-Encoding: br");
}

TEST_CASE("decode_content_coding stops a gzip bomb at the limit") {
  const std::string zeros(8 << 20, '\0');
  const std::string bomb = gzip(zeros);
  REQUIRE(bomb.size() < 20000);
  BodyResult r = decode_content_coding(bomb, "gzip", 1 << 20);
  CHECK(r.too_large);
  CHECK(r.error.find("page too large") == 0);
  CHECK(r.bytes.size() <= (1u << 20));
}

TEST_CASE("decode_http_response gives status, type and the decoded body") {
  const std::string chunked_gzip = [] {
    const std::string z = gzip(kPage);
    char size[16];
    std::snprintf(size, sizeof size, "%zx", z.size());
    return "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n"
           "Transfer-Encoding: chunked\r\n\r\n" +
           std::string(size) + "\r\n" + z + "\r\n0\r\n\r\n";
  }();
  HttpResponse r = decode_http_response(chunked_gzip, 1 << 20);
  REQUIRE(r.error.empty());
  CHECK(r.status == 200);
  CHECK(r.content_type == "text/html");
  CHECK(r.body == kPage);
  CHECK(r.warnings.empty());

  HttpResponse moved =
      decode_http_response("HTTP/1.1 301 Moved\r\nLocation: /news/\r\n\r\n<a>moved</a>", 1 << 20);
  CHECK(moved.status == 301);
  CHECK(moved.location == "/news/");
  CHECK(moved.body.empty());

  HttpResponse missing = decode_http_response("HTTP/1.1 404 Not Found\r\n\r\nnope", 1 << 20);
  CHECK(missing.status == 404);
  CHECK(missing.body.empty());

  HttpResponse large =
      decode_http_response("HTTP/1.1 200 OK\r\n\r\n" + std::string(2000, 'a'), 1000);
  CHECK(large.too_large);
  CHECK(large.error == "page too large: 2000 bytes, limit 1000");
}

TEST_CASE("resolve_location makes redirect targets absolute") {
  const std::string base = "http://example.org/news/2018/letter.html?x=1#top";
  CHECK(resolve_location(base, "https://other.net/a") == "https://other.net/a");
  CHECK(resolve_location(base, "//cdn.example.org/b") == "http://cdn.example.org/b");
  CHECK(resolve_location(base, "/about/") == "http://example.org/about/");
  CHECK(resolve_location(base, "other.html") == "http://example.org/news/2018/other.html");
  CHECK(resolve_location(base, "../2017/./old.html") == "http://example.org/news/2017/old.html");
  CHECK(resolve_location(base, "?page=2") == "http://example.org/news/2018/letter.html?page=2");
  CHECK(resolve_location("http://example.org", "news") == "http://example.org/news");
  CHECK(resolve_location(base, "  /spaced  ") == "http://example.org/spaced");
  CHECK(resolve_location(base, "../../../../x") == "http://example.org/x");
}

TEST_CASE("is_html_content_type") {
  CHECK(is_html_content_type("text/html"));
  CHECK(is_html_content_type("Text/HTML; charset=utf-8"));
  CHECK(is_html_content_type("application/xhtml+xml"));
  CHECK(is_html_content_type(""));
  CHECK_FALSE(is_html_content_type("image/png"));
  CHECK_FALSE(is_html_content_type("text/css"));
  CHECK_FALSE(is_html_content_type("application/pdf"));
}
