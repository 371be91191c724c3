// server.h — dossier-searchd's HTTP side (cpp-httplib): the routes of the
// contract, parameter validation with JSON errors (400/404/413/503), size
// limits, the access log, /metrics, and the web box's built-in files.
#pragma once

#include <filesystem>
#include <memory>
#include <ostream>
#include <string>

namespace dossier::searchd {

struct ServerOptions {
  std::filesystem::path db;               // database folder (or stub file)
  std::string host = "127.0.0.1";
  int port = 8080;                        // 0: any free port (see SearchServer::port)
  unsigned threads = 0;                   // searches at once; 0 = cores
  std::filesystem::path data_dir;         // gazetteers; empty = default
  bool access_log = true;                 // one line per request on `log`
  std::size_t max_query_bytes = 1024;     // longer q: 413
  std::size_t max_params = 200;           // more parameters: 400
  std::size_t max_per_page = 100;
  std::size_t max_offset = 10000;         // page * per_page beyond this: 400
  std::size_t export_cap = 10000;         // rows of a CSV/JSON export
};

class SearchServer {
 public:
  // Loads the gazetteers (throws std::runtime_error naming file:line on bad data).
  SearchServer(ServerOptions options, std::ostream& log);
  ~SearchServer();

  // Binds the listening socket; false (with a message on the log) when it cannot.
  bool bind();
  int port() const;
  // Serves until stop() is called (from a signal handler thread or a test).
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dossier::searchd
