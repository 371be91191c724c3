// database.cpp — handle pool, stub switch detection and reopen (see database.h).
#include "searchd/database.h"

#include <sys/stat.h>

#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace dossier::searchd {

DatabasePool::DatabasePool(fs::path path, std::size_t handles) : path_(std::move(path)) {
  for (std::size_t i = 0; i < std::max<std::size_t>(1, handles); ++i) {
    all_.push_back(std::make_unique<Handle>());
    free_.push_back(all_.back().get());
  }
}

std::string DatabasePool::open_target() const {
  if (fs::is_directory(path_) && fs::exists(path_ / "XAPIANDB")) return (path_ / "XAPIANDB").string();
  return path_.string();
}

std::string DatabasePool::stub_stamp() const {
  struct stat st;
  std::string target = open_target();
  if (::stat(target.c_str(), &st) != 0) return "missing";
  if (S_ISDIR(st.st_mode)) return "dir";
  // A new stub is a new file (written beside and renamed), so its inode changes.
  return std::to_string(st.st_ino) + ":" + std::to_string(st.st_mtim.tv_sec) + "." +
         std::to_string(st.st_mtim.tv_nsec) + ":" + std::to_string(st.st_size);
}

DatabasePool::Handle* DatabasePool::acquire() {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [&] { return !free_.empty(); });
  Handle* h = free_.back();
  free_.pop_back();
  return h;
}

void DatabasePool::release(Handle* h) {
  {
    std::lock_guard lock(mu_);
    free_.push_back(h);
  }
  cv_.notify_one();
}

std::unique_ptr<Xapian::Database> DatabasePool::open_all(const std::string& target) {
  std::error_code ec;
  if (fs::is_directory(target, ec)) {
    has_remote_ = false;
    return std::make_unique<Xapian::Database>(target);
  }
  // A stub file: open its lines ourselves, so that "remote tcp HOST:PORT" works
  // as well as Xapian's own "remote HOST:PORT", and a failing shard is named.
  std::ifstream in(target);
  if (!in) throw Xapian::DatabaseOpeningError("cannot read " + target);
  fs::path base = fs::path(target).parent_path();
  auto db = std::make_unique<Xapian::Database>();
  std::string line;
  bool remote = false;
  std::size_t parts = 0;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string kind, where, extra;
    words >> kind;
    if (kind.empty() || kind[0] == '#') continue;
    words >> where >> extra;
    if (kind == "remote") {
      if (where == "tcp") where = extra;
      auto colon = where.rfind(':');
      if (colon == std::string::npos)
        throw Xapian::DatabaseOpeningError("stub " + target + ": remote shard wants HOST:PORT: " + line);
      std::string host = where.substr(0, colon);
      unsigned port = static_cast<unsigned>(std::stoul(where.substr(colon + 1)));
      try {
        db->add_database(Xapian::Remote::open(host.empty() ? "127.0.0.1" : host, port, 10000, 5000));
      } catch (const Xapian::Error& e) {
        throw Xapian::NetworkError("shard " + where + " does not answer: " + e.get_msg(),
                                   "remote:tcp(" + where + ")");
      }
      remote = true;
    } else if (kind == "auto" || kind == "glass" || kind == "chert") {
      fs::path p = fs::path(where).is_absolute() ? fs::path(where) : base / where;
      db->add_database(Xapian::Database(p.string()));
    } else {
      throw Xapian::DatabaseOpeningError("stub " + target + ": cannot read line: " + line);
    }
    ++parts;
  }
  if (parts == 0) throw Xapian::DatabaseOpeningError("stub " + target + " names no database");
  has_remote_ = remote;
  return db;
}

void DatabasePool::refresh(Handle& h, bool force) {
  std::string stamp = stub_stamp();
  if (!h.db || force || stamp != h.stamp) {
    std::string target = open_target();
    if (stamp == "missing") throw Xapian::DatabaseOpeningError("no database at " + path_.string());
    auto db = open_all(target);
    h.db = std::move(db);
    h.stamp = stamp;
    return;
  }
  h.db->reopen();
}

DatabasePool::Info DatabasePool::info() {
  return with_database([&](Xapian::Database& db) {
    Info i;
    i.documents = db.get_doccount();
    std::string target = open_target();
    std::ifstream in(target);
    std::string line, names;
    while (in && std::getline(in, line))
      if (!line.empty() && line[0] != '#') names += (names.empty() ? "" : ",") + line;
    i.stub = names;
    std::string gen;
    for (const auto& part : {names}) {
      auto g = part.find("gen-");
      if (g != std::string::npos) gen = part.substr(g, 10);
    }
    try {
      i.revision = (gen.empty() ? std::string("db") : gen) + "@" + std::to_string(db.get_revision());
    } catch (const Xapian::InvalidOperationError&) {
      // Several databases (shards) have no single revision.
      i.revision = (gen.empty() ? std::string("db") : gen) + "@multi";
    }
    return i;
  });
}

}  // namespace dossier::searchd
