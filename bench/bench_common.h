// bench_common.h — what the benchmark programs share: finding the HTML files of
// a tree (all of them, or an even sample), loading them into memory, clocks
// (wall and this thread's CPU time) and printing one JSON object of figures.
// Header-only: each program is one .cpp file and this.
#pragma once

#include <time.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace dossier::bench {

// The pages of a tree as the indexer and omindex see them in a mirror: .html/.htm
// files, in byte order of their paths (so a sample is the same on every machine).
inline std::vector<std::string> html_files(const std::vector<std::string>& roots) {
  std::vector<std::string> out;
  for (const auto& root : roots) {
    std::filesystem::path p(root);
    if (std::filesystem::is_regular_file(p)) {
      out.push_back(p.string());
      continue;
    }
    for (const auto& e : std::filesystem::recursive_directory_iterator(p)) {
      if (!e.is_regular_file()) continue;
      auto ext = e.path().extension().string();
      if (ext == ".html" || ext == ".htm") out.push_back(e.path().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Every k-th file so that at most `max_files` remain (0 = all).
inline std::vector<std::string> even_sample(const std::vector<std::string>& files,
                                            std::size_t max_files) {
  if (max_files == 0 || files.size() <= max_files) return files;
  std::vector<std::string> out;
  double step = static_cast<double>(files.size()) / static_cast<double>(max_files);
  for (std::size_t i = 0; i < max_files; ++i)
    out.push_back(files[static_cast<std::size_t>(static_cast<double>(i) * step)]);
  return out;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct LoadedFile {
  std::string path;
  std::string bytes;
};

inline std::vector<LoadedFile> load_files(const std::vector<std::string>& paths,
                                          std::uint64_t* total_bytes) {
  std::vector<LoadedFile> out;
  *total_bytes = 0;
  for (const auto& p : paths) {
    out.push_back({p, read_file(p)});
    *total_bytes += out.back().bytes.size();
  }
  return out;
}

inline double wall_seconds() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// CPU time of the calling thread: what one core spent, whatever else runs on
// the machine (the figures are taken on shared machines too).
inline double thread_cpu_seconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

struct Timing {
  double wall = 0, cpu = 0;
  std::size_t passes = 0;
};

// Runs `pass` (one pass over the input) until at least `min_seconds` of CPU
// time have gone by, at least once.
template <typename Pass>
Timing time_passes(double min_seconds, Pass&& pass) {
  Timing t;
  double w0 = wall_seconds(), c0 = thread_cpu_seconds();
  do {
    pass();
    ++t.passes;
    t.wall = wall_seconds() - w0;
    t.cpu = thread_cpu_seconds() - c0;
  } while (t.cpu < min_seconds);
  return t;
}

// Minimal command-line reading shared by the programs: --name value pairs and
// positional arguments.
struct Args {
  std::vector<std::string> positional;
  std::vector<std::pair<std::string, std::string>> named;

  Args(int argc, char** argv, const std::vector<std::string>& flags_with_value) {
    for (int i = 1; i < argc; ++i) {
      std::string a = argv[i];
      if (a.rfind("--", 0) == 0 && std::find(flags_with_value.begin(), flags_with_value.end(), a) !=
                                       flags_with_value.end()) {
        if (i + 1 >= argc) throw std::runtime_error(a + " wants a value");
        named.emplace_back(a, argv[++i]);
      } else if (a.rfind("--", 0) == 0) {
        named.emplace_back(a, "");
      } else {
        positional.push_back(a);
      }
    }
  }
  std::string get(const std::string& name, const std::string& fallback = "") const {
    for (const auto& [k, v] : named)
      if (k == name) return v;
    return fallback;
  }
  bool has(const std::string& name) const {
    for (const auto& [k, v] : named)
      if (k == name) return true;
    return false;
  }
};

}  // namespace dossier::bench
