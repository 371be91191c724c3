// reader_warc_test.cpp — the WARC/ARC reader (indexer/reader/warc.h) on the
// real archives of tests/data/warc/ (warcio's test files, see the README there)
// and on damaged archives built here: cut gzip members, garbage between
// records, corrupt gzip data, wrong chunk sizes, lying Content-Lengths, bad
// digests, oversized and binary pages.
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <new>
#include <sstream>
#include <string>
#include <vector>

#include "indexer/reader/charset.h"
#include "indexer/reader/sha1.h"
#include "indexer/reader/source.h"
#include "indexer/reader/warc.h"

using namespace dossier::indexer;

// The largest single allocation, to show that a hostile Content-Length does not
// make the reader reserve what it promises.
static std::atomic<std::size_t> g_largest_allocation{0};

void* operator new(std::size_t size) {
  std::size_t seen = g_largest_allocation.load(std::memory_order_relaxed);
  while (size > seen && !g_largest_allocation.compare_exchange_weak(seen, size)) {
  }
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return operator new(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  try {
    return operator new(size);
  } catch (...) {
    return nullptr;
  }
}
void* operator new[](std::size_t size, const std::nothrow_t& tag) noexcept {
  return operator new(size, tag);
}
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

namespace {

const std::string kDataDir = std::string(DOSSIER_SOURCE_DIR) + "/tests/data/warc/";

struct Collected {
  std::vector<RawRecord> records;
  std::vector<SourceError> errors;    // warning == false
  std::vector<SourceError> warnings;  // warning == true

  std::string all_problems() const {
    std::string out;
    for (const auto& e : errors) out += "error: " + e.where + ": " + e.reason + "\n";
    for (const auto& e : warnings) out += "warning: " + e.where + ": " + e.reason + "\n";
    return out;
  }
};

Collected read_sample(const std::string& name, const ReadLimits& limits = {}) {
  Collected c;
  std::vector<SourceUnit> units;
  walk_source(
      kDataDir + name, [&](SourceUnit&& u) { units.push_back(std::move(u)); },
      [&](SourceError&& e) { c.errors.push_back(std::move(e)); });
  REQUIRE(units.size() == 1);
  read_unit(
      units[0], [&](RawRecord&& r) { c.records.push_back(std::move(r)); },
      [&](SourceError&& e) { (e.warning ? c.warnings : c.errors).push_back(std::move(e)); },
      limits);
  return c;
}

Collected read_bytes(const std::string& bytes, const ReadLimits& limits = {}) {
  Collected c;
  read_archive_bytes(
      bytes, "test.warc", [&](RawRecord&& r) { c.records.push_back(std::move(r)); },
      [&](SourceError&& e) { (e.warning ? c.warnings : c.errors).push_back(std::move(e)); },
      limits);
  return c;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string gzip(const std::string& data) {
  z_stream zs{};
  REQUIRE(deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK);
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

// One gzip member holding the parts, flushed after each; `flushes` gets the
// compressed size reached after each part.
std::string gzip_flushed(const std::vector<std::string>& parts, std::vector<std::size_t>* flushes) {
  z_stream zs{};
  REQUIRE(deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(1 << 20, '\0');
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  for (std::size_t i = 0; i < parts.size(); ++i) {
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(parts[i].data()));
    zs.avail_in = static_cast<uInt>(parts[i].size());
    const bool last = i + 1 == parts.size();
    REQUIRE(deflate(&zs, last ? Z_FINISH : Z_SYNC_FLUSH) == (last ? Z_STREAM_END : Z_OK));
    flushes->push_back(zs.total_out);
  }
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

std::string page_html(int n) {
  return "<!doctype html><html><head><title>Letter " + std::to_string(n) +
         "</title></head><body><h1>Letter " + std::to_string(n) +
         "</h1><p>The coalition wrote to the Minister of Public Safety about security "
         "certificates.</p></body></html>\n";
}

std::string http_ok(const std::string& body,
                    const std::string& headers = "Content-Type: text/html\r\n") {
  return "HTTP/1.1 200 OK\r\n" + headers + "Content-Length: " + std::to_string(body.size()) +
         "\r\n\r\n" + body;
}

std::string warc_record(const std::string& type, const std::string& uri, const std::string& block,
                        const std::string& extra_headers = "") {
  std::string head = "WARC/1.0\r\nWARC-Type: " + type + "\r\n";
  if (!uri.empty()) head += "WARC-Target-URI: " + uri + "\r\n";
  head += "WARC-Date: 2018-08-14T09:30:00Z\r\n";
  head += "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000000>\r\n";
  head += extra_headers;
  if (type == "response" || type == "revisit")
    head += "Content-Type: application/http; msgtype=response\r\n";
  head += "Content-Length: " + std::to_string(block.size()) + "\r\n\r\n";
  return head + block + "\r\n\r\n";
}

std::string page_record(int n) {
  return warc_record("response", "http://example.org/news/letter-" + std::to_string(n) + "/",
                     http_ok(page_html(n)));
}

std::vector<std::string> urls_of(const Collected& c) {
  std::vector<std::string> out;
  for (const auto& r : c.records) out.push_back(r.url);
  return out;
}

}  // namespace

// ---- the real files ------------------------------------------------------------

TEST_CASE("example.warc.gz: a gzip-encoded response and a revisit, in per-record members") {
  Collected c = read_sample("example.warc.gz");
  INFO(c.all_problems());
  CHECK(c.errors.empty());
  CHECK(c.warnings.empty());  // both block digests verified
  REQUIRE(c.records.size() == 2);

  const RawRecord& page = c.records[0];
  CHECK(page.record_type == "response");
  CHECK(page.url == "http://example.com/");
  CHECK(page.status == 200);
  CHECK(page.content_type == "text/html");
  CHECK(page.captured == "2017-03-06T04:02:06Z");
  CHECK(page.location == "offset 784");  // the gzip member's offset in the file
  CHECK(page.source == kDataDir + "example.warc.gz");
  CHECK(page.payload_digest == "sha1:G7HRM7BGOKSKMSXZAHMUQTTV53QOFSMK");
  CHECK(page.body.size() == 1270);  // the Content-Length of the page once gunzipped
  CHECK(contains(page.body, "<title>Example Domain</title>"));
  CHECK(ends_with(page.body, "</html>\n"));

  const RawRecord& revisit = c.records[1];
  CHECK(revisit.record_type == "revisit");
  CHECK(revisit.url == "http://example.com/");
  CHECK(revisit.body.empty());
  CHECK(revisit.status == 200);
  CHECK(revisit.captured == "2017-03-06T04:03:48Z");
  CHECK(revisit.refers_to_uri == "http://example.com/");
  CHECK(revisit.refers_to_date == "2017-03-06T04:02:06Z");
  CHECK(revisit.payload_digest == page.payload_digest);
  CHECK(revisit.location == "offset 2621");
}

TEST_CASE("example-iana.org-chunked.warc: a plain WARC with a chunked response") {
  Collected c = read_sample("example-iana.org-chunked.warc");
  INFO(c.all_problems());
  CHECK(c.errors.empty());
  CHECK(c.warnings.empty());  // hex block digest verified
  REQUIRE(c.records.size() == 1);
  const RawRecord& r = c.records[0];
  CHECK(r.url == "http://www.iana.org/");
  CHECK(r.status == 200);
  CHECK(r.content_type == "text/html; charset=UTF-8");
  CHECK(r.location == "offset 405");
  CHECK(r.body.size() == 0x1c37);  // the one chunk's size
  CHECK(r.body.rfind("<!doctype html>", 0) == 0);
  CHECK(ends_with(r.body, "</html>\n"));
  CHECK_FALSE(contains(r.body, "001c37"));

  DecodedPage page = decode_page(r);
  CHECK(page.charset == "utf-8");
  CHECK(page.charset_from == "http");
  CHECK(contains(page.html, "Internet Assigned Numbers Authority"));
}

TEST_CASE("example-resource.warc.gz: a resource record keeps its payload and type") {
  Collected c = read_sample("example-resource.warc.gz");
  INFO(c.all_problems());
  CHECK(c.errors.empty());
  CHECK(c.warnings.empty());
  REQUIRE(c.records.size() == 1);
  const RawRecord& r = c.records[0];
  CHECK(r.record_type == "resource");
  CHECK(r.url == "http://example.com/");
  CHECK(r.status == 200);
  CHECK(r.content_type == "text/html; charset=utf-8");
  CHECK(r.body.size() == 1303);
  CHECK(contains(r.body, "<title>Example Domain</title>"));
  CHECK(r.location == "offset 802");
}

TEST_CASE("example-space-in-target-uri.warc.gz: a target URI with spaces") {
  Collected c = read_sample("example-space-in-target-uri.warc.gz");
  INFO(c.all_problems());
  CHECK(c.errors.empty());
  CHECK(c.warnings.empty());
  REQUIRE(c.records.size() == 1);
  CHECK(c.records[0].url == "file:///example%20with%20spaces.png");
  CHECK(c.records[0].content_type == "image/png");
  CHECK(c.records[0].body.size() == 70);
  CHECK(c.records[0].body.rfind("\x89PNG", 0) == 0);

  ReadLimits pages_only;
  pages_only.pages_only = true;
  CHECK(read_sample("example-space-in-target-uri.warc.gz", pages_only).records.empty());
}

TEST_CASE("example-wget-bad-target-uri.warc.gz: wget's target URIs in angle brackets") {
  Collected c = read_sample("example-wget-bad-target-uri.warc.gz");
  INFO(c.all_problems());
  CHECK(c.errors.empty());
  CHECK(c.warnings.empty());
  CHECK(urls_of(c) ==
        std::vector<std::string>{"http://example.com/",
                                 "metadata://gnu.org/software/wget/warc/wget_arguments.txt",
                                 "metadata://gnu.org/software/wget/warc/wget.log"});
  REQUIRE(c.records.size() == 3);
  CHECK(c.records[0].record_type == "response");
  CHECK(c.records[0].status == 200);
  CHECK(c.records[0].body.size() == 1270);
  CHECK(contains(c.records[0].body, "Example Domain"));
  CHECK(c.records[2].content_type == "text/plain");
  CHECK(contains(c.records[2].body, "saved [1270/1270]"));

  ReadLimits pages_only;
  pages_only.pages_only = true;
  CHECK(read_sample("example-wget-bad-target-uri.warc.gz", pages_only).records.size() == 1);
}

TEST_CASE("example-trunc.warc: the good records and an error naming the offset") {
  // The response's Content-Length (973) is 2 bytes short of its block: its gzip
  // body lacks 2 trailer bytes and 2 stray bytes sit before the next record.
  Collected c = read_sample("example-trunc.warc");
  INFO(c.all_problems());
  REQUIRE(c.records.size() == 1);
  const RawRecord& r = c.records[0];
  CHECK(r.url == "http://example.com/");
  CHECK(r.location == "offset 1197");
  CHECK(r.body.size() == 1270);
  CHECK(ends_with(r.body, "</html>\n"));

  REQUIRE(c.errors.size() == 1);
  CHECK(c.errors[0].where == kDataDir + "example-trunc.warc, offset 2560");
  CHECK(contains(c.errors[0].reason, "after the record at offset 1197"));
  CHECK(contains(c.errors[0].reason, "the next record starts at offset 2566"));

  // The short block shows in its digest and in its gzip trailer; the record is still used.
  REQUIRE(c.warnings.size() == 2);
  CHECK(contains(c.warnings[0].reason, "bad WARC-Block-Digest"));
  CHECK(contains(c.warnings[1].reason, "gzip body ends early"));
}

TEST_CASE("example.arc.gz: the older ARC format") {
  Collected c = read_sample("example.arc.gz");
  INFO(c.all_problems());
  CHECK(c.errors.empty());
  CHECK(c.warnings.empty());
  REQUIRE(c.records.size() == 1);
  const RawRecord& r = c.records[0];
  CHECK(r.url == "http://example.com/");
  CHECK(r.record_type == "response");
  CHECK(r.status == 200);
  CHECK(r.content_type == "text/html");
  CHECK(r.captured == "2014-02-16T05:02:21Z");
  CHECK(r.location == "offset 171");
  CHECK(r.body.size() == 1270);
  CHECK(ends_with(r.body, "</html>\n"));
}

TEST_CASE("the samples folder walked as a tree: every archive found and read") {
  std::vector<SourceUnit> units;
  WalkStats stats;
  std::vector<SourceError> walk_errors;
  walk_source(
      kDataDir, [&](SourceUnit&& u) { units.push_back(std::move(u)); },
      [&](SourceError&& e) { walk_errors.push_back(std::move(e)); }, {}, &stats);
  CHECK(walk_errors.empty());
  CHECK(stats.archives == 7);
  CHECK(stats.skipped == 1);  // README.md
  CHECK(units.size() == 7);
  std::size_t records = 0;
  for (const auto& u : units) {
    read_unit(
        u,
        [&](RawRecord&& r) {
          ++records;
          CHECK(r.source == kDataDir);
          CHECK(r.location.rfind(u.location + ", offset ", 0) == 0);
        },
        [](SourceError&&) {});
  }
  CHECK(records == 10);
}

// ---- built here: gzip damage ----------------------------------------------------

TEST_CASE("a .warc.gz cut in the middle of a member gives the records before it") {
  const std::string m1 = gzip(page_record(1)), m2 = gzip(page_record(2)), m3 = gzip(page_record(3));
  for (std::size_t keep : {m3.size() / 2, std::size_t{12}}) {
    INFO("bytes kept of the third member: " << keep);
    Collected c = read_bytes(m1 + m2 + m3.substr(0, keep));
    INFO(c.all_problems());
    CHECK(urls_of(c) == std::vector<std::string>{"http://example.org/news/letter-1/",
                                                 "http://example.org/news/letter-2/"});
    REQUIRE(c.errors.size() == 1);
    CHECK(c.errors[0].where == "test.warc, offset " + std::to_string(m1.size() + m2.size()));
    CHECK(contains(
        c.errors[0].reason,
        "the gzip member at offset " + std::to_string(m1.size() + m2.size()) + " is cut short"));
    CHECK(contains(c.errors[0].reason,
                   "the file ends at byte " + std::to_string(m1.size() + m2.size() + keep)));
  }
}

TEST_CASE("one gzip member for the whole file") {
  const std::string records = page_record(1) + page_record(2) + page_record(3);
  Collected c = read_bytes(gzip(records));
  INFO(c.all_problems());
  CHECK(c.errors.empty());
  REQUIRE(c.records.size() == 3);
  CHECK(c.records[0].location == "offset 0");
  CHECK(c.records[1].location ==
        "offset 0 (gzip member), byte " + std::to_string(page_record(1).size()) + " in it");
  CHECK(c.records[2].body == page_html(3));

  // Cut in the middle of the third record: the first two survive. (The member
  // is flushed after each record so that the cut point is known to lie after them.)
  std::vector<std::size_t> flushes;
  const std::string big = gzip_flushed({page_record(1), page_record(2), page_record(3)}, &flushes);
  Collected cut = read_bytes(big.substr(0, flushes[1] + 10));
  INFO(cut.all_problems());
  CHECK(urls_of(cut) == std::vector<std::string>{"http://example.org/news/letter-1/",
                                                 "http://example.org/news/letter-2/"});
  REQUIRE(cut.errors.size() == 1);
  CHECK(cut.errors[0].where == "test.warc, offset 0 (gzip member), byte " +
                                   std::to_string(page_record(1).size() + page_record(2).size()) +
                                   " in it");
  CHECK(contains(cut.errors[0].reason, "the gzip member at offset 0 is cut short"));
}

TEST_CASE("garbage between gzip members is skipped and reported") {
  const std::string m1 = gzip(page_record(1)), m2 = gzip(page_record(2));
  Collected c = read_bytes(m1 + "GARBAGE\r\n" + m2 + std::string(5, '\0'));
  INFO(c.all_problems());
  CHECK(urls_of(c) == std::vector<std::string>{"http://example.org/news/letter-1/",
                                               "http://example.org/news/letter-2/"});
  REQUIRE(c.errors.size() == 2);
  CHECK(c.errors[0].where == "test.warc, offset " + std::to_string(m1.size()));
  CHECK(c.errors[0].reason == "9 bytes at offset " + std::to_string(m1.size()) +
                                  " are not gzip data; the next member starts at offset " +
                                  std::to_string(m1.size() + 9));
  CHECK(contains(c.errors[1].reason,
                 "5 bytes at offset " + std::to_string(m1.size() + 9 + m2.size())));
}

TEST_CASE("a corrupt gzip member loses its record only") {
  const std::string m1 = gzip(page_record(1)), m3 = gzip(page_record(3));
  std::string m2 = gzip(page_record(2));
  for (std::size_t i = m2.size() / 2; i < m2.size() / 2 + 8; ++i)
    m2[i] = static_cast<char>(m2[i] ^ 0x55);
  Collected c = read_bytes(m1 + m2 + m3);
  INFO(c.all_problems());
  CHECK(urls_of(c) == std::vector<std::string>{"http://example.org/news/letter-1/",
                                               "http://example.org/news/letter-3/"});
  REQUIRE(c.errors.size() == 1);
  CHECK(contains(c.errors[0].reason,
                 "corrupt gzip data in the member at offset " + std::to_string(m1.size())));
}

// ---- built here: record damage ----------------------------------------------------

TEST_CASE("garbage before and between plain records is skipped and reported") {
  const std::string r1 = page_record(1), r2 = page_record(2);
  const std::string junk = std::string("\x00\x01", 2) + "junk that is not a record\r\n";
  Collected c = read_bytes(junk + r1 + junk + r2);
  INFO(c.all_problems());
  CHECK(c.records.size() == 2);
  REQUIRE(c.errors.size() == 2);
  CHECK(c.errors[0].where == "test.warc, offset 0");
  CHECK(c.errors[1].where == "test.warc, offset " + std::to_string(junk.size() + r1.size()));
  CHECK(contains(c.errors[1].reason, "after the record at offset " + std::to_string(junk.size())));
}

TEST_CASE("a hostile Content-Length neither swallows later records nor allocates what it claims") {
  const std::string liar =
      "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.org/liar\r\n"
      "Content-Length: 999999999999999\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<html>short</html>\r\n\r\n";
  g_largest_allocation = 0;
  Collected plain = read_bytes(liar + page_record(2));
  INFO(plain.all_problems());
  CHECK(urls_of(plain) == std::vector<std::string>{"http://example.org/news/letter-2/"});
  REQUIRE(plain.errors.size() == 1);
  CHECK(contains(plain.errors[0].reason, "length 999999999999999 runs past the end of the file"));

  // In gzip the size is unknown: a length within the limits is read as far as the
  // data goes, then the next record is found inside what was read.
  const std::string within =
      "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.org/liar\r\n"
      "Content-Length: 60000000\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<html>short</html>\r\n\r\n";
  g_largest_allocation = 0;
  Collected gz = read_bytes(gzip(within) + gzip(page_record(2)));
  INFO(gz.all_problems());
  CHECK(urls_of(gz) == std::vector<std::string>{"http://example.org/news/letter-2/"});
  REQUIRE(gz.errors.size() == 1);
  CHECK(contains(gz.errors[0].reason, "is cut short: Content-Length 60000000"));
  CHECK(g_largest_allocation.load() < (8u << 20));

  // Over the limits, the record is skipped without being held.
  g_largest_allocation = 0;
  Collected huge = read_bytes(gzip(liar) + gzip(page_record(2)));
  CHECK(huge.errors.size() >= 1);
  CHECK(g_largest_allocation.load() < (8u << 20));

  // No length at all.
  const std::string none = "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://x/\r\n\r\n";
  Collected missing = read_bytes(none + page_record(3));
  CHECK(urls_of(missing) == std::vector<std::string>{"http://example.org/news/letter-3/"});
  REQUIRE(missing.errors.size() == 1);
  CHECK(contains(missing.errors[0].reason, "without a valid Content-Length"));
}

TEST_CASE("a record cut by the end of a plain file is reported with its offset") {
  const std::string r1 = page_record(1), r2 = page_record(2);
  Collected c = read_bytes(r1 + r2.substr(0, r2.size() - 60));
  INFO(c.all_problems());
  CHECK(c.records.size() == 1);
  REQUIRE(c.errors.size() == 1);
  CHECK(c.errors[0].where == "test.warc, offset " + std::to_string(r1.size()));
  CHECK(contains(c.errors[0].reason, "is cut short: Content-Length " +
                                         std::to_string(http_ok(page_html(2)).size()) +
                                         ", but only "));
  CHECK(contains(c.errors[0].reason, "before the end of the file"));
}

TEST_CASE("wrong chunk sizes in a response are repaired and reported as a warning") {
  const std::string body = page_html(7);
  const std::string half1 = body.substr(0, 40), half2 = body.substr(40);
  const std::string chunked =
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
      "10\r\n" +
      half1 + "\r\n" +                       // says 16, holds 40
      "ffff\r\n" + half2 + "\r\n0\r\n\r\n";  // says 65535
  Collected c = read_bytes(warc_record("response", "http://example.org/chunks", chunked));
  INFO(c.all_problems());
  CHECK(c.errors.empty());
  REQUIRE(c.records.size() == 1);
  CHECK(c.records[0].body == body);
  REQUIRE(c.warnings.size() == 2);
  CHECK(c.warnings[0].warning);
  CHECK(contains(c.warnings[0].reason, "chunk size 16"));
  CHECK(contains(c.warnings[1].reason, "chunk size 65535"));
}

TEST_CASE("digests: a bad one is a warning and the record is used") {
  const std::string block = http_ok(page_html(1));
  const std::string good = "sha1:" + base32_encode(sha1(block));
  Collected ok = read_bytes(warc_record("response", "http://example.org/a", block,
                                        "WARC-Block-Digest: " + good + "\r\n"));
  CHECK(ok.warnings.empty());
  CHECK(ok.records.size() == 1);

  Collected hex =
      read_bytes(warc_record("response", "http://example.org/a", block,
                             "WARC-Block-Digest: sha1:" + hex_encode(sha1(block)) + "\r\n"));
  CHECK(hex.warnings.empty());

  Collected bad =
      read_bytes(warc_record("response", "http://example.org/a", block,
                             "WARC-Block-Digest: sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\r\n"));
  REQUIRE(bad.records.size() == 1);
  CHECK(bad.records[0].body == page_html(1));
  REQUIRE(bad.warnings.size() == 1);
  CHECK(bad.warnings[0].where == "test.warc, offset 0");
  CHECK(contains(bad.warnings[0].reason, "bad WARC-Block-Digest for http://example.org/a"));
  CHECK(contains(bad.warnings[0].reason, good));

  // Without a block digest the payload digest (over the entity body) is checked.
  Collected payload =
      read_bytes(warc_record("response", "http://example.org/a", block,
                             "WARC-Payload-Digest: sha1:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB\r\n"));
  REQUIRE(payload.warnings.size() == 1);
  CHECK(contains(payload.warnings[0].reason, "bad WARC-Payload-Digest"));
  Collected payload_ok = read_bytes(
      warc_record("response", "http://example.org/a", block,
                  "WARC-Payload-Digest: sha1:" + base32_encode(sha1(page_html(1))) + "\r\n"));
  CHECK(payload_ok.warnings.empty());

  ReadLimits unchecked;
  unchecked.verify_digests = false;
  CHECK(read_bytes(warc_record("response", "http://example.org/a", block,
                               "WARC-Block-Digest: sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\r\n"),
                   unchecked)
            .warnings.empty());
}

TEST_CASE("redirects, errors and non-page records") {
  const std::string moved = "HTTP/1.1 301 Moved Permanently\r\nLocation: ../letter-2/\r\n\r\n";
  const std::string gone =
      "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<h1>Not found</h1>";
  const std::string image = http_ok("\x89PNG\r\n\x1a\nxxxxxxxx", "Content-Type: image/png\r\n");
  const std::string archive =
      warc_record("warcinfo", "", "software: test\r\n") +
      warc_record("response", "http://example.org/news/letter-1/", moved) +
      warc_record("request", "http://example.org/news/letter-1/", "GET / HTTP/1.1\r\n\r\n") +
      warc_record("response", "http://example.org/missing", gone) +
      warc_record("response", "http://example.org/logo.png", image) +
      warc_record("metadata", "http://example.org/", "outlinks: none\r\n") +
      warc_record("response", "dns:example.org",
                  "20180814093000\r\nexample.org. 300 IN A 1.2.3.4") +
      warc_record("revisit", "http://example.org/again", "",
                  "WARC-Refers-To-Target-URI: <http://example.org/first>\r\n");
  Collected c = read_bytes(archive);
  INFO(c.all_problems());
  CHECK(c.errors.empty());
  CHECK(c.warnings.empty());
  REQUIRE(c.records.size() == 4);
  CHECK(c.records[0].status == 301);
  CHECK(c.records[0].redirect_to == "http://example.org/news/letter-2/");
  CHECK(c.records[1].status == 404);
  CHECK(c.records[1].body.empty());
  CHECK(c.records[2].content_type == "image/png");
  CHECK(c.records[3].record_type == "revisit");
  CHECK(c.records[3].refers_to_uri == "http://example.org/first");
  CHECK(c.records[3].body.empty());

  ReadLimits pages_only;
  pages_only.pages_only = true;
  Collected pages = read_bytes(archive, pages_only);
  CHECK(urls_of(pages) == std::vector<std::string>{"http://example.org/news/letter-1/",
                                                   "http://example.org/missing",
                                                   "http://example.org/again"});
}

TEST_CASE("pages over the limit and binary pages are reported and skipped") {
  ReadLimits limits;
  limits.max_page_bytes = 1000;
  const std::string big_page = "<html><body>" + std::string(5000, 'x') + "</body></html>";
  const std::string big_image(5000, '\x01');
  const std::string archive = warc_record("response", "http://example.org/big", http_ok(big_page)) +
                              warc_record("response", "http://example.org/big.png",
                                          http_ok(big_image, "Content-Type: image/png\r\n")) +
                              warc_record("response", "http://example.org/fake.html",
                                          http_ok("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj")) +
                              warc_record("resource", "http://example.org/res.html", big_page,
                                          "Content-Type: text/html\r\n") +
                              page_record(5);
  Collected c = read_bytes(archive, limits);
  INFO(c.all_problems());
  CHECK(urls_of(c) == std::vector<std::string>{"http://example.org/news/letter-5/"});
  REQUIRE(c.errors.size() == 3);
  CHECK(c.errors[0].reason == "page too large: " + std::to_string(big_page.size()) +
                                  " bytes, limit 1000 (http://example.org/big)");
  CHECK(c.errors[1].reason == "binary data, not HTML (http://example.org/fake.html)");
  CHECK(contains(c.errors[2].reason, "page too large"));
  REQUIRE(c.warnings.size() == 1);  // the image: over the limit, but not a page
  CHECK(contains(c.warnings[0].reason, "record too large"));

  // Far over the limit: skipped without being read into memory.
  limits.max_page_bytes = 10;
  const std::string huge = "<html>" + std::string(3 << 20, 'y') + "</html>";
  g_largest_allocation = 0;
  Collected skipped = read_bytes(
      gzip(warc_record("response", "http://example.org/huge", http_ok(huge)) + page_record(6)),
      limits);
  CHECK(skipped.records.empty());  // letter 6 is over 10 bytes too
  REQUIRE(skipped.errors.size() == 2);
  CHECK(contains(skipped.errors[0].reason,
                 "page too large: " + std::to_string(http_ok(huge).size())));
}

TEST_CASE("WARC written with bare LF line ends and WARC/1.1") {
  std::string rec =
      "WARC/1.1\nWARC-Type: resource\nWARC-Target-URI: http://example.org/lf\n"
      "Content-Type: text/html\nContent-Length: 13\n\n<p>hello</p>\n\n\n";
  Collected c = read_bytes(rec + page_record(1));
  INFO(c.all_problems());
  CHECK(c.errors.empty());
  REQUIRE(c.records.size() == 2);
  CHECK(c.records[0].body == "<p>hello</p>\n");
}

TEST_CASE("files that are not archives, empty files") {
  Collected empty = read_bytes("");
  CHECK(empty.records.empty());
  CHECK(empty.errors.empty());
  Collected text = read_bytes("<html><body>I am not a WARC</body></html>\n");
  CHECK(text.records.empty());
  REQUIRE(text.errors.size() == 1);
  CHECK(contains(text.errors[0].reason, "not a WARC record"));
  Collected gz_text = read_bytes(gzip("just some text\n"));
  CHECK(gz_text.records.empty());
  CHECK(gz_text.errors.size() == 1);
}

TEST_CASE("ARC files: v1 plain with damage, v2 headers") {
  const std::string body1 = http_ok(page_html(1));
  const std::string body2 = "HTTP/1.0 302 Found\r\nLocation: http://example.org/b\r\n\r\n";
  const std::string desc = "1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n";
  const std::string arc =
      "filedesc://test.arc 0.0.0.0 20180814093000 text/plain " + std::to_string(desc.size()) +
      "\n" + desc + "\n" + "http://example.org/a b 1.2.3.4 20180814093001 text/html " +
      std::to_string(body1.size()) + "\n" + body1 + "\n" +
      "http://example.org/old 1.2.3.4 20180814093002 text/html " + std::to_string(body2.size()) +
      "\n" + body2 + "\n" +
      "http://example.org/cut 1.2.3.4 20180814093003 text/html 5000\nHTTP/1.1 200 OK\r\n\r\n<html>";
  Collected c = read_bytes(arc);
  INFO(c.all_problems());
  REQUIRE(c.records.size() == 2);
  CHECK(c.records[0].url == "http://example.org/a%20b");
  CHECK(c.records[0].captured == "2018-08-14T09:30:01Z");
  CHECK(c.records[0].body == page_html(1));
  CHECK(c.records[1].status == 302);
  CHECK(c.records[1].redirect_to == "http://example.org/b");
  REQUIRE(c.errors.size() == 1);
  CHECK(c.errors[0].reason ==
        "record for http://example.org/cut is cut short: Content-Length 5000, but only 25 bytes "
        "follow before the end of the file");

  // Without its file header (a piece cut from a larger ARC).
  const std::string piece = "http://example.org/a 1.2.3.4 20180814093001 text/html " +
                            std::to_string(body1.size()) + "\n" + body1 + "\n";
  Collected headless = read_bytes(piece);
  CHECK(headless.errors.empty());
  CHECK(urls_of(headless) == std::vector<std::string>{"http://example.org/a"});

  const std::string desc2 =
      "2 0 Alexa\nURL IP-address Archive-date Content-type Result-code Checksum Location Offset "
      "Filename Archive-length\n";
  const std::string arc2 =
      "filedesc://v2.arc 0.0.0.0 20180814093000 text/plain 200 - - 0 v2.arc " +
      std::to_string(desc2.size()) + "\n" + desc2 + "\n" +
      "http://example.org/v2 1.2.3.4 20180814093001 text/html 200 ABCDEF - 0 v2.arc " +
      std::to_string(body1.size()) + "\n" + body1 + "\n";
  Collected v2 = read_bytes(gzip(arc2));
  INFO(v2.all_problems());
  CHECK(v2.errors.empty());
  CHECK(urls_of(v2) == std::vector<std::string>{"http://example.org/v2"});
}

TEST_CASE("helpers: target URIs, ARC dates, SHA-1") {
  CHECK(clean_target_uri("<http://example.com/>") == "http://example.com/");
  CHECK(clean_target_uri("  http://example.com/a b\t") == "http://example.com/a%20b");
  CHECK(clean_target_uri("< http://example.com/ >") == "http://example.com/");
  CHECK(clean_target_uri("http://example.com/caf\xC3\xA9") == "http://example.com/caf\xC3\xA9");
  CHECK(clean_target_uri("http://example.com/caf\xE9") == "http://example.com/caf%E9");
  CHECK(arc_date_to_iso("20140216050221") == "2014-02-16T05:02:21Z");
  CHECK(arc_date_to_iso("20140216") == "2014-02-16T00:00:00Z");
  CHECK(arc_date_to_iso("yesterday") == "yesterday");
  CHECK(hex_encode(sha1("")) == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  CHECK(hex_encode(sha1("abc")) == "a9993e364706816aba3e25717850c26c9cd0d89d");
  CHECK(hex_encode(sha1("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
        "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  Sha1 pieces;
  const std::string million(1000000, 'a');
  for (std::size_t i = 0; i < million.size(); i += 777)
    pieces.update(std::string_view(million).substr(i, 777));
  CHECK(hex_encode(pieces.finish()) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
  CHECK(base32_encode(sha1("abc")) == "VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5");
  std::string computed;
  CHECK(check_digest("sha1:VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5", "abc", &computed) ==
        DigestCheck::kMatch);
  CHECK(check_digest("SHA1:vgmt4nsha2awvor6evyxqugcnsonbwe5", "abc", &computed) ==
        DigestCheck::kMatch);
  CHECK(check_digest("sha1:a9993e364706816aba3e25717850c26c9cd0d89d", "abc", &computed) ==
        DigestCheck::kMatch);
  CHECK(check_digest("sha1:a9993e364706816aba3e25717850c26c9cd0d89d", "abd", &computed) ==
        DigestCheck::kMismatch);
  CHECK(check_digest("sha256:whatever", "abc", &computed) == DigestCheck::kUnchecked);
  CHECK(check_digest("sha1:short", "abc", &computed) == DigestCheck::kUnchecked);
}

TEST_CASE("random damage never crashes the reader, and what comes out is intact") {
  std::vector<std::string> bodies;
  std::string clean;
  for (int i = 0; i < 6; ++i) {
    clean += gzip(page_record(i));
    bodies.push_back(page_html(i));
  }
  std::uint32_t seed = 12345;
  auto next = [&seed] {
    seed = seed * 1664525u + 1013904223u;
    return seed >> 8;
  };
  // Flipped bytes: each member's CRC guards its record, so a record that comes
  // out is one of the originals, byte for byte. With one flipped byte, every
  // record lost is accounted for by an error.
  for (int round = 0; round < 400; ++round) {
    std::string damaged = clean;
    const int flips = round < 200 ? 1 : 1 + static_cast<int>(next() % 4);
    for (int f = 0; f < flips; ++f) damaged[next() % damaged.size()] = static_cast<char>(next());
    Collected c = read_bytes(damaged);
    INFO("round " << round << "\n" << c.all_problems());
    for (const auto& r : c.records) INFO(r.url);
    std::string got;
    for (const auto& r : c.records) got += r.url + " ";
    INFO(got);
    for (const auto& r : c.records)
      CHECK(std::find(bodies.begin(), bodies.end(), r.body) != bodies.end());
    CHECK(c.records.size() <= 6);
    if (flips == 1) CHECK(c.records.size() + c.errors.size() >= 6);
  }
  // Cut anywhere: the records before the cut, in order, and one error.
  for (int round = 0; round < 100; ++round) {
    const std::size_t keep = next() % clean.size();
    Collected c = read_bytes(clean.substr(0, keep));
    INFO("kept " << keep << " of " << clean.size() << "\n" << c.all_problems());
    for (std::size_t i = 0; i < c.records.size(); ++i) CHECK(c.records[i].body == bodies[i]);
    CHECK(c.errors.size() <= 1);
  }
}
