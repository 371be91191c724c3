// gazetteer_tsv.h — the line format of the gazetteer files: '#' comment lines
// and blank lines are skipped, the first other line names the columns, every
// following line is one row of tab-separated cells. Errors name file and line.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace dossier::schema {

struct TsvRow {
  std::size_t line = 0;            // 1-based line number in the file
  std::vector<std::string> cells;  // trimmed; as many as the header has columns
};

struct TsvTable {
  std::string file;  // the path as given, for error messages
  std::vector<TsvRow> rows;

  // Reads a file whose header must be exactly `columns`; each row must fill at
  // least the first `required` columns (missing trailing cells read as empty).
  // Throws GazetteerError on a missing file, a wrong header, a row with too
  // many or too few cells, an empty required cell, or invalid UTF-8.
  static TsvTable read(const std::filesystem::path& path, const std::vector<std::string>& columns,
                       std::size_t required);

  // Throws GazetteerError("file:line: reason").
  [[noreturn]] void fail(std::size_t line, const std::string& reason) const;
};

// A list cell: items separated by '|', each trimmed, empty items dropped.
std::vector<std::string> split_list(std::string_view cell);

}  // namespace dossier::schema
