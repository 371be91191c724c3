// fault_load_test.cpp — dossier-searchd under a steady load (loopback only:
// wrk when it is installed, and a test client of our own that records every
// answer) while the nightly jobs run underneath: a --full rebuild that
// switches the stub, then an incremental run that commits into the live
// generation. Not one answer may be other than 2xx, the document count seen by
// /healthz only ever moves from one whole index to the next, and the new
// posts are served as soon as each build ends.
#include <catch2/catch.hpp>

#include <iostream>

#include "fault_support.h"

using namespace dossier::test;
using namespace dossier::test::fault;
using nlohmann::json;

namespace {

std::set<std::string> label_ids(const fs::path& corpus_dir) {
  std::set<std::string> out;
  for (const auto& l : json::parse(slurp(corpus_dir / "labels.json"))) out.insert(l["id"].get<std::string>());
  return out;
}

std::vector<std::string> load_paths() {
  return {"/api/search?q=security+certificates",
          "/api/search?q=letters+to+goodale+about+torture&sort=-date",
          "/api/search?q=&type=letter&per_page=50",
          "/api/search?q=csis&topic=surveillance&format=csv",
          "/api/facets",
          "/healthz",
          "/api/search?q=extradition&format=atom"};
}

// wrk on loopback, for as long as the test needs (stopped with SIGINT, which makes it report).
struct Wrk {
  std::unique_ptr<Process> process;
  TempDir dir{"wrk"};
  explicit Wrk(int port) {
    const char* candidates[] = {"/usr/bin/wrk", "/usr/local/bin/wrk"};
    std::string binary;
    for (const char* c : candidates)
      if (::access(c, X_OK) == 0) binary = c;
    if (binary.empty()) return;
    std::string script = "local paths = {";
    for (const auto& p : load_paths()) script += "\"" + p + "\",";
    script +=
        "}\nlocal i = 0\nrequest = function()\n  i = i + 1\n"
        "  return wrk.format(\"GET\", paths[(i % #paths) + 1])\nend\n";
    spit(dir / "paths.lua", script);
    process = std::make_unique<Process>(std::vector<std::string>{
        binary, "-t1", "-c4", "-d600s", "--timeout", "20s", "-s", (dir / "paths.lua").string(),
        "http://127.0.0.1:" + std::to_string(port) + "/"});
  }
  bool running() const { return process != nullptr; }
  // Stops wrk and returns its report.
  std::string finish() {
    if (!process) return "";
    ::kill(process->pid(), SIGINT);
    process->wait(std::chrono::seconds(30));
    return process->out() + process->err();
  }
};

// Follows what searchd says while a build runs: the document count of
// /healthz and whether some posts new to the archive are served yet.
class Watcher {
 public:
  Watcher(const Searchd& server, std::vector<std::string> new_ids) : server_(server), ids_(std::move(new_ids)) {
    thread_ = std::thread([this] {
      while (!stop_) {
        auto [status, body] = server_.get("/healthz");
        if (status == 200) {
          std::size_t docs = json::parse(body)["documents"].get<std::size_t>();
          std::lock_guard lock(mu_);
          if (counts_.empty() || counts_.back() != docs) counts_.push_back(docs);
        }
        for (const auto& id : ids_) {
          int s = server_.get("/api/doc/" + id).first;
          std::lock_guard lock(mu_);
          if (s == 200) served_.insert(id);
          if (s == 404 && served_.count(id)) lost_.insert(id);  // served, then gone again
        }
        std::this_thread::sleep_for(milliseconds(20));
      }
    });
  }
  ~Watcher() { stop(); }
  void stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  std::vector<std::size_t> counts() {
    std::lock_guard lock(mu_);
    return counts_;
  }
  std::set<std::string> lost() {
    std::lock_guard lock(mu_);
    return lost_;
  }

 private:
  const Searchd& server_;
  std::vector<std::string> ids_;
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::vector<std::size_t> counts_;
  std::set<std::string> served_, lost_;
  std::thread thread_;
};

}  // namespace

TEST_CASE("searchd under load while a --full rebuild and an incremental run happen answers only 2xx and serves the new posts") {
  fs::path night1 = generated_corpus(600, 11), night2 = generated_corpus(800, 11),
           night3 = generated_corpus(1000, 11);
  TempDir dir("load");
  fs::path site = dir / "site", db = dir / "db";
  replace_tree(night1, site);
  auto first = build_index(db, {site.string()});
  REQUIRE(first.result.exit_code == 0);
  std::size_t docs1 = stored_docs(db).size();

  Searchd server(db, {"--no-access-log", "--threads", "2"});
  Wrk wrk(server.port());
  LoadClient load(server.port(), load_paths(), 2);
  REQUIRE(load.wait_answers(20));

  // Night 2: a --full rebuild, switched in by renaming the stub.
  auto ids1 = label_ids(night1), ids2 = label_ids(night2), ids3 = label_ids(night3);
  std::vector<std::string> new2, new3;
  for (const auto& id : ids2)
    if (!ids1.count(id) && new2.size() < 4) new2.push_back(id);
  for (const auto& id : ids3)
    if (!ids2.count(id) && new3.size() < 4) new3.push_back(id);
  std::vector<std::string> watched = new2;
  watched.insert(watched.end(), new3.begin(), new3.end());
  Watcher watcher(server, watched);

  replace_tree(night2, site);
  auto full = build_index(db, {site.string()}, {"--full"});
  INFO(full.result.err);
  REQUIRE(full.result.exit_code == 0);
  auto docs_after_full = stored_docs(db);
  // The new posts are served at once (each request checks the stub).
  for (const auto& id : new2) {
    if (!docs_after_full.count(id)) continue;
    INFO("new post " << id << " after the --full switch");
    CHECK(server.get("/api/doc/" + id).first == 200);
  }
  CHECK(server.get_json("/healthz")["documents"] == docs_after_full.size());
  CHECK(load.wait_answers(20));

  // Night 3: an incremental run, committing into the live generation.
  replace_tree(night3, site);
  auto inc = build_index(db, {site.string()});
  INFO(inc.result.err);
  REQUIRE(inc.result.exit_code == 0);
  auto docs_after_inc = stored_docs(db);
  for (const auto& id : new3) {
    if (!docs_after_inc.count(id)) continue;
    INFO("new post " << id << " after the incremental run");
    CHECK(server.get("/api/doc/" + id).first == 200);
  }
  CHECK(server.get_json("/healthz")["documents"] == docs_after_inc.size());
  CHECK(load.wait_answers(20));

  watcher.stop();
  load.stop();
  std::string wrk_report = wrk.finish();

  // /healthz saw whole indexes only, in order: night 1, night 2, night 3.
  auto counts = watcher.counts();
  std::string seen;
  for (auto c : counts) seen += std::to_string(c) + " ";
  INFO("document counts seen: " << seen);
  std::vector<std::size_t> expected = {docs1, docs_after_full.size(), docs_after_inc.size()};
  expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
  CHECK(counts == expected);
  CHECK(watcher.lost().empty());

  // The server is still the one started at the beginning.
  int status = 0;
  bool alive = ::waitpid(server.pid(), &status, WNOHANG) == 0;
  std::string log = server.log();
  INFO("searchd's log ends: " << log.substr(log.size() > 3000 ? log.size() - 3000 : 0));
  CHECK(alive);
  if (!alive) std::cerr << "fault_load_test: searchd died: status " << status << "\n" << log;
  auto statuses = load.counts();
  std::string summary;
  for (const auto& [s, n] : statuses) summary += std::to_string(s) + ": " + std::to_string(n) + "  ";
  std::cerr << "fault_load_test: test client answers by status: " << summary << "\n";
  INFO("test client: " << summary << "\n" << load.bad());
  CHECK(load.not_ok() == 0);
  CHECK(load.total() > 200);
  if (wrk.running()) {
    std::cerr << "fault_load_test: wrk:\n" << wrk_report;
    INFO("wrk:\n" << wrk_report);
    CHECK(wrk_report.find("requests in") != std::string::npos);
    CHECK(wrk_report.find("Non-2xx") == std::string::npos);
    CHECK(wrk_report.find("Socket errors") == std::string::npos);
  } else {
    WARN("wrk is not installed: the test client alone made the load");
  }
}
