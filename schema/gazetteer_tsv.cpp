// gazetteer_tsv.cpp — reading the gazetteers' tab-separated line format.
#include "schema/gazetteer_tsv.h"

#include <fstream>
#include <sstream>

#include "schema/gazetteer.h"

namespace dossier::schema {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::vector<std::string> split_tabs(std::string_view line) {
  std::vector<std::string> cells;
  while (true) {
    auto tab = line.find('\t');
    cells.emplace_back(trim(line.substr(0, tab)));
    if (tab == std::string_view::npos) break;
    line.remove_prefix(tab + 1);
  }
  return cells;
}

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty()) out += ", ";
    out += s;
  }
  return out;
}

}  // namespace

void TsvTable::fail(std::size_t line, const std::string& reason) const {
  throw GazetteerError(file, line, reason);
}

TsvTable TsvTable::read(const std::filesystem::path& path, const std::vector<std::string>& columns,
                        std::size_t required) {
  TsvTable table;
  table.file = path.string();
  std::ifstream in(path, std::ios::binary);
  if (!in) table.fail(0, "cannot open file");
  std::string line;
  std::size_t number = 0;
  bool have_header = false;
  while (std::getline(in, line)) {
    ++number;
    if (number == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // BOM
    if (!valid_utf8(line)) table.fail(number, "invalid UTF-8");
    std::string_view view = trim(line);
    if (view.empty() || view.front() == '#') continue;
    std::vector<std::string> cells = split_tabs(line);
    if (!have_header) {
      if (cells != columns)
        table.fail(number, "header must be the tab-separated columns: " + join(columns));
      have_header = true;
      continue;
    }
    if (cells.size() > columns.size())
      table.fail(number, "expected at most " + std::to_string(columns.size()) +
                             " tab-separated cells, found " + std::to_string(cells.size()));
    if (cells.size() < required)
      table.fail(number, "expected at least " + std::to_string(required) +
                             " tab-separated cells, found " + std::to_string(cells.size()));
    cells.resize(columns.size());
    for (std::size_t i = 0; i < required; ++i)
      if (cells[i].empty()) table.fail(number, "empty " + columns[i]);
    table.rows.push_back({number, std::move(cells)});
  }
  if (!have_header) table.fail(number, "no header line");
  return table;
}

std::vector<std::string> split_list(std::string_view cell) {
  std::vector<std::string> items;
  while (true) {
    auto bar = cell.find('|');
    std::string_view item = trim(cell.substr(0, bar));
    if (!item.empty()) items.emplace_back(item);
    if (bar == std::string_view::npos) break;
    cell.remove_prefix(bar + 1);
  }
  return items;
}

}  // namespace dossier::schema
