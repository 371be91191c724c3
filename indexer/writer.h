// writer.h — the one thread that writes the Xapian database. It takes
// UnitResults from the workers, merges the versions of each post into one
// document (merge.h), keeps the per-source state that makes builds incremental,
// and commits only between whole units so every commit is a consistent index.
// All terms, values and data go through schema/.
//
// The database may be split into shards (one Xapian database each, searched as
// one through a stub): a post lives in the shard its ID picks, and a flush
// writes the shards in parallel, one thread each. The source states live in
// shard 0, which is committed last, so an interrupted flush is redone by the
// next run rather than half-remembered.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <cstdlib>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "indexer/unit_result.h"
#include "schema/schema.h"

namespace dossier::indexer {

// What the database remembers about a source unit between builds.
struct SourceState {
  std::string given;   // the SOURCE argument it was found under
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::string hash;
  std::vector<std::string> listed;  // posts it shows as a listing page (their documents hold no term for it)
};

struct WriterStats {
  std::size_t added = 0;     // documents new to the database
  std::size_t updated = 0;   // documents rewritten
  std::size_t deleted = 0;   // documents removed (no source shows them any more)
  std::size_t commits = 0;
};

class IndexWriter {
 public:
  struct Options {
    // flush+commit beyond this many changed posts (DOSSIER_COMMIT_EVERY sets it, for tests)
    std::size_t max_pending_docs =
        std::getenv("DOSSIER_COMMIT_EVERY") ? std::strtoul(std::getenv("DOSSIER_COMMIT_EVERY"), nullptr, 10)
                                            : 20000;
    std::size_t max_pending_bytes = 192u << 20;  // ... or about this much memory held
    bool spelling = std::getenv("DOSSIER_NO_SPELLING") == nullptr;  // feed "did you mean" data
    // The database started empty and every source is read once (a --full
    // build): listing-page sightings of posts already committed are gathered
    // and written once per post at the end, instead of a rewrite per sighting.
    bool fresh = false;
  };

  IndexWriter(std::vector<Xapian::WritableDatabase*> shards, Options options);
  IndexWriter(Xapian::WritableDatabase& db, Options options)
      : IndexWriter(std::vector<Xapian::WritableDatabase*>{&db}, options) {}
  explicit IndexWriter(Xapian::WritableDatabase& db) : IndexWriter(db, Options{}) {}

  // The shard a post with this ID belongs in.
  unsigned shard_of(std::string_view id) const;

  // Every source unit the database knows, by key.
  std::unordered_map<std::string, SourceState> load_states() const;

  // Merges a worker's result. Units arrive in any order; the result does not depend on it.
  void apply(UnitResult&& result);
  // A source that is gone: its sightings go, and posts nothing else shows are deleted.
  void remove_source(const std::string& key);
  // Posts whose shown text came from a source that changed or went away, but
  // that other sources still show: the keys of those sources, to read again.
  std::set<std::string> sources_to_refresh() const;
  // Flushes what is pending and commits.
  void finish();
  // Completes versions whose annotation was put off (PostVersion::unfinished)
  // when they turn out to be the one shown. Without it they are written as they are.
  void set_finisher(std::function<void(PostVersion&)> f) { finisher_ = std::move(f); }

  const WriterStats& stats() const { return stats_; }

 private:
  // Where a document is: a shard and its docid there (did 0: nowhere).
  struct Location {
    unsigned shard = 0;
    Xapian::docid did = 0;
    explicit operator bool() const { return did != 0; }
  };
  struct Pending {
    schema::StoredDoc doc;
    unsigned shard = 0;             // where it is in the database (with did)
    Xapian::docid did = 0;          // 0 when not in the database yet
    bool text_dirty = false;        // title, body or language changed: index the text again
    bool terms_dirty = false;       // its own URLs or sources changed: rewrite the boolean terms
    std::shared_ptr<const ExtractedPost> unfinished;  // the shown version still needs annotating
    bool loaded = false;            // doc holds the database's record (or is new)
    std::size_t bytes = 0;
  };

  Pending* find_pending(const std::string& id);
  Location find(const std::string& term) const;  // first document with the term, any shard
  schema::StoredDoc record(Location at) const;
  Pending& load(const std::string& id, Location at);
  // The post a version belongs to: by ID, then by any URL it was seen at, then by fingerprint.
  Pending& target_for(const PostVersion& v);
  void drop_source_from_all(const std::string& key);
  void apply_version(PostVersion&& v, const std::string& key);
  void apply_redirect(const std::string& from, const std::string& to, const std::string& key,
                      const std::string& captured);
  void maybe_flush();
  void flush_and_commit();
  Xapian::Document build_document(Pending& p, Xapian::WritableDatabase& shard);
  void write_shard(unsigned shard, const std::vector<Pending*>& writes,
                   const std::vector<Xapian::docid>& deletes);
  void index_pending(const std::string& id, Pending& p);

  std::vector<Xapian::WritableDatabase*> shards_;
  Options options_;
  std::unordered_map<std::string, Pending> pending_;            // by post id
  std::unordered_map<std::uint64_t, std::string> pending_by_did_;  // (shard, docid) -> id
  std::unordered_map<std::string, std::string> pending_by_url_;  // normalised URL -> id
  std::unordered_map<std::string, std::string> pending_by_fp_;   // fingerprint -> id
  std::unordered_map<std::string, std::set<std::string>> pending_by_source_;
  std::map<std::string, SourceState> pending_states_;
  std::set<std::string> removed_states_;
  std::set<std::string> open_units_;  // archives whose later chunks are still coming
  std::map<std::string, std::set<std::string>> unit_listed_;  // open unit -> posts it lists
  std::set<std::string> stale_best_;  // post ids whose shown text's source changed
  struct Redirect {
    std::string from, to, key;
  };
  std::vector<Redirect> unresolved_redirects_;  // targets not seen yet; retried in finish()
  std::size_t pending_bytes_ = 0;
  // Options::fresh: the shown sighting of every post committed so far, and the
  // listing sightings put off until finish() for posts they do not change.
  struct Committed {
    schema::Sighting best;
    bool empty_body = false;
  };
  std::unordered_map<std::string, Committed> committed_;
  std::unordered_map<std::string, std::vector<std::pair<schema::Sighting, std::string>>> deferred_;  // with the URL the listing gave
  bool defer_sighting(const PostVersion& v);
  void apply_deferred();
  WriterStats stats_;
  std::function<void(PostVersion&)> finisher_;
};

std::string encode_source_state(const SourceState& s);
SourceState decode_source_state(std::string_view data);

}  // namespace dossier::indexer
