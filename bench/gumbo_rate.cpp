// gumbo_rate.cpp — the machine's limit for parsing: how many pages per second
// one core turns into a Gumbo tree (parse, then destroy), on the raw pages and
// on the pages after the indexer's prefilter (indexer/extract/prefilter.h:
// <script>, <style>, <svg>, <noscript>, <template> and comments blanked), and
// what the prefilter alone costs. Files are read into memory first, so no I/O
// is timed. Prints one JSON object.
//
//   gumbo_rate [--max-files N] [--min-seconds S] PATH...
#include <gumbo.h>

#include <nlohmann/json.hpp>

#include "bench/bench_common.h"
#include "indexer/extract/prefilter.h"

using namespace dossier::bench;
using dossier::indexer::extraction::prefilter_html;

namespace {

nlohmann::json rate(const Timing& t, std::size_t files, std::uint64_t bytes) {
  double n = static_cast<double>(t.passes);
  return {{"passes", t.passes},
          {"cpu_seconds", t.cpu},
          {"wall_seconds", t.wall},
          {"pages_per_cpu_second", n * static_cast<double>(files) / t.cpu},
          {"mb_per_cpu_second", n * static_cast<double>(bytes) / 1e6 / t.cpu}};
}

}  // namespace

int main(int argc, char** argv) try {
  Args args(argc, argv, {"--max-files", "--min-seconds"});
  if (args.positional.empty()) {
    std::cerr << "usage: gumbo_rate [--max-files N] [--min-seconds S] PATH...\n";
    return 2;
  }
  std::size_t max_files = std::stoul(args.get("--max-files", "0"));
  double min_seconds = std::stod(args.get("--min-seconds", "2"));
  auto paths = even_sample(html_files(args.positional), max_files);
  std::uint64_t bytes = 0;
  auto files = load_files(paths, &bytes);

  std::vector<std::string> filtered;
  std::uint64_t filtered_bytes = 0;
  for (const auto& f : files) {
    filtered.push_back(prefilter_html(f.bytes).html);
    filtered_bytes += filtered.back().size();
  }

  std::size_t nodes_sink = 0;  // keeps the parse from being optimised away
  auto parse = [&](const std::string& html) {
    GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
    nodes_sink += out->root->v.element.children.length;
    gumbo_destroy_output(&kGumboDefaultOptions, out);
  };
  Timing raw = time_passes(min_seconds, [&] {
    for (const auto& f : files) parse(f.bytes);
  });
  Timing pre = time_passes(min_seconds, [&] {
    for (const auto& f : files) nodes_sink += prefilter_html(f.bytes).html.size();
  });
  Timing pre_parse = time_passes(min_seconds, [&] {
    for (const auto& f : files) parse(prefilter_html(f.bytes).html);
  });

  // Rates are in pages and MB of the original HTML, so the rows compare.
  nlohmann::json out = {
      {"files", files.size()},
      {"bytes", bytes},
      {"prefiltered_bytes", filtered_bytes},
      {"prefilter_removed_share",
       bytes ? 1.0 - static_cast<double>(filtered_bytes) / static_cast<double>(bytes) : 0.0},
      {"gumbo", rate(raw, files.size(), bytes)},
      {"prefilter", rate(pre, files.size(), bytes)},
      {"prefilter_gumbo", rate(pre_parse, files.size(), bytes)},
      {"sink", nodes_sink % 2}};
  std::cout << out.dump() << "\n";
  return 0;
} catch (const std::exception& e) {
  std::cerr << "gumbo_rate: " << e.what() << "\n";
  return 2;
}
