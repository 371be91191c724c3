// merge.cpp — see merge.h.
#include "indexer/merge.h"

#include <algorithm>
#include <tuple>

#include "indexer/identity.h"

namespace dossier::indexer {

bool better_sighting(const schema::Sighting& a, const schema::Sighting& b) {
  if (a.full != b.full) return a.full;
  if (a.listing != b.listing) return !a.listing;
  bool same_url = normalize_url(a.url) == normalize_url(b.url);
  if (same_url && a.captured != b.captured) return a.captured > b.captured;
  if (a.length != b.length) return a.length > b.length;
  return std::tie(a.url, a.source, a.captured) < std::tie(b.url, b.source, b.captured);
}

bool preferred_url(std::string_view a, std::string_view b) {
  auto rank = [](std::string_view u) {
    bool query = u.find('?') != std::string_view::npos;
    bool amp = u.find("/amp") != std::string_view::npos;
    return std::tuple(query, amp, u.size());
  };
  auto ra = rank(a), rb = rank(b);
  if (ra != rb) return ra < rb;
  return a < b;
}

void add_sighting(schema::StoredDoc& post, const schema::Sighting& s) {
  auto same = [&](const schema::Sighting& x) { return x.url == s.url && x.source == s.source; };
  auto it = std::find_if(post.seen.begin(), post.seen.end(), same);
  if (it != post.seen.end())
    *it = s;
  else
    post.seen.push_back(s);
  std::sort(post.seen.begin(), post.seen.end(), [](const auto& a, const auto& b) {
    return std::tie(a.url, a.source) < std::tie(b.url, b.source);
  });
}

bool merge_version(schema::StoredDoc& post, const schema::StoredDoc& version) {
  const schema::Sighting& s = version.best;
  auto same = [&](const schema::Sighting& x) { return x.url == s.url && x.source == s.source; };
  add_sighting(post, s);

  bool take = post.body.empty() || same(post.best) || better_sighting(s, post.best);
  if (!take) {
    prefer_url(post, version.url);
    return false;
  }
  std::string keep_id = post.id, keep_url = post.url;
  auto seen = std::move(post.seen);
  post = version;
  post.seen = std::move(seen);
  post.id = keep_id.empty() ? version.id : keep_id;
  post.url = keep_url.empty() ? version.url : keep_url;
  prefer_url(post, version.url);
  return true;
}

void prefer_url(schema::StoredDoc& post, const std::string& url) {
  // Spellings of the same address ("/x/" and "/x/index.html"): the preferred
  // one, whichever was read first, so the result does not depend on the order.
  if (url.empty() || url == post.url) return;
  if (post.url.empty() ||
      (preferred_url(url, post.url) && normalize_url(url) == normalize_url(post.url)))
    post.url = url;
}

bool drop_source(schema::StoredDoc& post, std::string_view source) {
  std::erase_if(post.seen, [&](const schema::Sighting& x) { return x.source == source; });
  return post.best.source == source;
}

}  // namespace dossier::indexer
