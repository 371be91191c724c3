// reader_source_test.cpp — walking SOURCE arguments and reading their units
// (indexer/reader/source.h): a mirror tree built in a temporary folder, with the
// awkward things a real one holds (non-pages, queries in names, spaces, dot
// folders, archives, symlink loops, dangling links, FIFOs, oversized and binary
// pages, unreadable files).
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "indexer/reader/source.h"

using namespace dossier::indexer;
namespace fs = std::filesystem;

namespace {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "dossier-reader-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

void write_file(const fs::path& p, const std::string& content) {
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << content;
  REQUIRE(out.good());
}

struct Walk {
  std::vector<SourceUnit> units;
  std::vector<SourceError> errors;
  WalkStats stats;
};

Walk walk(const std::string& source, const WalkOptions& options = {}) {
  Walk w;
  walk_source(
      source, [&](SourceUnit&& u) { w.units.push_back(std::move(u)); },
      [&](SourceError&& e) { w.errors.push_back(std::move(e)); }, options, &w.stats);
  return w;
}

struct Read {
  std::vector<RawRecord> records;
  std::vector<SourceError> errors;
};

Read read(const SourceUnit& unit, const ReadLimits& limits = {}) {
  Read r;
  read_unit(
      unit, [&](RawRecord&& rec) { r.records.push_back(std::move(rec)); },
      [&](SourceError&& e) { r.errors.push_back(std::move(e)); }, limits);
  return r;
}

const std::string kPage =
    "<html><head><title>Letter</title></head><body><p>Text.</p></body></html>\n";

std::vector<std::string> locations(const Walk& w) {
  std::vector<std::string> out;
  for (const auto& u : w.units) out.push_back(u.location);
  return out;
}

bool has_error(const Walk& w, const std::string& path_end, const std::string& reason_part) {
  for (const auto& e : w.errors)
    if (e.where.size() >= path_end.size() &&
        e.where.compare(e.where.size() - path_end.size(), path_end.size(), path_end) == 0 &&
        e.reason.find(reason_part) != std::string::npos)
      return true;
  return false;
}

}  // namespace

TEST_CASE("a wget mirror: pages by extension, in sorted order, with their URLs") {
  TempDir tmp;
  const fs::path m = tmp.path() / "mirror";
  write_file(m / "example.org/news/index.html", kPage);
  write_file(m / "example.org/news/letter-to-the-minister", kPage);  // no extension
  write_file(m / "example.org/news/page.php?p=12", kPage);
  write_file(m / "example.org/news/a b#c.htm", kPage);
  write_file(m / "example.org/news/Release.SHTML", kPage);
  write_file(m / "example.org/style.css", "body{}");
  write_file(m / "example.org/img/logo.png", "\x89PNG");
  write_file(m / "example.org/files/report.pdf", "%PDF-1.4");
  write_file(m / "example.org/.git/objects/ab/cdef", "x\x01");
  write_file(m / "other.net:8080/index.htm", kPage);
  fs::create_directories(m / "captures");
  fs::copy_file(std::string(DOSSIER_SOURCE_DIR) + "/tests/data/warc/example.warc.gz",
                m / "captures/2018.warc.gz");

  Walk w = walk(m.string());
  CHECK(w.errors.empty());
  CHECK(locations(w) == std::vector<std::string>{
                            "captures/2018.warc.gz",
                            "example.org/news/Release.SHTML",
                            "example.org/news/a b#c.htm",
                            "example.org/news/index.html",
                            "example.org/news/letter-to-the-minister",
                            "example.org/news/page.php?p=12",
                            "other.net:8080/index.htm",
                        });
  CHECK(w.stats.pages == 6);
  CHECK(w.stats.archives == 1);
  CHECK(w.stats.skipped == 3);  // .css .png .pdf; the .git folder is not walked

  REQUIRE(w.units.size() == 7);
  CHECK(w.units[0].kind == UnitKind::kWarc);
  CHECK(w.units[0].url.empty());
  CHECK(w.units[2].url == "https://example.org/news/a%20b%23c.htm");
  CHECK(w.units[3].url == "https://example.org/news/");  // a folder page: its URL, not the file
  CHECK(w.units[5].url == "https://example.org/news/page.php?p=12");
  CHECK(w.units[6].url == "https://other.net:8080/index.htm");
  const std::string root = fs::canonical(m).string();
  for (const auto& u : w.units) {
    CHECK(u.given == m.string());
    CHECK(u.key == root + "/" + u.location);
    CHECK(u.path == m.string() + "/" + u.location);
    CHECK(u.size == fs::file_size(u.path));
    CHECK(u.mtime_ns > 0);
  }

  // An archive found in a tree says where it is in each record's location.
  Read archive = read(w.units[0]);
  REQUIRE(archive.records.size() == 2);
  CHECK(archive.records[0].location == "captures/2018.warc.gz, offset 784");
  CHECK(archive.records[0].source == m.string());
}

TEST_CASE("a page file is read whole, with its mtime as the capture time") {
  TempDir tmp;
  const fs::path p = tmp.path() / "mirror/example.org/news/letter.html";
  write_file(p, kPage);
  struct timespec times[2] = {{1534239000, 0}, {1534239000, 500000000}};  // 2018-08-14T09:30:00.5Z
  REQUIRE(::utimensat(AT_FDCWD, p.c_str(), times, 0) == 0);

  Walk w = walk((tmp.path() / "mirror").string());
  REQUIRE(w.units.size() == 1);
  CHECK(w.units[0].mtime_ns == 1534239000500000000);
  Read r = read(w.units[0]);
  CHECK(r.errors.empty());
  REQUIRE(r.records.size() == 1);
  const RawRecord& rec = r.records[0];
  CHECK(rec.body == kPage);
  CHECK(rec.url == "https://example.org/news/letter.html");
  CHECK(rec.status == 200);
  CHECK(rec.record_type == "file");
  CHECK(rec.captured == "2018-08-14T09:30:00Z");
  CHECK(rec.location == "example.org/news/letter.html");
  CHECK(rec.source == (tmp.path() / "mirror").string());
  CHECK(rec.content_type.empty());
}

TEST_CASE("a tree named like a host is that host's folder") {
  TempDir tmp;
  write_file(tmp.path() / "www.example.org/news/index.html", kPage);
  Walk w = walk((tmp.path() / "www.example.org").string() + "/");
  REQUIRE(w.units.size() == 1);
  CHECK(w.units[0].url == "https://www.example.org/news/");
  CHECK(w.units[0].location == "news/index.html");

  // A file at the top of a tree has no host: a file:// URL.
  write_file(tmp.path() / "mirror/index.html", kPage);
  Walk top = walk((tmp.path() / "mirror").string());
  REQUIRE(top.units.size() == 1);
  CHECK(top.units[0].url == "file://" + fs::canonical(tmp.path() / "mirror/index.html").string());
}

TEST_CASE("one HTML file given alone, with or without a base URL") {
  TempDir tmp;
  const fs::path p = tmp.path() / "letter.txt";  // named anything: the user chose it
  write_file(p, kPage);
  Walk plain = walk(p.string());
  REQUIRE(plain.units.size() == 1);
  CHECK(plain.units[0].kind == UnitKind::kPage);
  CHECK(plain.units[0].url == "file://" + fs::canonical(p).string());
  CHECK(plain.units[0].location.empty());
  CHECK(plain.units[0].key == fs::canonical(p).string());

  WalkOptions exact;
  exact.base_url = "https://example.org/news/letter/";
  CHECK(walk(p.string(), exact).units[0].url == "https://example.org/news/letter/letter.txt");
  exact.base_url = "https://example.org/news/letter";
  CHECK(walk(p.string(), exact).units[0].url == "https://example.org/news/letter");

  Read r = read(plain.units[0]);
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0].location == p.string());
  CHECK(r.records[0].source == p.string());
}

TEST_CASE("symlink loops, dangling links and special files are reported, the rest is walked") {
  TempDir tmp;
  const fs::path m = tmp.path() / "mirror";
  write_file(m / "example.org/a.html", kPage);
  write_file(m / "example.org/z.html", kPage);
  fs::create_directory_symlink("..", m / "example.org/up");             // back to an ancestor
  fs::create_symlink("self", m / "example.org/self");                   // a link to itself
  fs::create_symlink("nowhere.html", m / "example.org/dangling.html");  // to nothing
  fs::create_symlink("a.html", m / "example.org/alias.html");           // a good link
  REQUIRE(::mkfifo((m / "example.org/pipe.html").c_str(), 0600) == 0);

  Walk w = walk(m.string());
  CHECK(locations(w) == std::vector<std::string>{"example.org/a.html", "example.org/alias.html",
                                                 "example.org/z.html"});
  CHECK(has_error(w, "example.org/up", "symbolic link loop"));
  CHECK(has_error(w, "example.org/self", "symbolic link loop"));
  CHECK(has_error(w, "example.org/dangling.html", "dangling symbolic link"));
  CHECK(has_error(w, "example.org/pipe.html", "not a regular file"));
  CHECK(w.errors.size() == 4);
  CHECK(w.stats.errors == 4);
}

TEST_CASE("missing sources and unreadable files are reported") {
  TempDir tmp;
  Walk missing = walk((tmp.path() / "nope").string());
  CHECK(missing.units.empty());
  REQUIRE(missing.errors.size() == 1);
  CHECK(missing.errors[0].reason == "No such file or directory");

  const fs::path p = tmp.path() / "mirror/example.org/locked.html";
  write_file(p, kPage);
  fs::create_directories(tmp.path() / "mirror/example.org/closed");
  write_file(tmp.path() / "mirror/example.org/closed/inside.html", kPage);
  write_file(tmp.path() / "mirror/example.org/vanishing.html", kPage);
  Walk w = walk((tmp.path() / "mirror").string());
  REQUIRE(w.units.size() == 3);
  // A unit vanishes between the walk and the read.
  SourceUnit gone = w.units[2];
  REQUIRE(gone.location == "example.org/vanishing.html");
  fs::remove(gone.path);
  Read r = read(gone);
  CHECK(r.records.empty());
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].where == gone.path);
  CHECK(r.errors[0].reason == "cannot open: No such file or directory");

  // Unreadable things. Root reads everything, so as root the check runs in a
  // child process that has become "nobody".
  fs::permissions(tmp.path(),
                  fs::perms::owner_all | fs::perms::others_read | fs::perms::others_exec);
  fs::permissions(p, fs::perms::none);
  fs::permissions(tmp.path() / "mirror/example.org/closed", fs::perms::none);
  const auto check_unreadable = [&]() -> bool {
    Walk closed = walk((tmp.path() / "mirror").string());
    const bool dir_reported =
        has_error(closed, "example.org/closed", "cannot read directory: Permission denied");
    if (closed.units.size() != 1) return false;
    Read locked = read(closed.units[0]);
    return dir_reported && locked.records.empty() && locked.errors.size() == 1 &&
           locked.errors[0].reason == "cannot open: Permission denied";
  };
  if (::geteuid() != 0) {
    CHECK(check_unreadable());
  } else {
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      const bool ok = ::setgid(65534) == 0 && ::setuid(65534) == 0 && check_unreadable();
      ::_exit(ok ? 0 : 1);
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
  }
  fs::permissions(p, fs::perms::owner_all);
  fs::permissions(tmp.path() / "mirror/example.org/closed", fs::perms::owner_all);
}

TEST_CASE("pages over the limit and binary data named .html are reported, not read") {
  TempDir tmp;
  const fs::path m = tmp.path() / "mirror";
  write_file(m / "example.org/big.html", "<html>" + std::string(5000, 'x') + "</html>");
  write_file(m / "example.org/image.html", "\x89PNG\r\n\x1a\n" + std::string(100, '\x01'));
  write_file(m / "example.org/empty.html", "");
  Walk w = walk(m.string());
  REQUIRE(w.units.size() == 3);
  ReadLimits limits;
  limits.max_page_bytes = 1000;
  Read big = read(w.units[0], limits);
  CHECK(big.records.empty());
  REQUIRE(big.errors.size() == 1);
  CHECK(big.errors[0].reason == "page too large: 5013 bytes, limit 1000");
  CHECK_FALSE(big.errors[0].warning);

  Read empty = read(w.units[1]);
  REQUIRE(empty.records.size() ==
          1);  // an empty page is a page (the next stage finds nothing in it)
  CHECK(empty.records[0].body.empty());

  Read image = read(w.units[2]);
  CHECK(image.records.empty());
  REQUIRE(image.errors.size() == 1);
  CHECK(image.errors[0].reason == "binary data, not HTML");
}

TEST_CASE("names: pages, archives, URLs, times") {
  CHECK(is_page_file_name("index.html"));
  CHECK(is_page_file_name("INDEX.HTM"));
  CHECK(is_page_file_name("news.aspx"));
  CHECK(is_page_file_name("page.php?id=3&x=.pdf"));
  CHECK(is_page_file_name("letter-to-the-minister"));
  CHECK_FALSE(is_page_file_name("style.css"));
  CHECK_FALSE(is_page_file_name("report.pdf"));
  CHECK_FALSE(is_page_file_name("index.html.1"));
  CHECK_FALSE(is_page_file_name(".htaccess"));
  CHECK(archive_kind("a.warc") == UnitKind::kWarc);
  CHECK(archive_kind("A.WARC.GZ") == UnitKind::kWarc);
  CHECK(archive_kind("a.arc.gz") == UnitKind::kArc);
  CHECK(archive_kind("a.arc") == UnitKind::kArc);
  CHECK_FALSE(archive_kind("a.warc.bz2").has_value());
  CHECK(mirror_url("example.org/a b/c.html?x=1") == "https://example.org/a%20b/c.html?x=1");
  // wget's names for query URLs ("/?p=12" saved as index.html?p=12[.html]).
  CHECK(mirror_url("example.org/index.html?p=4417.html") == "https://example.org/?p=4417");
  CHECK(mirror_url("example.org/news/index.html?page=2") == "https://example.org/news/?page=2");
  CHECK(mirror_url("example.org/2018/06/letter/index.html") == "https://example.org/2018/06/letter/");
  CHECK(mirror_url("example.org/s\xC3\xA9"
                   "curit\xC3\xA9.html") ==
        "https://example.org/s\xC3\xA9"
        "curit\xC3\xA9.html");
  CHECK(mirror_url("example.org/s\xE9"
                   "curit\xE9.html") == "https://example.org/s%E9curit%E9.html");
  CHECK(iso8601_utc(0) == "1970-01-01T00:00:00Z");
  CHECK(iso8601_utc(1534239000999999999) == "2018-08-14T09:30:00Z");
  CHECK(iso8601_utc(-1) == "1969-12-31T23:59:59Z");
}
