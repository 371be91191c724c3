// warc.cpp — the WARC and ARC record reader (see warc.h).
#include "indexer/reader/warc.h"

#include <algorithm>
#include <cctype>
#include <utility>
#include <vector>

#include "indexer/reader/ascii.h"
#include "indexer/reader/charset.h"
#include "indexer/reader/http.h"
#include "indexer/reader/sha1.h"

namespace dossier::indexer {
namespace {

using ascii::iequals;
using ascii::istarts_with;
using ascii::lowercase;
using ascii::trim;

constexpr std::size_t kMaxRecordHeader = 256 * 1024;
constexpr std::size_t kHeaderProbe = 4096;
constexpr std::uint64_t kHttpHeadAllowance = 1 << 20;  // a block may hold this much beyond the page
constexpr std::size_t kTypeProbe = 64 * 1024;  // bytes read to learn an oversized record's type
constexpr std::size_t kResyncWindow = 64 * 1024;
constexpr std::uint64_t kHeldUnwanted = 1 << 20;  // request/metadata records up to this are held

bool parse_length(std::string_view s, std::uint64_t* out) {
  s = trim(s);
  if (s.empty() || s.size() > 18) return false;
  std::uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  *out = v;
  return true;
}

// Where a header block ends (just after its blank line), or npos.
std::size_t header_end(std::string_view v) {
  for (std::size_t i = v.find('\n'); i != std::string_view::npos; i = v.find('\n', i + 1)) {
    if (i + 1 < v.size() && v[i + 1] == '\n') return i + 2;
    if (i + 2 < v.size() && v[i + 1] == '\r' && v[i + 2] == '\n') return i + 3;
  }
  return std::string_view::npos;
}

struct NamedFields {
  std::vector<std::pair<std::string_view, std::string_view>> fields;
  std::string_view find(std::string_view name) const {
    for (const auto& [n, v] : fields)
      if (iequals(n, name)) return v;
    return {};
  }
  bool has(std::string_view name) const {
    for (const auto& f : fields)
      if (iequals(f.first, name)) return true;
    return false;
  }
};

// Parses "Name: value" lines (after the version line) of a WARC header. Views
// point into `header`. Folded lines are not joined (WARC writers do not fold).
NamedFields parse_fields(std::string_view header) {
  NamedFields out;
  std::size_t p = header.find('\n');
  while (p != std::string_view::npos && p + 1 < header.size()) {
    std::size_t start = p + 1;
    p = header.find('\n', start);
    std::string_view line =
        header.substr(start, (p == std::string_view::npos ? header.size() : p) - start);
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    out.fields.emplace_back(trim(line.substr(0, colon)), trim(line.substr(colon + 1)));
  }
  return out;
}

bool is_http_url(std::string_view url) {
  return istarts_with(url, "http://") || istarts_with(url, "https://");
}

bool starts_http_status(std::string_view block) {
  while (!block.empty() && (block.front() == '\r' || block.front() == '\n')) block.remove_prefix(1);
  return istarts_with(block, "HTTP/");
}

// An ARC file starts with its "filedesc://" record, or at least with a line
// "URL IP date type length" (files cut from a larger one).
bool looks_like_arc(std::string_view head) {
  if (istarts_with(head, "filedesc://")) return true;
  if (istarts_with(head, "WARC/")) return false;
  const std::string_view line = trim(head.substr(0, head.find('\n')));
  const std::size_t last_space = line.rfind(' ');
  std::uint64_t length = 0;
  return line.find("://") != std::string_view::npos && last_space != std::string_view::npos &&
         std::count(line.begin(), line.end(), ' ') >= 4 &&
         parse_length(line.substr(last_space + 1), &length);
}

class ArchiveReader {
 public:
  ArchiveReader(ByteStream& in, const std::string& source, const std::string& path,
                const RecordSink& on_record, const ErrorSink& on_error, const ReadLimits& limits)
      : in_(in),
        source_(source),
        path_(path),
        on_record_(on_record),
        on_error_(on_error),
        limits_(limits) {}

  void run() {
    skip_blank();
    const bool arc = looks_like_arc(in_.peek(kHeaderProbe));
    for (;;) {
      skip_blank();
      if (in_.at_break()) {
        report_at(in_.break_file_offset(), in_.break_reason(), false);
        in_.pass_break();
        continue;
      }
      if (in_.at_end()) break;
      if (arc)
        read_arc_record();
      else
        read_warc_record();
    }
  }

 private:
  enum class Kind { kResponse, kResource, kRevisit };

  void report(const std::string& where, std::string reason, bool warning) {
    on_error_(SourceError{path_ + ", " + where, std::move(reason), warning});
  }
  void report_at(std::uint64_t file_offset, std::string reason, bool warning) {
    report("offset " + std::to_string(file_offset), std::move(reason), warning);
  }

  // Line ends between records.
  void skip_blank() {
    for (;;) {
      std::string_view v = in_.peek(64);
      std::size_t n = 0;
      while (n < v.size() && (v[n] == '\r' || v[n] == '\n')) ++n;
      in_.consume(n);
      if (n < v.size() || n == 0) return;
    }
  }

  // Consumes bytes up to the next line that starts with `marker`. Returns false
  // when the data ends (or a break comes) first.
  bool resync(std::string_view marker) {
    const std::string pattern = "\n" + std::string(marker);
    for (;;) {
      std::string_view v = in_.peek(kResyncWindow);
      if (v.empty()) return false;
      std::size_t i = v.find(pattern);
      if (i != std::string_view::npos) {
        in_.consume(i + 1);
        return true;
      }
      in_.consume(v.size() > pattern.size() ? v.size() - (pattern.size() - 1) : v.size());
    }
  }

  // Reports bytes that are not a record and skips to the next record.
  void skip_garbage(const std::string& where, std::string_view marker, std::string_view what) {
    const std::uint64_t start = in_.position();
    const bool found = resync(marker);
    std::string reason =
        std::to_string(in_.position() - start) + " bytes that are not " + std::string(what);
    if (!last_record_.empty()) reason += " after the record at " + last_record_;
    if (found) {
      in_.peek(1);
      reason += "; the next record starts at " + in_.describe(in_.position());
    } else {
      reason += in_.break_ahead() ? ", up to damaged data" : ", up to the end of the file";
    }
    report(where, std::move(reason), false);
  }

  // The block of a record ends before its Content-Length: the record is lost,
  // and any record hidden in what was read is found again.
  void lose_cut_record(const std::string& where, std::string_view uri, std::uint64_t length,
                       std::size_t header_length, std::size_t available, std::string_view marker) {
    std::string reason = "record" + (uri.empty() ? std::string() : " for " + std::string(uri)) +
                         " is cut short: Content-Length " + std::to_string(length) + ", but only " +
                         std::to_string(available > header_length ? available - header_length : 0) +
                         " bytes follow";
    const bool broken = in_.break_ahead();
    if (broken)
      reason += " before damaged data: " + in_.break_reason();
    else
      reason += " before the end of the file";
    report(where, std::move(reason), false);
    in_.consume(1);
    if (!resync(marker) && broken && in_.at_break()) in_.pass_break();  // already told
  }

  // A record header with no blank line after it: cut by damage or by the end of
  // the data, or longer than any real one.
  void lose_cut_header(const std::string& where) {
    const bool broken = in_.break_ahead();
    const bool short_data = in_.peek(kMaxRecordHeader).size() < kMaxRecordHeader;
    std::string reason = "record header";
    if (!short_data)
      reason += " has no end within " + std::to_string(kMaxRecordHeader) + " bytes";
    else if (broken)
      reason += " is cut short by damaged data: " + in_.break_reason();
    else
      reason += " is cut short by the end of the file";
    report(where, std::move(reason), false);
    in_.consume(1);
    if (!resync("WARC/") && broken && in_.at_break()) in_.pass_break();  // already told
  }

  std::string find_header(std::size_t* length) {
    std::size_t probe = kHeaderProbe;
    std::string_view v = in_.peek(probe);
    for (;;) {
      std::size_t end = header_end(v);
      if (end != std::string_view::npos) {
        *length = end;
        return std::string(v.substr(0, end));
      }
      if (v.size() < probe || probe >= kMaxRecordHeader) break;
      probe *= 4;
      v = in_.peek(probe);
    }
    *length = 0;
    return {};
  }

  // Before streaming past a block: a length that runs past the end of a plain
  // file is a lie, and the records it would swallow are kept.
  bool runs_past_end(const std::string& where, std::uint64_t block_start, std::uint64_t length) {
    if (in_.gzip()) return false;
    const std::uint64_t file_size = in_.file_size();
    if (file_size == UINT64_MAX || length <= file_size - std::min(file_size, block_start))
      return false;
    report(where,
           "length " + std::to_string(length) + " runs past the end of the file (" +
               std::to_string(file_size) + " bytes)",
           false);
    return true;
  }

  // A record too large to hold: reported by its type, then skipped without
  // being read into memory.
  void skip_oversized(const std::string& where, std::string_view uri, Kind kind,
                      std::string_view declared_type, std::size_t header_length,
                      std::uint64_t length) {
    std::string type(declared_type);
    int status = 200;
    if (kind == Kind::kResponse) {
      std::string_view probe = in_.peek(header_length + kTypeProbe);
      probe = probe.substr(std::min(probe.size(), header_length));
      HttpHeadResult head =
          parse_http_head(probe.substr(0, std::min<std::size_t>(probe.size(), kTypeProbe)));
      if (head.error.empty()) {
        type = std::string(head.head.find("Content-Type"));
        status = head.head.status;
      }
    }
    const bool page = is_html_content_type(type);
    if (kind != Kind::kRevisit && status >= 200 && status < 300 && (page || !limits_.pages_only)) {
      report(where,
             (page ? "page too large: " : "record too large (" + type + "): ") +
                 std::to_string(length) + " bytes, limit " +
                 std::to_string(limits_.max_page_bytes) + " (" + std::string(uri) + ")",
             !page);
    }
  }

  void read_warc_record() {
    const std::uint64_t pos = in_.position();
    std::string_view v = in_.peek(kHeaderProbe);
    const std::string where = in_.describe(pos);
    if (!istarts_with(v, "WARC/")) {
      if (v.size() < 5 && istarts_with("WARC/", v)) {
        lose_cut_header(where);  // the data ends inside "WARC/"
        return;
      }
      skip_garbage(where, "WARC/", "a WARC record");
      return;
    }
    std::size_t header_length = 0;
    const std::string header = find_header(&header_length);
    if (header_length == 0) {
      lose_cut_header(where);
      return;
    }
    const NamedFields fields = parse_fields(header);
    std::uint64_t length = 0;
    if (!parse_length(fields.find("Content-Length"), &length)) {
      report(where, "WARC record without a valid Content-Length", false);
      in_.consume(1);
      resync("WARC/");
      return;
    }
    const std::string type = lowercase(fields.find("WARC-Type"));
    const std::string uri = clean_target_uri(fields.find("WARC-Target-URI"));
    bool wanted = type == "response" || type == "resource" || type == "revisit";
    if (wanted && fields.has("WARC-Segment-Number")) {
      report(where, "segmented WARC record (" + uri + ") is not supported: skipped", false);
      wanted = false;
    }
    const Kind kind = type == "response"   ? Kind::kResponse
                      : type == "resource" ? Kind::kResource
                                           : Kind::kRevisit;

    // Small records are held whole, so that a wrong length can be recovered from
    // (the next record is looked for in what was read); large ones are streamed past.
    if (length > (wanted ? limits_.max_page_bytes + kHttpHeadAllowance : kHeldUnwanted)) {
      if (runs_past_end(where, pos + header_length, length)) {
        in_.consume(1);
        resync("WARC/");
        return;
      }
      if (wanted)
        skip_oversized(where, uri, kind, fields.find("Content-Type"), header_length, length);
      in_.consume(header_length);
      const std::uint64_t skipped = in_.skip(length);
      if (skipped < length) {
        std::string reason = (type.empty() ? std::string("record") : type + " record") +
                             " is cut short: Content-Length " + std::to_string(length) +
                             ", but only " + std::to_string(skipped) + " bytes follow";
        if (in_.at_break()) {
          reason += " before damaged data: " + in_.break_reason();
          in_.pass_break();
        }
        report(where, std::move(reason), false);
      }
      last_record_ = where;
      return;
    }
    // The 4 bytes after the block (its "\r\n\r\n") are asked for too: in a gzip file that
    // inflates the record's member to its end, so that its CRC is checked before use.
    std::string_view record = in_.peek(header_length + static_cast<std::size_t>(length) + 4);
    if (record.size() < header_length + length) {
      lose_cut_record(where, uri, length, header_length, record.size(), "WARC/");
      return;
    }
    std::string_view block = record.substr(header_length, static_cast<std::size_t>(length));
    if (wanted) {
      RawRecord rec;
      rec.source = source_;
      rec.location = where;
      rec.url = uri;
      rec.captured = std::string(fields.find("WARC-Date"));
      rec.record_type = type;
      rec.payload_digest = std::string(fields.find("WARC-Payload-Digest"));
      use_warc_record(std::move(rec), kind, fields, block, where);
    }
    in_.consume(header_length + static_cast<std::size_t>(length));
    last_record_ = where;
  }

  void check_digests(const NamedFields& fields, std::string_view block, std::size_t payload_start,
                     bool check_payload, const std::string& where, const std::string& uri) {
    if (!limits_.verify_digests) return;
    std::string computed;
    std::string_view block_digest = fields.find("WARC-Block-Digest");
    if (!block_digest.empty()) {
      if (check_digest(block_digest, block, &computed) == DigestCheck::kMismatch)
        report(where,
               "bad WARC-Block-Digest for " + uri + ": the record says " +
                   std::string(block_digest) + ", its bytes give " + computed + " (record used)",
               true);
      return;
    }
    std::string_view payload_digest = fields.find("WARC-Payload-Digest");
    if (check_payload && !payload_digest.empty() &&
        check_digest(payload_digest, block.substr(std::min(payload_start, block.size())),
                     &computed) == DigestCheck::kMismatch)
      report(where,
             "bad WARC-Payload-Digest for " + uri + ": the record says " +
                 std::string(payload_digest) + ", its payload gives " + computed + " (record used)",
             true);
  }

  void use_warc_record(RawRecord&& rec, Kind kind, const NamedFields& fields,
                       std::string_view block, const std::string& where) {
    if (rec.url.empty()) {
      report(where, rec.record_type + " record without WARC-Target-URI: skipped", false);
      return;
    }
    if (kind == Kind::kRevisit) {
      check_digests(fields, block, 0, false, where, rec.url);
      rec.refers_to_uri = clean_target_uri(fields.find("WARC-Refers-To-Target-URI"));
      rec.refers_to_date = std::string(fields.find("WARC-Refers-To-Date"));
      if (starts_http_status(block)) {
        HttpHeadResult head = parse_http_head(block);
        if (head.error.empty()) {
          rec.status = head.head.status;
          rec.content_type = std::string(head.head.find("Content-Type"));
          std::string_view location = head.head.find("Location");
          if (rec.status >= 300 && rec.status < 400 && !location.empty())
            rec.redirect_to = resolve_location(rec.url, clean_target_uri(location));
        }
      }
      on_record_(std::move(rec));
      return;
    }
    if (kind == Kind::kResponse && starts_http_status(block)) {
      use_http_response(std::move(rec), block, where, &fields);
      return;
    }
    if (kind == Kind::kResponse && !is_http_url(rec.url)) return;  // dns:, whois:, ...
    if (kind == Kind::kResponse)
      report(where, "response record for " + rec.url + " has no HTTP status line: used as is",
             true);
    check_digests(fields, block, 0, true, where, rec.url);
    use_resource(std::move(rec), block, fields.find("Content-Type"), where);
  }

  // A captured HTTP response: status, redirect target, decoded body.
  void use_http_response(RawRecord&& rec, std::string_view block, const std::string& where,
                         const NamedFields* warc_fields) {
    HttpHeadResult head = parse_http_head(block);
    if (!head.error.empty()) {
      report(where, "response for " + rec.url + ": " + head.error, false);
      return;
    }
    const int status = head.head.status;
    const std::string_view type = head.head.find("Content-Type");
    const bool page = is_html_content_type(type);
    if (limits_.pages_only && status >= 200 && status < 300 && !page) return;
    if (warc_fields != nullptr)
      check_digests(*warc_fields, block, head.head.body_offset, true, where, rec.url);

    HttpResponse response = decode_http_response(block, limits_.max_page_bytes);
    for (std::string& w : response.warnings)
      report(where, "response for " + rec.url + ": " + w, true);
    if (!response.error.empty()) {
      if (response.too_large && !page) {
        // Not a page: worth a warning, not an error.
        constexpr std::string_view kPrefix = "page too large: ";
        std::string_view detail = response.error;
        if (detail.substr(0, kPrefix.size()) == kPrefix) detail.remove_prefix(kPrefix.size());
        report(where,
               "record too large (" + std::string(type) + "): " + std::string(detail) + " (" +
                   rec.url + ")",
               true);
      } else {
        report(where, response.error + " (" + rec.url + ")", false);
      }
      return;
    }
    rec.status = response.status;
    rec.content_type = std::move(response.content_type);
    if (status >= 300 && status < 400 && !response.location.empty())
      rec.redirect_to = resolve_location(rec.url, clean_target_uri(response.location));
    rec.body = std::move(response.body);
    if (page && !rec.body.empty() && looks_binary(rec.body)) {
      report(where, "binary data, not HTML (" + rec.url + ")", false);
      return;
    }
    on_record_(std::move(rec));
  }

  // A payload stored as is (WARC resource, ARC record of a non-HTTP fetch).
  void use_resource(RawRecord&& rec, std::string_view block, std::string_view content_type,
                    const std::string& where) {
    const bool page = is_html_content_type(content_type);
    if (limits_.pages_only && !page) return;
    if (block.size() > limits_.max_page_bytes) {
      report(where,
             (page ? "page too large: " : "record too large: ") + std::to_string(block.size()) +
                 " bytes, limit " + std::to_string(limits_.max_page_bytes) + " (" + rec.url + ")",
             !page);
      return;
    }
    if (page && !block.empty() && looks_binary(block)) {
      report(where, "binary data, not HTML (" + rec.url + ")", false);
      return;
    }
    rec.status = 200;
    rec.content_type = std::string(content_type);
    rec.body.assign(block);
    on_record_(std::move(rec));
  }

  void read_arc_record() {
    const std::uint64_t pos = in_.position();
    std::string_view v = in_.peek(kHeaderProbe);
    const std::string where = in_.describe(pos);
    const std::size_t eol = v.find('\n');
    std::vector<std::string_view> tokens;
    if (eol != std::string_view::npos) {
      std::string_view line = trim(v.substr(0, eol));
      for (std::size_t i = 0; i < line.size();) {
        std::size_t j = line.find(' ', i);
        if (j == std::string_view::npos) j = line.size();
        if (j > i) tokens.push_back(line.substr(i, j - i));
        i = j + 1;
      }
    }
    // v1: URL IP date type length; v2: URL IP date type status checksum location offset file
    // length.
    const std::size_t trailing = arc_version_ == 2 ? 9 : 4;
    std::uint64_t length = 0;
    if (tokens.size() < trailing + 1 || !parse_length(tokens.back(), &length) ||
        tokens[0].find(':') == std::string_view::npos) {
      skip_garbage(where, "http", "an ARC record");
      return;
    }
    std::string raw_url;
    for (std::size_t i = 0; i + trailing < tokens.size(); ++i) {
      if (i > 0) raw_url += ' ';
      raw_url += tokens[i];
    }
    const std::string url = clean_target_uri(raw_url);
    const std::string_view date = tokens[tokens.size() - trailing + 1];
    const std::string type(tokens[tokens.size() - trailing + 2]);
    const std::size_t header_length = eol + 1;

    if (istarts_with(url, "filedesc:")) {
      std::string_view desc = in_.peek(header_length + 64).substr(header_length);
      if (!desc.empty() && desc[0] == '2') arc_version_ = 2;
      in_.consume(header_length);
      if (in_.skip(length) < length) report(where, "ARC file header is cut short", false);
      last_record_ = where;
      return;
    }
    const bool wanted = is_http_url(url);
    if (length > (wanted ? limits_.max_page_bytes + kHttpHeadAllowance : kHeldUnwanted)) {
      if (runs_past_end(where, pos + header_length, length)) {
        in_.consume(1);
        resync("http");
        return;
      }
      if (wanted) skip_oversized(where, url, Kind::kResponse, type, header_length, length);
      in_.consume(header_length);
      if (in_.skip(length) < length) {
        std::string reason = "ARC record is cut short";
        if (in_.at_break()) {
          reason += ": " + in_.break_reason();
          in_.pass_break();
        }
        report(where, std::move(reason), false);
      }
      last_record_ = where;
      return;
    }
    std::string_view record = in_.peek(header_length + static_cast<std::size_t>(length) + 1);
    if (record.size() < header_length + length) {
      lose_cut_record(where, url, length, header_length, record.size(), "http");
      return;
    }
    std::string_view block = record.substr(header_length, static_cast<std::size_t>(length));
    if (wanted) {
      RawRecord rec;
      rec.source = source_;
      rec.location = where;
      rec.url = url;
      rec.captured = arc_date_to_iso(date);
      rec.record_type = "response";
      if (starts_http_status(block))
        use_http_response(std::move(rec), block, where, nullptr);
      else
        use_resource(std::move(rec), block, type, where);
    }
    in_.consume(header_length + static_cast<std::size_t>(length));
    last_record_ = where;
  }

  ByteStream& in_;
  const std::string& source_;
  const std::string& path_;
  const RecordSink& on_record_;
  const ErrorSink& on_error_;
  const ReadLimits& limits_;
  std::string last_record_;  // where the last whole record was, for messages
  int arc_version_ = 1;
};

}  // namespace

void read_archive(ByteStream& stream, const std::string& source, const std::string& path,
                  const RecordSink& on_record, const ErrorSink& on_error,
                  const ReadLimits& limits) {
  ArchiveReader(stream, source, path, on_record, on_error, limits).run();
}

void read_archive_bytes(std::string_view bytes, const std::string& name,
                        const RecordSink& on_record, const ErrorSink& on_error,
                        const ReadLimits& limits) {
  ByteStream stream(std::make_unique<MemoryInput>(bytes));
  read_archive(stream, name, name, on_record, on_error, limits);
}

std::string clean_target_uri(std::string_view raw) {
  std::string_view s = trim(raw);
  if (s.size() >= 2 && s.front() == '<' && s.back() == '>') s = trim(s.substr(1, s.size() - 2));
  static constexpr char kHex[] = "0123456789ABCDEF";
  // Bytes that are not UTF-8 (a Latin-1 URL) are encoded too: URLs end up in JSON.
  const bool encode_high = !is_valid_utf8(s);
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f || (encode_high && u >= 0x80)) {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 15];
    } else {
      out += c;
    }
  }
  return out;
}

std::string arc_date_to_iso(std::string_view d) {
  if (d.size() < 8 || d.size() > 14 ||
      !std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::string(d);
  std::string digits(d);
  digits.resize(14, '0');
  return digits.substr(0, 4) + "-" + digits.substr(4, 2) + "-" + digits.substr(6, 2) + "T" +
         digits.substr(8, 2) + ":" + digits.substr(10, 2) + ":" + digits.substr(12, 2) + "Z";
}

DigestCheck check_digest(std::string_view field, std::string_view bytes, std::string* computed) {
  field = trim(field);
  if (!istarts_with(field, "sha1:")) return DigestCheck::kUnchecked;
  std::string_view value = trim(field.substr(5));
  const bool base32 = value.size() == 32;
  const bool hex = value.size() == 40;
  if (!base32 && !hex) return DigestCheck::kUnchecked;
  const Sha1::Digest digest = sha1(bytes);
  const std::string mine = base32 ? base32_encode(digest) : hex_encode(digest);
  if (iequals(mine, value)) return DigestCheck::kMatch;
  if (computed != nullptr) *computed = "sha1:" + (base32 ? mine : hex_encode(digest));
  return DigestCheck::kMismatch;
}

}  // namespace dossier::indexer
