// dbdir.h — the on-disk layout of a Dossier database and its safe changes.
//
//   DIR/XAPIANDB      a Xapian stub file naming the live generation ("auto gen-000003"),
//                     so `delve DIR`, `quest -d DIR` and searchd open DIR like any database
//   DIR/gen-000003/   the live glass database (or its shards s0, s1, ... when sharded)
//   DIR/lock          held (flock) by the one build that may write
//
// An incremental build writes into the live generation with commits that each
// leave a consistent database. A full build writes a new generation beside the
// live one and switches the stub with an atomic rename, so a reader sees either
// the old index or the new one, never a half-built one.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dossier::indexer {

// Fault injection for the kill tests: when the environment variable
// DOSSIER_STOP_AT names `point`, the process stops itself (SIGSTOP) there, so
// that a test can SIGKILL it at exactly that step of a build however fast or
// loaded the machine is. Points: "generation" (a full build's folders created
// and opened), "merging" (compaction of the parts under way, the generation
// half written), "switching" (XAPIANDB.tmp written and synced, not yet renamed).
void stop_point(const char* point);

class DbError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Exclusive lock on DIR/lock for the lifetime of the object.
class BuildLock {
 public:
  // Throws DbError naming the holder (pid, host, since) when another build holds it.
  explicit BuildLock(const std::filesystem::path& dir);
  ~BuildLock();
  BuildLock(const BuildLock&) = delete;
  BuildLock& operator=(const BuildLock&) = delete;

 private:
  int fd_ = -1;
};

class DatabaseDir {
 public:
  explicit DatabaseDir(std::filesystem::path dir) : dir_(std::move(dir)) {}

  const std::filesystem::path& path() const { return dir_; }
  // The stub file readers open.
  std::filesystem::path stub_path() const { return dir_ / "XAPIANDB"; }
  bool exists() const;

  // Names of the live generation's databases (one, or one per shard), relative to DIR.
  std::vector<std::string> live_databases() const;
  // A new, empty generation directory name ("gen-000004"), not yet live.
  std::string next_generation() const;
  // Makes `dbs` (paths relative to DIR) the live databases: writes the stub to a
  // temporary file, fsyncs it and renames it over XAPIANDB.
  void switch_to(const std::vector<std::string>& dbs) const;
  // Removes generations other than the live one and the one before it (readers
  // that have not reopened yet may still use that one).
  void remove_old_generations() const;
  // Removes generations newer than the live one: left by a full build that was
  // killed before its switch. Call only while holding the BuildLock.
  void remove_unfinished_generations() const;

 private:
  std::filesystem::path dir_;
};

}  // namespace dossier::indexer
