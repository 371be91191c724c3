// process.h — the first five stages for one source unit: read, decode, parse,
// extract, annotate. A SourceUnit goes in; PostVersions ready for the writer
// (and the JSON of `dossier-index extract`) come out. Thread-safe: one
// UnitProcessor is shared by all workers.
#pragma once

#include <functional>
#include <string>

#include "indexer/annotate/annotate.h"
#include "indexer/extract/extract.h"
#include "indexer/reader/charset.h"
#include "indexer/reader/source.h"
#include "indexer/unit_result.h"
#include "schema/gazetteer.h"

namespace dossier::indexer {

struct ProcessOptions {
  ReadLimits limits = [] {
    ReadLimits l;
    l.pages_only = true;  // images and PDFs in an archive are not decoded
    return l;
  }();
  std::string base_url;       // URL of a single HTML file given alone (extract --base-url)
  std::size_t chunk_posts = 500;  // an archive hands its posts to the writer in chunks this size
  bool defer_listing_copies = false;  // listing-page copies: annotate only if they win (build)
};

class UnitProcessor {
 public:
  UnitProcessor(const schema::Gazetteers& gazetteers, ProcessOptions options);

  // Reads the unit and calls `emit` with one or more results (the last has last=true).
  // `known_hash`: the hash the database holds for the unit; when the content still
  // has it, a single result with unchanged=true is emitted and nothing is parsed.
  void process(const SourceUnit& unit, const std::string& known_hash,
               const std::function<void(UnitResult&&)>& emit) const;

  // One post as the writer and `extract` want it. With `finish` false (copies
  // on listing pages during a build) annotation and indexing wait: see finish().
  PostVersion make_version(const ExtractedPost& post, const ExtractedPage& page,
                           const DecodedPage& decoded, const std::string& source_key,
                           bool finish = true) const;
  // Annotates and indexes a version made with finish=false (for the writer).
  void finish(PostVersion& v) const;

 private:
  void complete(PostVersion& v, const ExtractedPost& post) const;  // annotate + index

  const schema::Gazetteers& gazetteers_;
  Annotator annotator_;
  ProcessOptions options_;
};

// Fingerprint of a post's text: equal for the same text whatever its markup,
// accents, case or spacing.
std::string text_fingerprint(std::string_view body);

// Reads a whole file into memory (empty string and false on error).
bool read_whole_file(const std::string& path, std::string& out);
// The content hash of a file, read in bounded blocks (false on error, errno set),
// and of bytes in memory: equal for equal contents.
bool hash_file(const std::string& path, std::string& hex);
std::string hash_bytes(std::string_view bytes);

}  // namespace dossier::indexer
