// search_test.cpp — searchd's search on a real database built through the
// writer: interpretation of plain-language queries, filters, multi-select facet
// counts, snippets, sorting, suggestions and the full-text fall-back.
#include <catch2/catch.hpp>

#include <filesystem>
#include <random>

#include "indexer/identity.h"
#include "indexer/writer.h"
#include "schema/analyzer.h"
#include "schema/gazetteer.h"
#include "searchd/search.h"
#include "searchd/snippet.h"

using namespace dossier;
using schema::Facet;

namespace {

struct Post {
  std::string url, title, date, type, lang, body;
  std::vector<std::string> ministers, orgs, topics;
};

indexer::PostVersion version_of(const Post& p) {
  indexer::PostVersion v;
  auto& d = v.doc;
  d.url = p.url;
  d.id = indexer::post_id_for_url(p.url);
  d.title = p.title;
  if (!p.date.empty()) d.date = p.date;
  d.type = p.type;
  d.lang = p.lang;
  d.body = p.body;
  d.ministers = p.ministers;
  d.orgs = p.orgs;
  d.topics = p.topics;
  schema::Sighting s;
  s.url = p.url;
  s.source = "test";
  s.length = p.body.size();
  d.best = s;
  d.seen = {s};
  return v;
}

const std::vector<Post>& posts() {
  static const std::vector<Post> kPosts = {
      {"https://iclmg.ca/2018/06/26/harkat/", "Stop the deportation to torture of Mohamed Harkat",
       "2018-06-26", "letter", "en",
       "Dear Prime Minister Trudeau and Minister Goodale,\n\nMohamed Harkat faces deportation to "
       "torture under a security certificate. Security certificates deny due process.",
       {"Justin Trudeau", "Ralph Goodale"}, {"International Civil Liberties Monitoring Group"},
       {"security-certificates", "torture"}},
      {"https://iclmg.ca/2008/02/10/c3/", "Bill C-3 keeps the flaws of security certificates",
       "2008-02-10", "letter", "en",
       "Dear Minister Day,\n\nThe new security certificate regime with special advocates still "
       "allows secret evidence.",
       {"Stockwell Day"}, {"International Civil Liberties Monitoring Group", "Amnesty International Canada"},
       {"security-certificates"}},
      {"https://iclmg.ca/2009/05/01/release/", "Press release: security certificates struck down",
       "2009-05-01", "press-release", "en",
       "For immediate release. The Federal Court quashed a security certificate today.",
       {}, {"International Civil Liberties Monitoring Group"}, {"security-certificates"}},
      {"https://iclmg.ca/2018/08/01/diab/", "External review into case of Hassan Diab falls short",
       "2018-08-01", "letter", "en",
       "Dear Prime Minister Trudeau,\n\nWe call for a public inquiry into the extradition of "
       "Hassan Diab.",
       {"Justin Trudeau"}, {"International Civil Liberties Monitoring Group"}, {"extradition"}},
      {"https://iclmg.ca/fr/2009/05/01/certificats/", "Lettre sur les certificats de sécurité",
       "2009-05-01", "letter", "fr",
       "Monsieur le Ministre,\n\nLes certificats de sécurité violent la Charte et mènent à la "
       "torture.",
       {"Ralph Goodale"}, {"Ligue des droits et libertés"}, {"security-certificates", "torture"}},
      {"https://iclmg.ca/2016/03/03/statement/", "Statement on the no-fly list", "2016-03-03",
       "statement", "en", "Amnesty and the coalition say the no-fly list harms children.",
       {"Ralph Goodale"}, {"Amnesty International Canada"}, {"no-fly-list"}},
      {"https://iclmg.ca/event/", "Teach-in on surveillance", "", "event", "en",
       "Join us for a teach-in on surveillance and CSIS powers.", {}, {}, {"surveillance", "csis"}},
  };
  return kPosts;
}

struct Fixture {
  std::filesystem::path dir;
  std::unique_ptr<Xapian::WritableDatabase> db;
  schema::Gazetteers gazetteers;
  std::unique_ptr<searchd::Searcher> searcher;
  Fixture() : gazetteers(schema::Gazetteers::load(schema::Gazetteers::default_dir())) {
    dir = std::filesystem::temp_directory_path() /
          ("dossier-search-test-" + std::to_string(std::random_device{}()));
    db = std::make_unique<Xapian::WritableDatabase>(dir.string(), Xapian::DB_CREATE_OR_OVERWRITE);
    indexer::IndexWriter writer(*db);
    indexer::UnitResult r;
    r.key = "test";
    for (const auto& p : posts()) r.posts.push_back(version_of(p));
    writer.apply(std::move(r));
    writer.finish();
    searcher = std::make_unique<searchd::Searcher>(
        gazetteers, searchd::load_synonyms(gazetteers, schema::Gazetteers::default_dir().string()));
  }
  ~Fixture() {
    db.reset();
    std::filesystem::remove_all(dir);
  }
  searchd::SearchResponse search(const std::string& q, searchd::FilterMap filters = {}) {
    searchd::SearchRequest r;
    r.q = q;
    r.filters = std::move(filters);
    return searcher->search(*db, r);
  }
};

std::size_t count_of(const searchd::SearchResponse& r, Facet f, const std::string& value) {
  if (!r.facets.count(f)) return 0;
  for (const auto& v : r.facets.at(f))
    if (v.value == value) return v.count;
  return 0;
}

}  // namespace

TEST_CASE("all letters about security certificates: type and topic filters, newest first") {
  Fixture fx;
  auto r = fx.search("all letters about security certificates");
  CHECK(r.interpreted.filters[Facet::kType] == std::vector<std::string>{"letter"});
  CHECK(r.interpreted.filters[Facet::kTopic] == std::vector<std::string>{"security-certificates"});
  CHECK(r.interpreted.text.empty());
  REQUIRE(r.total == 3);
  CHECK(r.results[0].doc.title.find("Harkat") != std::string::npos);
  for (const auto& h : r.results) CHECK(h.doc.type == "letter");
}

TEST_CASE("letters to Goodale about torture in 2018") {
  Fixture fx;
  auto r = fx.search("letters to Goodale about torture in 2018");
  CHECK(r.interpreted.filters[Facet::kMinister] == std::vector<std::string>{"Ralph Goodale"});
  CHECK(r.interpreted.filters[Facet::kTopic] == std::vector<std::string>{"torture"});
  CHECK(r.interpreted.from == "2018-01-01");
  CHECK(r.interpreted.to == "2018-12-31");
  REQUIRE(r.total == 1);
  CHECK(r.results[0].doc.date == "2018-06-26");
}

TEST_CASE("French plain-language query reads the same filters") {
  Fixture fx;
  auto r = fx.search("lettres sur les certificats de sécurité");
  CHECK(r.interpreted.filters[Facet::kType] == std::vector<std::string>{"letter"});
  CHECK(r.interpreted.filters[Facet::kTopic] == std::vector<std::string>{"security-certificates"});
  CHECK(r.total == 3);
}

TEST_CASE("statements by Amnesty and field syntax") {
  Fixture fx;
  auto r = fx.search("statements by Amnesty");
  CHECK(r.interpreted.filters[Facet::kType] == std::vector<std::string>{"statement"});
  // Every organisation Amnesty names (the English and French Canadian sections...).
  const auto& orgs = r.interpreted.filters[Facet::kOrg];
  CHECK(std::find(orgs.begin(), orgs.end(), "Amnesty International Canada") != orgs.end());
  CHECK(r.total == 1);
  auto f = fx.search("minister:goodale topic:\"security certificates\"");
  CHECK(f.total == 2);
  auto range = fx.search("certificate 2008..2010");
  CHECK(range.total == 2);
  auto excluded = fx.search("certificate -type:press-release");
  CHECK(excluded.total == 2);  // the two English letters (the French one says "certificats")
}

TEST_CASE("facet counts are over the whole match and multi-select keeps other values") {
  Fixture fx;
  auto all = fx.search("");
  CHECK(all.total == posts().size());
  CHECK(count_of(all, Facet::kMinister, "Ralph Goodale") == 3);
  CHECK(count_of(all, Facet::kYear, "undated") == 1);
  auto one = fx.search("", {{Facet::kMinister, {"Justin Trudeau"}}});
  CHECK(one.total == 2);
  // Choosing one minister does not zero the others' counts.
  CHECK(count_of(one, Facet::kMinister, "Ralph Goodale") == 3);
  CHECK(count_of(one, Facet::kMinister, "Justin Trudeau") == 2);
  // Other facets are counted within the selection.
  CHECK(count_of(one, Facet::kTopic, "extradition") == 1);
  CHECK(count_of(one, Facet::kTopic, "no-fly-list") == 0);
  // A selected value with no match is still listed.
  auto none = fx.search("extradition", {{Facet::kOrg, {"Nobody at all"}}});
  bool listed = false;
  for (const auto& v : none.facets[Facet::kOrg]) listed |= v.value == "Nobody at all" && v.selected;
  CHECK(listed);
  // Each count equals the total of the query filtered by that value.
  for (const auto& v : all.facets[Facet::kTopic]) {
    auto filtered = fx.search("", {{Facet::kTopic, {v.value}}});
    CHECK(filtered.total == v.count);
  }
}

TEST_CASE("snippets mark the query words and escape the rest") {
  Fixture fx;
  auto r = fx.search("Harkat deportation");
  REQUIRE(r.total == 1);
  CHECK(r.results[0].snippet.find("<mark>Harkat</mark>") != std::string::npos);
  CHECK(r.results[0].snippet.find("<mark>deportation</mark>") != std::string::npos);
  searchd::HighlightTerms t;
  t.words.insert("evil");
  CHECK(searchd::make_snippet("<b>evil</b> & co", t, "en") == "&lt;b&gt;<mark>evil</mark>&lt;/b&gt; &amp; co");
  auto accents = fx.search("securite");
  CHECK(accents.total >= 1);
}

TEST_CASE("sorting by date puts undated documents last") {
  Fixture fx;
  searchd::SearchRequest r;
  r.sort = searchd::SortOrder::kDateDescending;
  auto desc = fx.searcher->search(*fx.db, r);
  REQUIRE(desc.results.size() == std::min<std::size_t>(10, posts().size()));
  CHECK(desc.results.front().doc.date == "2018-08-01");
  CHECK_FALSE(desc.results.back().doc.date.has_value());
  r.sort = searchd::SortOrder::kDateAscending;
  auto asc = fx.searcher->search(*fx.db, r);
  CHECK(asc.results.front().doc.date == "2008-02-10");
  CHECK_FALSE(asc.results.back().doc.date.has_value());
}

TEST_CASE("an interpreted query that finds nothing falls back to full text and says so") {
  Fixture fx;
  // "torture" is read as a topic, "extradition" too; no post has both topics.
  auto r = fx.search("press releases about torture");
  CHECK(r.fallback);
  CHECK_FALSE(r.notice.empty());
  CHECK(r.total >= 1);
}

TEST_CASE("synonyms and spelling suggestions") {
  Fixture fx;
  auto r = fx.search("Canadian Security Intelligence Service powers");
  CHECK(r.total == 1);  // the event says "CSIS powers"
  auto s = fx.search("harkt");
  CHECK(s.total == 0);
  REQUIRE(s.suggestion.has_value());
  CHECK(*s.suggestion == "harkat");
}
