// source.cpp — walking SOURCE arguments and reading their units (see source.h).
#include "indexer/reader/source.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <memory>
#include <set>
#include <utility>
#include <vector>

#include "indexer/reader/ascii.h"
#include "indexer/reader/byte_stream.h"
#include "indexer/reader/charset.h"
#include "indexer/reader/warc.h"

namespace dossier::indexer {
namespace {

using ascii::iends_with;

constexpr int kMaxDepth = 256;

std::string join_path(const std::string& dir, const std::string& name) {
  return !dir.empty() && dir.back() == '/' ? dir + name : dir + "/" + name;
}

std::string errno_text(int err) { return std::strerror(err); }

std::int64_t mtime_ns_of(const struct stat& st) {
  return static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

std::string base_name(std::string_view path) {
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  const std::size_t slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

std::string real_path(const std::string& path) {
  std::unique_ptr<char, decltype(&std::free)> resolved(::realpath(path.c_str(), nullptr),
                                                       &std::free);
  return resolved ? std::string(resolved.get()) : path;
}

// "example.org", "www.example.co.uk:8080": a wget mirror's host folder.
bool looks_like_host(std::string_view name) {
  if (const std::size_t colon = name.rfind(':'); colon != std::string_view::npos) {
    std::string_view port = name.substr(colon + 1);
    if (port.empty() ||
        !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return false;
    name = name.substr(0, colon);
  }
  if (name == "localhost") return true;
  const std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
          c == '-'))
      return false;
  const std::string_view tld = name.substr(dot + 1);
  return tld.size() >= 2 && std::all_of(tld.begin(), tld.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
         });
}

// How one lstat/stat of a directory entry turned out.
struct Entry {
  std::string name;
  struct stat st;
  int error = 0;  // errno of stat when the entry cannot be followed
  bool is_link = false;
};

class TreeWalker {
 public:
  TreeWalker(const std::string& given, const std::function<void(SourceUnit&&)>& on_unit,
             const std::function<void(SourceError&&)>& on_error, WalkStats& stats)
      : given_(given), on_unit_(on_unit), on_error_(on_error), stats_(stats) {}

  void walk(const struct stat& root_stat) {
    root_key_ = real_path(given_);
    std::string root = given_;
    while (root.size() > 1 && root.back() == '/') root.pop_back();
    std::vector<std::pair<dev_t, ino_t>> ancestors{{root_stat.st_dev, root_stat.st_ino}};
    visited_.insert({root_stat.st_dev, root_stat.st_ino});
    walk_dir(root, "", ancestors, 0);
  }

 private:
  void error(const std::string& where, std::string reason, bool warning = false) {
    ++stats_.errors;
    on_error_(SourceError{where, std::move(reason), warning});
  }

  bool list(const std::string& dir, std::vector<Entry>* entries) {
    DIR* d = ::opendir(dir.c_str());
    if (d == nullptr) {
      error(dir, "cannot read directory: " + errno_text(errno));
      return false;
    }
    const int dfd = ::dirfd(d);
    errno = 0;
    while (struct dirent* e = ::readdir(d)) {
      std::string_view name = e->d_name;
      if (name == "." || name == "..") continue;
      Entry entry;
      entry.name = std::string(name);
      if (::fstatat(dfd, e->d_name, &entry.st, AT_SYMLINK_NOFOLLOW) != 0) {
        entry.error = errno;
      } else if (S_ISLNK(entry.st.st_mode)) {
        entry.is_link = true;
        if (::fstatat(dfd, e->d_name, &entry.st, 0) != 0) entry.error = errno;
      }
      entries->push_back(std::move(entry));
      errno = 0;
    }
    const int read_error = errno;
    ::closedir(d);
    if (read_error != 0) error(dir, "cannot read directory: " + errno_text(read_error));
    std::sort(entries->begin(), entries->end(),
              [](const Entry& a, const Entry& b) { return a.name < b.name; });
    return true;
  }

  void walk_dir(const std::string& dir, const std::string& below,
                std::vector<std::pair<dev_t, ino_t>>& ancestors, int depth) {
    std::vector<Entry> entries;
    if (!list(dir, &entries)) return;
    if (depth == 0) {
      // A tree named like a host, holding no host folders, is that host's folder.
      const std::string name = base_name(root_key_);
      const bool children_are_hosts =
          std::any_of(entries.begin(), entries.end(), [](const Entry& e) {
            return e.error == 0 && S_ISDIR(e.st.st_mode) && looks_like_host(e.name);
          });
      if (looks_like_host(name) && !children_are_hosts) host_prefix_ = name + "/";
    }
    for (const Entry& e : entries) {
      const std::string path = join_path(dir, e.name);
      const std::string child_below = below.empty() ? e.name : below + "/" + e.name;
      if (e.error != 0) {
        if (e.is_link && e.error == ELOOP)
          error(path, "symbolic link loop");
        else if (e.is_link && e.error == ENOENT)
          error(path, "dangling symbolic link");
        else
          error(path, "cannot stat: " + errno_text(e.error));
        continue;
      }
      if (S_ISDIR(e.st.st_mode)) {
        if (e.name[0] == '.') continue;
        const std::pair<dev_t, ino_t> id{e.st.st_dev, e.st.st_ino};
        if (std::find(ancestors.begin(), ancestors.end(), id) != ancestors.end()) {
          error(path, "symbolic link loop: leads back to a directory above it");
          continue;
        }
        if (!visited_.insert(id).second) {
          error(path, "directory already walked through another path: skipped", true);
          continue;
        }
        if (depth + 1 > kMaxDepth) {
          error(path, "directories nested deeper than " + std::to_string(kMaxDepth) + " levels");
          continue;
        }
        ancestors.push_back(id);
        walk_dir(path, child_below, ancestors, depth + 1);
        ancestors.pop_back();
        continue;
      }
      if (!S_ISREG(e.st.st_mode)) {
        error(path, "not a regular file (device, socket or pipe): skipped");
        continue;
      }
      SourceUnit unit;
      if (auto kind = archive_kind(e.name)) {
        unit.kind = *kind;
        ++stats_.archives;
      } else if (is_page_file_name(e.name)) {
        unit.kind = UnitKind::kPage;
        const std::string url_path = host_prefix_ + child_below;
        unit.url = url_path.find('/') == std::string::npos
                       ? "file://" + join_path(root_key_, child_below)
                       : mirror_url(url_path);
        ++stats_.pages;
      } else {
        ++stats_.skipped;
        continue;
      }
      unit.given = given_;
      unit.path = path;
      unit.location = child_below;
      unit.key = join_path(root_key_, child_below);
      unit.size = static_cast<std::uint64_t>(e.st.st_size);
      unit.mtime_ns = mtime_ns_of(e.st);
      on_unit_(std::move(unit));
    }
  }

  const std::string& given_;
  const std::function<void(SourceUnit&&)>& on_unit_;
  const std::function<void(SourceError&&)>& on_error_;
  WalkStats& stats_;
  std::string root_key_;
  std::string host_prefix_;  // "example.org/" when the tree is one host's folder
  std::set<std::pair<dev_t, ino_t>> visited_;
};

// Reads a whole page file with one read(2) into a string of its size.
void read_page(const SourceUnit& unit, const std::function<void(RawRecord&&)>& on_record,
               const std::function<void(SourceError&&)>& on_error, const ReadLimits& limits) {
  const int fd = ::open(unit.path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    on_error(SourceError{unit.path, "cannot open: " + errno_text(errno)});
    return;
  }
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    on_error(SourceError{unit.path, "not a regular file"});
    ::close(fd);
    return;
  }
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (size > limits.max_page_bytes) {
    on_error(SourceError{unit.path, "page too large: " + std::to_string(size) + " bytes, limit " +
                                        std::to_string(limits.max_page_bytes)});
    ::close(fd);
    return;
  }
  RawRecord rec;
  rec.body.resize(static_cast<std::size_t>(size));
  std::size_t got = 0;
  std::string read_error;
  while (got < rec.body.size()) {
    const ssize_t n = ::read(fd, rec.body.data() + got, rec.body.size() - got);
    if (n > 0) {
      got += static_cast<std::size_t>(n);
    } else if (n == 0) {
      break;  // the file shrank since fstat: keep what is there
    } else if (errno != EINTR) {
      read_error = errno_text(errno);
      break;
    }
  }
  ::close(fd);
  if (!read_error.empty()) {
    on_error(SourceError{unit.path, "read error: " + read_error});
    return;
  }
  rec.body.resize(got);
  if (looks_binary(rec.body)) {
    on_error(SourceError{unit.path, "binary data, not HTML"});
    return;
  }
  rec.source = unit.given;
  rec.location = unit.location.empty() ? unit.path : unit.location;
  rec.url = unit.url;
  rec.status = 200;
  rec.captured = iso8601_utc(mtime_ns_of(st));
  rec.record_type = "file";
  on_record(std::move(rec));
}

}  // namespace

bool is_page_file_name(std::string_view name) {
  name = name.substr(0, name.find('?'));
  const std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos) return !name.empty();
  if (dot == 0) return false;  // ".htaccess"
  const std::string_view ext = name.substr(dot);
  for (std::string_view page :
       {".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx", ".jsp", ".cfm"})
    if (iends_with(ext, page) && ext.size() == page.size()) return true;
  return false;
}

std::optional<UnitKind> archive_kind(std::string_view name) {
  if (iends_with(name, ".warc") || iends_with(name, ".warc.gz")) return UnitKind::kWarc;
  if (iends_with(name, ".arc") || iends_with(name, ".arc.gz")) return UnitKind::kArc;
  return std::nullopt;
}

std::string mirror_url(std::string_view path_below_tree) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  // wget stores "/?p=12" as "index.html?p=12", plus ".html" with --adjust-extension:
  // give the URL the site served, not the file name.
  std::string undone;
  if (auto q = path_below_tree.find('?'); q != std::string_view::npos) {
    std::string_view before = path_below_tree.substr(0, q), query = path_below_tree.substr(q);
    constexpr std::string_view kIndex = "index.html", kExt = ".html";
    if (before.size() >= kIndex.size() && before.substr(before.size() - kIndex.size()) == kIndex &&
        (before.size() == kIndex.size() || before[before.size() - kIndex.size() - 1] == '/'))
      before.remove_suffix(kIndex.size());
    if (query.size() > kExt.size() && query.substr(query.size() - kExt.size()) == kExt)
      query.remove_suffix(kExt.size());
    undone = std::string(before) + std::string(query);
    path_below_tree = undone;
  } else if (constexpr std::string_view kIndex = "/index.html";
             path_below_tree.size() > kIndex.size() &&
             path_below_tree.substr(path_below_tree.size() - kIndex.size()) == kIndex) {
    // A folder's page: wget saves "/2018/06/letter/" as ".../letter/index.html".
    path_below_tree.remove_suffix(kIndex.size() - 1);
  }
  // File names that are not UTF-8 (Latin-1 names) are encoded: URLs end up in JSON.
  const bool encode_high = !is_valid_utf8(path_below_tree);
  std::string url = "https://";
  url.reserve(url.size() + path_below_tree.size());
  for (char c : path_below_tree) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f || c == '#' || (encode_high && u >= 0x80)) {
      url += '%';
      url += kHex[u >> 4];
      url += kHex[u & 15];
    } else {
      url += c;
    }
  }
  return url;
}

std::string iso8601_utc(std::int64_t unix_ns) {
  std::int64_t seconds = unix_ns / 1000000000;
  if (unix_ns % 1000000000 < 0) --seconds;
  const auto t = static_cast<std::time_t>(seconds);
  struct tm tm;
  if (::gmtime_r(&t, &tm) == nullptr) return {};
  char buffer[32];
  const std::size_t n = std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return std::string(buffer, n);
}

void walk_source(const std::string& source, const std::function<void(SourceUnit&&)>& on_unit,
                 const std::function<void(SourceError&&)>& on_error, const WalkOptions& options,
                 WalkStats* stats) {
  WalkStats local;
  WalkStats& st = stats != nullptr ? *stats : local;
  auto fail = [&](std::string reason) {
    ++st.errors;
    on_error(SourceError{source, std::move(reason), false});
  };
  if (source.empty()) {
    fail("empty SOURCE");
    return;
  }
  struct stat sb;
  if (::stat(source.c_str(), &sb) != 0) {
    const int err = errno;
    struct stat lsb;
    if (err == ELOOP)
      fail("symbolic link loop");
    else if (err == ENOENT && ::lstat(source.c_str(), &lsb) == 0 && S_ISLNK(lsb.st_mode))
      fail("dangling symbolic link");
    else
      fail(errno_text(err));
    return;
  }
  if (S_ISDIR(sb.st_mode)) {
    TreeWalker(source, on_unit, on_error, st).walk(sb);
    return;
  }
  if (!S_ISREG(sb.st_mode)) {
    fail("not a regular file or directory");
    return;
  }
  SourceUnit unit;
  unit.given = source;
  unit.path = source;
  unit.key = real_path(source);
  unit.size = static_cast<std::uint64_t>(sb.st_size);
  unit.mtime_ns = mtime_ns_of(sb);
  if (auto kind = archive_kind(source)) {
    unit.kind = *kind;
    ++st.archives;
  } else {
    unit.kind = UnitKind::kPage;
    if (options.base_url.empty())
      unit.url = "file://" + unit.key;
    else if (options.base_url.back() == '/')
      unit.url = options.base_url + mirror_url(base_name(source)).substr(8);
    else
      unit.url = options.base_url;
    ++st.pages;
  }
  on_unit(std::move(unit));
}

void read_unit(const SourceUnit& unit, const std::function<void(RawRecord&&)>& on_record,
               const std::function<void(SourceError&&)>& on_error, const ReadLimits& limits) {
  if (unit.kind == UnitKind::kPage) {
    read_page(unit, on_record, on_error, limits);
    return;
  }
  const int fd = ::open(unit.path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    on_error(SourceError{unit.path, "cannot open: " + errno_text(errno)});
    return;
  }
  ByteStream stream(std::make_unique<FileInput>(fd));
  if (unit.location.empty()) {
    read_archive(stream, unit.given, unit.path, on_record, on_error, limits);
    return;
  }
  const std::function<void(RawRecord &&)> located = [&](RawRecord&& rec) {
    rec.location = unit.location + ", " + rec.location;
    on_record(std::move(rec));
  };
  read_archive(stream, unit.given, unit.path, located, on_error, limits);
}

}  // namespace dossier::indexer
