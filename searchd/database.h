// database.h — the searchd side of "serving while the archive changes": a pool
// of read handles on the database folder. Each request borrows one; before use
// the handle is brought up to date (a switched stub is opened anew, since
// reopen() does not re-read a stub file; otherwise reopen() picks up commits).
#pragma once

#include <xapian.h>

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

namespace dossier::searchd {

// The database cannot be opened or a shard does not answer: a 503 for the client.
class Unavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class DatabasePool {
 public:
  // `path`: a Dossier database folder (with XAPIANDB), a stub file, or a plain
  // Xapian database. A stub may list local databases ("auto PATH") and remote
  // shards served by xapian-tcpsrv ("remote HOST:PORT" or "remote tcp HOST:PORT").
  DatabasePool(std::filesystem::path path, std::size_t handles);

  // Runs fn on an up-to-date handle; retries on DatabaseModifiedError (a writer
  // committed twice under us) and reopens after other database errors. Throws
  // Unavailable when the database cannot be opened or read.
  template <typename Fn>
  auto with_database(Fn&& fn) -> decltype(fn(std::declval<Xapian::Database&>()));

  // The database's document count and revision, for /healthz and /metrics.
  struct Info {
    Xapian::doccount documents = 0;
    std::string revision;  // "<stub generation>@<revision>"
    std::string stub;      // what the stub names
  };
  Info info();
  const std::filesystem::path& path() const { return path_; }
  // True when some shard is remote: searches then avoid what xapian-tcpsrv cannot run.
  bool has_remote() const { return has_remote_.load(); }

 private:
  struct Handle {
    std::unique_ptr<Xapian::Database> db;
    std::string stamp;  // identity of the stub file when db was opened
  };
  Handle* acquire();
  void release(Handle* h);
  void refresh(Handle& h, bool force);
  std::string stub_stamp() const;
  std::string open_target() const;
  std::unique_ptr<Xapian::Database> open_all(const std::string& target);

  std::filesystem::path path_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Handle>> all_;
  std::vector<Handle*> free_;
  std::atomic<bool> has_remote_{false};
};

template <typename Fn>
auto DatabasePool::with_database(Fn&& fn) -> decltype(fn(std::declval<Xapian::Database&>())) {
  Handle* h = acquire();
  struct Release {
    DatabasePool* pool;
    Handle* h;
    ~Release() { pool->release(h); }
  } release{this, h};
  for (int attempt = 0;; ++attempt) {
    try {
      refresh(*h, attempt > 0);
      return fn(*h->db);
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt >= 4) throw Unavailable("the database kept changing under the query; try again");
    } catch (const Xapian::NetworkError& e) {
      // The context names the shard ("remote:tcp(HOST:PORT)").
      if (attempt >= 1)
        throw Unavailable("a shard does not answer: " + e.get_msg() +
                          (e.get_context().empty() ? "" : " (" + e.get_context() + ")"));
    } catch (const Xapian::DatabaseOpeningError& e) {
      if (attempt >= 1) throw Unavailable("cannot open the database: " + e.get_msg());
    } catch (const Xapian::DatabaseError& e) {
      if (attempt >= 1) throw Unavailable("cannot read the database: " + e.get_msg());
    }
  }
}

}  // namespace dossier::searchd
