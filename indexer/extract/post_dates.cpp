// post_dates.cpp — see post_dates.h.
#include "indexer/extract/post_dates.h"

#include <algorithm>

#include "indexer/extract/dom.h"
#include "schema/dates.h"

namespace dossier::indexer::extraction {
namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

std::optional<std::string> first_full_date(std::string_view text) {
  for (const schema::DateMention& m : schema::find_dates(text))
    if (m.has_day) return m.iso;
  return std::nullopt;
}

}  // namespace

std::optional<std::string> time_element_date(const PageTree& tree, const std::vector<int>& roots) {
  std::optional<std::string> best;
  int best_rank = 99;
  for (int root : roots) {
    for (int i = root; i < tree[root].end; ++i) {
      const TreeNode& t = tree[i];
      if (t.furniture) {
        i = t.end - 1;
        continue;
      }
      std::string_view itemprop = attribute(t.node, "itemprop");
      bool published_prop = itemprop.find("datePublished") != std::string_view::npos;
      if (t.tag != GUMBO_TAG_TIME && !published_prop) continue;
      std::string cls = lowercase(attribute(t.node, "class"));
      int rank = 1;
      if (published_prop || has_attribute(t.node, "pubdate") ||
          cls.find("publish") != std::string::npos || cls.find("entry-date") != std::string::npos)
        rank = 0;
      if (itemprop.find("dateModified") != std::string_view::npos ||
          cls.find("updated") != std::string::npos || cls.find("modified") != std::string::npos)
        rank = 2;
      if (rank >= best_rank) continue;
      std::optional<std::string> date;
      for (const char* attr : {"datetime", "content"}) {
        std::string_view v = attribute(t.node, attr);
        if (!v.empty() && !date) date = schema::parse_date(v);
      }
      if (!date && !t.hidden) date = schema::parse_date(tree.text(i));
      if (date) {
        best = date;
        best_rank = rank;
        if (rank == 0) return best;
      }
    }
  }
  return best;
}

std::optional<std::string> url_path_date(std::string_view url) {
  std::size_t scheme = url.find("://");
  std::size_t path = url.find('/', scheme == std::string_view::npos ? 0 : scheme + 3);
  if (path == std::string_view::npos) return std::nullopt;
  std::string_view p = url.substr(path);
  if (std::size_t q = p.find_first_of("?#"); q != std::string_view::npos) p = p.substr(0, q);
  // Segments: look for YYYY / MM / DD in a row, or a "YYYY-MM-DD" segment prefix.
  std::vector<std::string_view> segs;
  std::size_t pos = 1;
  while (pos <= p.size()) {
    std::size_t end = p.find('/', pos);
    if (end == std::string_view::npos) end = p.size();
    segs.push_back(p.substr(pos, end - pos));
    pos = end + 1;
  }
  for (std::size_t i = 0; i + 2 < segs.size(); ++i) {
    if (segs[i].size() == 4 && all_digits(segs[i]) && segs[i + 1].size() <= 2 &&
        all_digits(segs[i + 1]) && segs[i + 2].size() <= 2 && all_digits(segs[i + 2])) {
      std::string iso = std::string(segs[i]) + "-" + (segs[i + 1].size() == 1 ? "0" : "") +
                        std::string(segs[i + 1]) + "-" + (segs[i + 2].size() == 1 ? "0" : "") +
                        std::string(segs[i + 2]);
      if (auto d = schema::parse_date(iso)) return d;
    }
  }
  for (std::string_view s : segs) {
    if (s.size() >= 10 && all_digits(s.substr(0, 4)) && s[4] == '-' && all_digits(s.substr(5, 2)) &&
        s[7] == '-' && all_digits(s.substr(8, 2)) &&
        (s.size() == 10 || !all_digits(s.substr(10, 1))))
      if (auto d = schema::parse_date(s.substr(0, 10))) return d;
  }
  return std::nullopt;
}

std::optional<std::string> date_near_title(const PageTree& tree, int heading,
                                           std::string_view fallback_text) {
  if (heading >= 0 && tree[heading].parent >= 0) {
    // The elements right before and after the heading (a meta line), then the
    // rest of its container when that is small (a header), then one level up.
    std::vector<int> siblings = tree.children(tree[heading].parent);
    auto at = std::find(siblings.begin(), siblings.end(), heading);
    std::string near;
    for (auto it = at; it != siblings.begin() && at - it < 2;) {
      --it;
      if (!tree[*it].hidden && tree[*it].chars <= 400) near = tree.text(*it) + " \n " + near;
    }
    for (auto it = at + 1; it != siblings.end() && it - at <= 2; ++it)
      if (!tree[*it].hidden && tree[*it].chars <= 400) near += tree.text(*it) + " \n ";
    if (auto d = first_full_date(near)) return d;
    int container =
        tree[tree[heading].parent].chars <= 1500 ? tree[tree[heading].parent].parent : -1;
    if (container >= 0 && tree[container].chars <= 3000) {
      near.clear();
      for (int s : tree.children(container)) {
        if (tree.contains(s, heading) || tree[s].hidden || tree[s].chars > 400) continue;
        near += tree.text(s) + " \n ";
      }
      if (auto d = first_full_date(near)) return d;
    }
  }
  std::string_view head = fallback_text.substr(0, std::min<std::size_t>(fallback_text.size(), 300));
  return first_full_date(head);
}

}  // namespace dossier::indexer::extraction
