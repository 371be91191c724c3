// index_e2e_test.cpp — dossier-index on the bundled sample archive, through the
// real binary: the document set equals corpus/labels.json, facet filters find
// the right posts, a rerun writes nothing, edits/additions/deletions give the
// right changes, and the WARC capture gives the same documents as the mirror.
#include <catch2/catch.hpp>

#include <xapian.h>

#include <fstream>
#include <regex>
#include <set>

#include "indexer/identity.h"
#include "schema/schema.h"
#include "support.h"

using namespace dossier;
using namespace dossier::test;
namespace fs = std::filesystem;

namespace {

fs::path corpus() { return source_dir() / "corpus"; }
fs::path mirror() { return corpus() / "mirror"; }

std::set<std::string> keys_of(const std::map<std::string, nlohmann::json>& m) {
  std::set<std::string> out;
  for (const auto& [k, v] : m) out.insert(k);
  return out;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void spit(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

// The one build of the sample mirror most tests read (built once per process).
const fs::path& mirror_db() {
  static TempDir dir("e2e-mirror");
  static bool built = false;
  if (!built) {
    auto b = build_index(dir / "db", {mirror().string()});
    INFO(b.result.err);
    REQUIRE(b.result.exit_code == 0);
    built = true;
  }
  static fs::path db = dir / "db";
  return db;
}

}  // namespace

TEST_CASE("the sample mirror gives exactly the labelled posts, each once") {
  auto docs = stored_docs(mirror_db());
  auto want = labels(corpus() / "labels.json");
  CHECK(keys_of(docs) == keys_of(want));
  for (const auto& [id, label] : want) {
    if (!docs.count(id)) continue;
    const auto& d = docs.at(id);
    CHECK(indexer::normalize_url(d["url"].get<std::string>()) ==
          indexer::normalize_url(label["url"].get<std::string>()));
    // Every page the label says the post appears at is among the URLs kept.
    std::set<std::string> seen;
    for (const auto& s : d["seen"]) seen.insert(indexer::normalize_url(s["url"].get<std::string>()));
    for (const auto& u : label["also_at"]) {
      INFO(label["url"] << " also at " << u);
      CHECK(seen.count(indexer::normalize_url(u.get<std::string>())) == 1);
    }
    CHECK(d["title"] == label["title"]);
  }
}

TEST_CASE("each facet term finds exactly the posts whose record holds the value") {
  Xapian::Database db((mirror_db() / "XAPIANDB").string());
  auto docs = stored_docs(mirror_db());
  using schema::Facet;
  std::map<std::string, std::set<std::string>> expected;  // term -> ids
  for (const auto& [id, d] : docs) {
    expected[schema::facet_term(Facet::kType, d["type"].get<std::string>())].insert(id);
    expected[schema::facet_term(Facet::kLang, d["lang"].get<std::string>())].insert(id);
    for (const auto& m : d["ministers"]) expected[schema::facet_term(Facet::kMinister, m.get<std::string>())].insert(id);
    for (const auto& o : d["orgs"]) expected[schema::facet_term(Facet::kOrg, o.get<std::string>())].insert(id);
    for (const auto& t : d["topics"]) expected[schema::facet_term(Facet::kTopic, t.get<std::string>())].insert(id);
    std::string year = d["date"].is_string() ? d["date"].get<std::string>().substr(0, 4) : "undated";
    expected[schema::facet_term(Facet::kYear, year)].insert(id);
  }
  REQUIRE(expected.size() > 40);
  for (const auto& [term, ids] : expected) {
    std::set<std::string> found;
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it)
      found.insert(schema::decode_doc_data(db.get_document(*it).get_data()).id);
    INFO(term);
    CHECK(found == ids);
  }
}

TEST_CASE("facet filters find the labelled posts (precision and recall per facet)") {
  Xapian::Database db((mirror_db() / "XAPIANDB").string());
  auto want = labels(corpus() / "labels.json");
  using schema::Facet;
  std::map<Facet, std::map<std::string, std::set<std::string>>> by_value;
  for (const auto& [id, l] : want) {
    by_value[Facet::kType][l["type"]].insert(id);
    by_value[Facet::kLang][l["lang"]].insert(id);
    for (const auto& m : l["ministers"]) by_value[Facet::kMinister][m].insert(id);
    for (const auto& o : l["orgs"]) by_value[Facet::kOrg][o].insert(id);
    for (const auto& t : l["topics"]) by_value[Facet::kTopic][t].insert(id);
    by_value[Facet::kYear][l["date"].is_string() ? l["date"].get<std::string>().substr(0, 4)
                                                 : std::string("undated")]
        .insert(id);
  }
  for (const auto& [facet, values] : by_value) {
    std::size_t tp = 0, fp = 0, fn = 0;
    for (const auto& [value, ids] : values) {
      std::string term = schema::facet_term(facet, value);
      std::set<std::string> found;
      for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it)
        found.insert(schema::decode_doc_data(db.get_document(*it).get_data()).id);
      for (const auto& id : found) (ids.count(id) ? tp : fp)++;
      for (const auto& id : ids) fn += !found.count(id);
    }
    double precision = tp + fp ? double(tp) / (tp + fp) : 1, recall = tp + fn ? double(tp) / (tp + fn) : 1;
    INFO(schema::facet_name(facet) << ": precision " << precision << ", recall " << recall);
    CHECK(precision >= 0.95);
    CHECK(recall >= 0.95);
  }
}

TEST_CASE("a rerun over unchanged sources writes nothing") {
  TempDir dir("e2e-rerun");
  auto first = build_index(dir / "db", {mirror().string()});
  REQUIRE(first.result.exit_code == 0);
  auto revisions = [&] {
    auto stats = run({index_binary().string(), "stats", "--db", (dir / "db").string()});
    return nlohmann::json::parse(stats.out)["revisions"];
  };
  Xapian::Database before((dir / "db" / "XAPIANDB").string());
  auto revisions_before = revisions();
  REQUIRE(!revisions_before.empty());
  auto second = build_index(dir / "db", {mirror().string()});
  REQUIRE(second.result.exit_code == 0);
  CHECK(second.report["counts"]["unchanged"] == second.report["counts"]["sources"]);
  CHECK(second.report["counts"]["new"] == 0);
  CHECK(second.report["documents"]["added"] == 0);
  CHECK(second.report["documents"]["updated"] == 0);
  Xapian::Database after((dir / "db" / "XAPIANDB").string());
  // The only commit of a no-change run records nothing but the source states.
  CHECK(after.get_doccount() == before.get_doccount());
  auto revisions_after = revisions();
  for (const auto& [shard, rev] : revisions_before.items())
    CHECK(revisions_after[shard].get<int>() <= rev.get<int>() + 1);
}

TEST_CASE("editing, adding and deleting files gives the right changes") {
  TempDir dir("e2e-edit");
  fs::path m = dir / "mirror";
  copy_tree(mirror(), m);
  auto want = labels(corpus() / "labels.json");
  auto first = build_index(dir / "db", {m.string()});
  INFO(first.result.err);
  REQUIRE(first.result.exit_code == 0);
  auto docs = stored_docs(dir / "db");

  // Pick a letter whose own page holds its title.
  std::string id, source;
  for (const auto& [i, l] : want)
    if (l["type"] == "letter" && l["lang"] == "en") {
      id = i;
      source = l["source"];
      break;
    }
  REQUIRE(!id.empty());
  fs::path page = dir / fs::path(source).lexically_relative("corpus");
  REQUIRE(fs::exists(page));
  std::string html = slurp(page);
  std::string title = want[id]["title"];

  SECTION("an edit that keeps size and mtime is still seen") {
    auto mtime = fs::last_write_time(page);
    std::string edited = html;
    auto at = edited.find("</p>");
    REQUIRE(at != std::string::npos);
    // Same length: swap two letters of the first paragraph's last word.
    std::swap(edited[at - 2], edited[at - 3]);
    REQUIRE(edited.size() == html.size());
    spit(page, edited);
    fs::last_write_time(page, mtime);
    auto b = build_index(dir / "db", {m.string()});
    CHECK(b.report["counts"]["changed"] == 1);
    CHECK(b.report["documents"]["updated"].get<int>() >= 1);
  }
  SECTION("a new post is added, then deleted") {
    fs::path copy = m / "iclmg.ca" / "2030" / "01" / "01" / "a-new-letter" / "index.html";
    std::string text = std::regex_replace(html, std::regex(title.substr(0, 20)), "Brand new letter on");
    // New words too: the same text under another URL would be the same post.
    auto p = text.find("<p>");
    REQUIRE(p != std::string::npos);
    text.insert(p + 3, "This paragraph was added to make a new post of an old one. ");
    // Its own canonical URL.
    text = std::regex_replace(text, std::regex("https://iclmg\\.ca/[0-9]{4}/[0-9]{2}/[0-9]{2}/[a-z0-9-]+/"),
                              "https://iclmg.ca/2030/01/01/a-new-letter/");
    spit(copy, text);
    auto b = build_index(dir / "db", {m.string()});
    CHECK(b.report["counts"]["new"] == 1);
    auto after = stored_docs(dir / "db");
    CHECK(after.size() == docs.size() + 1);
    std::string new_id = indexer::post_id_for_url("https://iclmg.ca/2030/01/01/a-new-letter/");
    REQUIRE(after.count(new_id));
    fs::remove(copy);
    auto c = build_index(dir / "db", {m.string()});
    CHECK(c.report["counts"]["removed"] == 1);
    CHECK(stored_docs(dir / "db").size() == docs.size());
  }
  SECTION("a deleted post page: the post stays while a listing page still shows it") {
    fs::remove(page);
    auto b = build_index(dir / "db", {m.string()});
    CHECK(b.report["counts"]["removed"] == 1);
    auto after = stored_docs(dir / "db");
    REQUIRE(after.count(id));
    for (const auto& s : after[id]["seen"]) CHECK(s["url"] != want[id]["url"]);
  }
  SECTION("a listing page touched (same content, new time), then deleted, no longer shows the post") {
    std::string listing_url = want[id]["also_at"][0];
    REQUIRE(listing_url.rfind("https://", 0) == 0);
    fs::path listing = m / listing_url.substr(8) / "index.html";
    REQUIRE(fs::exists(listing));
    auto seen_at = [&](const std::string& url) {
      auto now = stored_docs(dir / "db");
      REQUIRE(now.count(id));
      for (const auto& s : now[id]["seen"])
        if (s["url"] == url) return true;
      return false;
    };
    REQUIRE(seen_at(listing_url));
    fs::last_write_time(listing, fs::last_write_time(listing) + std::chrono::hours(1));
    auto touched = build_index(dir / "db", {m.string()});
    CHECK(touched.report["counts"]["unchanged"] == touched.report["counts"]["sources"]);
    CHECK(touched.report["documents"]["updated"] == 0);
    CHECK(seen_at(listing_url));
    fs::remove(listing);
    auto b = build_index(dir / "db", {m.string()});
    CHECK(b.report["counts"]["removed"] == 1);
    CHECK_FALSE(seen_at(listing_url));
    CHECK(seen_at(want[id]["url"]));
  }
  SECTION("a removed SOURCE folder that is missing removes nothing") {
    fs::rename(m, dir / "elsewhere");
    auto b = build_index(dir / "db", {m.string()});
    CHECK(b.result.exit_code == 1);
    CHECK(stored_docs(dir / "db").size() == docs.size());
  }
}

TEST_CASE("a full build that commits every few posts gives the same documents as one that commits once") {
  // Large archives are written in batches; listing-page sightings of posts an
  // earlier batch wrote are gathered and written at the end. Three posts per
  // batch puts most sightings after their post's commit.
  TempDir dir("e2e-batches");
  ::setenv("DOSSIER_COMMIT_EVERY", "3", 1);
  auto batched = build_index(dir / "db", {mirror().string(), (corpus() / "warc").string()}, {"--full"});
  ::unsetenv("DOSSIER_COMMIT_EVERY");
  INFO(batched.result.err);
  REQUIRE(batched.result.exit_code == 0);
  auto once = build_index(dir / "once", {mirror().string(), (corpus() / "warc").string()}, {"--full"});
  REQUIRE(once.result.exit_code == 0);
  auto a = stored_docs(dir / "db"), b = stored_docs(dir / "once");
  CHECK(keys_of(a) == keys_of(b));
  for (const auto& [id, doc] : b) {
    INFO(id);
    REQUIRE(a.count(id));
    for (const auto& [field, value] : doc.items()) {
      INFO(field);
      CHECK(a[id][field] == value);
    }
  }
  CHECK(a.size() == labels(corpus() / "labels.json").size());
}

TEST_CASE("a database written with an older schema is rebuilt from scratch, not mixed") {
  TempDir dir("e2e-schema");
  auto first = build_index(dir / "db", {mirror().string()});
  REQUIRE(first.result.exit_code == 0);
  auto before = stored_docs(dir / "db");
  std::string gen;
  for (const auto& e : fs::directory_iterator(dir / "db"))
    if (e.path().filename().string().rfind("gen-", 0) == 0) gen = e.path().filename().string();
  REQUIRE(!gen.empty());
  {
    Xapian::WritableDatabase w((dir / "db" / gen).string(), Xapian::DB_OPEN);
    w.set_metadata(std::string(schema::meta::kSchemaVersion), "1");
    w.commit();
  }
  auto again = build_index(dir / "db", {mirror().string()});
  INFO(again.result.err);
  REQUIRE(again.result.exit_code == 0);
  CHECK(again.result.err.find("was written with schema 1") != std::string::npos);
  CHECK(again.report["counts"]["new"] == again.report["counts"]["sources"]);  // all read again
  Xapian::Database now((dir / "db" / "XAPIANDB").string());
  CHECK(now.get_metadata(std::string(schema::meta::kSchemaVersion)) == schema::kSchemaVersionValue);
  CHECK(keys_of(stored_docs(dir / "db")) == keys_of(before));
}

TEST_CASE("the WARC capture gives the same documents as the mirror") {
  TempDir dir("e2e-warc");
  auto b = build_index(dir / "db", {(corpus() / "warc" / "iclmg-news.warc.gz").string()});
  INFO(b.result.err);
  CHECK(b.result.exit_code == 0);
  auto from_warc = stored_docs(dir / "db");
  auto from_mirror = stored_docs(mirror_db());
  CHECK(keys_of(from_warc) == keys_of(from_mirror));
  for (const auto& [id, d] : from_mirror) {
    if (!from_warc.count(id)) continue;
    CHECK(from_warc[id]["title"] == d["title"]);
    CHECK(from_warc[id]["type"] == d["type"]);
    CHECK(from_warc[id]["date"] == d["date"]);
  }
  CHECK(b.report["counts"]["http_errors"].get<int>() >= 1);
  CHECK(b.report["counts"]["redirects"].get<int>() >= 1);
}

TEST_CASE("check and stats on a built database, delve-compatible layout") {
  auto check = run({index_binary().string(), "check", "--db", mirror_db().string()});
  INFO(check.err);
  CHECK(check.exit_code == 0);
  CHECK(nlohmann::json::parse(check.out)["sound"] == true);
  auto stats = run({index_binary().string(), "stats", "--db", mirror_db().string()});
  REQUIRE(stats.exit_code == 0);
  auto j = nlohmann::json::parse(stats.out);
  CHECK(j["documents"] == labels(corpus() / "labels.json").size());
  CHECK(j["facets"]["type"]["letter"].get<int>() > 10);
  auto missing = run({index_binary().string(), "stats", "--db", "/nonexistent/dossier"});
  CHECK(missing.exit_code == 2);
}

TEST_CASE("a second build on a locked database exits 2 naming the holder") {
  TempDir dir("e2e-lock");
  fs::create_directories(dir / "db");
  // Hold the lock from a child process as a running build would.
  auto holder = run({"/usr/bin/flock", "--nonblock", (dir / "db" / "lock").string(), "-c",
                     index_binary().string() + " build --quiet --db " + (dir / "db").string() + " " +
                         mirror().string() + "; echo $?"});
  INFO(holder.out << holder.err);
  CHECK(holder.out.find("2") != std::string::npos);
  CHECK(holder.err.find("another build holds the lock") != std::string::npos);
}
