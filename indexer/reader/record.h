// record.h — what the reader stage hands on: one fetched page, with its HTTP
// framing undone (dechunked, decompressed) but its bytes not yet decoded; the
// page once decoded to UTF-8; and, beside them, the errors met on the way and
// the limits the reading keeps to.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace dossier::indexer {

struct RawRecord {
  std::string source;    // the archive or file it came from, as the user named it
  std::string location;  // where in the source: file path inside a mirror, "offset 1234" in a WARC
  std::string url;       // the page's URL (WARC-Target-URI, or host/path of a mirror file)
  std::string body;      // entity body bytes: dechunked and content-decoded
  std::string content_type;  // HTTP Content-Type (may carry "charset="), empty when unknown
  int status = 200;          // HTTP status; 200 for files of a mirror
  std::string redirect_to;   // absolute Location of a 3xx, else empty
  std::string captured;      // capture time, ISO 8601 (WARC-Date, or the file's mtime)
  std::string record_type;   // "response", "resource", "revisit", "file"
  // A revisit record has no body of its own: it says that `url` was fetched again at `captured`
  // and gave the same payload as the capture of `refers_to_uri` at `refers_to_date` (both may be
  // empty: then only `payload_digest` names the original). The reader does not resolve revisits;
  // treat one as "this URL was seen again", an alias of the earlier capture.
  std::string refers_to_uri;
  std::string refers_to_date;
  std::string payload_digest;  // WARC-Payload-Digest as written ("sha1:..."), empty when absent
};

// The page as UTF-8, ready for the HTML parser.
struct DecodedPage {
  std::string source;
  std::string location;
  std::string url;
  std::string html;          // valid UTF-8
  std::string charset;       // what it was decoded from ("utf-8", "windows-1252", ...)
  std::string charset_from;  // "bom", "http", "meta", "detected", "default"
  std::string captured;
};

// Something that went wrong while walking or reading a source. The walk and the
// reading go on after it; the caller counts and reports.
struct SourceError {
  std::string where;  // the path, with ", offset N" inside an archive
  // What happened, for a person: "page too large: 70000000 bytes, limit 67108864".
  std::string reason;
  // true: the data was still used (repaired chunking, a bad digest, a gzip body cut
  // before its checksum); false: something was lost (a file, a record, the rest of an archive).
  bool warning = false;
};

struct ReadLimits {
  std::uint64_t max_page_bytes = 64ull << 20;  // larger pages (or bodies once decoded) are skipped
  bool verify_digests = true;  // check WARC-Block-Digest / WARC-Payload-Digest (sha1) when present
  // Leave out archive records with a 2xx status whose Content-Type is known and
  // not HTML (images, scripts, PDFs): they are dropped before their body is
  // decoded. Redirects, errors and revisits are always given. Mirror files are
  // chosen by extension instead (see source.h).
  bool pages_only = false;
};

}  // namespace dossier::indexer
