// writer_test.cpp — "one post, one document": the merge rules and the writer's
// incremental bookkeeping, on a real database in a temporary folder.
#include <catch2/catch.hpp>

#include <filesystem>
#include <random>

#include "indexer/content_hash.h"
#include "indexer/dbdir.h"
#include "indexer/identity.h"
#include "indexer/merge.h"
#include "indexer/writer.h"
#include "schema/analyzer.h"

using namespace dossier;
namespace fs = std::filesystem;

namespace {

fs::path temp_dir(const std::string& tag) {
  fs::path p = fs::temp_directory_path() /
               ("dossier-" + tag + "-" + std::to_string(std::random_device{}()));
  fs::create_directories(p);
  return p;
}

schema::Sighting sighting(std::string url, std::string source, bool full, bool listing,
                          std::size_t length, std::string captured = "") {
  schema::Sighting s;
  s.url = std::move(url);
  s.source = std::move(source);
  s.full = full;
  s.listing = listing;
  s.length = length;
  s.captured = std::move(captured);
  return s;
}

indexer::PostVersion version(const std::string& post_url, const std::string& body,
                             schema::Sighting s, const std::string& title = "A post") {
  indexer::PostVersion v;
  v.doc.url = post_url;
  v.doc.id = indexer::post_id_for_url(post_url);
  v.doc.title = title;
  v.doc.body = body;
  v.doc.type = "letter";
  v.doc.lang = "en";
  v.doc.date = "2018-06-26";
  if (s.full && body.size() >= 20) v.doc.fingerprint = schema::stable_hash_hex(body);
  v.doc.best = s;
  v.doc.seen = {s};
  return v;
}

indexer::UnitResult unit(const std::string& key, std::vector<indexer::PostVersion> posts,
                         const std::string& hash = "h1") {
  indexer::UnitResult r;
  r.key = key;
  r.given = "/root";
  r.hash = hash;
  r.posts = std::move(posts);
  return r;
}

std::vector<schema::StoredDoc> all_docs(Xapian::Database& db) {
  std::vector<schema::StoredDoc> out;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it)
    out.push_back(schema::decode_doc_data(db.get_document(*it).get_data()));
  return out;
}

const std::string kFull =
    "Dear Minister, we write about the deportation of Mohamed Harkat under a security certificate.";

}  // namespace

TEST_CASE("better_sighting: full beats excerpt, own page beats listing, newer capture wins") {
  using indexer::better_sighting;
  auto own = sighting("https://a.org/p/", "s1", true, false, 100);
  auto listing_full = sighting("https://a.org/news/", "s2", true, true, 100);
  auto excerpt = sighting("https://a.org/news/2/", "s3", false, true, 30);
  CHECK(better_sighting(listing_full, excerpt));
  CHECK(better_sighting(own, listing_full));
  CHECK_FALSE(better_sighting(excerpt, own));
  auto old_capture = sighting("https://a.org/p/", "w", true, false, 100, "2018-01-01T00:00:00Z");
  auto new_capture = sighting("https://a.org/p/", "w", true, false, 90, "2019-01-01T00:00:00Z");
  CHECK(better_sighting(new_capture, old_capture));
  // A strict order: never both ways.
  CHECK(better_sighting(own, old_capture) != better_sighting(old_capture, own));
  CHECK(indexer::preferred_url("https://a.org/p/", "https://a.org/?p=12"));
  CHECK(indexer::preferred_url("https://a.org/p/", "https://a.org/p/amp/"));
}

TEST_CASE("a post seen on its page and on listing pages is one document with every URL") {
  fs::path dir = temp_dir("writer");
  {
    Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE);
    indexer::IndexWriter writer(db);
    const std::string url = "https://a.org/2018/06/26/harkat/";
    // The listing's excerpt arrives first, then the full listing copy, then the post's own page.
    writer.apply(unit("/m/news/page/2", {version(url, "Dear Minister, we write", sighting(
                                                  "https://a.org/news/page/2/", "/m/news/page/2",
                                                  false, true, 23))}));
    writer.apply(unit("/m/news/page/4", {version(url, kFull + " (listing copy)",
                                                 sighting("https://a.org/news/page/4/",
                                                          "/m/news/page/4", true, true, 110))}));
    writer.apply(unit("/m/2018/harkat", {version(url, kFull, sighting(url, "/m/2018/harkat", true,
                                                                      false, kFull.size()),
                                                 "Stop the deportation")}));
    writer.finish();
    auto docs = all_docs(db);
    REQUIRE(docs.size() == 1);
    CHECK(docs[0].body == kFull);  // the post's own page wins over the longer listing copy
    CHECK(docs[0].title == "Stop the deportation");
    CHECK(docs[0].seen.size() == 3);
    // Its own page is a term that finds it; a listing page is remembered in its record only.
    CHECK(db.get_termfreq(schema::url_term(indexer::normalize_url(url))) == 1);
    CHECK(db.get_termfreq(schema::url_term(indexer::normalize_url("https://a.org/news/page/4/"))) == 0);

    // The post moves from page 4 to page 5: still one document.
    writer.apply(unit("/m/news/page/4", {}, "h2"));
    writer.apply(unit("/m/news/page/5", {version(url, kFull + " (listing copy)",
                                                 sighting("https://a.org/news/page/5/",
                                                          "/m/news/page/5", true, true, 110))}));
    writer.finish();
    docs = all_docs(db);
    REQUIRE(docs.size() == 1);
    std::set<std::string> urls;
    for (const auto& s : docs[0].seen) urls.insert(s.url);
    CHECK(urls.count("https://a.org/news/page/5/") == 1);
    CHECK(urls.count("https://a.org/news/page/4/") == 0);

    // Its own page is deleted; the listing copies keep it, now shown from the best of them.
    writer.remove_source("/m/2018/harkat");
    writer.finish();
    docs = all_docs(db);
    REQUIRE(docs.size() == 1);
    CHECK(writer.sources_to_refresh() == std::set<std::string>{"/m/news/page/5"});

    // Every source gone: the post is deleted.
    writer.remove_source("/m/news/page/5");
    writer.remove_source("/m/news/page/2");
    writer.finish();
    CHECK(db.get_doccount() == 0);
  }
  fs::remove_all(dir);
}

TEST_CASE("the same post under two URLs merges by its text and keeps the better URL") {
  fs::path dir = temp_dir("writer-dup");
  {
    Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE);
    indexer::IndexWriter writer(db);
    // A copy read at its own address, with no canonical link of its own.
    auto copy = version("https://a.org/?p=12", kFull, sighting("https://a.org/?p=12", "/m/p12", true, false, 95));
    copy.doc.canonical = false;
    std::vector<indexer::PostVersion> copies;
    copies.push_back(std::move(copy));
    writer.apply(unit("/m/p12", std::move(copies)));
    writer.finish();
    writer.apply(unit("/m/post", {version("https://a.org/2018/post/", kFull,
                                          sighting("https://a.org/2018/post/", "/m/post", true, false, 95))}));
    writer.finish();
    auto docs = all_docs(db);
    REQUIRE(docs.size() == 1);
    CHECK(docs[0].url == "https://a.org/2018/post/");
    CHECK(docs[0].id == indexer::post_id_for_url("https://a.org/2018/post/"));
    CHECK(db.get_termfreq(schema::id_term(docs[0].id)) == 1);
    CHECK(docs[0].seen.size() == 2);

    // Two posts with canonical URLs of their own stay two, whatever their text.
    writer.apply(unit("/m/other", {version("https://a.org/2019/other/", kFull,
                                           sighting("https://a.org/2019/other/", "/m/other", true, false, 95))}));
    writer.finish();
    CHECK(all_docs(db).size() == 2);
  }
  fs::remove_all(dir);
}

TEST_CASE("source state survives in the database and unchanged units write nothing") {
  fs::path dir = temp_dir("writer-state");
  {
    Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE);
    indexer::IndexWriter writer(db);
    auto r = unit("/m/a", {version("https://a.org/a/", kFull, sighting("https://a.org/a/", "/m/a", true, false, 95))});
    r.size = 1234;
    r.mtime_ns = 42;
    writer.apply(std::move(r));
    writer.finish();
    auto rev = db.get_revision();
    auto states = writer.load_states();
    REQUIRE(states.count("/m/a"));
    CHECK(states["/m/a"].size == 1234);
    CHECK(states["/m/a"].hash == "h1");
    indexer::UnitResult same;
    same.key = "/m/a";
    same.given = "/root";
    same.unchanged = true;
    same.hash = "h1";
    same.size = 1234;
    same.mtime_ns = 42;
    writer.apply(std::move(same));
    CHECK(writer.stats().updated == 0);
    CHECK(db.get_revision() == rev);
  }
  fs::remove_all(dir);
}

TEST_CASE("database folder: lock, atomic switch, generations") {
  fs::path dir = temp_dir("dbdir");
  indexer::DatabaseDir d(dir);
  {
    indexer::BuildLock lock(dir);
    CHECK_THROWS_WITH(indexer::BuildLock(dir), Catch::Contains("another build holds the lock") &&
                                                   Catch::Contains("pid"));
    CHECK_FALSE(d.exists());
    std::string g1 = d.next_generation();
    CHECK(g1 == "gen-000001");
    { Xapian::WritableDatabase db((dir / g1).string(), Xapian::DB_CREATE); }
    d.switch_to({g1});
    CHECK(d.live_databases() == std::vector<std::string>{g1});
    Xapian::Database reader((dir / "XAPIANDB").string());
    CHECK(reader.get_doccount() == 0);
    std::string g2 = d.next_generation();
    CHECK(g2 == "gen-000002");
    fs::create_directories(dir / g2);  // a full build killed before its switch
    d.remove_unfinished_generations();
    CHECK_FALSE(fs::exists(dir / g2));
  }
  indexer::BuildLock again(dir);  // released with its owner
  fs::remove_all(dir);
}

TEST_CASE("content hash tells contents apart and is stable") {
  std::string a(100000, 'x'), b = a;
  b[77777] = 'y';
  CHECK(indexer::content_hash(a) == indexer::content_hash(std::string(100000, 'x')));
  CHECK(indexer::content_hash(a) != indexer::content_hash(b));
  CHECK(indexer::content_hash("") != indexer::content_hash(std::string(1, '\0')));
  CHECK(indexer::content_hash_hex("abc").size() == 16);
}
