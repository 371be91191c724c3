// support.h — what the end-to-end tests share: temporary folders, running the
// real binaries, and a real dossier-searchd on a loopback port.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace dossier::test {

std::filesystem::path source_dir();  // the repository
std::filesystem::path build_dir();   // the CMake build folder
std::filesystem::path index_binary();
std::filesystem::path searchd_binary();

// A fresh folder under /tmp, removed with the object.
class TempDir {
 public:
  explicit TempDir(const std::string& tag);
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& rel) const { return path_ / rel; }

 private:
  std::filesystem::path path_;
};

struct CommandResult {
  int exit_code = -1;
  std::string out, err;
};
// Runs argv (no shell), capturing stdout and stderr.
CommandResult run(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env = {});

// dossier-index build --db DB --quiet --report R SOURCES...; returns the result and parsed report.
struct BuildRun {
  CommandResult result;
  nlohmann::json report;
};
BuildRun build_index(const std::filesystem::path& db, const std::vector<std::string>& sources,
                     const std::vector<std::string>& extra = {});

// Every stored record of the database, by post ID.
std::map<std::string, nlohmann::json> stored_docs(const std::filesystem::path& db);

// corpus/labels.json, by ID.
std::map<std::string, nlohmann::json> labels(const std::filesystem::path& file);

// Copies a folder tree (for tests that edit a mirror).
void copy_tree(const std::filesystem::path& from, const std::filesystem::path& to);

// A real dossier-searchd on 127.0.0.1 and a free port; stopped with SIGTERM on destruction.
class Searchd {
 public:
  explicit Searchd(const std::filesystem::path& db, const std::vector<std::string>& extra = {});
  ~Searchd();
  int port() const { return port_; }
  int pid() const { return pid_; }
  // GET path (with query), returns status and body; status -1 when the connection failed.
  std::pair<int, std::string> get(const std::string& path_and_query) const;
  nlohmann::json get_json(const std::string& path_and_query, int expect_status = 200) const;
  // Sends SIGTERM and waits; returns the exit status.
  int stop();
  std::string log() const;

 private:
  int pid_ = -1;
  int port_ = -1;
  std::filesystem::path log_;
};

std::string url_encode(const std::string& s);

// Any program in the background (stdout and stderr to a log); killed with SIGTERM on destruction.
class Background {
 public:
  explicit Background(const std::vector<std::string>& argv);
  ~Background();
  int pid() const { return pid_; }
  bool running();
  int stop(int signal = 15);  // sends the signal, waits, returns the exit status
  std::string log() const;

 private:
  int pid_ = -1;
  std::filesystem::path log_;
};

// A TCP port on 127.0.0.1 that nothing listens on right now.
int free_port();
// Waits until something accepts connections on 127.0.0.1:port (false after timeout_ms).
bool wait_for_port(int port, int timeout_ms = 5000);

}  // namespace dossier::test
