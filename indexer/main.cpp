// main.cpp — dossier-index's command line: parses flags and calls the library.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>

#include "indexer/build.h"
#include "indexer/commands.h"

namespace {

std::string default_db() {
  const char* env = std::getenv("DOSSIER_DB");
  return env && *env ? env : "var/dossier.db";
}

}  // namespace

int main(int argc, char** argv) {
  using namespace dossier::indexer;
  CLI::App app{
      "dossier-index: reads site mirrors and WARC/ARC archives of news pages (letters, press\n"
      "releases, statements, briefs), extracts each post with its date, type, language,\n"
      "ministers, organisations and topics, and writes a Xapian database for dossier-searchd."};
  app.require_subcommand(1);
  std::string data_dir;
  app.add_option("--data", data_dir, "Gazetteer folder (default: $DOSSIER_DATA, else the built-in)");

  BuildOptions build;
  std::string db = default_db(), report;
  auto* b = app.add_subcommand("build", "Index SOURCEs into the database (incremental by default)");
  b->add_option("--db", db, "Database folder (default: $DOSSIER_DB, else var/dossier.db)");
  b->add_option("--jobs,-j", build.jobs, "Worker threads (default: all cores)");
  b->add_flag("--full", build.full, "Rebuild from scratch beside the live index, then switch atomically");
  b->add_option("--shards", build.shards,
                "Split the database into N shards written in parallel (with --full or a new database; "
                "default: keep the current number; a new database has one, written as up to 4 parts "
                "in parallel and merged before the switch)")
      ->check(CLI::Range(1, 64));
  b->add_flag("--quiet,-q", build.quiet, "Print only errors and a one-line summary");
  b->add_option("--report", report, "Write a JSON report (counts, failed sources, timings) to FILE");
  b->add_option("--max-page-bytes", build.limits.max_page_bytes,
                "Skip and report pages larger than this (default 64 MiB)");
  b->add_option("SOURCE", build.sources,
                "A mirror folder (first path component = host), a .warc/.warc.gz/.arc(.gz) file, "
                "or an HTML file")
      ->required();
  b->footer(
      "Exit codes: 0 every source read; 1 some sources failed (each named, the rest indexed);\n"
      "2 usage or fatal error (the live index is unchanged).");

  ExtractCommand extract;
  auto* x = app.add_subcommand("extract", "Print the posts FILEs hold as JSON Lines; write nothing");
  x->add_option("--base-url", extract.base_url, "URL of a single HTML FILE (for its links)");
  x->add_option("FILE", extract.files, "HTML files or WARC/ARC archives")->required();

  std::string stats_db = default_db(), check_db = default_db();
  auto* s = app.add_subcommand("stats", "Print documents, facet counts and sources as JSON");
  s->add_option("--db", stats_db, "Database folder");
  auto* c = app.add_subcommand("check", "Check the database's integrity (exit 0 when sound)");
  c->add_option("--db", check_db, "Database folder");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }

  if (*b) {
    build.db = db;
    build.data_dir = data_dir;
    build.progress = ::isatty(STDERR_FILENO);
    if (!build.progress) build.quiet = true;
    BuildReport r = run_build(build, std::cerr);
    if (!report.empty()) {
      std::ofstream out(report);
      out << r.to_json().dump(2) << "\n";
      if (!out) std::cerr << "dossier-index: cannot write report " << report << "\n";
    }
    std::cerr << r.summary_line() << "\n";
    return r.exit_code;
  }
  if (*x) {
    extract.data_dir = data_dir;
    return run_extract(extract, std::cout, std::cerr);
  }
  if (*s) return run_stats(stats_db, std::cout, std::cerr);
  if (*c) return run_check(check_db, std::cout, std::cerr);
  return 2;
}
