// hostile_files_test.cpp — dossier-index on a mirror salted with files meant
// to break it: markup nested 100,000 deep, a 100 MB page (made at run time),
// binary data named .html, symbolic link loops and a dangling link, a file it
// may not read (the build runs as "nobody"), a named pipe, an empty page, and
// a WARC whose records have wrong chunk sizes, a bad digest, a lying
// Content-Length and a cut end. Each bad file is named in the report with its
// reason (a failure when something was lost, a warning when it was read
// anyway), the exit code is 1, and everything else is indexed: the documents
// are exactly the clean mirror's plus the posts the hostile files really hold.
#include <catch2/catch.hpp>

#include <iostream>

#include "fault_support.h"
#include "indexer/reader/sha1.h"

using namespace dossier::test;
using namespace dossier::test::fault;
using nlohmann::json;

namespace {

fs::path mirror() { return source_dir() / "corpus" / "mirror"; }

std::string letter(const std::string& title, const std::string& url, const std::string& extra = "") {
  return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title +
         "</title>\n<link rel=\"canonical\" href=\"" + url +
         "\">\n<meta property=\"og:type\" content=\"article\">"
         "<meta property=\"article:published_time\" content=\"2019-05-02T10:00:00Z\"></head>\n"
         "<body><article><h1>" + title + "</h1>\n<p>May 2, 2019</p><p>Dear Minister Goodale,</p>\n" + extra +
         // Its own words: the same text under two URLs would be one post.
         "<p>This is the " + title + ".</p>\n" +
         "<p>We write to you about security certificates and the secret evidence that they rely on. "
         "The coalition has long asked that the regime be abolished.</p>\n"
         "<p>Persons named in certificates cannot answer the case against them, and they live for "
         "years under conditions that amount to detention.</p>\n"
         "<p>Sincerely,<br>International Civil Liberties Monitoring Group</p></article></body></html>\n";
}

std::string http_ok(const std::string& body) {
  return "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + body;
}

std::string warc_record(const std::string& uri, const std::string& block, const std::string& extra = "",
                        long content_length = -1) {
  std::string head = "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: " + uri +
                     "\r\nWARC-Date: 2019-05-03T09:30:00Z\r\n"
                     "WARC-Record-ID: <urn:uuid:" + dossier::indexer::hex_encode(dossier::indexer::sha1(uri)).substr(0, 32) +
                     ">\r\nContent-Type: application/http; msgtype=response\r\n" + extra;
  head += "Content-Length: " + std::to_string(content_length >= 0 ? content_length : long(block.size())) + "\r\n\r\n";
  return head + block + "\r\n\r\n";
}

// A WARC that holds: a response with wrong chunk sizes (repaired: a warning),
// one with a bad block digest (used anyway: a warning), a good one, one whose
// Content-Length runs past the end of the file (cut: a failure).
std::string hostile_warc() {
  std::string chunked_body = letter("Letter sent in wrong chunks", "https://warc.example/2019/05/02/wrong-chunks/");
  std::string a = chunked_body.substr(0, 100), b = chunked_body.substr(100);
  std::string chunked = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n" "10\r\n" +
                        a + "\r\n" + "ffff\r\n" + b + "\r\n0\r\n\r\n";
  std::string bad_digest = http_ok(letter("Letter with a bad digest", "https://warc.example/2019/05/02/bad-digest/"));
  std::string good = http_ok(letter("Letter read whole", "https://warc.example/2019/05/02/whole/"));
  std::string cut = http_ok(letter("Letter cut short", "https://warc.example/2019/05/02/cut-short/"));
  return warc_record("https://warc.example/2019/05/02/wrong-chunks/", chunked) +
         warc_record("https://warc.example/2019/05/02/bad-digest/", bad_digest,
                     "WARC-Block-Digest: sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\r\n") +
         warc_record("https://warc.example/2019/05/02/whole/", good) +
         warc_record("https://warc.example/2019/05/02/cut-short/", cut, "", long(cut.size()) + 100000);
}

struct Problem {
  std::string where, reason;
};

std::vector<Problem> problems(const json& report, const char* kind) {
  std::vector<Problem> out;
  for (const auto& p : report[kind]) out.push_back({p["where"], p["reason"]});
  return out;
}

// The problem whose `where` names `file` (the path, or the path and an offset inside it).
const Problem* about(const std::vector<Problem>& list, const fs::path& file, const std::string& reason_part) {
  for (const auto& p : list)
    if (p.where.find(file.string()) == 0 && p.reason.find(reason_part) != std::string::npos) return &p;
  return nullptr;
}

std::string dump(const std::vector<Problem>& list) {
  std::string out;
  for (const auto& p : list) out += "  " + p.where + ": " + p.reason + "\n";
  return out;
}

std::map<std::string, std::string> ids_by_title(const std::map<std::string, json>& docs) {
  std::map<std::string, std::string> out;
  for (const auto& [id, d] : docs) out[d["title"].get<std::string>()] = id;
  return out;
}

}  // namespace

TEST_CASE("hostile files are each reported with a reason and everything else is indexed") {
  DOSSIER_REQUIRE_NOBODY_CAN_RUN_THE_INDEXER();
  TempDir dir("hostile-files");
  ::chmod(dir.path().c_str(), 0777);
  fs::path site = dir / "mirror";
  copy_tree(mirror(), site);
  fs::path bad = site / "iclmg.ca" / "hostile";
  fs::create_directories(bad);

  // Markup nested 100,000 deep around a real letter.
  {
    std::string open, close;
    for (int i = 0; i < 100000; ++i) {
      open += i % 2 ? "<div>" : "<span>";
      close.insert(0, i % 2 ? "</div>" : "</span>");
    }
    spit(bad / "deep" / "index.html",
         letter("Letter nested deep", "https://iclmg.ca/hostile/deep/", open + "<p>Deep inside.</p>" + close));
  }
  // A 100 MB page, over the 64 MiB page limit.
  {
    std::ofstream out(bad / "huge.html", std::ios::binary);
    out << "<html><body><article><h1>Huge</h1>";
    std::string para = "<p>" + std::string(1000, 'x') + "</p>\n";
    for (std::size_t written = 0; written < (100u << 20); written += para.size()) out << para;
    out << "</article></body></html>";
  }
  // Binary data named .html: a PNG, and random bytes.
  {
    std::mt19937 rng(7);
    std::string png = "\x89PNG\r\n\x1a\n", noise;
    for (int i = 0; i < 65536; ++i) {
      png += static_cast<char>(rng());
      noise += static_cast<char>(rng());
    }
    spit(bad / "image.html", png);
    spit(bad / "noise.html", noise);
  }
  // Symbolic links: a folder that leads back above itself, a link to itself, one to nowhere.
  fs::create_directories(bad / "loop");
  fs::create_directory_symlink("..", bad / "loop" / "up");
  fs::create_symlink("self.html", bad / "self.html");
  fs::create_symlink("does-not-exist.html", bad / "dangling.html");
  // A page nobody may read (the build runs as "nobody").
  spit(bad / "secret" / "index.html", letter("Letter nobody may read", "https://iclmg.ca/hostile/secret/"));
  ::chmod((bad / "secret" / "index.html").c_str(), 0000);
  // A named pipe (reading it would block forever) and an empty page.
  REQUIRE(::mkfifo((bad / "pipe.html").c_str(), 0644) == 0);
  spit(bad / "empty.html", "");
  // The damaged WARC.
  spit(bad / "damaged.warc", hostile_warc());

  fs::path db = dir / "db";
  fs::create_directories(db);
  ::chmod(db.c_str(), 0777);
  SpawnOptions nobody;
  nobody.as_nobody = true;
  auto t0 = Clock::now();
  auto r = run_with(build_argv(db, dir / "report.json", {site.string()}), nobody);
  double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  INFO(r.err);
  std::cerr << "hostile_files_test: build as nobody: exit " << r.exit_code << " in " << seconds << " s\n" << r.err;
  CHECK(r.exit_code == 1);
  json report = json::parse(slurp(dir / "report.json"));
  auto failures = problems(report, "failures"), warnings = problems(report, "warnings");
  INFO("failures:\n" << dump(failures) << "warnings:\n" << dump(warnings));

  CHECK(about(failures, bad / "huge.html", "page too large"));
  CHECK(about(failures, bad / "image.html", "binary data"));
  CHECK(about(failures, bad / "noise.html", "binary data"));
  CHECK(about(failures, bad / "loop" / "up", "symbolic link loop"));
  CHECK(about(failures, bad / "self.html", "symbolic link loop"));
  CHECK(about(failures, bad / "dangling.html", "dangling symbolic link"));
  CHECK(about(failures, bad / "secret" / "index.html", "Permission denied"));
  CHECK(about(failures, bad / "pipe.html", "not a regular file"));
  CHECK(about(warnings, bad / "damaged.warc", "chunk size"));
  CHECK(about(warnings, bad / "damaged.warc", "bad WARC-Block-Digest"));
  CHECK(about(failures, bad / "damaged.warc", ""));  // the record cut short
  // Nothing else went wrong: every problem is about a hostile file.
  for (const auto& p : failures) {
    INFO(p.where << ": " << p.reason);
    CHECK(p.where.find(bad.string()) == 0);
  }
  CHECK(report["counts"]["failed"] == failures.size());

  // Everything else is indexed: the clean mirror's posts, plus the posts the hostile files hold.
  TempDir ref("hostile-ref");
  auto clean = build_index(ref / "db", {mirror().string()});
  REQUIRE(clean.result.exit_code == 0);
  auto clean_docs = stored_docs(ref / "db");
  auto docs = stored_docs(db);
  for (const auto& [id, d] : clean_docs) {
    INFO(id << " " << d["title"]);
    CHECK(docs.count(id));
  }
  auto titles = ids_by_title(docs);
  std::set<std::string> extra;
  for (const auto& [id, d] : docs)
    if (!clean_docs.count(id)) extra.insert(d["title"].get<std::string>());
  std::set<std::string> expected_extra = {"Letter nested deep", "Letter sent in wrong chunks",
                                          "Letter with a bad digest", "Letter read whole"};
  CHECK(extra == expected_extra);
  // The text inside the deep nesting is kept.
  if (titles.count("Letter nested deep"))
    CHECK(docs[titles["Letter nested deep"]]["body"].get<std::string>().find("Deep inside.") != std::string::npos);
  auto check = check_db(db);
  CHECK(check.exit_code == 0);
}

TEST_CASE("extract survives deep nesting and a damaged archive") {
  TempDir dir("hostile-extract");
  // 100,000 unclosed elements of the kinds the parser keeps open longest.
  for (const std::string tag : {"div", "b", "table", "ul", "blockquote", "font", "a"}) {
    std::string html = "<html><body>";
    for (int i = 0; i < 100000; ++i) html += "<" + tag + ">";
    html += "text</body></html>";
    fs::path f = dir / (tag + ".html");
    spit(f, html);
    auto t0 = Clock::now();
    auto r = run({index_binary().string(), "extract", f.string()});
    double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    INFO("<" << tag << "> x 100000: exit " << r.exit_code << " in " << seconds << " s: " << r.err.substr(0, 300));
    CHECK(r.exit_code == 0);
    CHECK(seconds < 20);
  }
  fs::path warc = dir / "damaged.warc";
  spit(warc, hostile_warc());
  auto r = run({index_binary().string(), "extract", warc.string()});
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("Letter read whole") != std::string::npos);
  CHECK(r.err.find(warc.string() + ", offset") != std::string::npos);
}
