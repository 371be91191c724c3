// fault_storage_test.cpp — dossier-index against storage that fails under it:
// a database folder it may not write (permissions, as "nobody"; a read-only
// mount, as root), a disk that fills up (a small tmpfs in a private mount
// namespace; where mounts are forbidden, a file size limit simulates it), and a
// database file with damaged blocks. Each time: a clear error naming the
// cause, exit 2, the live index byte for byte as it was, and dossier-searchd
// answering 200 from it all along.
#include <catch2/catch.hpp>

#include <iostream>

#include "fault_support.h"
#include "schema/schema.h"

using namespace dossier::test;
using namespace dossier::test::fault;

namespace {

fs::path mirror() { return source_dir() / "corpus" / "mirror"; }

// Every file of a database folder and its content hash: "nothing changed" is checked byte for byte.
std::map<std::string, std::size_t> fingerprint(const fs::path& db) {
  std::map<std::string, std::size_t> out;
  for (const auto& e : fs::recursive_directory_iterator(db))
    if (e.is_regular_file() && e.path().filename() != "lock")
      out[e.path().lexically_relative(db).string()] = std::hash<std::string>{}(slurp(e.path()));
  return out;
}

void chmod_tree(const fs::path& root, mode_t dirs, mode_t files) {
  for (const auto& e : fs::recursive_directory_iterator(root))
    ::chmod(e.path().c_str(), e.is_directory() ? dirs : files);
  ::chmod(root.c_str(), dirs);
}

std::vector<std::string> load_paths() {
  return {"/api/search?q=security+certificates", "/api/facets", "/healthz",
          "/api/search?q=&type=letter&per_page=20"};
}

// A folder where "nobody" may write its report.
struct ReportDir {
  TempDir dir{"reports"};
  ReportDir() { ::chmod(dir.path().c_str(), 0777); }
  fs::path file(const std::string& name) const { return dir / name; }
};

nlohmann::json read_report(const fs::path& p) {
  auto j = nlohmann::json::parse(slurp(p), nullptr, false);
  return j.is_discarded() ? nlohmann::json::object() : j;
}

// The revision readers open (dossier-index stats).
std::uint64_t revision(const fs::path& db) {
  auto r = run({index_binary().string(), "stats", "--db", db.string()});
  return r.exit_code == 0 ? nlohmann::json::parse(r.out)["revision"].get<std::uint64_t>() : 0;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("a database folder nobody may write to gives exit 2 naming the file and the live index stays served") {
  DOSSIER_REQUIRE_NOBODY_CAN_RUN_THE_INDEXER();
  TempDir dir("readonly");
  fs::path db = dir / "db";
  auto first = build_index(db, {mirror().string()});
  REQUIRE(first.result.exit_code == 0);
  auto before = fingerprint(db);
  Contents served_before = contents(db);
  Searchd server(db, {"--no-access-log"});
  LoadClient load(server.port(), load_paths(), 2, milliseconds(10));
  ReportDir reports;
  SpawnOptions nobody;
  nobody.as_nobody = true;

  // The folder and every file in it read-only (root ignores this; "nobody" does not).
  chmod_tree(db, 0555, 0444);

  SECTION("the whole folder, lock included") {
    for (bool full : {false, true}) {
      std::vector<std::string> extra = full ? std::vector<std::string>{"--full"} : std::vector<std::string>{};
      auto r = run_with(build_argv(db, reports.file("r.json"), {mirror().string()}, extra), nobody);
      INFO((full ? "--full: " : "incremental: ") << r.err);
      CHECK(r.exit_code == 2);
      CHECK(contains(r.err, (db / "lock").string()));
      CHECK(contains(r.err, "Permission denied"));
      auto report = read_report(reports.file("r.json"));
      CHECK(report["exit_code"] == 2);
      CHECK(contains(report["fatal"].get<std::string>(), "Permission denied"));
    }
  }
  SECTION("the lock writable, the database not") {
    ::chmod((db / "lock").c_str(), 0666);
    auto inc = run_with(build_argv(db, reports.file("r.json"), {mirror().string()}), nobody);
    INFO("incremental: " << inc.err);
    CHECK(inc.exit_code == 2);
    CHECK(contains(inc.err, "cannot open database"));
    CHECK(contains(inc.err, (db / "gen-000001").string()));
    auto full = run_with(build_argv(db, reports.file("r.json"), {mirror().string()}, {"--full"}), nobody);
    INFO("--full: " << full.err);
    CHECK(full.exit_code == 2);
    CHECK(contains(full.err, db.string()));
    CHECK(contains(full.err, "ermission denied"));
  }
  chmod_tree(db, 0755, 0644);
  CHECK(fingerprint(db) == before);
  CHECK(contents(db) == served_before);
  CHECK(check_db(db).exit_code == 0);
  load.wait_answers(10);
  load.stop();
  INFO(load.bad());
  CHECK(load.not_ok() == 0);
  CHECK(load.total() > 10);
}

TEST_CASE("a read-only mount stops root too with exit 2 while searchd serves the read-only index") {
  TempDir dir("romount");
  fs::path db = dir / "db";
  auto first = build_index(db, {mirror().string()});
  REQUIRE(first.result.exit_code == 0);
  auto before = fingerprint(db);
  if (!bind_read_only(db)) {
    WARN("cannot make a read-only bind mount in this sandbox (" << std::strerror(errno) << "): skipped");
    return;
  }
  struct Unmount {
    fs::path p;
    ~Unmount() { unmount(p); }
  } unmount_later{db};
  // As the hardened systemd unit runs it: the database on a read-only file system.
  Searchd server(db, {"--no-access-log"});
  LoadClient load(server.port(), load_paths(), 2, milliseconds(10));
  for (bool full : {false, true}) {
    auto b = build_index(db, {mirror().string()}, full ? std::vector<std::string>{"--full"} : std::vector<std::string>{});
    INFO(b.result.err);
    CHECK(b.result.exit_code == 2);
    CHECK(contains(b.result.err, "Read-only file system"));
    CHECK(contains(b.result.err, (db / "lock").string()));
  }
  CHECK(load.wait_answers(20));
  CHECK(server.get_json("/api/search?q=harkat")["total"].get<int>() > 0);
  load.stop();
  INFO(load.bad());
  CHECK(load.not_ok() == 0);
  unmount(db);
  CHECK(fingerprint(db) == before);
}

TEST_CASE("a full disk gives exit 2 naming the cause and the live index stays served until the rerun completes") {
  // Last night's index on a small file system, tonight's archive too big for what is left.
  fs::path tonight = generated_corpus(300, 5);
  TempDir dir("fulldisk");
  fs::path disk = dir / "disk";
  fs::path db = disk / "db";
  bool tmpfs = mount_tmpfs(disk, 64u << 20);
  struct Unmount {
    fs::path p;
    bool on;
    ~Unmount() {
      if (on) unmount(p);
    }
  } unmount_later{disk, tmpfs};
  auto first = build_index(db, {mirror().string()});
  INFO(first.result.err);
  REQUIRE(first.result.exit_code == 0);
  Contents clean = contents(db);
  auto before = fingerprint(db);
  auto revision_before = revision(db);
  std::uintmax_t used = 0;
  for (const auto& e : fs::recursive_directory_iterator(disk))
    if (e.is_regular_file()) used += e.file_size();

  SpawnOptions limits;
  std::string expect_error;
  if (tmpfs) {
    // Shrink it to what is used and 1 MiB more.
    REQUIRE(remount_tmpfs(disk, used + (1u << 20), false));
    expect_error = "No space left on device";
    std::cerr << "fault_storage_test: full disk: a tmpfs of " << used + (1u << 20) << " bytes\n";
  } else {
    // No mounts here: a file size limit makes the writes fail the same way (EFBIG).
    std::uintmax_t largest = 0;
    for (const auto& e : fs::recursive_directory_iterator(db))
      if (e.is_regular_file()) largest = std::max(largest, e.file_size());
    limits.max_file_bytes = largest + 8192;
    expect_error = "File too large";
    WARN("cannot mount a tmpfs here: simulating a full disk with RLIMIT_FSIZE");
  }

  Searchd server(db, {"--no-access-log"});
  LoadClient load(server.port(), load_paths(), 2, milliseconds(10));
  ReportDir reports;
  for (bool full : {true, false}) {
    std::vector<std::string> extra = full ? std::vector<std::string>{"--full"} : std::vector<std::string>{};
    auto r = run_with(build_argv(db, reports.file("r.json"), {mirror().string(), tonight.string()}, extra),
                      limits);
    INFO((full ? "--full: " : "incremental: ") << r.err);
    std::cerr << "fault_storage_test: full disk, " << (full ? "--full" : "incremental") << ": exit "
              << r.exit_code << ": " << r.err;
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, expect_error));
    auto report = read_report(reports.file("r.json"));
    CHECK(report["exit_code"] == 2);
    // The live index is what it was, and sound: byte for byte when the build
    // wrote a new generation; an incremental run's failed commit may have
    // written blocks Xapian had free, but the revision readers see is the same.
    if (full) CHECK(fingerprint(db) == before);
    CHECK(revision(db) == revision_before);
    CHECK(contents(db) == clean);
    auto check = check_db(db);
    INFO(check.out << check.err);
    CHECK(check.exit_code == 0);
    // A failed --full leaves no half-built generation behind.
    int generations = 0;
    for (const auto& e : fs::directory_iterator(db)) generations += e.path().filename().string().rfind("gen-", 0) == 0;
    CHECK(generations == 1);
  }
  CHECK(load.wait_answers(10));

  // Room again: the same build goes through and gives the clean result.
  if (tmpfs) REQUIRE(remount_tmpfs(disk, 256u << 20, false));
  limits.max_file_bytes = 0;
  auto again = run_with(build_argv(db, reports.file("r.json"), {mirror().string(), tonight.string()}), limits);
  INFO(again.err);
  CHECK(again.exit_code == 0);
  TempDir ref("fulldisk-ref");
  auto clean_tonight = build_index(ref / "db", {mirror().string(), tonight.string()});
  REQUIRE(clean_tonight.result.exit_code == 0);
  CHECK(contents(db) == contents(ref / "db"));
  load.stop();
  INFO(load.bad());
  CHECK(load.not_ok() == 0);
  CHECK(server.get_json("/healthz")["documents"] == contents(ref / "db").ids.size());
}

TEST_CASE("a corrupted database file makes check and build fail clearly and searchd answer 503 until --full heals it") {
  TempDir dir("corrupt");
  fs::path good = dir / "good";
  auto first = build_index(good, {mirror().string()});
  REQUIRE(first.result.exit_code == 0);
  Searchd serving_good(good, {"--no-access-log"});
  LoadClient load(serving_good.port(), load_paths(), 2, milliseconds(10));

  // Two kinds of damage to a copy: every block header of the postlist table
  // (glass blocks are 8 KiB; the root and every leaf are among them), and bytes
  // inside the blocks of the document data (glass keeps no checksums: only the
  // compressed records and the B-tree structure show it).
  for (const std::string kind : {"postlist block headers", "docdata block contents"}) {
    INFO("damage: " << kind);
    bool headers = kind == "postlist block headers";
    fs::path bad = dir / (headers ? "bad-headers" : "bad-contents");
    fs::copy(good, bad, fs::copy_options::recursive);
    fs::path table = bad / "gen-000001" / (headers ? "postlist.glass" : "docdata.glass");
    std::string bytes = slurp(table);
    REQUIRE(bytes.size() >= 8192);
    std::mt19937 rng(3);
    for (std::size_t at = 0; at + 8192 <= bytes.size(); at += 8192) {
      if (headers) {
        for (std::size_t i = 0; i < 12; ++i) bytes[at + i] = static_cast<char>(bytes[at + i] ^ 0x5a);
      } else {
        for (int i = 0; i < 20; ++i) bytes[at + 100 + rng() % 8000] ^= static_cast<char>(0xff);
      }
    }
    spit(table, bytes);
    auto damaged = fingerprint(bad);

    auto check = check_db(bad);
    std::cerr << "fault_storage_test: " << kind << ": check: exit " << check.exit_code << ": " << check.err;
    INFO(check.out << check.err);
    CHECK(check.exit_code != 0);
    CHECK(contains(check.err, (bad / "gen-000001").string()));

    auto inc = build_index(bad, {mirror().string()});
    std::cerr << "fault_storage_test: " << kind << ": incremental build: exit " << inc.result.exit_code << ": "
              << inc.result.err;
    INFO(inc.result.err);
    if (headers) {
      // It cannot even open the database: a clear error, nothing written.
      CHECK(inc.result.exit_code == 2);
      CHECK(contains(inc.result.err, "DatabaseCorruptError"));
      CHECK(contains(inc.result.err, (bad / "gen-000001").string()));
      CHECK(fingerprint(bad) == damaged);
    } else {
      // Unchanged sources need no stored document: the run may go through, and
      // the damage stays for check to find.
      CHECK((inc.result.exit_code == 0 || inc.result.exit_code == 2));
      CHECK(check_db(bad).exit_code != 0);
    }

    Searchd serving_bad(bad, {"--no-access-log"});
    for (const std::string path : {"/api/search?q=security", "/api/search?q=", "/api/search?q=&format=csv",
                                   "/api/search?q=harkat&format=atom", "/api/facets", "/healthz"}) {
      auto [status, body] = serving_bad.get(path);
      INFO(path << " -> " << status << " " << body.substr(0, 300));
      CHECK((status == 503 || status == 200));
      if (status == 503) CHECK(nlohmann::json::parse(body)["error"]["status"] == 503);
    }
    int wstatus = 0;
    CHECK(::waitpid(serving_bad.pid(), &wstatus, WNOHANG) == 0);  // still running

    // A full rebuild does not read the damaged generation, and searchd switches to it.
    auto full = build_index(bad, {mirror().string()}, {"--full"});
    INFO(full.result.err);
    CHECK(full.result.exit_code == 0);
    CHECK(check_db(bad).exit_code == 0);
    CHECK(contents(bad) == contents(good));
    CHECK(serving_bad.get_json("/api/search?q=security")["total"].get<int>() > 0);
  }
  load.stop();
  INFO(load.bad());
  CHECK(load.not_ok() == 0);
}
