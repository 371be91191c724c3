// identity.cpp — URL normalisation and stable post IDs (see identity.h).
#include "indexer/identity.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "schema/schema.h"

namespace dossier::indexer {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_tracking_param(std::string_view name) {
  return name.rfind("utm_", 0) == 0 || name == "fbclid" || name == "gclid" || name == "mc_cid" ||
         name == "mc_eid" || name == "replytocom";
}

// Removes "./" and "../" segments.
std::string remove_dot_segments(std::string_view path) {
  std::vector<std::string> segs;
  std::size_t i = 0;
  bool trailing = !path.empty() && path.back() == '/';
  while (i <= path.size()) {
    auto j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    std::string seg(path.substr(i, j - i));
    if (seg == "..") {
      if (!segs.empty()) segs.pop_back();
    } else if (!seg.empty() && seg != ".") {
      segs.push_back(seg);
    }
    i = j + 1;
  }
  std::string out;
  for (const auto& s : segs) out += "/" + s;
  if (out.empty() || trailing) out += "/";
  return out;
}

}  // namespace

std::string normalize_url(std::string_view url) {
  std::string_view u = url;
  while (!u.empty() && std::isspace(static_cast<unsigned char>(u.front()))) u.remove_prefix(1);
  while (!u.empty() && std::isspace(static_cast<unsigned char>(u.back()))) u.remove_suffix(1);
  if (auto h = u.find('#'); h != std::string_view::npos) u = u.substr(0, h);
  if (auto s = u.find("://"); s != std::string_view::npos && s < 10) u.remove_prefix(s + 3);
  else if (u.rfind("//", 0) == 0) u.remove_prefix(2);

  auto path_start = u.find_first_of("/?");
  std::string host = lower(u.substr(0, path_start));
  std::string_view rest = path_start == std::string_view::npos ? "" : u.substr(path_start);
  if (host.rfind("www.", 0) == 0) host.erase(0, 4);
  if (auto colon = host.rfind(':'); colon != std::string::npos) {
    std::string port = host.substr(colon + 1);
    if (port == "80" || port == "443" || port.empty()) host.erase(colon);
  }

  std::string_view path = rest, query;
  if (auto q = rest.find('?'); q != std::string_view::npos) {
    path = rest.substr(0, q);
    query = rest.substr(q + 1);
  }
  std::string p = remove_dot_segments(path.empty() ? "/" : path);
  for (std::string_view idx : {"index.html", "index.htm", "index.php"}) {
    if (p.size() >= idx.size() + 1 && p.compare(p.size() - idx.size(), idx.size(), idx) == 0 &&
        p[p.size() - idx.size() - 1] == '/')
      p.erase(p.size() - idx.size());
  }
  while (!p.empty() && p.back() == '/') p.pop_back();

  std::vector<std::string> params;
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view kv = query.substr(0, amp);
    std::string_view name = kv.substr(0, kv.find('='));
    if (!kv.empty() && !is_tracking_param(lower(name))) params.emplace_back(kv);
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  std::sort(params.begin(), params.end());
  std::string out = host + p;
  for (std::size_t i = 0; i < params.size(); ++i) out += (i ? "&" : "?") + params[i];
  return out;
}

std::string post_id_for_url(std::string_view url) {
  return schema::stable_hash_hex(normalize_url(url));
}

std::string resolve_url(std::string_view base, std::string_view link) {
  std::string_view l = link;
  while (!l.empty() && std::isspace(static_cast<unsigned char>(l.front()))) l.remove_prefix(1);
  while (!l.empty() && std::isspace(static_cast<unsigned char>(l.back()))) l.remove_suffix(1);
  if (l.empty()) return std::string(base);
  // Absolute: has a scheme.
  auto colon = l.find(':');
  if (colon != std::string_view::npos && colon > 0 &&
      std::all_of(l.begin(), l.begin() + colon, [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
      }) && l.find('/') > colon)
    return std::string(l);
  auto scheme_end = base.find("://");
  std::string scheme = scheme_end == std::string_view::npos ? "https" : std::string(base.substr(0, scheme_end));
  std::string_view after = scheme_end == std::string_view::npos ? base : base.substr(scheme_end + 3);
  auto path_start = after.find_first_of("/?#");
  std::string authority(after.substr(0, path_start));
  std::string_view base_path = path_start == std::string_view::npos ? "/" : after.substr(path_start);
  if (auto cut = base_path.find_first_of("?#"); cut != std::string_view::npos)
    base_path = base_path.substr(0, cut);
  if (base_path.empty()) base_path = "/";

  if (l.rfind("//", 0) == 0) return scheme + ":" + std::string(l);
  if (l[0] == '#') return std::string(base.substr(0, base.find('#'))) + std::string(l);
  std::string path, suffix;
  std::string_view lp = l;
  if (auto cut = lp.find_first_of("?#"); cut != std::string_view::npos) {
    suffix = std::string(lp.substr(cut));
    lp = lp.substr(0, cut);
  }
  if (lp.empty()) {
    path = std::string(base_path);
  } else if (lp[0] == '/') {
    path = std::string(lp);
  } else {
    path = std::string(base_path.substr(0, base_path.rfind('/') + 1)) + std::string(lp);
  }
  return scheme + "://" + authority + remove_dot_segments(path) + suffix;
}

}  // namespace dossier::indexer
