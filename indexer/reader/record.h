// record.h — what the reader stage hands on: one fetched page, with its HTTP
// framing undone (dechunked, decompressed) but its bytes not yet decoded.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace dossier::indexer {

struct RawRecord {
  std::string source;        // the archive or file it came from, as the user named it
  std::string location;      // where in the source: file path inside a mirror, "offset 1234" in a WARC
  std::string url;           // the page's URL (WARC-Target-URI, or host/path of a mirror file)
  std::string body;          // entity body bytes: dechunked and content-decoded
  std::string content_type;  // HTTP Content-Type (may carry "charset="), empty when unknown
  int status = 200;          // HTTP status; 200 for files of a mirror
  std::string redirect_to;   // absolute Location of a 3xx, else empty
  std::string captured;      // capture time, ISO 8601 (WARC-Date, or the file's mtime)
  std::string record_type;   // "response", "resource", "revisit", "file"
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

}  // namespace dossier::indexer
