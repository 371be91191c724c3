// source.h — what a SOURCE argument holds and how to read it. In: the SOURCE as
// typed (a directory tree: a wget/httrack mirror or a folder of archives; a
// .warc/.warc.gz/.arc/.arc.gz file; one HTML file). Out: SourceUnits, one per
// file to read, in a deterministic (sorted) order; then, per unit, its
// RawRecords. Bad content never throws: each problem is a SourceError and the
// walk or the reading goes on.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "indexer/reader/record.h"

namespace dossier::indexer {

enum class UnitKind { kPage, kWarc, kArc };  // a mirror/HTML file, or an archive

struct SourceUnit {
  std::string given;  // the SOURCE argument as the user typed it
  std::string path;   // the file to read
  // The path below the tree ("example.org/news/a.html"); empty for a file given alone.
  std::string location;
  // Stable key for incremental state: the canonical absolute path of the tree (or
  // file) followed by `location`; links below the tree are not resolved.
  std::string key;
  // For kPage: the page URL. In a mirror, "https://" + the path below the tree,
  // whose first component is the host (percent-encoding spaces, '#', controls,
  // and the bytes of names that are not UTF-8; "?" is kept, as wget writes
  // queries into names). A tree whose own name is a host ("example.org/") is
  // that host's folder. A file directly at the top of a tree, or an HTML file
  // given alone: "file://" + the key, unless WalkOptions::base_url is set.
  // Empty for archives.
  std::string url;
  UnitKind kind = UnitKind::kPage;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
};

struct WalkOptions {
  // For an HTML file given alone: its URL. One ending in "/" is a folder: the
  // file's name is appended.
  std::string base_url;
};

struct WalkStats {
  std::uint64_t pages = 0;     // page units given
  std::uint64_t archives = 0;  // archive units given
  std::uint64_t skipped = 0;   // files of a tree that are not pages (.css .js .jpg .pdf ...)
  std::uint64_t errors = 0;    // SourceErrors reported by the walk
};

// Walks one SOURCE. Trees are walked in byte order of names, a directory's
// entries in one sorted list; symbolic links are followed; directories whose
// name starts with "." are left out (.git, .svn). Unreadable directories,
// symbolic link loops, dangling links and special files are reported and
// skipped. Which files of a tree are pages: by extension (.html .htm .xhtml
// .shtml .php .asp .aspx .jsp .cfm, or none; a wget "?query" suffix is
// ignored); archives by .warc .warc.gz .arc .arc.gz; the rest is counted in
// stats->skipped. A single file given alone is a page whatever its name, unless
// it is named like an archive.
void walk_source(const std::string& source, const std::function<void(SourceUnit&&)>& on_unit,
                 const std::function<void(SourceError&&)>& on_error,
                 const WalkOptions& options = {}, WalkStats* stats = nullptr);

// Reads a unit's records. A page file gives one RawRecord (status 200,
// record_type "file", captured = its mtime in ISO 8601, location = `location`
// or the path); it is read with one read(2). An archive gives one per
// response/resource/revisit record (see warc.h), with location "offset N"
// (prefixed by the archive's path below the tree when it was found in one).
// Pages over limits.max_page_bytes and binary data are reported, not given.
void read_unit(const SourceUnit& unit, const std::function<void(RawRecord&&)>& on_record,
               const std::function<void(SourceError&&)>& on_error, const ReadLimits& limits = {});

// The building blocks, for tests and for callers that find files themselves.
bool is_page_file_name(std::string_view name);
std::optional<UnitKind> archive_kind(std::string_view name);
// "example.org/a b.html" -> "https://example.org/a%20b.html"
std::string mirror_url(std::string_view path_below_tree);
std::string iso8601_utc(std::int64_t unix_ns);  // "2018-08-14T09:30:00Z"

}  // namespace dossier::indexer
