// schema_test.cpp — the shared contract: terms, slots, records, the analyzer.
#include <catch2/catch.hpp>

#include "indexer/identity.h"
#include "schema/analyzer.h"
#include "schema/schema.h"

using namespace dossier;

TEST_CASE("facet terms use distinct prefixes and Xapian's colon convention") {
  using schema::Facet;
  CHECK(schema::facet_term(Facet::kMinister, "Ralph Goodale") == "XMIN:Ralph Goodale");
  CHECK(schema::facet_term(Facet::kTopic, "torture") == "XTOPICtorture");
  for (auto a : schema::kAllFacets)
    for (auto b : schema::kAllFacets)
      if (a != b) CHECK(schema::facet_prefix(a) != schema::facet_prefix(b));
  CHECK(schema::facet_from_name("org") == Facet::kOrg);
  CHECK_FALSE(schema::facet_from_name("colour").has_value());
  std::string long_value(400, 'a');
  CHECK(schema::facet_term(Facet::kOrg, long_value).size() <= 200);
}

TEST_CASE("stored records round-trip and pack their facets") {
  schema::StoredDoc d;
  d.id = "abc";
  d.title = "Lettre sur la sécurité";
  d.date = "2018-06-26";
  d.type = "letter";
  d.lang = "fr";
  d.ministers = {"Ralph Goodale", "Justin Trudeau"};
  d.orgs = {"International Civil Liberties Monitoring Group"};
  d.topics = {"torture"};
  d.seen.push_back({"https://iclmg.ca/x/", "mirror", true, false, 120, "2019-01-01T00:00:00Z"});
  auto back = schema::decode_doc_data(schema::encode_doc_data(d));
  CHECK(back.title == d.title);
  CHECK(back.date == d.date);
  CHECK(back.ministers == d.ministers);
  REQUIRE(back.seen.size() == 1);
  CHECK(back.seen[0].length == 120);
  // Facets pack as 5-byte codes that a dictionary of the values names again.
  schema::FacetDictionary names;
  names.add(schema::Facet::kType, "letter");
  names.add(schema::Facet::kMinister, "Ralph Goodale");
  names.add(schema::Facet::kMinister, "Justin Trudeau");
  names.add(schema::Facet::kOrg, "International Civil Liberties Monitoring Group");
  names.add(schema::Facet::kTopic, "torture");
  names.add(schema::Facet::kYear, "2018");
  names.add(schema::Facet::kYear, std::string(schema::kUndatedYear));
  // The same value under another facet is another code.
  CHECK(schema::facet_code(schema::Facet::kType, "fr") != schema::facet_code(schema::Facet::kLang, "fr"));
  std::string packed = schema::pack_facets(d);
  CHECK(packed.size() == 7 * schema::kPackedFacetBytes);
  std::vector<std::pair<schema::Facet, std::string>> got;
  schema::unpack_facet_codes(packed, [&](schema::Facet f, std::uint32_t code) {
    const std::string* name = names.name(f, code);
    got.emplace_back(f, name ? *name : std::string("?"));
  });
  REQUIRE(got.size() == 7);
  CHECK(got[1] == std::pair{schema::Facet::kMinister, std::string("Ralph Goodale")});
  CHECK(got[3] == std::pair{schema::Facet::kOrg, std::string("International Civil Liberties Monitoring Group")});
  CHECK(got[5] == std::pair{schema::Facet::kYear, std::string("2018")});
  CHECK(got[6] == std::pair{schema::Facet::kLang, std::string("?")});  // not in this dictionary
  d.date.reset();
  bool undated = false;
  schema::unpack_facet_codes(schema::pack_facets(d), [&](schema::Facet f, std::uint32_t code) {
    if (f == schema::Facet::kYear) undated = names.name(f, code) && *names.name(f, code) == schema::kUndatedYear;
  });
  CHECK(undated);
  CHECK_THROWS(schema::decode_doc_data("not json"));
}

TEST_CASE("folding removes accents and ligatures but keeps case") {
  CHECK(schema::fold_text("Sécurité") == "Securite");
  CHECK(schema::fold_text("l’extradition") == "l extradition");
  CHECK(schema::fold_text("œuvre Straße") == "oeuvre Strasse");
  CHECK(schema::fold_text("ﬁle") == "file");
  CHECK(schema::fold_key("ÉTATS-Unis") == "etats-unis");
  CHECK(schema::fold_text("bad \xff byte") == "bad \xEF\xBF\xBD byte");
}

TEST_CASE("index and query analyzers agree across accents and stems") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::TermGenerator tg;
  Xapian::Document doc;
  schema::index_text(tg, doc, "Certificats de sécurité", "Les certificats de sécurité violent la Charte.", "fr");
  db.add_document(doc);
  Xapian::Document en;
  schema::index_text(tg, en, "Security certificates", "Deported under security certificates.", "en");
  db.add_document(en);
  auto hits = [&](const std::string& q, const std::string& lang) {
    Xapian::QueryParser qp;
    schema::configure_query_parser(qp, lang);
    qp.set_database(db);
    Xapian::Enquire e(db);
    e.set_query(qp.parse_query(schema::fold_text(q), Xapian::QueryParser::FLAG_DEFAULT, ""));
    return e.get_mset(0, 10).size();
  };
  CHECK(hits("securite", "fr") == 1);
  CHECK(hits("sécurité certificat", "fr") == 1);
  CHECK(hits("certificate", "en") == 1);
  CHECK(hits("title:security", "en") == 1);
  CHECK(hits("deport", "en") == 1);
}

TEST_CASE("URLs normalise to one identity") {
  using indexer::normalize_url;
  CHECK(normalize_url("https://www.ICLMG.ca/2018/08/letter/") == "iclmg.ca/2018/08/letter");
  CHECK(normalize_url("http://iclmg.ca/2018/08/letter/index.html?utm_source=x#top") ==
        "iclmg.ca/2018/08/letter");
  CHECK(normalize_url("https://iclmg.ca/?p=12&b=1") == "iclmg.ca?b=1&p=12");
  CHECK(indexer::post_id_for_url("https://iclmg.ca/a/") == indexer::post_id_for_url("http://iclmg.ca/a"));
  CHECK(indexer::post_id_for_url("https://iclmg.ca/a/").size() == 16);
  CHECK(indexer::resolve_url("https://iclmg.ca/news/page/4/", "../../../2018/x/") == "https://iclmg.ca/2018/x/");
  CHECK(indexer::resolve_url("https://iclmg.ca/news/", "/fr/y/") == "https://iclmg.ca/fr/y/");
  CHECK(indexer::resolve_url("https://iclmg.ca/news/", "https://other.org/z") == "https://other.org/z");
  CHECK(indexer::resolve_url("https://iclmg.ca/news/", "//cdn.org/z") == "https://cdn.org/z");
}
