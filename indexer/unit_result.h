// unit_result.h — what a pipeline worker hands the writer for one source unit
// (a mirror file or an archive, or a chunk of an archive's posts): the posts
// read from it, each already annotated and with its free text indexed.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "indexer/extract/post.h"
#include "indexer/reader/source.h"
#include "schema/schema.h"

namespace dossier::indexer {

// One post as one source showed it.
struct PostVersion {
  schema::StoredDoc doc;                  // seen = {best}, best = this sighting
  // A copy read from a listing page is rarely the one shown (the post's own
  // page wins), so it is annotated and indexed only if it wins: until then
  // `doc` has no annotation, `text` is empty, and this holds what is needed.
  std::shared_ptr<const ExtractedPost> unfinished;
};

struct UnitCounts {
  std::size_t records = 0;      // records or files read
  std::size_t pages = 0;        // HTML pages parsed
  std::size_t listing_pages = 0;
  std::size_t skipped = 0;      // not HTML, revisit without payload, empty
  std::size_t http_errors = 0;  // 4xx/5xx responses, skipped
  std::size_t redirects = 0;
  std::size_t posts = 0;        // post versions found
};

struct UnitResult {
  std::string key;       // SourceUnit::key
  std::string given;     // the SOURCE argument it came from
  std::string path;
  std::string hash;      // content hash of the unit
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  bool unchanged = false;  // same content as the last build: nothing to do but keep it
  std::vector<std::string> listed;  // unchanged: the posts its state says it lists (kept)
  bool failed = false;     // could not be read at all (errors say why)
  bool last = true;        // archives send their posts in chunks; the last one closes the unit
  std::vector<PostVersion> posts;
  std::vector<std::pair<std::string, std::string>> redirects;  // from URL -> to URL
  std::vector<SourceError> errors;
  UnitCounts counts;
};

}  // namespace dossier::indexer
