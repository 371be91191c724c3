// commands.h — the subcommands of dossier-index other than build: extract
// (the first five stages, as JSON Lines), stats and check. Each writes to the
// streams it is given and returns the exit code, so tests call them directly.
#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

namespace dossier::indexer {

struct ExtractCommand {
  std::vector<std::string> files;
  std::string base_url;
  std::filesystem::path data_dir;  // empty = Gazetteers::default_dir()
};
// One JSON object per post found, keys as in DESIGN.md. Exit 0, 1 (some files failed), 2.
int run_extract(const ExtractCommand& cmd, std::ostream& out, std::ostream& err);

// Documents, facet counts, sources, revision: JSON on `out`. Exit 0, or 2 when it cannot open.
int run_stats(const std::filesystem::path& db, std::ostream& out, std::ostream& err);

// Integrity: Xapian's own check of every live database, then Dossier's
// (every record decodes, one document per ID, facet terms match the record).
// Exit 0 when sound, 1 when a problem is found, 2 when it cannot open.
int run_check(const std::filesystem::path& db, std::ostream& out, std::ostream& err);

}  // namespace dossier::indexer
