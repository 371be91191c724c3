// shards_e2e_test.cpp — one database, three local shards and three remote
// shards (xapian-tcpsrv on loopback) give the same ranked results, totals and
// facet counts; a shard server that stops gives a 503 naming it, and searchd
// recovers when it returns.
#include <catch2/catch.hpp>

#include <fstream>

#include "support.h"

using namespace dossier::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kQueries = {
    "q=torture",
    "q=" + url_encode("all letters about security certificates"),
    "q=" + url_encode("letters to Goodale about torture in 2018"),
    "q=" + url_encode("\"security certificate\""),
    "q=refugees&minister=" + url_encode("Justin Trudeau"),
    "q=&sort=date",
    "q=&sort=-date&type=letter&type=brief",
    "q=" + url_encode("csis OR rcmp") + "&lang=en",
    "q=" + url_encode("lettres sur les certificats de sécurité"),
};

// What must be equal: ids in order, total, every facet's values and counts.
json essentials(const json& answer) {
  json out = {{"total", answer["total"]}, {"ids", json::array()}, {"facets", answer["facets"]}};
  for (const auto& r : answer["results"]) out["ids"].push_back(r["id"]);
  return out;
}

std::string remote_stub(const fs::path& file, const std::vector<int>& ports) {
  std::ofstream out(file);
  out << "# three shards, each served by xapian-tcpsrv\n";
  for (int p : ports) out << "remote tcp 127.0.0.1:" << p << "\n";
  return file.string();
}

}  // namespace

TEST_CASE("one database, three local shards and three remote shards answer alike") {
  TempDir dir("e2e-shards");
  fs::path mirror = source_dir() / "corpus" / "mirror";
  REQUIRE(build_index(dir / "one", {mirror.string()}).result.exit_code == 0);
  auto sharded = build_index(dir / "three", {mirror.string()}, {"--shards", "3"});
  INFO(sharded.result.err);
  REQUIRE(sharded.result.exit_code == 0);
  CHECK(sharded.report["shards"] == 3);
  auto check = run({index_binary().string(), "check", "--db", (dir / "three").string()});
  CHECK(check.exit_code == 0);
  // An incremental run over shards writes nothing when nothing changed.
  auto again = build_index(dir / "three", {mirror.string()});
  CHECK(again.report["counts"]["unchanged"] == again.report["counts"]["sources"]);

  // The shards of the live generation, each behind its own xapian-tcpsrv.
  std::ifstream stub(dir / "three" / "XAPIANDB");
  std::vector<fs::path> shard_paths;
  for (std::string line; std::getline(stub, line);)
    if (line.rfind("auto ", 0) == 0) shard_paths.push_back(dir / "three" / line.substr(5));
  REQUIRE(shard_paths.size() == 3);
  std::vector<int> ports;
  std::vector<std::unique_ptr<Background>> servers;
  for (const auto& p : shard_paths) {
    int port = free_port();
    ports.push_back(port);
    servers.push_back(std::make_unique<Background>(
        std::vector<std::string>{"xapian-tcpsrv", "--port", std::to_string(port), p.string()}));
    REQUIRE(wait_for_port(port));
  }
  std::string remote = remote_stub(dir / "remote.stub", ports);

  Searchd one(dir / "one", {"--no-access-log"});
  Searchd local(dir / "three", {"--no-access-log"});
  Searchd far(remote, {"--no-access-log"});
  for (const auto& q : kQueries) {
    INFO(q);
    json a = one.get_json("/api/search?" + q + "&per_page=100");
    json b = local.get_json("/api/search?" + q + "&per_page=100");
    json c = far.get_json("/api/search?" + q + "&per_page=100");
    CHECK(a["total"].get<int>() > 0);
    CHECK(essentials(a) == essentials(b));
    CHECK(essentials(a) == essentials(c));
    // Snippets come from the stored text: the same everywhere.
    for (std::size_t i = 0; i < a["results"].size() && i < c["results"].size(); ++i)
      CHECK(a["results"][i]["snippet"] == c["results"][i]["snippet"]);
  }
  CHECK(one.get_json("/api/facets") == far.get_json("/api/facets"));
  std::string id = one.get_json("/api/search?q=Harkat")["results"][0]["id"];
  CHECK(one.get_json("/api/doc/" + id)["body"] == far.get_json("/api/doc/" + id)["body"]);
  // Spelling data does not cross xapian-tcpsrv in Xapian 1.4: no suggestion there, no error.
  CHECK(local.get_json("/api/search?q=harkt")["suggestion"] == "harkat");
  CHECK(far.get_json("/api/search?q=harkt")["suggestion"].is_null());

  SECTION("a stopped shard server gives 503 naming it; searchd recovers when it returns") {
    servers[1]->stop();
    auto [status, body] = far.get("/api/search?q=torture");
    CHECK(status == 503);
    CHECK(body.find("127.0.0.1:" + std::to_string(ports[1])) != std::string::npos);
    auto [hstatus, hbody] = far.get("/healthz");
    CHECK(hstatus == 503);
    servers[1] = std::make_unique<Background>(std::vector<std::string>{
        "xapian-tcpsrv", "--port", std::to_string(ports[1]), shard_paths[1].string()});
    REQUIRE(wait_for_port(ports[1]));
    json back = far.get_json("/api/search?q=torture&per_page=100");
    CHECK(essentials(back) == essentials(one.get_json("/api/search?q=torture&per_page=100")));
  }
}
