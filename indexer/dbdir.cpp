// dbdir.cpp — database directory layout, build lock and atomic switch (see dbdir.h).
#include "indexer/dbdir.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace dossier::indexer {
namespace {

int generation_number(const std::string& name) {
  if (name.rfind("gen-", 0) != 0) return -1;
  try {
    return std::stoi(name.substr(4));
  } catch (...) {
    return -1;
  }
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void fsync_path(const fs::path& p, bool directory) {
  int fd = ::open(p.c_str(), directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

}  // namespace

BuildLock::BuildLock(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw DbError("cannot create database folder " + dir.string() + ": " + ec.message());
  fs::path lock = dir / "lock";
  fd_ = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0)
    throw DbError("cannot open lock file " + lock.string() + ": " + std::strerror(errno));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    std::string holder = read_file(lock);
    while (!holder.empty() && (holder.back() == '\n' || holder.back() == '\r')) holder.pop_back();
    ::close(fd_);
    fd_ = -1;
    throw DbError("another build holds the lock on " + dir.string() +
                  (holder.empty() ? std::string() : " (" + holder + ")"));
  }
  char host[256] = "?";
  ::gethostname(host, sizeof host - 1);
  std::time_t now = std::time(nullptr);
  char since[32];
  std::strftime(since, sizeof since, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  std::string who = "pid " + std::to_string(::getpid()) + " on " + host + " since " + since + "\n";
  if (::ftruncate(fd_, 0) == 0 && ::pwrite(fd_, who.data(), who.size(), 0) < 0) {
    // The lock itself is what matters; the text is only for the message above.
  }
}

BuildLock::~BuildLock() {
  if (fd_ >= 0) {
    ::flock(fd_, LOCK_UN);
    ::close(fd_);
  }
}

bool DatabaseDir::exists() const { return fs::exists(stub_path()); }

std::vector<std::string> DatabaseDir::live_databases() const {
  std::vector<std::string> out;
  if (!exists()) return out;
  std::istringstream in(read_file(stub_path()));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ls(line);
    std::string kind, where;
    ls >> kind >> where;
    if (kind == "auto" || kind == "glass") out.push_back(where);
  }
  return out;
}

void stop_point(const char* point) {
  static const char* wanted = std::getenv("DOSSIER_STOP_AT");
  if (!wanted || std::strcmp(wanted, point) != 0) return;
  std::fprintf(stderr, "dossier-index: stopped at %s (DOSSIER_STOP_AT)\n", point);
  std::fflush(stderr);
  ::raise(SIGSTOP);
}

std::string DatabaseDir::next_generation() const {
  int max = 0;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir_, ec))
    max = std::max(max, generation_number(e.path().filename().string()));
  char name[32];
  std::snprintf(name, sizeof name, "gen-%06d", max + 1);
  return name;
}

void DatabaseDir::switch_to(const std::vector<std::string>& dbs) const {
  for (const auto& db : dbs) fsync_path(dir_ / db, true);
  fs::path tmp = dir_ / "XAPIANDB.tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << "# Dossier: the live generation; replaced atomically by dossier-index build --full\n";
    for (const auto& db : dbs) out << "auto " << db << "\n";
    out.flush();
    if (!out) throw DbError("cannot write " + tmp.string());
  }
  fsync_path(tmp, false);
  stop_point("switching");
  std::error_code ec;
  fs::rename(tmp, stub_path(), ec);
  if (ec) throw DbError("cannot switch " + stub_path().string() + ": " + ec.message());
  fsync_path(dir_, true);
}

void DatabaseDir::remove_old_generations() const {
  auto live = live_databases();
  int live_gen = -1;
  for (const auto& db : live)
    live_gen = std::max(live_gen, generation_number(db.substr(0, db.find('/'))));
  std::vector<int> older;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir_, ec)) {
    int g = generation_number(e.path().filename().string());
    if (g >= 0 && g < live_gen) older.push_back(g);
  }
  std::sort(older.begin(), older.end());
  if (!older.empty()) older.pop_back();  // keep the one before the live one
  for (int g : older) {
    char name[32];
    std::snprintf(name, sizeof name, "gen-%06d", g);
    fs::remove_all(dir_ / name, ec);
  }
}

void DatabaseDir::remove_unfinished_generations() const {
  int live_gen = -1;
  for (const auto& db : live_databases())
    live_gen = std::max(live_gen, generation_number(db.substr(0, db.find('/'))));
  std::error_code ec;
  std::vector<fs::path> doomed;
  for (const auto& e : fs::directory_iterator(dir_, ec))
    if (generation_number(e.path().filename().string()) > live_gen) doomed.push_back(e.path());
  for (const auto& p : doomed) fs::remove_all(p, ec);
}

}  // namespace dossier::indexer
