// fault_kill_test.cpp — dossier-index killed with SIGKILL at each phase of a
// build (just started, parsing, writing documents, committing, writing the
// version file, switching the stub), with dossier-searchd serving the folder
// and a client asking it all along. After each kill the database opens,
// `dossier-index check` passes, the live index is still a whole index, and
// searchd never answered anything but 200; the rerun ends with exactly the
// documents and facet counts of a clean build.
//
// The phases are found by watching the database folder with inotify (the
// generation folder appearing, docdata.glass written, postlist.glass written
// at the commit, Xapian's v.tmp, XAPIANDB.tmp) rather than by guessing times,
// so that each kill lands where it says on a fast or a slow machine.
#include <catch2/catch.hpp>

#include <iostream>

#include "fault_support.h"

using namespace dossier::test;
using namespace dossier::test::fault;

namespace {

// Last night's mirror (600 posts) and tonight's (800: the same 600 and 200 new).
constexpr int kPostsBefore = 600, kPostsAfter = 800, kSeed = 11;

struct Phase {
  using Due = std::function<bool(FsWatch&, const FsWatch::Event&)>;
  Phase(std::string n, Due d, double after = -1, std::string stop = {})
      : name(std::move(n)), due(std::move(d)), after_seconds(after), stop_at(std::move(stop)) {}
  std::string name;
  // Arms the watch once the build has started; returns true when it is time to kill.
  Due due;
  double after_seconds;  // or, when >= 0: kill this long after the start
  std::string stop_at;   // or: kill where dossier-index stops itself (DOSSIER_STOP_AT)
};

bool is_gen(const std::string& name) { return name.rfind("gen-", 0) == 0; }
// A folder a build writes a database in: a generation, or one of the parts a
// full build writes in parallel (gen-N.parts/pK) before merging them into gen-N.
bool in_gen(const fs::path& dir) {
  return is_gen(dir.filename().string()) || is_gen(dir.parent_path().filename().string());
}

// Starts `argv`, kills it at `phase`, and says whether the kill landed while it ran.
bool kill_at(const std::vector<std::string>& argv, const fs::path& db, const Phase& phase,
             std::string& log) {
  FsWatch watch;
  watch.add(db);
  for (const auto& e : fs::directory_iterator(db))
    if (e.is_directory() && is_gen(e.path().filename().string())) watch.add(e.path());
  SpawnOptions spawn;
  if (!phase.stop_at.empty()) spawn.env["DOSSIER_STOP_AT"] = phase.stop_at;
  Process build(argv, spawn);
  bool hit;
  if (!phase.stop_at.empty()) {
    hit = build.wait_stopped();
  } else if (phase.after_seconds >= 0) {
    hit = !watch.wait_for([](const FsWatch::Event&) { return false; },
                          milliseconds(static_cast<int>(phase.after_seconds * 1000)),
                          [&] { return !build.running(); });
  } else {
    hit = watch.wait_for(
        [&](const FsWatch::Event& e) {
          // Watch new generation folders as they appear.
          if ((e.mask & IN_CREATE) && (e.mask & IN_ISDIR) && (is_gen(e.name) || in_gen(e.dir / e.name)))
            watch.add(e.dir / e.name);
          return phase.due(watch, e);
        },
        std::chrono::minutes(2), [&] { return !build.running(); });
  }
  bool killed = hit && build.kill();
  if (!killed) build.wait();
  log += "fault_kill_test: " + phase.name + ": " +
         (killed ? "killed" : "finished first (exit " + std::to_string(build.status()) + ")") + "\n";
  return killed;
}

// The checks after every kill: the folder opens, check passes, and it holds a
// whole index (one of the two nights when `whole` says so).
Contents expect_sound(const fs::path& db, const std::vector<const Contents*>& whole,
                      const std::set<std::string>& allowed_ids) {
  auto check = check_db(db);
  INFO("check: " << check.out << check.err);
  CHECK(check.exit_code == 0);
  Contents now = contents(db);
  INFO("now: " << describe(now));
  if (!whole.empty()) {
    bool one_of = false;
    for (const auto* c : whole) one_of |= now == *c;
    CHECK(one_of);
  }
  for (const auto& id : now.ids) {
    INFO(id);
    CHECK(allowed_ids.count(id));
  }
  return now;
}

struct Nights {
  fs::path before = generated_corpus(kPostsBefore, kSeed);
  fs::path after = generated_corpus(kPostsAfter, kSeed);
  TempDir dir{"kill"};
  fs::path site = dir / "site";  // the SOURCE, as cron names it every night
  fs::path db = dir / "db";
  Contents clean_before, clean_after;
  std::set<std::string> all_ids;
  double seconds_to_parse = 1;  // walk + half the parsing of a clean build of tonight's mirror

  Nights() {
    // Clean builds of both nights, each from scratch, as the references.
    replace_tree(after, site);
    auto ref_after = build_index(dir / "ref-after", {site.string()});
    if (ref_after.result.exit_code != 0) throw std::runtime_error(ref_after.result.err);
    clean_after = contents(dir / "ref-after");
    seconds_to_parse = ref_after.report["seconds"]["walk"].get<double>() +
                       ref_after.report["seconds"]["process"].get<double>() / 2;
    replace_tree(before, site);
    auto b = build_index(db, {site.string()});
    if (b.result.exit_code != 0) throw std::runtime_error(b.result.err);
    clean_before = contents(db);
    all_ids = clean_before.ids;
    all_ids.insert(clean_after.ids.begin(), clean_after.ids.end());
    // Tonight's mirror replaces last night's.
    replace_tree(after, site);
  }
};

std::vector<std::string> load_paths() {
  return {"/api/search?q=security+certificates", "/api/search?q=&type=letter&per_page=50",
          "/api/facets", "/healthz", "/api/search?q=letters+to+goodale+about+torture&sort=-date"};
}

// Events after which a phase's file has been written: modify of `file` in a generation folder.
std::function<bool(FsWatch&, const FsWatch::Event&)> modified(const std::string& file) {
  return [file](FsWatch&, const FsWatch::Event& e) {
    return (e.mask & IN_MODIFY) && e.name == file && in_gen(e.dir);
  };
}

// The commit: postlist.glass written once documents have been (before that it
// only holds what Xapian writes when it creates the database).
std::function<bool(FsWatch&, const FsWatch::Event&)> committing() {
  auto docs_written = std::make_shared<bool>(false);
  return [docs_written](FsWatch&, const FsWatch::Event& e) {
    if ((e.mask & IN_MODIFY) && e.name == "docdata.glass") *docs_written = true;
    return *docs_written && (e.mask & IN_MODIFY) && e.name == "postlist.glass";
  };
}

// Xapian's new version file, once documents have been written: the last step of its commit.
std::function<bool(FsWatch&, const FsWatch::Event&)> version_file() {
  auto docs_written = std::make_shared<bool>(false);
  return [docs_written](FsWatch&, const FsWatch::Event& e) {
    if ((e.mask & IN_MODIFY) && e.name == "docdata.glass") *docs_written = true;
    return *docs_written && (e.mask & IN_CREATE) && e.name == "v.tmp";
  };
}

}  // namespace

TEST_CASE("SIGKILL at each phase of a --full rebuild leaves the live index whole and the rerun equals a clean build") {
  Nights n;
  Searchd server(n.db, {"--no-access-log", "--threads", "2"});
  LoadClient load(server.port(), load_paths(), 2, milliseconds(10));
  REQUIRE(load.wait_answers(20));

  // The steps of our own code are killed where the build stops itself; the
  // steps inside Xapian's commit are found by watching the files it writes.
  std::vector<Phase> phases = {
      {"just started (new generation's databases created)", nullptr, -1, "generation"},
      {"parsing", nullptr, n.seconds_to_parse},
      {"writing documents (docdata.glass)", modified("docdata.glass")},
      {"committing (postlist.glass)", committing()},
      {"committing (Xapian's v.tmp)", version_file()},
      {"merging the parts (compaction writing the generation)", nullptr, -1, "merging"},
      {"switching (XAPIANDB.tmp written, not yet renamed)", nullptr, -1, "switching"},
  };
  TempDir reports("kill-reports");
  std::string log;
  int killed = 0;
  int late = 0;
  for (const auto& phase : phases) {
    // Two workers whatever the machine: a full build then writes two parts and merges them.
    auto argv = build_argv(n.db, reports / "r.json", {n.site.string()}, {"--full", "--jobs", "2"});
    bool hit = kill_at(argv, n.db, phase, log);
    killed += hit;
    INFO(log);
    // Before the rename of the stub the live index is last night's; after it, tonight's.
    Contents now = expect_sound(n.db, {&n.clean_before, &n.clean_after}, n.all_ids);
    if (!phase.stop_at.empty()) {
      // Stopped by itself before the rename: the kill cannot come late.
      CHECK(hit);
      CHECK(now == n.clean_before);
    }
    if (now == n.clean_after) {
      // On a loaded machine the signal can land after the rename, or the build
      // can finish before its moment comes: a whole index all the same, but
      // this phase was not interrupted. The next phase must start from last
      // night's index again, or it would find tonight's already live.
      if (hit) {
        ++late;
        log += "  (the kill landed after the switch)\n";
      }
      log += "  (night 1 rebuilt with --full)\n";
      replace_tree(n.before, n.site);
      REQUIRE(build_index(n.db, {n.site.string()}, {"--full"}).result.exit_code == 0);
      REQUIRE(contents(n.db) == n.clean_before);
      replace_tree(n.after, n.site);
    }
    CHECK(load.wait_answers(10));
    INFO(load.bad());
    CHECK(load.not_ok() == 0);
  }
  INFO(log);
  std::cerr << log;
  // Every phase but (on a slow or a fast day) two must really have been interrupted;
  // the ones where the build stops itself always are (checked above).
  CHECK(killed - late >= static_cast<int>(phases.size()) - 2);

  // The rerun: tonight's index, exactly as a clean build gives it.
  auto rerun = build_index(n.db, {n.site.string()}, {"--full"});
  INFO(rerun.result.err);
  REQUIRE(rerun.result.exit_code == 0);
  Contents after = contents(n.db);
  INFO("after: " << describe(after) << "\nclean: " << describe(n.clean_after));
  CHECK(after == n.clean_after);
  CHECK(check_db(n.db).exit_code == 0);
  // The killed builds' generations are gone: the live one and the one before it remain.
  int generations = 0;
  for (const auto& e : fs::directory_iterator(n.db)) generations += is_gen(e.path().filename().string());
  CHECK(generations <= 2);
  CHECK_FALSE(fs::exists(n.db / "XAPIANDB.tmp"));
  // searchd switched to it by itself, and never answered anything but 200.
  auto health = server.get_json("/healthz");
  CHECK(health["documents"] == n.clean_after.ids.size());
  load.stop();
  std::cerr << "fault_kill_test: --full: searchd answered " << load.total() << " requests, "
            << load.not_ok() << " not 2xx\n";
  INFO(load.bad());
  CHECK(load.not_ok() == 0);
  CHECK(load.total() > 100);
}

TEST_CASE("SIGKILL at each phase of an incremental run leaves a sound index and the rerun equals a clean build") {
  Nights n;
  Searchd server(n.db, {"--no-access-log", "--threads", "2"});
  LoadClient load(server.port(), load_paths(), 2, milliseconds(10));
  REQUIRE(load.wait_answers(20));

  std::vector<Phase> phases = {
      {"just started (lock opened)",
       [](FsWatch&, const FsWatch::Event& e) { return (e.mask & IN_OPEN) && e.name == "lock"; }},
      {"parsing", nullptr, n.seconds_to_parse},
      {"writing documents (docdata.glass)", modified("docdata.glass")},
      {"committing (postlist.glass)", committing()},
      {"committing (Xapian's v.tmp)", version_file()},
  };
  TempDir reports("kill-reports");
  std::string log;
  int killed = 0;
  int late = 0;
  for (const auto& phase : phases) {
    auto argv = build_argv(n.db, reports / "r.json", {n.site.string()});
    killed += kill_at(argv, n.db, phase, log);
    INFO(log);
    // An incremental run commits between whole source units: whatever a kill
    // leaves is a sound index of posts from one night or the other.
    Contents now = expect_sound(n.db, {}, n.all_ids);
    CHECK(load.wait_answers(10));
    INFO(load.bad());
    CHECK(load.not_ok() == 0);
    if (!(now == n.clean_before)) {
      // The run got a commit in before the signal (a late kill on a loaded
      // machine): start the next phase from last night's index again, or it
      // would find little left to do.
      ++late;
      log += "  (a commit landed first: night 1 rebuilt with --full)\n";
      replace_tree(n.before, n.site);
      REQUIRE(build_index(n.db, {n.site.string()}, {"--full"}).result.exit_code == 0);
      replace_tree(n.after, n.site);
    }
  }
  INFO(log);
  std::cerr << log;
  CHECK(killed - late >= static_cast<int>(phases.size()) - 1);

  auto rerun = build_index(n.db, {n.site.string()});
  INFO(rerun.result.err);
  REQUIRE(rerun.result.exit_code == 0);
  Contents after = contents(n.db);
  INFO("after: " << describe(after) << "\nclean: " << describe(n.clean_after));
  CHECK(after == n.clean_after);
  CHECK(check_db(n.db).exit_code == 0);
  // A second rerun finds nothing left to do.
  auto again = build_index(n.db, {n.site.string()});
  CHECK(again.report["counts"]["unchanged"] == again.report["counts"]["sources"]);
  CHECK(again.report["documents"]["added"] == 0);
  load.stop();
  std::cerr << "fault_kill_test: incremental: searchd answered " << load.total() << " requests, "
            << load.not_ok() << " not 2xx\n";
  INFO(load.bad());
  CHECK(load.not_ok() == 0);
  CHECK(server.get_json("/healthz")["documents"] == n.clean_after.ids.size());
}
