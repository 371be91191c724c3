// annotate_quality_test.cpp — how well the annotators label the sample corpus:
// every post of corpus/labels.json is read from its source, decoded and
// extracted by the real stages, annotated, and compared with its labels.
// Precision and recall are measured per facet (type, date, lang, ministers,
// orgs, topics) over the whole corpus; the table is printed, and any figure
// below 0.95 fails. Also prints the CPU time annotation takes per 1,000 posts.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "indexer/annotate/annotate.h"
#include "schema/gazetteer.h"

#if __has_include("indexer/extract/extract.h")
#include "indexer/extract/extract.h"
#include "indexer/identity.h"
#include "indexer/reader/charset.h"
#include "indexer/reader/source.h"
#define DOSSIER_HAVE_EXTRACT 1
#endif

namespace fs = std::filesystem;
using dossier::indexer::Annotation;
using dossier::indexer::ExtractedPost;

#ifdef DOSSIER_HAVE_EXTRACT
namespace {

constexpr double kRequired = 0.95;

struct Tally {
  long tp = 0, fp = 0, fn = 0;
  double precision() const { return tp + fp == 0 ? 1.0 : double(tp) / double(tp + fp); }
  double recall() const { return tp + fn == 0 ? 1.0 : double(tp) / double(tp + fn); }
};

// Counts one document's values of a facet against its labels.
void count(Tally& t, const std::vector<std::string>& got, const std::vector<std::string>& want,
           std::vector<std::string>& misses, const std::string& what) {
  std::set<std::string> g(got.begin(), got.end()), w(want.begin(), want.end());
  for (const auto& x : g) {
    if (w.count(x)) {
      ++t.tp;
    } else {
      ++t.fp;
      misses.push_back(what + " extra: " + x);
    }
  }
  for (const auto& x : w)
    if (!g.count(x)) {
      ++t.fn;
      misses.push_back(what + " missing: " + x);
    }
}

std::vector<std::string> strings(const nlohmann::json& j) {
  std::vector<std::string> out;
  if (j.is_array())
    for (const auto& x : j) out.push_back(x.get<std::string>());
  else if (j.is_string() && !j.get<std::string>().empty())
    out.push_back(j.get<std::string>());
  return out;
}

std::vector<std::string> optional_value(const std::optional<std::string>& v) {
  return v ? std::vector<std::string>{*v} : std::vector<std::string>{};
}
std::vector<std::string> value(const std::string& v) {
  return v.empty() ? std::vector<std::string>{} : std::vector<std::string>{v};
}

// The posts extracted from every page of a source (a mirror file or an
// archive), keyed by post ID. A mirror file is read as part of its tree (the
// folder above its host folder, the first component of `source` below
// "mirror/", or `base` itself for a generated archive) so that it gets its URL.
std::map<std::string, ExtractedPost> posts_of(const fs::path& base, const std::string& source) {
  namespace ix = dossier::indexer;
  // The units of each tree, walked once, by canonical path.
  static std::map<std::string, std::map<std::string, ix::SourceUnit>> trees;
  std::map<std::string, ExtractedPost> out;
  fs::path path = base / source;
  std::vector<ix::SourceUnit> units;
  if (ix::is_page_file_name(path.filename().string())) {
    auto mirror = source.find("/mirror/");
    std::string tree = mirror != std::string::npos ? (base / source.substr(0, mirror + 7)).string()
                                                   : base.string();
    if (!trees.count(tree))
      ix::walk_source(
          tree,
          [&](ix::SourceUnit&& unit) {
            trees[tree][fs::weakly_canonical(unit.path).string()] = std::move(unit);
          },
          [](ix::SourceError&&) {});
    auto it = trees[tree].find(fs::weakly_canonical(path).string());
    if (it != trees[tree].end()) units.push_back(it->second);
  } else {
    ix::walk_source(
        path.string(), [&](ix::SourceUnit&& unit) { units.push_back(std::move(unit)); },
        [](ix::SourceError&&) {});
  }
  for (const auto& unit : units)
    ix::read_unit(
        unit,
        [&](ix::RawRecord&& record) {
          if (record.status != 200 || record.body.empty()) return;
          ix::ExtractedPage page = ix::extract_page(ix::decode_page(std::move(record)));
          for (auto& post : page.posts) out[ix::post_id_for_url(post.url)] = std::move(post);
        },
        [](ix::SourceError&&) {});
  return out;
}

}  // namespace
#endif

TEST_CASE("annotation precision and recall per facet over corpus/labels.json") {
  const fs::path root = DOSSIER_SOURCE_DIR;
  // DOSSIER_QUALITY_LABELS measures another archive instead, e.g. one written by
  // corpus/generate (its sources are relative to the labels file's folder).
  const char* other = std::getenv("DOSSIER_QUALITY_LABELS");
  const fs::path labels_path = other && *other ? fs::path(other) : root / "corpus" / "labels.json";
  const fs::path base = other && *other ? labels_path.parent_path() : root;
  if (!fs::exists(labels_path)) {
    WARN("corpus/labels.json not there yet: nothing to measure");
    return;
  }
#ifndef DOSSIER_HAVE_EXTRACT
  WARN("the extract stage (indexer/extract/extract.h) is not built yet: nothing to measure");
  return;
#else
  nlohmann::json labels;
  std::ifstream(labels_path) >> labels;
  REQUIRE(labels.is_array());
  REQUIRE(labels.size() >= 3);

  const auto gazetteers = dossier::schema::Gazetteers::load(root / "schema" / "data");
  const dossier::indexer::Annotator annotator(gazetteers);

  std::map<std::string, std::map<std::string, ExtractedPost>> by_source;
  std::map<std::string, Tally> tally;
  std::vector<ExtractedPost> extracted;
  std::size_t not_found = 0;
  std::ostringstream report;
  for (const auto& label : labels) {
    std::string source = label.at("source").get<std::string>();
    std::string id = label.at("id").get<std::string>();
    if (!by_source.count(source)) by_source[source] = posts_of(base, source);
    auto& posts = by_source[source];
    auto it = posts.find(id);
    if (it == posts.end()) {
      ++not_found;
      report << "  " << source << ": post " << id << " not extracted\n";
    }
    ExtractedPost post = it == posts.end() ? ExtractedPost{} : it->second;
    if (it != posts.end()) extracted.push_back(post);
    Annotation a = annotator.annotate(post);
    std::vector<std::string> misses;
    count(tally["type"], value(a.type), strings(label.at("type")), misses, "type");
    count(tally["date"], optional_value(a.date),
          label.at("date").is_null() ? std::vector<std::string>{} : strings(label.at("date")),
          misses, "date");
    count(tally["lang"], value(a.lang), strings(label.at("lang")), misses, "lang");
    count(tally["ministers"], a.ministers, strings(label.at("ministers")), misses, "minister");
    count(tally["orgs"], a.orgs, strings(label.at("orgs")), misses, "org");
    count(tally["topics"], a.topics, strings(label.at("topics")), misses, "topic");
    if (!misses.empty()) {
      report << "  " << label.at("url").get<std::string>() << "\n";
      for (const auto& m : misses) report << "      " << m << "\n";
    }
  }

  std::cout << "\nAnnotation quality over " << labels.size() << " labelled posts of "
            << labels_path.string() << " (" << not_found << " not extracted)\n";
  std::cout << "  facet        precision  recall   (tp fp fn)\n";
  for (const char* facet : {"type", "date", "lang", "ministers", "orgs", "topics"}) {
    const Tally& t = tally[facet];
    std::cout << "  " << std::left << std::setw(12) << facet << std::right << std::fixed
              << std::setprecision(3) << std::setw(9) << t.precision() << std::setw(9) << t.recall()
              << "   (" << t.tp << " " << t.fp << " " << t.fn << ")\n";
  }
  if (!report.str().empty()) std::cout << "Differences:\n" << report.str();

  // CPU time of annotate() alone, over the extracted posts repeated to 1,000.
  if (!extracted.empty()) {
    std::clock_t start = std::clock();
    std::size_t n = 0, values = 0;
    while (n < 1000)
      for (const auto& post : extracted) {
        values += annotator.annotate(post).topics.size();
        if (++n == 1000) break;
      }
    double ms = 1000.0 * double(std::clock() - start) / CLOCKS_PER_SEC;
    std::cout << "annotate(): " << std::setprecision(1) << ms << " ms of CPU per 1,000 posts ("
              << values << " topic values)\n";
  }

  for (const char* facet : {"type", "date", "lang", "ministers", "orgs", "topics"}) {
    INFO(facet);
    CHECK(tally[facet].precision() >= kRequired);
    CHECK(tally[facet].recall() >= kRequired);
  }
#endif
}
