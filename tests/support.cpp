// support.cpp — see support.h.
#include "support.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <httplib.h>
#include <xapian.h>

#include "schema/schema.h"

extern char** environ;
namespace fs = std::filesystem;

namespace dossier::test {
namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<char*> c_argv(std::vector<std::string>& args) {
  std::vector<char*> v;
  for (auto& a : args) v.push_back(a.data());
  v.push_back(nullptr);
  return v;
}

std::vector<std::string> environment(const std::map<std::string, std::string>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) {
    std::string kv(*e);
    if (!extra.count(kv.substr(0, kv.find('=')))) env.push_back(kv);
  }
  for (const auto& [k, v] : extra) env.push_back(k + "=" + v);
  return env;
}

}  // namespace

fs::path source_dir() { return DOSSIER_SOURCE_DIR; }
fs::path build_dir() { return DOSSIER_BUILD_DIR; }
fs::path index_binary() { return build_dir() / "indexer" / "dossier-index"; }
fs::path searchd_binary() { return build_dir() / "searchd" / "dossier-searchd"; }

TempDir::TempDir(const std::string& tag) {
  std::random_device rd;
  path_ = fs::temp_directory_path() / ("dossier-" + tag + "-" + std::to_string(rd()) + std::to_string(::getpid()));
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  // Make read-only folders a test created removable again.
  for (auto it = fs::recursive_directory_iterator(path_, fs::directory_options::skip_permission_denied, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec))
    fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
  fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
  fs::remove_all(path_, ec);
}

CommandResult run(const std::vector<std::string>& argv_in, const std::map<std::string, std::string>& env_in) {
  TempDir tmp("run");
  fs::path out = tmp / "out", err = tmp / "err";
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&fa, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  std::vector<std::string> args = argv_in, env = environment(env_in);
  auto av = c_argv(args), ev = c_argv(env);
  pid_t pid;
  CommandResult r;
  if (posix_spawn(&pid, av[0], &fa, nullptr, av.data(), ev.data()) != 0) {
    posix_spawn_file_actions_destroy(&fa);
    r.err = "cannot start " + argv_in[0];
    return r;
  }
  posix_spawn_file_actions_destroy(&fa);
  int status = 0;
  waitpid(pid, &status, 0);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

BuildRun build_index(const fs::path& db, const std::vector<std::string>& sources,
                     const std::vector<std::string>& extra) {
  TempDir tmp("report");
  fs::path report = tmp / "report.json";
  std::vector<std::string> argv = {index_binary().string(), "build", "--db", db.string(), "--quiet",
                                   "--report", report.string()};
  argv.insert(argv.end(), extra.begin(), extra.end());
  argv.insert(argv.end(), sources.begin(), sources.end());
  BuildRun b;
  b.result = run(argv);
  std::string text = slurp(report);
  if (!text.empty()) b.report = nlohmann::json::parse(text, nullptr, false);
  return b;
}

std::map<std::string, nlohmann::json> stored_docs(const fs::path& db) {
  std::map<std::string, nlohmann::json> out;
  Xapian::Database d((db / "XAPIANDB").string());
  for (auto it = d.postlist_begin(""); it != d.postlist_end(""); ++it) {
    auto j = nlohmann::json::parse(d.get_document(*it).get_data());
    out[j["id"].get<std::string>()] = j;
  }
  return out;
}

std::map<std::string, nlohmann::json> labels(const fs::path& file) {
  std::map<std::string, nlohmann::json> out;
  auto j = nlohmann::json::parse(slurp(file));
  for (auto& e : j) out[e["id"].get<std::string>()] = e;
  return out;
}

void copy_tree(const fs::path& from, const fs::path& to) {
  fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
}

Searchd::Searchd(const fs::path& db, const std::vector<std::string>& extra) {
  log_ = fs::temp_directory_path() / ("dossier-searchd-" + std::to_string(::getpid()) + "-" +
                                      std::to_string(std::random_device{}()) + ".log");
  std::vector<std::string> args = {searchd_binary().string(), "--db", db.string(), "--listen",
                                   "127.0.0.1:0"};
  args.insert(args.end(), extra.begin(), extra.end());
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 2, log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  auto av = c_argv(args);
  if (posix_spawn(&pid_, av[0], &fa, nullptr, av.data(), environ) != 0)
    throw std::runtime_error("cannot start dossier-searchd");
  posix_spawn_file_actions_destroy(&fa);
  // The server prints "serving ... at http://127.0.0.1:PORT/" once it listens.
  for (int i = 0; i < 200 && port_ < 0; ++i) {
    std::string text = slurp(log_);
    auto at = text.find("at http://127.0.0.1:");
    if (at != std::string::npos) port_ = std::atoi(text.c_str() + at + 20);
    int status;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("dossier-searchd exited: " + text);
    }
    if (port_ < 0) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  if (port_ < 0) throw std::runtime_error("dossier-searchd did not start: " + slurp(log_));
}

Searchd::~Searchd() {
  stop();
  std::error_code ec;
  fs::remove(log_, ec);
}

int Searchd::stop() {
  if (pid_ < 0) return 0;
  ::kill(pid_, SIGTERM);
  int status = 0;
  for (int i = 0; i < 200; ++i) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  ::kill(pid_, SIGKILL);
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return 137;
}

std::string Searchd::log() const { return slurp(log_); }

std::pair<int, std::string> Searchd::get(const std::string& path) const {
  httplib::Client c("127.0.0.1", port_);
  c.set_read_timeout(20, 0);
  auto res = c.Get(path.c_str());
  if (!res) return {-1, ""};
  return {res->status, res->body};
}

nlohmann::json Searchd::get_json(const std::string& path, int expect) const {
  auto [status, body] = get(path);
  if (status != expect)
    throw std::runtime_error("GET " + path + " gave " + std::to_string(status) + ": " + body);
  return nlohmann::json::parse(body);
}

Background::Background(const std::vector<std::string>& argv_in) {
  log_ = fs::temp_directory_path() / ("dossier-proc-" + std::to_string(::getpid()) + "-" +
                                      std::to_string(std::random_device{}()) + ".log");
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&fa, 1, 2);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  std::vector<std::string> args = argv_in;
  auto av = c_argv(args);
  // Its own process group: servers like xapian-tcpsrv signal their whole group
  // when they stop, and stop() must reach the children they forked.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attr, 0);
  int rc = posix_spawnp(&pid_, av[0], &fa, &attr, av.data(), environ);
  posix_spawnattr_destroy(&attr);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) throw std::runtime_error("cannot start " + argv_in[0]);
}

Background::~Background() {
  stop();
  std::error_code ec;
  fs::remove(log_, ec);
}

bool Background::running() {
  if (pid_ < 0) return false;
  int status;
  if (waitpid(pid_, &status, WNOHANG) == pid_) {
    pid_ = -1;
    return false;
  }
  return true;
}

int Background::stop(int sig) {
  if (pid_ < 0) return 0;
  ::kill(-pid_, sig);
  int status = 0;
  for (int i = 0; i < 200; ++i) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  ::kill(-pid_, SIGKILL);
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return 137;
}

std::string Background::log() const { return slurp(log_); }

int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  int port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

bool wait_for_port(int port, int timeout_ms) {
  for (int waited = 0; waited < timeout_ms; waited += 20) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<uint16_t>(port));
    bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    if (ok) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

std::string url_encode(const std::string& s) {
  std::string out;
  static const char* kHex = "0123456789ABCDEF";
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace dossier::test
