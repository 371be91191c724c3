// http.h — undoes the HTTP framing of a captured response (a WARC response
// block, an ARC record). In: the raw bytes as the crawler stored them. Out: the
// status, the headers, and the entity body dechunked and content-decoded. Damage
// that can be repaired (wrong chunk sizes, a gzip stream cut short) comes back as
// warnings next to the repaired body; damage that cannot, as an error.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dossier::indexer {

struct HttpHeader {
  std::string name;
  std::string value;
};

struct HttpHead {
  int status = 0;
  std::vector<HttpHeader> headers;
  std::size_t body_offset = 0;  // where the entity body starts in the parsed bytes

  // The first value of a header (name compared without case), "" when absent.
  std::string_view find(std::string_view name) const;
};

struct HttpHeadResult {
  HttpHead head;
  std::string error;  // empty when the head was parsed
};

// Parses "HTTP/1.x NNN reason" and the header fields at the start of `bytes`.
// Tolerates bare LF line ends, blank lines before the status line, folded
// header lines, and interim 1xx responses before the final one.
HttpHeadResult parse_http_head(std::string_view bytes, std::size_t max_head_bytes = 256 * 1024);

struct BodyResult {
  std::string bytes;
  std::vector<std::string> warnings;  // repaired damage; `bytes` is still the best reading
  std::string error;                  // `bytes` is unusable (empty when fine)
  bool too_large = false;             // the error is "page too large"
};

// Removes the chunked transfer coding. A chunk size that does not match the
// data is repaired by finding the next genuine chunk boundary; a body that is
// not chunked at all is kept as is. Both are warnings, never errors.
BodyResult dechunk(std::string_view chunked);

// Undoes Content-Encoding (gzip, x-gzip, deflate, identity; a list is undone
// right to left). Never produces more than max_bytes: more is an error
// ("page too large"). Unsupported codings (br, compress, zstd) are errors.
BodyResult decode_content_coding(std::string body, std::string_view content_encoding,
                                 std::uint64_t max_bytes);

struct HttpResponse {
  int status = 0;
  std::string content_type;  // the Content-Type header, "" when absent
  std::string location;      // the Location header as sent, "" when absent
  std::string body;          // decoded entity body; left empty for non-2xx statuses
  std::vector<std::string> warnings;
  std::string error;       // the response is unusable (empty when fine)
  bool too_large = false;  // the error is "page too large"
};

// parse_http_head + dechunk + decode_content_coding. The body is decoded only
// for 2xx statuses (callers skip the others); a body over max_body_bytes is an
// error "page too large: N bytes, limit M".
HttpResponse decode_http_response(std::string_view bytes, std::uint64_t max_body_bytes);

// Whether a Content-Type names an HTML page ("text/html", "application/xhtml+xml")
// or names nothing (empty: the bytes will tell).
bool is_html_content_type(std::string_view content_type);

// Resolves a Location header against the URL that answered (RFC 3986 §5.2,
// enough for redirects). Returns `location` trimmed when it is already absolute.
std::string resolve_location(std::string_view base, std::string_view location);

}  // namespace dossier::indexer
