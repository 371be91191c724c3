// process.cpp — read, decode, extract and annotate one source unit (see process.h).
#include "indexer/process.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <unordered_set>

#include "indexer/content_hash.h"
#include "indexer/identity.h"
#include "schema/analyzer.h"

namespace dossier::indexer {
namespace {

std::string join_paragraphs(const std::vector<std::string>& paragraphs) {
  std::string out;
  for (const auto& p : paragraphs) {
    if (p.empty()) continue;
    if (!out.empty()) out += "\n\n";
    out += p;
  }
  return out;
}

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

std::string text_fingerprint(std::string_view body) {
  std::string folded = schema::fold_key(body), kept;
  kept.reserve(folded.size());
  for (char c : folded)
    if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80)
      kept += c;
  return schema::stable_hash_hex(kept);
}

namespace {

// Small files are hashed whole; large ones (archives) in 4 MiB blocks, so
// memory stays bounded: the hash of the blocks' hashes. hash_bytes() and
// hash_file() give the same answer for the same bytes.
constexpr std::size_t kHashBlock = 4u << 20;

std::string hash_of_blocks(const std::string& hashes) { return "b" + content_hash_hex(hashes); }

void append_block_hash(std::string& hashes, std::string_view block) {
  std::uint64_t h = content_hash(block);
  hashes.append(reinterpret_cast<const char*>(&h), sizeof h);
}

}  // namespace

std::string hash_bytes(std::string_view bytes) {
  if (bytes.size() < kHashBlock) return content_hash_hex(bytes);
  std::string hashes;
  std::size_t i = 0;
  for (; i + kHashBlock <= bytes.size(); i += kHashBlock) append_block_hash(hashes, bytes.substr(i, kHashBlock));
  append_block_hash(hashes, bytes.substr(i));  // the last, partial (maybe empty) block
  return hash_of_blocks(hashes);
}

bool hash_file(const std::string& path, std::string& hex) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  // One buffer per thread, reused: allocating (and zeroing) 4 MiB per file
  // would cost more than hashing it.
  thread_local std::string block;
  if (block.size() < kHashBlock) block.resize(kHashBlock);
  std::string hashes;
  bool first = true;
  for (;;) {
    std::size_t filled = 0;
    while (filled < kHashBlock) {
      ssize_t n = ::read(fd, block.data() + filled, kHashBlock - filled);
      if (n < 0) {
        int saved = errno;
        ::close(fd);
        errno = saved;
        return false;
      }
      if (n == 0) break;
      filled += static_cast<std::size_t>(n);
    }
    std::string_view data(block.data(), filled);
    if (first && filled < kHashBlock) {
      hex = content_hash_hex(data);
      ::close(fd);
      return true;
    }
    first = false;
    append_block_hash(hashes, data);
    if (filled < kHashBlock) break;
  }
  ::close(fd);
  hex = hash_of_blocks(hashes);
  return true;
}

bool read_whole_file(const std::string& path, std::string& out) {
  out.clear();
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st;
  if (::fstat(fd, &st) == 0 && st.st_size > 0) out.reserve(static_cast<std::size_t>(st.st_size));
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      ::close(fd);
      return false;
    }
    if (n == 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return true;
}

UnitProcessor::UnitProcessor(const schema::Gazetteers& gazetteers, ProcessOptions options)
    : gazetteers_(gazetteers), annotator_(gazetteers), options_(std::move(options)) {}

PostVersion UnitProcessor::make_version(const ExtractedPost& post, const ExtractedPage& page,
                                        const DecodedPage& decoded, const std::string& source_key,
                                        bool finish_now) const {
  PostVersion v;
  schema::StoredDoc& d = v.doc;
  d.url = post.url.empty() ? decoded.url : post.url;
  // A mirror's rewritten canonical link ("index.html") names the page itself: use its URL.
  if (d.url != decoded.url && normalize_url(d.url) == normalize_url(decoded.url)) d.url = decoded.url;
  d.id = post_id_for_url(d.url);
  d.title = post.title;
  d.body = join_paragraphs(post.paragraphs);
  if (!post.excerpt && d.body.size() >= 200) d.fingerprint = text_fingerprint(d.body);
  d.canonical = page.kind == PageKind::kListing || !page.canonical_url.empty() ||
                normalize_url(d.url) != normalize_url(decoded.url);
  schema::Sighting s;
  s.url = post.page_url.empty() ? decoded.url : post.page_url;
  s.source = source_key;
  s.full = !post.excerpt;
  s.listing = page.kind == PageKind::kListing;
  s.length = utf8_length(d.body);
  s.captured = decoded.captured;
  d.best = s;
  d.seen = {s};
  if (finish_now)
    complete(v, post);
  else
    v.unfinished = std::make_shared<const ExtractedPost>(post);
  return v;
}

void UnitProcessor::finish(PostVersion& v) const {
  if (!v.unfinished) return;
  auto post = std::move(v.unfinished);
  complete(v, *post);
}

void UnitProcessor::complete(PostVersion& v, const ExtractedPost& post) const {
  schema::StoredDoc& d = v.doc;
  Annotation a = annotator_.annotate(post);
  d.date = a.date;
  d.type = a.type;
  d.lang = a.lang;
  d.ministers = std::move(a.ministers);
  d.orgs = std::move(a.orgs);
  d.topics = std::move(a.topics);
}

void UnitProcessor::process(const SourceUnit& unit, const std::string& known_hash,
                            const std::function<void(UnitResult&&)>& emit) const {
  UnitResult r;
  r.key = unit.key;
  r.given = unit.given;
  r.path = unit.path;
  r.size = unit.size;
  r.mtime_ns = unit.mtime_ns;

  if (!known_hash.empty() || unit.kind != UnitKind::kPage) {
    if (!hash_file(unit.path, r.hash)) {
      r.failed = true;
      r.errors.push_back({unit.path, std::string("cannot read file: ") + std::strerror(errno)});
      emit(std::move(r));
      return;
    }
    if (r.hash == known_hash) {
      r.unchanged = true;
      emit(std::move(r));
      return;
    }
  }

  std::size_t records_seen = 0;
  std::string page_hash;
  auto on_record = [&](RawRecord&& rec) {
    ++records_seen;
    ++r.counts.records;
    if (unit.kind == UnitKind::kPage && r.hash.empty()) page_hash = hash_bytes(rec.body);
    if (rec.status >= 300 && rec.status < 400) {
      ++r.counts.redirects;
      if (!rec.redirect_to.empty()) r.redirects.emplace_back(rec.url, rec.redirect_to);
      return;
    }
    if (rec.status >= 400) {
      ++r.counts.http_errors;
      return;
    }
    if (rec.body.empty()) {
      ++r.counts.skipped;
      return;
    }
    if (!options_.base_url.empty() && unit.kind == UnitKind::kPage) rec.url = options_.base_url;
    DecodedPage page = decode_page(std::move(rec));
    ExtractedPage extracted = extract_page(page);
    if (extracted.kind == PageKind::kOther) {
      ++r.counts.skipped;
      return;
    }
    ++r.counts.pages;
    if (extracted.kind == PageKind::kListing) ++r.counts.listing_pages;
    for (const auto& post : extracted.posts) {
      bool listing = extracted.kind == PageKind::kListing;
      r.posts.push_back(make_version(post, extracted, page, unit.key,
                                     !(listing && options_.defer_listing_copies)));
      ++r.counts.posts;
    }
    if (r.posts.size() >= options_.chunk_posts && unit.kind != UnitKind::kPage) {
      UnitResult chunk;
      chunk.key = r.key;
      chunk.given = r.given;
      chunk.path = r.path;
      chunk.last = false;
      chunk.posts = std::move(r.posts);
      r.posts.clear();
      emit(std::move(chunk));
    }
  };
  auto on_error = [&](SourceError&& e) { r.errors.push_back(std::move(e)); };
  read_unit(unit, on_record, on_error, options_.limits);
  if (r.hash.empty()) r.hash = page_hash;
  bool lost = std::any_of(r.errors.begin(), r.errors.end(), [](const SourceError& e) { return !e.warning; });
  if (records_seen == 0 && lost) r.failed = true;
  emit(std::move(r));
}

}  // namespace dossier::indexer
