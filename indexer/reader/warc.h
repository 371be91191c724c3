// warc.h — reads web archives: WARC 1.0/1.1 and ARC v1/v2, plain or gzip
// (a member per record or one big member). In: the archive's bytes (a
// ByteStream). Out: one RawRecord per response, resource and revisit record,
// its HTTP framing undone (http.h); request, metadata and warcinfo records are
// skipped. Damage (a record cut short, bytes between records, corrupt gzip
// data, a wrong Content-Length) is reported as a SourceError naming the byte
// offset, and reading goes on at the next record that can be found.
//
// Revisit records are not resolved to the capture they repeat: they come out
// with record_type "revisit", an empty body, the status of their HTTP head, and
// refers_to_uri / refers_to_date / payload_digest naming the original (see
// record.h). Resolving them would mean keeping earlier bodies in memory.
//
// Digests: WARC-Block-Digest is checked when present (sha1, base32 or hex);
// WARC-Payload-Digest only when there is no block digest. A mismatch is a
// warning: the record is still used.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "indexer/reader/byte_stream.h"
#include "indexer/reader/record.h"

namespace dossier::indexer {

using RecordSink = std::function<void(RawRecord&&)>;
using ErrorSink = std::function<void(SourceError&&)>;

// Reads every record of `stream`. `source` goes into RawRecord::source; `path`
// starts SourceError::where ("path, offset N").
void read_archive(ByteStream& stream, const std::string& source, const std::string& path,
                  const RecordSink& on_record, const ErrorSink& on_error,
                  const ReadLimits& limits = {});

// The same over bytes in memory (tests, fuzzing).
void read_archive_bytes(std::string_view bytes, const std::string& name,
                        const RecordSink& on_record, const ErrorSink& on_error,
                        const ReadLimits& limits = {});

// "<http://example.com/>" -> "http://example.com/"; spaces and control
// characters inside are percent-encoded ("file:///a b" -> "file:///a%20b"), and
// so are bytes >= 0x80 when the URI is not valid UTF-8. Also used on Location.
std::string clean_target_uri(std::string_view raw);

// ARC dates "20140216050221" -> "2014-02-16T05:02:21Z"; anything else is kept as is.
std::string arc_date_to_iso(std::string_view arc_date);

enum class DigestCheck { kMatch, kMismatch, kUnchecked };
// Checks a "sha1:<base32 or hex>" digest field against bytes. Other algorithms
// and malformed fields are kUnchecked. `computed` gets "sha1:<base32>" on a mismatch.
DigestCheck check_digest(std::string_view field, std::string_view bytes, std::string* computed);

}  // namespace dossier::indexer
