// http.cpp — HTTP response framing: status line, headers, chunked transfer
// coding, content codings, Location resolution (see http.h).
#include "indexer/reader/http.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include "indexer/reader/ascii.h"

namespace dossier::indexer {
namespace {

using ascii::iequals;
using ascii::istarts_with;
using ascii::lowercase;
using ascii::trim;

constexpr std::size_t kMaxHeaderFields = 10000;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = ascii::lower(c);
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// ---- chunked transfer coding ----------------------------------------------

struct ChunkHeader {
  std::uint64_t size = 0;
  std::size_t digits = 0;
  std::size_t data_start = 0;  // first byte after the size line
};

// Parses a chunk-size line ("1a2b[;ext]\r\n") at `pos`. Fails on anything that
// is not one: no hex digit, more than 15 of them, no line end within 1 KB.
bool parse_chunk_header(std::string_view data, std::size_t pos, ChunkHeader* out) {
  std::size_t i = pos;
  while (i < data.size() && (data[i] == ' ' || data[i] == '\t')) ++i;
  std::uint64_t size = 0;
  std::size_t digits = 0;
  for (; i < data.size() && hex_value(data[i]) >= 0; ++i, ++digits) {
    if (digits == 15) return false;
    size = size * 16 + static_cast<std::uint64_t>(hex_value(data[i]));
  }
  if (digits == 0) return false;
  while (i < data.size() && (data[i] == ' ' || data[i] == '\t')) ++i;
  if (i < data.size() && data[i] == ';') {  // chunk extensions: ignored
    std::size_t limit = std::min(data.size(), i + 1024);
    while (i < limit && data[i] != '\n') ++i;
  }
  if (i < data.size() && data[i] == '\r') ++i;
  if (i >= data.size() || data[i] != '\n') return false;
  out->size = size;
  out->digits = digits;
  out->data_start = i + 1;
  return true;
}

// Length of the line break at `pos` ("\r\n" or "\n"), 0 when there is none.
std::size_t line_break_at(std::string_view data, std::size_t pos) {
  if (pos < data.size() && data[pos] == '\n') return 1;
  if (pos + 1 < data.size() && data[pos] == '\r' && data[pos + 1] == '\n') return 2;
  return 0;
}

// Whether a line at `pos` can be taken for a chunk-size line when the framing is
// already known to be damaged: a short hex number; "0" only when what follows is
// the end of the body (nothing, an empty line, or trailer fields), so that a
// line "0" in the text does not end the body early.
bool plausible_chunk_header(std::string_view data, std::size_t pos) {
  ChunkHeader h;
  if (!parse_chunk_header(data, pos, &h) || h.digits > 8) return false;
  if (h.size > 0) return true;
  if (h.data_start == data.size() || line_break_at(data, h.data_start) > 0) return true;
  const std::size_t eol = data.find('\n', h.data_start);
  const std::string_view line =
      data.substr(h.data_start, eol == std::string_view::npos ? data.npos : eol - h.data_start);
  return line.find(':') != std::string_view::npos;
}

// The first line break at or after `from` that is followed by a plausible
// chunk-size line; npos when there is none.
std::size_t find_chunk_boundary(std::string_view data, std::size_t from) {
  std::size_t i = from;
  while (i < data.size()) {
    const void* nl = std::memchr(data.data() + i, '\n', data.size() - i);
    if (nl == nullptr) return std::string_view::npos;
    std::size_t at = static_cast<std::size_t>(static_cast<const char*>(nl) - data.data());
    std::size_t brk_start = (at > from && data[at - 1] == '\r') ? at - 1 : at;
    if (plausible_chunk_header(data, at + 1)) return brk_start;
    i = at + 1;
  }
  return std::string_view::npos;
}

// The rest of a body after damage, without a last-chunk marker at its end.
std::string_view strip_last_chunk(std::string_view rest) {
  for (std::string_view tail : {"\r\n0\r\n\r\n", "\n0\n\n", "\r\n0\r\n", "\n0\n"}) {
    if (rest.size() >= tail.size() && rest.substr(rest.size() - tail.size()) == tail)
      return rest.substr(0, rest.size() - tail.size());
  }
  return rest;
}

// ---- content codings --------------------------------------------------------

enum class InflateEnd { kComplete, kTruncated, kCorrupt, kTooLarge };

struct Inflated {
  InflateEnd end = InflateEnd::kComplete;
  std::string data;
  std::string reason;  // zlib's message for kCorrupt
};

bool has_gzip_magic(std::string_view s) {
  return s.size() >= 2 && static_cast<unsigned char>(s[0]) == 0x1f &&
         static_cast<unsigned char>(s[1]) == 0x8b;
}

// Inflates `in` (window_bits as for inflateInit2). Gzip input may hold several
// members one after the other. Output is capped at max_out bytes.
Inflated inflate_bytes(std::string_view in, int window_bits, std::uint64_t max_out) {
  Inflated result;
  z_stream zs;
  std::memset(&zs, 0, sizeof zs);
  if (inflateInit2(&zs, window_bits) != Z_OK) {
    result.end = InflateEnd::kCorrupt;
    result.reason = "zlib could not start";
    return result;
  }
  const bool gzip = window_bits > 15;
  std::size_t used = 0;
  std::size_t in_pos = 0;
  const std::uint64_t cap = max_out + 1;  // one byte more tells "too large" from "exactly full"
  std::string& out = result.data;
  out.resize(static_cast<std::size_t>(std::min<std::uint64_t>(
      cap, std::max<std::uint64_t>(64 * 1024, std::uint64_t{in.size()} * 4))));
  for (;;) {
    if (used == out.size()) {
      if (used >= cap) {
        result.end = InflateEnd::kTooLarge;
        break;
      }
      out.resize(static_cast<std::size_t>(std::min<std::uint64_t>(cap, std::uint64_t{used} * 2)));
    }
    std::size_t in_left = in.size() - in_pos;
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data() + in_pos));
    zs.avail_in = static_cast<uInt>(std::min<std::size_t>(in_left, 1u << 30));
    zs.next_out = reinterpret_cast<Bytef*>(out.data() + used);
    zs.avail_out = static_cast<uInt>(std::min<std::size_t>(out.size() - used, 1u << 30));
    const uInt avail_in_before = zs.avail_in;
    const uInt avail_out_before = zs.avail_out;
    int ret = inflate(&zs, Z_NO_FLUSH);
    in_pos += avail_in_before - zs.avail_in;
    used += avail_out_before - zs.avail_out;
    if (ret == Z_STREAM_END) {
      std::string_view rest = in.substr(in_pos);
      if (gzip && has_gzip_magic(rest)) {
        inflateReset(&zs);
        continue;
      }
      break;  // trailing bytes after the last member are ignored
    }
    if (ret == Z_OK || ret == Z_BUF_ERROR) {
      if (in_pos == in.size() && zs.avail_out > 0) {
        result.end = InflateEnd::kTruncated;
        break;
      }
      continue;
    }
    result.end = InflateEnd::kCorrupt;
    result.reason = zs.msg != nullptr ? zs.msg : "zlib error " + std::to_string(ret);
    break;
  }
  inflateEnd(&zs);
  out.resize(std::min<std::size_t>(used, static_cast<std::size_t>(max_out)));
  return result;
}

// Undoes one content coding; returns false (with result->error set) when the
// body cannot be used.
bool undo_coding(std::string_view coding, std::uint64_t max_bytes, BodyResult* result) {
  if (coding.empty() || coding == "identity") return true;
  const bool is_gzip = coding == "gzip" || coding == "x-gzip";
  const bool is_deflate = coding == "deflate";
  if (!is_gzip && !is_deflate) {
    result->error = "unsupported Content-Encoding: " + std::string(coding);
    return false;
  }
  std::string_view in = result->bytes;
  Inflated inflated;
  if (is_gzip) {
    if (!has_gzip_magic(in)) {
      // Servers sometimes label plain bytes as gzip; a browser would show them.
      result->warnings.push_back("Content-Encoding " + std::string(coding) +
                                 " but the body is not gzip: kept as is");
      return true;
    }
    inflated = inflate_bytes(in, 15 + 16, max_bytes);
  } else {
    // "deflate" should be zlib-wrapped, but some servers send raw deflate.
    inflated = inflate_bytes(in, 15, max_bytes);
    if (inflated.end == InflateEnd::kCorrupt && inflated.data.empty())
      inflated = inflate_bytes(in, -15, max_bytes);
  }
  switch (inflated.end) {
    case InflateEnd::kComplete:
      break;
    case InflateEnd::kTooLarge:
      result->error = "page too large: over " + std::to_string(max_bytes) + " bytes once " +
                      std::string(coding) + "-decoded, limit " + std::to_string(max_bytes);
      result->too_large = true;
      return false;
    case InflateEnd::kTruncated:
      result->warnings.push_back(std::string(coding) + " body ends early (" +
                                 std::to_string(in.size()) + " bytes): kept the " +
                                 std::to_string(inflated.data.size()) + " bytes decoded");
      break;
    case InflateEnd::kCorrupt:
      if (inflated.data.empty()) {
        result->error = std::string(coding) + " body is corrupt: " + inflated.reason;
        return false;
      }
      result->warnings.push_back(std::string(coding) + " body is corrupt (" + inflated.reason +
                                 "): kept the " + std::to_string(inflated.data.size()) +
                                 " bytes decoded before the damage");
      break;
  }
  result->bytes = std::move(inflated.data);
  return true;
}

// ---- URLs ------------------------------------------------------------------

bool has_scheme(std::string_view url) {
  std::size_t i = 0;
  while (i < url.size() && (std::isalnum(static_cast<unsigned char>(url[i])) || url[i] == '+' ||
                            url[i] == '-' || url[i] == '.'))
    ++i;
  return i > 0 && i < url.size() && url[i] == ':' &&
         std::isalpha(static_cast<unsigned char>(url[0]));
}

std::string remove_dot_segments(std::string_view path) {
  const bool absolute = !path.empty() && path[0] == '/';
  std::vector<std::string_view> segments;
  bool names_directory = false;  // the result ends with '/'
  for (std::size_t i = absolute ? 1 : 0;;) {
    const std::size_t j = path.find('/', i);
    const bool last = j == std::string_view::npos;
    const std::string_view seg = path.substr(i, (last ? path.size() : j) - i);
    if (seg == "..") {
      if (!segments.empty()) segments.pop_back();
      names_directory = true;
    } else if (seg == "." || (seg.empty() && last)) {
      names_directory = true;
    } else {
      segments.push_back(seg);
      names_directory = false;
    }
    if (last) break;
    i = j + 1;
  }
  std::string out = absolute ? "/" : "";
  for (std::size_t k = 0; k < segments.size(); ++k) {
    if (k > 0) out += '/';
    out += segments[k];
  }
  if (names_directory && !segments.empty()) out += '/';
  return out;
}

}  // namespace

std::string_view HttpHead::find(std::string_view name) const {
  for (const HttpHeader& h : headers)
    if (iequals(h.name, name)) return h.value;
  return {};
}

HttpHeadResult parse_http_head(std::string_view bytes, std::size_t max_head_bytes) {
  HttpHeadResult result;
  HttpHead& head = result.head;
  std::size_t p = 0;
  for (;;) {
    head.headers.clear();
    while (p < bytes.size() && p < 64 && (bytes[p] == '\r' || bytes[p] == '\n')) ++p;
    const std::size_t start = p;
    std::size_t eol = bytes.find('\n', p);
    if (eol == std::string_view::npos) eol = bytes.size();
    std::string_view status_line = trim(bytes.substr(p, eol - p));
    if (!istarts_with(status_line, "HTTP/")) {
      result.error = "not an HTTP response: no status line";
      return result;
    }
    std::size_t sp = status_line.find(' ');
    std::string_view code =
        sp == std::string_view::npos ? std::string_view{} : trim(status_line.substr(sp + 1));
    if (code.size() < 3 || !std::isdigit(static_cast<unsigned char>(code[0])) ||
        !std::isdigit(static_cast<unsigned char>(code[1])) ||
        !std::isdigit(static_cast<unsigned char>(code[2])) ||
        (code.size() > 3 && code[3] != ' ' && code[3] != '\t')) {
      result.error = "bad HTTP status line: " + std::string(status_line.substr(0, 80));
      return result;
    }
    head.status = (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0');
    if (head.status < 100) {
      result.error = "bad HTTP status " + std::string(code.substr(0, 3));
      return result;
    }
    p = eol + 1;
    head.body_offset = bytes.size();
    while (p < bytes.size()) {
      if (p - start > max_head_bytes) {
        result.error = "HTTP header longer than " + std::to_string(max_head_bytes) + " bytes";
        return result;
      }
      std::size_t end = bytes.find('\n', p);
      const std::size_t next = end == std::string_view::npos ? bytes.size() : end + 1;
      if (end == std::string_view::npos) end = bytes.size();
      std::string_view line = bytes.substr(p, end - p);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      p = next;
      if (line.empty()) {
        head.body_offset = p;
        break;
      }
      if ((line[0] == ' ' || line[0] == '\t') && !head.headers.empty()) {
        std::string_view more = trim(line);
        if (!more.empty()) (head.headers.back().value += ' ') += more;
        continue;
      }
      std::size_t colon = line.find(':');
      if (colon == std::string_view::npos) continue;  // not a header field: ignored
      if (head.headers.size() == kMaxHeaderFields) {
        result.error = "more than " + std::to_string(kMaxHeaderFields) + " HTTP header fields";
        return result;
      }
      head.headers.push_back(
          {std::string(trim(line.substr(0, colon))), std::string(trim(line.substr(colon + 1)))});
    }
    // An interim response ("100 Continue") is followed by the real one.
    const bool interim = head.status >= 100 && head.status < 200 && head.status != 101;
    std::size_t q = head.body_offset;
    while (q < bytes.size() && (bytes[q] == '\r' || bytes[q] == '\n')) ++q;
    if (interim && istarts_with(bytes.substr(q), "HTTP/")) {
      p = q;
      continue;
    }
    return result;
  }
}

BodyResult dechunk(std::string_view data) {
  BodyResult result;
  std::string& out = result.bytes;
  out.reserve(data.size());
  std::size_t pos = 0;
  bool saw_last_chunk = false;
  while (pos < data.size()) {
    ChunkHeader h;
    if (!parse_chunk_header(data, pos, &h)) {
      if (pos == 0) {
        result.warnings.push_back(
            "Transfer-Encoding chunked but the body is not chunked: kept as is");
        out.assign(data);
        return result;
      }
      std::string_view rest = data.substr(pos);
      while (!rest.empty() && (rest.front() == '\r' || rest.front() == '\n')) rest.remove_prefix(1);
      if (!rest.empty()) {
        result.warnings.push_back("bad chunk-size line at byte " + std::to_string(pos) +
                                  ": kept the remaining " + std::to_string(rest.size()) +
                                  " bytes as they are");
        out.append(strip_last_chunk(rest));
      }
      saw_last_chunk = true;  // already reported
      break;
    }
    if (h.size == 0) {
      saw_last_chunk = true;
      break;  // trailer fields, if any, are not needed
    }
    const std::size_t left = data.size() - h.data_start;
    const std::size_t end = h.size <= left ? h.data_start + static_cast<std::size_t>(h.size) : 0;
    const std::size_t brk = h.size <= left ? line_break_at(data, end) : 0;
    ChunkHeader next;
    if (h.size <= left &&
        (end == data.size() ||
         (brk > 0 && (end + brk == data.size() || parse_chunk_header(data, end + brk, &next))))) {
      out.append(data.substr(h.data_start, static_cast<std::size_t>(h.size)));
      pos = end + brk;
      continue;
    }
    // The size does not fit the data: the chunk ends at the next genuine boundary.
    const std::size_t boundary = find_chunk_boundary(data, h.data_start);
    if (boundary != std::string_view::npos) {
      const std::size_t real = boundary - h.data_start;
      result.warnings.push_back("chunk size " + std::to_string(h.size) + " at byte " +
                                std::to_string(pos) + " does not match the data: used the " +
                                std::to_string(real) + " bytes up to the next chunk");
      out.append(data.substr(h.data_start, real));
      pos = boundary + line_break_at(data, boundary);
      continue;
    }
    if (brk > 0) {
      // The size ends on a line break but no chunk follows: the size is right and
      // what follows is damaged; the next turn reports it.
      out.append(data.substr(h.data_start, static_cast<std::size_t>(h.size)));
      pos = end + brk;
      continue;
    }
    std::string_view rest = strip_last_chunk(data.substr(h.data_start));
    result.warnings.push_back("chunk size " + std::to_string(h.size) + " at byte " +
                              std::to_string(pos) + " runs past the data: kept the " +
                              std::to_string(rest.size()) + " bytes left");
    out.append(rest);
    saw_last_chunk = true;
    break;
  }
  if (!saw_last_chunk)
    result.warnings.push_back("chunked body ends without its last chunk (capture cut short)");
  return result;
}

BodyResult decode_content_coding(std::string body, std::string_view content_encoding,
                                 std::uint64_t max_bytes) {
  BodyResult result;
  result.bytes = std::move(body);
  std::vector<std::string> codings;
  std::size_t i = 0;
  while (i <= content_encoding.size()) {
    std::size_t j = content_encoding.find(',', i);
    if (j == std::string_view::npos) j = content_encoding.size();
    std::string coding = lowercase(trim(content_encoding.substr(i, j - i)));
    if (!coding.empty()) codings.push_back(std::move(coding));
    i = j + 1;
  }
  if (codings.size() > 4) {
    result.error = "too many content codings: " + std::string(content_encoding.substr(0, 80));
    return result;
  }
  for (auto it = codings.rbegin(); it != codings.rend(); ++it)
    if (!undo_coding(*it, max_bytes, &result)) return result;
  if (result.bytes.size() > max_bytes) {
    result.error = "page too large: " + std::to_string(result.bytes.size()) + " bytes, limit " +
                   std::to_string(max_bytes);
    result.too_large = true;
  }
  return result;
}

HttpResponse decode_http_response(std::string_view bytes, std::uint64_t max_body_bytes) {
  HttpResponse response;
  HttpHeadResult parsed = parse_http_head(bytes);
  if (!parsed.error.empty()) {
    response.error = std::move(parsed.error);
    return response;
  }
  const HttpHead& head = parsed.head;
  response.status = head.status;
  response.content_type = std::string(head.find("Content-Type"));
  response.location = std::string(head.find("Location"));
  if (head.status < 200 || head.status >= 300) return response;

  std::string_view raw = bytes.substr(std::min(head.body_offset, bytes.size()));
  // Transfer codings other than "chunked" (rare: "gzip, chunked") are undone like content codings.
  std::string transfer = lowercase(head.find("Transfer-Encoding"));
  std::string extra_codings;
  bool chunked = false;
  for (std::size_t i = 0; i <= transfer.size();) {
    std::size_t j = transfer.find(',', i);
    if (j == std::string::npos) j = transfer.size();
    std::string_view coding = trim(std::string_view(transfer).substr(i, j - i));
    if (coding == "chunked") {
      chunked = true;
    } else if (!coding.empty() && coding != "identity") {
      if (!extra_codings.empty()) extra_codings += ',';
      extra_codings += coding;
    }
    i = j + 1;
  }
  std::string body;
  if (chunked) {
    BodyResult d = dechunk(raw);
    for (auto& w : d.warnings) response.warnings.push_back(std::move(w));
    body = std::move(d.bytes);
  } else {
    body.assign(raw);
  }
  if (body.size() > max_body_bytes) {
    response.error = "page too large: " + std::to_string(body.size()) + " bytes, limit " +
                     std::to_string(max_body_bytes);
    response.too_large = true;
    return response;
  }
  std::string codings(head.find("Content-Encoding"));
  if (!extra_codings.empty())
    codings = codings.empty() ? extra_codings : codings + "," + extra_codings;
  if (!codings.empty()) {
    BodyResult d = decode_content_coding(std::move(body), codings, max_body_bytes);
    for (auto& w : d.warnings) response.warnings.push_back(std::move(w));
    if (!d.error.empty()) {
      response.error = std::move(d.error);
      response.too_large = d.too_large;
      return response;
    }
    body = std::move(d.bytes);
  }
  response.body = std::move(body);
  return response;
}

bool is_html_content_type(std::string_view content_type) {
  std::string media = lowercase(trim(content_type.substr(0, content_type.find(';'))));
  return media.empty() || media == "text/html" || media == "application/xhtml+xml" ||
         media == "application/xhtml" || media == "text/xhtml";
}

std::string resolve_location(std::string_view base, std::string_view location) {
  std::string_view loc = trim(location);
  while (!loc.empty() && (loc.back() == '\n')) loc.remove_suffix(1);
  if (loc.empty()) return std::string(base);
  if (has_scheme(loc)) return std::string(loc);

  std::string_view b = base;
  if (std::size_t hash = b.find('#'); hash != std::string_view::npos) b = b.substr(0, hash);
  std::size_t scheme_end = b.find("://");
  std::string_view scheme = scheme_end == std::string_view::npos ? "http" : b.substr(0, scheme_end);
  std::string_view after = scheme_end == std::string_view::npos ? b : b.substr(scheme_end + 3);
  std::size_t path_start = after.find_first_of("/?");
  std::string_view authority = after.substr(0, path_start);
  std::string_view path_query =
      path_start == std::string_view::npos ? "" : after.substr(path_start);
  std::string_view base_path = path_query.substr(0, path_query.find('?'));
  if (base_path.empty()) base_path = "/";
  const std::string prefix = std::string(scheme) + "://" + std::string(authority);

  if (loc.substr(0, 2) == "//") return std::string(scheme) + ":" + std::string(loc);
  if (loc[0] == '#') return std::string(b) + std::string(loc);
  if (loc[0] == '?') return prefix + std::string(base_path) + std::string(loc);

  std::size_t cut = loc.find_first_of("?#");
  std::string_view loc_path = loc.substr(0, cut);
  std::string_view suffix = cut == std::string_view::npos ? "" : loc.substr(cut);
  std::string merged;
  if (!loc_path.empty() && loc_path[0] == '/') {
    merged = std::string(loc_path);
  } else {
    merged = std::string(base_path.substr(0, base_path.rfind('/') + 1));
    merged += loc_path;
  }
  return prefix + remove_dot_segments(merged) + std::string(suffix);
}

}  // namespace dossier::indexer
