// main.cpp — dossier-searchd's command line: parses flags, serves until SIGTERM/SIGINT.
#include <CLI/CLI.hpp>
#include <signal.h>

#include <cstdlib>
#include <iostream>
#include <thread>

#include "searchd/server.h"

int main(int argc, char** argv) {
  using namespace dossier::searchd;
  CLI::App app{
      "dossier-searchd: serves a Dossier database over HTTP: the JSON API (/api/search,\n"
      "/api/doc/ID, /api/facets, /healthz, /metrics) and the web search box at /.\n"
      "It picks up nightly rebuilds and incremental runs without a restart."};
  ServerOptions opt;
  const char* env_db = std::getenv("DOSSIER_DB");
  std::string db = env_db && *env_db ? env_db : "var/dossier.db";
  std::string listen = "127.0.0.1:8080", data;
  bool quiet = false;
  app.add_option("--db", db, "Database folder (default: $DOSSIER_DB, else var/dossier.db)");
  app.add_option("--listen", listen, "Address and port to serve on (default 127.0.0.1:8080)");
  app.add_option("--threads", opt.threads, "Searches run at once (default: cores)");
  app.add_option("--data", data, "Gazetteer folder (default: $DOSSIER_DATA, else the built-in)");
  app.add_flag("--no-access-log", quiet, "Do not log one line per request");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) {
    std::cerr << "dossier-searchd: --listen wants HOST:PORT, e.g. 127.0.0.1:8080\n";
    return 2;
  }
  opt.host = listen.substr(0, colon);
  try {
    opt.port = std::stoi(listen.substr(colon + 1));
  } catch (...) {
    std::cerr << "dossier-searchd: bad port in --listen " << listen << "\n";
    return 2;
  }
  if (opt.host.size() > 2 && opt.host.front() == '[') opt.host = opt.host.substr(1, opt.host.size() - 2);
  opt.db = db;
  opt.data_dir = data;
  opt.access_log = !quiet;

  // Signals go to one thread that stops the server gracefully.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  std::unique_ptr<SearchServer> server;
  try {
    server = std::make_unique<SearchServer>(opt, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "dossier-searchd: " << e.what() << "\n";
    return 2;
  }
  if (!server->bind()) return 2;
  std::cerr << "dossier-searchd: serving " << db << " at http://" << opt.host << ":" << server->port()
            << "/\n";
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    std::cerr << "dossier-searchd: stopping (signal " << sig << ")\n";
    server->stop();
  });
  server->run();
  // run() also returns if listening failed; wake the waiter so it can be joined.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  return 0;
}
