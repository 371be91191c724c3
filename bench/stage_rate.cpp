// stage_rate.cpp — what one core of the indexer's pipeline does per second, on
// the same pages `build` reads: decode (charset), extract (prefilter, Gumbo,
// main text, listing pages) and the whole worker (indexer/process.h: read,
// hash, decode, extract, annotate, free-text terms), single-threaded, rates per
// CPU second. With the writer's rate (xapian_rate) this bounds what a two-core
// pipeline can reach. Prints one JSON object.
//
//   stage_rate [--max-files N] [--min-seconds S] TREE...
#include <nlohmann/json.hpp>

#include "bench/bench_common.h"
#include "indexer/extract/extract.h"
#include "indexer/process.h"
#include "indexer/reader/charset.h"
#include "indexer/reader/source.h"
#include "schema/gazetteer.h"

using namespace dossier::bench;
namespace ix = dossier::indexer;

namespace {

nlohmann::json rate(const Timing& t, std::size_t files, std::uint64_t bytes) {
  double n = static_cast<double>(t.passes);
  return {{"passes", t.passes},
          {"cpu_seconds", t.cpu},
          {"wall_seconds", t.wall},
          {"pages_per_cpu_second", n * static_cast<double>(files) / t.cpu},
          {"mb_per_cpu_second", n * static_cast<double>(bytes) / 1e6 / t.cpu},
          {"ms_per_page", 1e3 * t.cpu / (n * static_cast<double>(files))}};
}

// The workers' options as `build` sets them (indexer/build.cpp): a post's copies
// on listing pages are annotated later, and only when they win. Written so that
// it compiles whether or not the option exists in this version of the indexer.
template <typename Options>
void configure_like_build(Options& o) {
  if constexpr (requires { o.defer_listing_copies = true; }) o.defer_listing_copies = true;
}

}  // namespace

int main(int argc, char** argv) try {
  Args args(argc, argv, {"--max-files", "--min-seconds"});
  if (args.positional.empty()) {
    std::cerr << "usage: stage_rate [--max-files N] [--min-seconds S] TREE...\n";
    return 2;
  }
  std::size_t max_files = std::stoul(args.get("--max-files", "0"));
  double min_seconds = std::stod(args.get("--min-seconds", "2"));

  // The units `build` would read, then an even sample of them.
  std::vector<ix::SourceUnit> all;
  for (const auto& root : args.positional)
    ix::walk_source(
        root, [&](ix::SourceUnit&& u) { all.push_back(std::move(u)); }, [](ix::SourceError&&) {});
  std::vector<ix::SourceUnit> units;
  if (max_files == 0 || all.size() <= max_files) {
    units = std::move(all);
  } else {
    double step = static_cast<double>(all.size()) / static_cast<double>(max_files);
    for (std::size_t i = 0; i < max_files; ++i)
      units.push_back(all[static_cast<std::size_t>(static_cast<double>(i) * step)]);
  }

  std::vector<ix::RawRecord> records;
  std::uint64_t bytes = 0;
  for (const auto& u : units)
    ix::read_unit(
        u,
        [&](ix::RawRecord&& r) {
          bytes += r.body.size();
          records.push_back(std::move(r));
        },
        [](ix::SourceError&&) {});
  std::vector<ix::DecodedPage> decoded;
  for (const auto& r : records) decoded.push_back(ix::decode_page(r));

  std::size_t sink = 0, posts = 0;
  Timing decode = time_passes(min_seconds, [&] {
    for (const auto& r : records) sink += ix::decode_page(r).html.size();
  });
  Timing extract = time_passes(min_seconds, [&] {
    for (const auto& p : decoded) sink += ix::extract_page(p).posts.size();
  });

  auto gazetteers = dossier::schema::Gazetteers::load(dossier::schema::Gazetteers::default_dir());
  ix::ProcessOptions popt;
  configure_like_build(popt);
  ix::UnitProcessor processor(gazetteers, popt);
  Timing worker = time_passes(min_seconds, [&] {
    posts = 0;
    for (const auto& u : units)
      processor.process(u, "", [&](ix::UnitResult&& r) { posts += r.posts.size(); });
  });

  nlohmann::json out = {{"files", units.size()},
                        {"bytes", bytes},
                        {"posts_per_pass", posts},
                        {"decode", rate(decode, units.size(), bytes)},
                        {"extract", rate(extract, units.size(), bytes)},
                        {"worker", rate(worker, units.size(), bytes)},
                        {"sink", sink % 2}};
  std::cout << out.dump() << "\n";
  return 0;
} catch (const std::exception& e) {
  std::cerr << "stage_rate: " << e.what() << "\n";
  return 2;
}
