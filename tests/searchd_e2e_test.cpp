// searchd_e2e_test.cpp — the real dossier-searchd on a loopback port over the
// sample archive: the example queries of issue 5, facet counts against filtered
// queries, CSV and Atom against JSON, bad parameters, and serving while the
// index is rebuilt underneath.
#include <catch2/catch.hpp>

#include <expat.h>

#include <fstream>

#include <atomic>
#include <set>
#include <sstream>
#include <thread>

#include "support.h"

using namespace dossier::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

fs::path corpus() { return source_dir() / "corpus"; }

struct Served {
  TempDir dir{"e2e-searchd"};
  std::unique_ptr<Searchd> server;
  Served() {
    auto b = build_index(dir / "db", {(corpus() / "mirror").string()});
    if (b.result.exit_code != 0) throw std::runtime_error("build failed: " + b.result.err);
    server = std::make_unique<Searchd>(dir / "db", std::vector<std::string>{"--no-access-log"});
  }
};

Served& served() {
  static Served s;
  return s;
}

json search(const std::string& query_string) {
  return served().server->get_json("/api/search?" + query_string);
}

std::set<std::string> ids(const json& answer) {
  std::set<std::string> out;
  for (const auto& r : answer["results"]) out.insert(r["id"].get<std::string>());
  return out;
}

std::vector<std::string> values(const json& filters, const std::string& facet) {
  if (!filters.contains(facet)) return {};
  return filters[facet].get<std::vector<std::string>>();
}

// Every stored post, as the index holds it.
const std::map<std::string, json>& stored() {
  static auto docs = stored_docs(served().dir / "db");
  return docs;
}

std::set<std::string> stored_where(const std::function<bool(const json&)>& pred) {
  std::set<std::string> out;
  for (const auto& [id, d] : stored())
    if (pred(d)) out.insert(id);
  return out;
}

bool has(const json& list, const std::string& v) {
  for (const auto& x : list)
    if (x == v) return true;
  return false;
}

// Parses XML with expat; returns the text of every element named `name`.
std::vector<std::string> xml_texts(const std::string& xml, const std::string& name, bool& ok) {
  struct State {
    std::string name, current;
    bool inside = false;
    std::vector<std::string> out;
  } st{name, "", false, {}};
  XML_Parser p = XML_ParserCreate("UTF-8");
  XML_SetUserData(p, &st);
  XML_SetElementHandler(
      p,
      [](void* u, const XML_Char* el, const XML_Char**) {
        auto* s = static_cast<State*>(u);
        if (s->name == el) {
          s->inside = true;
          s->current.clear();
        }
      },
      [](void* u, const XML_Char* el) {
        auto* s = static_cast<State*>(u);
        if (s->name == el && s->inside) {
          s->out.push_back(s->current);
          s->inside = false;
        }
      });
  XML_SetCharacterDataHandler(p, [](void* u, const XML_Char* t, int n) {
    auto* s = static_cast<State*>(u);
    if (s->inside) s->current.append(t, n);
  });
  ok = XML_Parse(p, xml.data(), static_cast<int>(xml.size()), 1) == XML_STATUS_OK;
  XML_ParserFree(p);
  return st.out;
}

std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  rows.back().clear();
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(field);
      field.clear();
    } else if (c == '\n') {
      rows.back().push_back(field);
      field.clear();
      rows.emplace_back();
    } else if (c != '\r') {
      field += c;
    }
  }
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

}  // namespace

TEST_CASE("all letters about security certificates: exactly those letters, Harkat first") {
  json a = search("q=" + url_encode("all letters about security certificates") + "&per_page=50");
  CHECK(values(a["interpreted"]["filters"], "type") == std::vector<std::string>{"letter"});
  CHECK(values(a["interpreted"]["filters"], "topic") ==
        std::vector<std::string>{"security-certificates"});
  auto want = stored_where([](const json& d) {
    return d["type"] == "letter" && has(d["topics"], "security-certificates");
  });
  CHECK(want.size() >= 3);
  CHECK(ids(a) == want);
  CHECK(a["total"] == want.size());
  REQUIRE(!a["results"].empty());
  CHECK(a["results"][0]["title"].get<std::string>().find("Harkat") != std::string::npos);
}

TEST_CASE("the example queries give the expected filters and documents") {
  struct Case {
    std::string q;
    std::map<std::string, std::vector<std::string>> filters;
    std::function<bool(const json&)> expected;
  };
  auto year_in = [](const json& d, int lo, int hi) {
    if (!d["date"].is_string()) return false;
    int y = std::stoi(d["date"].get<std::string>().substr(0, 4));
    return y >= lo && y <= hi;
  };
  std::vector<Case> cases = {
      {"letters to Goodale about torture in 2018",
       {{"type", {"letter"}}, {"minister", {"Ralph Goodale"}}, {"topic", {"torture"}}},
       [&](const json& d) {
         return d["type"] == "letter" && has(d["ministers"], "Ralph Goodale") &&
                has(d["topics"], "torture") && year_in(d, 2018, 2018);
       }},
      {"press releases on the no-fly list since 2016",
       {{"type", {"press-release"}}, {"topic", {"no-fly-list"}}},
       [&](const json& d) {
         return d["type"] == "press-release" && has(d["topics"], "no-fly-list") &&
                year_in(d, 2016, 9999);
       }},
      {"statements by Amnesty", {{"type", {"statement"}}},
       [&](const json& d) {
         bool amnesty = false;
         for (const auto& o : d["orgs"])
           amnesty |= o.get<std::string>().find("Amnesty") != std::string::npos ||
                      o.get<std::string>().find("Amnistie") != std::string::npos;
         return d["type"] == "statement" && amnesty;
       }},
      {"lettres sur les certificats de sécurité",
       {{"type", {"letter"}}, {"topic", {"security-certificates"}}},
       [&](const json& d) {
         return d["type"] == "letter" && has(d["topics"], "security-certificates");
       }},
  };
  for (const auto& c : cases) {
    INFO(c.q);
    json a = search("q=" + url_encode(c.q) + "&per_page=100");
    for (const auto& [facet, vals] : c.filters)
      CHECK(values(a["interpreted"]["filters"], facet) == vals);
    auto want = stored_where(c.expected);
    if (want.empty()) {
      CHECK(a.value("fallback", false));
    } else {
      CHECK(ids(a) == want);
    }
  }
  json since = search("q=" + url_encode("press releases on the no-fly list since 2016"));
  CHECK(since["interpreted"]["from"] == "2016-01-01");
  json amnesty = search("q=" + url_encode("statements by Amnesty"));
  CHECK(has(amnesty["interpreted"]["filters"]["org"], "Amnesty International Canada"));
}

TEST_CASE("facet counts equal the totals of the filtered queries") {
  json all = search("q=&per_page=1");
  CHECK(all["total"] == stored().size());
  for (const std::string facet : {"type", "minister", "org", "topic", "year", "lang"}) {
    for (const auto& v : all["facets"][facet]) {
      json one = search(facet + "=" + url_encode(v["value"]) + "&per_page=1");
      INFO(facet << "=" << v["value"]);
      CHECK(one["total"] == v["count"]);
    }
  }
  // Within a query, and multi-select: a chosen minister leaves the others' counts.
  json q = search("q=" + url_encode("refugees") + "&per_page=1");
  json chosen = search("q=" + url_encode("refugees") + "&minister=" + url_encode("Justin Trudeau") +
                       "&per_page=1");
  for (const auto& v : q["facets"]["minister"]) {
    bool found = false;
    for (const auto& w : chosen["facets"]["minister"])
      if (w["value"] == v["value"]) found = w["count"] == v["count"];
    INFO(v["value"]);
    CHECK(found);
  }
  for (const auto& v : chosen["facets"]["type"]) {
    json both = search("q=" + url_encode("refugees") + "&minister=" + url_encode("Justin Trudeau") +
                       "&type=" + url_encode(v["value"]) + "&per_page=1");
    CHECK(both["total"] == v["count"]);
  }
}

TEST_CASE("CSV and Atom hold the same documents as JSON") {
  std::string qs = "q=" + url_encode("torture");
  json j = search(qs + "&per_page=100");
  auto [status, csv] = served().server->get("/api/search?" + qs + "&format=csv");
  REQUIRE(status == 200);
  auto rows = parse_csv(csv);
  REQUIRE(rows.size() >= 2);
  CHECK(rows[0][0] == "id");
  std::set<std::string> csv_ids;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    CHECK(rows[i].size() == rows[0].size());
    csv_ids.insert(rows[i][0]);
  }
  CHECK(csv_ids == ids(j));

  auto [astatus, atom] = served().server->get("/api/search?" + qs + "&format=atom&per_page=100");
  REQUIRE(astatus == 200);
  bool ok = false;
  auto entry_ids = xml_texts(atom, "id", ok);
  REQUIRE(ok);
  std::set<std::string> atom_ids;
  for (const auto& id : entry_ids)
    if (id.rfind("urn:dossier:", 0) == 0) atom_ids.insert(id.substr(12));
  CHECK(atom_ids == ids(j));
  // Newest first: the dated entries' <published> dates descend (undated ones come last).
  auto published = xml_texts(atom, "published", ok);
  CHECK(published.size() >= 2);
  CHECK(std::is_sorted(published.rbegin(), published.rend()));
}

TEST_CASE("documents, facets, health and metrics") {
  json any = search("q=Harkat&per_page=1");
  REQUIRE(any["total"].get<int>() >= 1);
  std::string id = any["results"][0]["id"];
  json doc = served().server->get_json("/api/doc/" + id + "?q=Harkat");
  CHECK(doc["id"] == id);
  CHECK(doc["body"].get<std::string>().size() > 200);
  CHECK(doc["body_html"].get<std::string>().find("<mark>Harkat</mark>") != std::string::npos);
  CHECK(doc["urls"].size() >= 1);
  CHECK(served().server->get("/api/doc/0000000000000000").first == 404);
  CHECK(served().server->get("/api/doc/..%2F..%2Fetc%2Fpasswd").first == 404);
  json facets = served().server->get_json("/api/facets");
  CHECK(facets["facets"]["type"].size() >= 5);
  json health = served().server->get_json("/healthz");
  CHECK(health["status"] == "ok");
  CHECK(health["documents"] == stored().size());
  auto [ms, metrics] = served().server->get("/metrics");
  CHECK(ms == 200);
  CHECK(metrics.find("dossier_requests_total{route=\"search\",code=\"200\"}") != std::string::npos);
  CHECK(metrics.find("dossier_request_duration_seconds_bucket") != std::string::npos);
  auto [hs, html] = served().server->get("/");
  CHECK(hs == 200);
  CHECK(html.find("<html") != std::string::npos);
  // The OpenSearch description carries absolute templates (browsers need them).
  auto [os, xml] = served().server->get("/opensearch.xml");
  CHECK(os == 200);
  CHECK(xml.find("template=\"http://127.0.0.1:" + std::to_string(served().server->port()) +
                 "/?q={searchTerms}\"") != std::string::npos);
  CHECK(xml.find("template=\"/") == std::string::npos);
}

TEST_CASE("bad parameters get 400 with a message, limits hold") {
  auto expect = [](const std::string& qs, int status) {
    auto [s, body] = served().server->get("/api/search?" + qs);
    INFO(qs << " -> " << body);
    CHECK(s == status);
    if (s >= 400) {
      auto j = json::parse(body, nullptr, false);
      REQUIRE(j.is_object());
      CHECK(!j["error"]["message"].get<std::string>().empty());
    }
  };
  expect("q=x&sort=sideways", 400);
  expect("q=x&page=0", 400);
  expect("q=x&page=abc", 400);
  expect("q=x&page=1000000000", 400);
  expect("q=x&per_page=1000000", 400);
  expect("q=x&format=pdf", 400);
  expect("q=x&from=yesterday", 400);
  expect("q=x&year=20x8", 400);
  expect("q=" + std::string(2000, 'a'), 413);
  expect("q=%FF%FE", 400);
  std::string many;
  for (int i = 0; i < 500; ++i) many += "&type=t" + std::to_string(i);
  expect("q=x" + many, 400);
  expect("q=%22unbalanced", 200);
  expect("q=" + url_encode("AND OR NOT ((("), 200);
  auto [s, body] = served().server->get("/api/search?q=" + std::string(9000, 'a'));
  CHECK(s >= 400);
  CHECK(s < 500);
}

TEST_CASE("every request during rebuilds underneath gets a good answer") {
  TempDir dir("e2e-switch");
  fs::path mirror = dir / "mirror";
  copy_tree(corpus() / "mirror", mirror);
  REQUIRE(build_index(dir / "db", {mirror.string()}).result.exit_code == 0);
  Searchd server(dir / "db", {"--no-access-log"});
  std::atomic<bool> stop{false};
  std::atomic<int> requests{0}, bad{0};
  std::string last_bad;
  std::vector<std::thread> clients;
  for (int t = 0; t < 3; ++t)
    clients.emplace_back([&, t] {
      const char* queries[] = {"/api/search?q=torture", "/api/search?q=&type=letter",
                               "/api/search?q=" "all%20letters%20about%20security%20certificates"};
      while (!stop) {
        auto [s, body] = server.get(queries[(requests + t) % 3]);
        ++requests;
        if (s != 200) {
          ++bad;
          last_bad = std::to_string(s) + " " + body;
        }
      }
    });
  for (int i = 0; i < 3; ++i) {
    CHECK(build_index(dir / "db", {mirror.string()}, {"--full"}).result.exit_code == 0);
    // An incremental run with a new post in between.
    fs::path extra = mirror / "iclmg.ca" / "2031" / "01" / std::to_string(i) / "index.html";
    fs::create_directories(extra.parent_path());
    std::ofstream(extra) << "<html><head><title>Extra post " << i
                         << "</title></head><body><nav><a href=\"/\">Home</a></nav><article><h1>Extra post "
                         << i << "</h1><p>A zanzibarian notice, number " << i
                         << ", about the switch of the index while it is served.</p><p>The coalition "
                            "wrote to the minister again this week, asking for answers on the "
                            "questions it raised in the spring, and it will publish the reply.</p>"
                            "<p>Members are invited to the annual meeting in Ottawa, where the "
                            "report on national security law will be discussed.</p></article>"
                            "<footer>Footer</footer></body></html>";
    CHECK(build_index(dir / "db", {mirror.string()}).result.exit_code == 0);
  }
  stop = true;
  for (auto& c : clients) c.join();
  INFO(last_bad);
  INFO(server.log());
  CHECK(requests > 10);
  CHECK(bad == 0);
  // The new documents are served after the switch, without a restart.
  json after = server.get_json("/api/search?q=zanzibarian");
  CHECK(after["total"] == 3);
}
