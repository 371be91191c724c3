// query_rate.cpp — the same work as one /api/search request, done with Xapian
// directly and nothing else: parse the free text, filter by facet terms, rank
// (or sort by date when there is no text), take the top 10 with a snippet each
// (Xapian's MSet::snippet), and count every facet exactly over the whole match
// set with a MatchSpy that reads the one packed facet slot — plus one counting
// pass per filtered facet, as the daemon's multi-select facets need. No query
// understanding, HTTP or JSON rendering: the difference to the daemon's CPU per
// request is what the daemon adds. Single-threaded; prints one JSON object.
//
//   query_rate --db DB --queries FILE.json [--min-seconds S]
//
// FILE.json: [{"name": "...", "text": "...", "lang": "en",
//              "filters": {"type": ["letter"], "minister": ["Ralph Goodale"]}}, ...]
#include <xapian.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_map>

#include "bench/bench_common.h"
#include "schema/analyzer.h"
#include "schema/schema.h"

using namespace dossier::bench;
namespace schema = dossier::schema;
using schema::Facet;

namespace {

constexpr unsigned kParseFlags =
    Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
    Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
    Xapian::QueryParser::FLAG_PURE_NOT;

// Counts the values of every facet (or one) from the packed facet slot, by
// code; values() names them with the database's dictionary, as searchd does.
class PackedFacetCounter : public Xapian::MatchSpy {
 public:
  explicit PackedFacetCounter(std::optional<Facet> only) : only_(only) {}
  void operator()(const Xapian::Document& doc, double) override {
    const std::string packed = doc.get_value(schema::slot::kFacets);
    schema::unpack_facet_codes(packed, [&](Facet f, std::uint32_t code) {
      if (only_ && *only_ != f) return;
      ++counts_[static_cast<int>(f)][code];
    });
  }
  std::size_t values(const schema::FacetDictionary& names) const {
    std::size_t n = 0;
    for (Facet f : schema::kAllFacets) {
      std::unordered_map<std::string, std::size_t> named;
      for (const auto& [code, c] : counts_[static_cast<int>(f)])
        if (const std::string* name = names.name(f, code)) named[*name] += c;
      n += named.size();
    }
    return n;
  }

 private:
  std::optional<Facet> only_;
  std::array<std::unordered_map<std::uint32_t, std::size_t>, schema::kFacetCount> counts_;
};

struct Spec {
  std::string name, text, lang = "en";
  std::vector<std::pair<Facet, std::vector<std::string>>> filters;
};

Xapian::Query filtered(const Xapian::Query& text, const Spec& s, std::optional<Facet> without) {
  Xapian::Query q = text.empty() ? Xapian::Query::MatchAll : text;
  std::vector<Xapian::Query> parts;
  for (const auto& [f, values] : s.filters) {
    if (without && *without == f) continue;
    std::vector<Xapian::Query> terms;
    for (const auto& v : values) terms.emplace_back(schema::facet_term(f, v));
    parts.emplace_back(Xapian::Query::OP_OR, terms.begin(), terms.end());
  }
  if (parts.empty()) return q;
  return Xapian::Query(Xapian::Query::OP_FILTER, q,
                       Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end()));
}

struct Outcome {
  std::size_t total = 0, snippet_bytes = 0, facet_values = 0, passes = 0;
};

Outcome search_once(Xapian::Database& db, const Spec& s) {
  Outcome o;
  Xapian::Query text;
  if (!s.text.empty()) {
    Xapian::QueryParser qp;
    schema::configure_query_parser(qp, s.lang);
    qp.set_database(db);
    qp.set_default_op(Xapian::Query::OP_AND);
    text = qp.parse_query(schema::fold_text(s.text), kParseFlags);
  }
  Xapian::doccount all = db.get_doccount();
  Xapian::Enquire enquire(db);
  enquire.set_query(filtered(text, s, std::nullopt));
  if (text.empty())
    enquire.set_sort_by_value_then_relevance(schema::slot::kDate, true);  // newest first
  else
    enquire.set_sort_by_relevance_then_value(schema::slot::kDate, true);
  PackedFacetCounter spy(std::nullopt);
  enquire.add_matchspy(&spy);
  Xapian::MSet mset = enquire.get_mset(0, 10, all);
  ++o.passes;
  o.total = mset.get_matches_estimated();
  Xapian::Stem stem = schema::stemmer_for(s.lang);
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    schema::StoredDoc d = schema::decode_doc_data(it.get_document().get_data());
    o.snippet_bytes += mset.snippet(d.body, 240, stem, Xapian::MSet::SNIPPET_BACKGROUND_MODEL,
                                    "<mark>", "</mark>", "…")
                           .size();
  }
  const schema::FacetDictionary names(db);
  o.facet_values = spy.values(names);
  for (const auto& [f, values] : s.filters) {
    Xapian::Enquire e(db);
    e.set_query(filtered(text, s, f));
    PackedFacetCounter own(f);
    e.add_matchspy(&own);
    e.get_mset(0, 0, all);
    ++o.passes;
    o.facet_values += own.values(names);
  }
  return o;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  std::size_t i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) try {
  Args args(argc, argv, {"--db", "--queries", "--min-seconds"});
  if (!args.has("--db") || !args.has("--queries")) {
    std::cerr << "usage: query_rate --db DB --queries FILE.json [--min-seconds S]\n";
    return 2;
  }
  double min_seconds = std::stod(args.get("--min-seconds", "2"));
  Xapian::Database db(args.get("--db"));
  nlohmann::json specs_json;
  std::ifstream(args.get("--queries")) >> specs_json;

  nlohmann::json out = {{"documents", db.get_doccount()}, {"queries", nlohmann::json::array()}};
  for (const auto& js : specs_json) {
    Spec s;
    s.name = js.value("name", "");
    s.text = js.value("text", "");
    s.lang = js.value("lang", "en");
    if (js.contains("filters"))
      for (const auto& [name, values] : js["filters"].items()) {
        auto f = schema::facet_from_name(name);
        if (!f) throw std::runtime_error("unknown facet " + name);
        s.filters.emplace_back(*f, values.get<std::vector<std::string>>());
      }
    Outcome first = search_once(db, s);  // warms the caches
    std::vector<double> wall_ms;
    double c0 = thread_cpu_seconds(), w0 = wall_seconds();
    do {
      double t = wall_seconds();
      search_once(db, s);
      wall_ms.push_back(1e3 * (wall_seconds() - t));
    } while (thread_cpu_seconds() - c0 < min_seconds);
    double cpu = thread_cpu_seconds() - c0, wall = wall_seconds() - w0;
    double n = static_cast<double>(wall_ms.size());
    out["queries"].push_back({{"name", s.name},
                              {"total", first.total},
                              {"passes", first.passes},
                              {"facet_values", first.facet_values},
                              {"iterations", wall_ms.size()},
                              {"cpu_ms", 1e3 * cpu / n},
                              {"wall_ms", 1e3 * wall / n},
                              {"wall_p50_ms", percentile(wall_ms, 0.5)},
                              {"wall_p99_ms", percentile(wall_ms, 0.99)}});
  }
  std::cout << out.dump() << "\n";
  return 0;
} catch (const Xapian::Error& e) {
  std::cerr << "query_rate: " << e.get_description() << "\n";
  return 2;
} catch (const std::exception& e) {
  std::cerr << "query_rate: " << e.what() << "\n";
  return 2;
}
