// build.h — `dossier-index build`: walk the sources, run the stages in N worker
// threads feeding the one writer, keep the database incremental, switch a full
// rebuild in atomically, and say what happened (progress, summary, report).
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "indexer/reader/source.h"

namespace dossier::indexer {

struct BuildOptions {
  std::filesystem::path db;             // the database folder
  std::vector<std::string> sources;     // SOURCE arguments
  unsigned jobs = 0;                    // worker threads; 0 = all cores
  bool full = false;                    // rebuild beside the live index and switch
  unsigned shards = 0;                  // databases to split a full build into; 0 = as before (1 if new)
  bool quiet = false;                   // only errors and the summary line
  bool progress = false;                // draw a progress bar (a terminal is attached)
  std::filesystem::path report;         // write the JSON report here when set
  std::filesystem::path data_dir;       // gazetteers; empty = Gazetteers::default_dir()
  ReadLimits limits;
};

struct BuildReport {
  int exit_code = 0;  // 0 all sources read, 1 some failed, 2 fatal (nothing changed)
  std::string fatal;  // the reason when exit_code is 2
  std::size_t units = 0, unchanged = 0, added_units = 0, changed_units = 0, removed_units = 0,
              failed_units = 0, refreshed_units = 0;
  std::size_t pages = 0, listing_pages = 0, posts = 0, skipped = 0, http_errors = 0, redirects = 0;
  std::size_t docs_added = 0, docs_updated = 0, docs_deleted = 0, documents = 0;
  std::uint64_t bytes_read = 0;
  std::vector<SourceError> failures;   // something was lost: the source or part of it
  std::vector<SourceError> warnings;   // read anyway (a bad digest, repaired chunking)
  double seconds_walk = 0, seconds_process = 0, seconds_commit = 0, seconds_total = 0;
  std::string database;  // the live database after the build
  std::size_t shards = 1;

  nlohmann::json to_json() const;
  std::string summary_line() const;
};

// Runs a build. Messages (errors, progress, summary) go to `log`.
BuildReport run_build(const BuildOptions& options, std::ostream& log);

}  // namespace dossier::indexer
