// corpus_test.cpp — the bundled sample archive (corpus/mirror, corpus/warc) and the
// generator (corpus/generate) agree with their labels: every labelled post exists
// and carries its title and ID, listing pages link only to labelled posts and link
// to all of them, the WARC holds a capture of every post, and the generator is
// deterministic.
#include <unistd.h>
#include <zlib.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "indexer/identity.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const fs::path kRoot = DOSSIER_SOURCE_DIR;

const std::set<std::string> kTypes = {"letter", "press-release", "statement", "brief",
                                      "event",  "news-digest",   "article",   "other"};
const std::set<std::string> kTopics = {
    "security-certificates", "extradition",     "torture",         "refugees-immigration",
    "border-security",       "no-fly-list",     "surveillance",    "national-security-law",
    "csis",                  "rcmp",            "cbsa",            "cse",
    "oversight-review",      "information-sharing", "racial-profiling", "islamophobia",
    "terrorism-financing-charities", "drones",  "guantanamo",      "facial-recognition",
    "lawful-access",         "free-expression"};

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    int n = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
    if (n < 0 || i + n >= s.size() + (n == 0 ? 1 : 0)) return false;
    for (int k = 1; k <= n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n + 1;
  }
  return true;
}

void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// The sample's one legacy page is windows-1252 without a declaration.
std::string cp1252_to_utf8(std::string_view s) {
  static const unsigned k80[32] = {0x20AC, 0x81,   0x201A, 0x192,  0x201E, 0x2026, 0x2020, 0x2021,
                                   0x2C6,  0x2030, 0x160,  0x2039, 0x152,  0x8D,   0x17D,  0x8F,
                                   0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                   0x2DC,  0x2122, 0x161,  0x203A, 0x153,  0x9D,   0x17E,  0x178};
  std::string out;
  for (unsigned char c : s) append_utf8(out, c >= 0x80 && c < 0xA0 ? k80[c - 0x80] : c);
  return out;
}

std::string decode_entities(const std::string& s) {
  static const std::map<std::string, unsigned> named = {
      {"amp", '&'},     {"lt", '<'},       {"gt", '>'},       {"quot", '"'},     {"apos", '\''},
      {"nbsp", 0xA0},   {"rsquo", 0x2019}, {"lsquo", 0x2018}, {"ldquo", 0x201C}, {"rdquo", 0x201D},
      {"ndash", 0x2013}, {"mdash", 0x2014}, {"hellip", 0x2026}};
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '&') {
      auto semi = s.find(';', i);
      if (semi != std::string::npos && semi - i <= 10) {
        std::string ent = s.substr(i + 1, semi - i - 1);
        unsigned cp = 0;
        bool ok = false;
        if (!ent.empty() && ent[0] == '#') {
          ok = true;
          cp = ent.size() > 1 && (ent[1] == 'x' || ent[1] == 'X') ? std::stoul(ent.substr(2), nullptr, 16)
                                                                  : std::stoul(ent.substr(1));
        } else if (auto it = named.find(ent); it != named.end()) {
          ok = true;
          cp = it->second;
        }
        if (ok) {
          append_utf8(out, cp);
          i = semi;
          continue;
        }
      }
    }
    out += s[i];
  }
  return out;
}

// A page as text: charset decoded (UTF-8, else windows-1252), entities decoded.
std::string page_text(const fs::path& p) {
  std::string raw = read_file(p);
  return decode_entities(valid_utf8(raw) ? raw : cp1252_to_utf8(raw));
}

// The values of href="..." / href='...' attributes (std::regex is too slow for whole pages).
std::vector<std::string> hrefs(const std::string& html) {
  std::vector<std::string> out;
  for (std::size_t pos = html.find("href="); pos != std::string::npos; pos = html.find("href=", pos + 5)) {
    if (pos == 0 || !std::isspace(static_cast<unsigned char>(html[pos - 1]))) continue;
    char quote = pos + 5 < html.size() ? html[pos + 5] : 0;
    if (quote != '"' && quote != '\'') continue;
    auto end = html.find(quote, pos + 6);
    if (end == std::string::npos) break;
    out.push_back(html.substr(pos + 6, end - pos - 6));
  }
  return out;
}

// "https://HOST/news/page/4/" -> "HOST/news/page/4/index.html"; "https://HOST/?p=12" -> "HOST/index.html?p=12.html"
std::string url_to_file(const std::string& url) {
  auto s = url.find("://");
  std::string rest = url.substr(s + 3);
  auto slash = rest.find('/');
  std::string host = rest.substr(0, slash), path = rest.substr(slash);
  if (path.rfind("/?", 0) == 0) return host + "/index.html" + path.substr(1) + ".html";
  if (!path.empty() && path.back() == '/') return host + path + "index.html";
  return host + path;
}

bool is_listing_file(const std::string& rel_to_host) {
  static const std::regex re(
      R"(^(index\.html|(news|fr/nouvelles|resources)/(page/\d+/)?index\.html|(fr/)?(category|tag)/[^/]+/(page/\d+/)?index\.html)$)");
  return std::regex_match(rel_to_host, re);
}

bool is_post_path(const std::string& rel_to_host) {
  static const std::regex re(R"(^(fr/)?(\d{4}/\d{2}/\d{2}/[^/]+|resources/[^/]+|ressources/[^/]+)/index\.html$)");
  return std::regex_match(rel_to_host, re) && rel_to_host.find("/page/") == std::string::npos;
}

// A list that must be empty, reported with its first entries when it is not.
#define CHECK_NONE(what, list)                 \
  do {                                         \
    INFO(what << ":" << first_few(list));      \
    CHECK(list.empty());                       \
  } while (0)

template <typename C>
std::string first_few(const C& items, std::size_t n = 5) {
  std::string out;
  std::size_t i = 0;
  for (const auto& x : items) {
    if (i++ == n) break;
    out += "\n  " + x;
  }
  return out;
}

// Checks shared by the bundled archive and generated ones. `base`: what label sources are
// relative to; `mirror`: the folder that holds the host folder.
void check_archive(const fs::path& base, const fs::path& mirror, const json& labels) {
  REQUIRE(labels.is_array());
  REQUIRE(!labels.empty());
  std::vector<std::string> missing, no_title, bad_id, bad_fields;
  std::set<std::string> ids, sources, dup_ids;
  std::map<std::string, std::string> source_to_url;
  std::string prev_url;
  bool sorted = true;
  static const std::regex date_re(R"(^\d{4}-\d{2}-\d{2}$)");
  for (const auto& l : labels) {
    for (const char* k : {"source", "url", "id", "title", "date", "type", "lang", "ministers", "orgs", "topics", "also_at"})
      if (!l.contains(k)) bad_fields.push_back(std::string("missing key ") + k);
    const std::string url = l.value("url", ""), src = l.value("source", ""), title = l.value("title", "");
    if (url < prev_url) sorted = false;
    prev_url = url;
    fs::path file = base / src;
    if (!fs::is_regular_file(file)) {
      missing.push_back(src);
      continue;
    }
    if (page_text(file).find(title) == std::string::npos) no_title.push_back(src + ": " + title);
    if (l.value("id", "") != dossier::indexer::post_id_for_url(url)) bad_id.push_back(url);
    if (!ids.insert(l.value("id", "")).second) dup_ids.insert(l.value("id", ""));
    sources.insert(fs::weakly_canonical(file).string());
    source_to_url[fs::weakly_canonical(file).string()] = url;
    if (!(l["date"].is_null() || std::regex_match(l["date"].get<std::string>(), date_re))) bad_fields.push_back(url + " date");
    if (!kTypes.count(l.value("type", ""))) bad_fields.push_back(url + " type");
    if (l.value("lang", "") != "en" && l.value("lang", "") != "fr") bad_fields.push_back(url + " lang");
    for (const auto& t : l["topics"])
      if (!kTopics.count(t.get<std::string>())) bad_fields.push_back(url + " topic " + t.get<std::string>());
    for (const char* k : {"ministers", "orgs", "topics", "also_at"})
      if (!l[k].is_array()) bad_fields.push_back(url + " " + k);
  }
  CHECK_NONE("missing sources", missing);
  CHECK_NONE("titles not found in their page", no_title);
  CHECK_NONE("ids that differ from post_id_for_url(url)", bad_id);
  CHECK_NONE("duplicate ids", dup_ids);
  CHECK_NONE("malformed fields", bad_fields);
  CHECK(sorted);

  // Listing, category, tag, resource and home pages: every link to a post page goes to a
  // labelled post, every relative link goes to a file of the mirror, every post is linked.
  std::vector<std::string> bad_links, dangling;
  std::set<std::string> linked;
  std::size_t listing_pages = 0;
  for (const auto& host_dir : fs::directory_iterator(mirror)) {
    if (!host_dir.is_directory()) continue;
    for (const auto& e : fs::recursive_directory_iterator(host_dir.path())) {
      if (!e.is_regular_file()) continue;
      std::string rel = fs::relative(e.path(), host_dir.path()).generic_string();
      if (!is_listing_file(rel)) continue;
      ++listing_pages;
      for (std::string h : hrefs(read_file(e.path()))) {
        if (h.find("://") != std::string::npos || h.rfind("mailto:", 0) == 0 || h.empty() || h[0] == '#') continue;
        h = h.substr(0, h.find_first_of("#?"));
        fs::path target = (e.path().parent_path() / h).lexically_normal();
        std::string target_rel = fs::relative(target, host_dir.path()).generic_string();
        if (!fs::exists(target)) {
          dangling.push_back(rel + " -> " + h);
          continue;
        }
        if (!is_post_path(target_rel)) continue;
        std::string key = fs::weakly_canonical(target).string();
        if (!sources.count(key))
          bad_links.push_back(rel + " -> " + target_rel);
        else
          linked.insert(key);
      }
    }
  }
  CHECK(listing_pages > 0);
  CHECK_NONE("links from listing pages to unlabelled post pages", bad_links);
  CHECK_NONE("relative links to files that are not in the mirror", dangling);
  std::vector<std::string> unlinked;
  for (const auto& s : sources)
    if (!linked.count(s)) unlinked.push_back(source_to_url[s]);
  CHECK_NONE("labelled posts no listing page links to", unlinked);

  // also_at: every page named exists, and a listing page named there links to the post.
  std::vector<std::string> bad_also;
  for (const auto& l : labels) {
    fs::path post = fs::weakly_canonical(base / l.value("source", ""));
    for (const auto& a : l["also_at"]) {
      fs::path page = mirror / url_to_file(a.get<std::string>());
      if (!fs::is_regular_file(page)) {
        bad_also.push_back(a.get<std::string>() + " (no such page)");
        continue;
      }
      std::string rel = fs::relative(page, mirror).generic_string();
      if (!is_listing_file(rel.substr(rel.find('/') + 1))) continue;
      bool found = false;
      for (std::string h : hrefs(read_file(page))) {
        if (h.find("://") != std::string::npos || h.empty() || h[0] == '#') continue;
        h = h.substr(0, h.find_first_of("#?"));
        if (fs::weakly_canonical(page.parent_path() / h) == post) found = true;
      }
      if (!found) bad_also.push_back(a.get<std::string>() + " does not link to " + l.value("url", ""));
    }
  }
  CHECK_NONE("also_at entries that do not hold the post", bad_also);
}

// ---------------------------------------------------------------- WARC

struct WarcRecord {
  std::map<std::string, std::string> headers;  // WARC headers, names lowercased
  std::string block;
};

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::map<std::string, std::string> parse_headers(std::string_view text) {
  std::map<std::string, std::string> h;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto eol = text.find("\r\n", pos);
    std::string_view line = text.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
    auto colon = line.find(':');
    if (colon != std::string_view::npos) {
      std::string_view v = line.substr(colon + 1);
      while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
      h[lower(std::string(line.substr(0, colon)))] = std::string(v);
    }
    if (eol == std::string_view::npos) break;
    pos = eol + 2;
  }
  return h;
}

// Inflates one gzip member starting at `offset`; returns the bytes and advances offset.
std::string gunzip_member(const std::string& in, std::size_t& offset) {
  z_stream zs{};
  REQUIRE(inflateInit2(&zs, 16 + MAX_WBITS) == Z_OK);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data() + offset));
  zs.avail_in = static_cast<uInt>(in.size() - offset);
  std::string out;
  char buf[65536];
  int rc;
  do {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    REQUIRE((rc == Z_OK || rc == Z_STREAM_END));
    out.append(buf, sizeof buf - zs.avail_out);
  } while (rc != Z_STREAM_END);
  offset += zs.total_in;
  inflateEnd(&zs);
  return out;
}

std::vector<WarcRecord> read_warc_gz(const fs::path& p, std::size_t& members_with_one_record) {
  std::string raw = read_file(p);
  std::vector<WarcRecord> records;
  std::size_t offset = 0;
  members_with_one_record = 0;
  while (offset < raw.size()) {
    std::string member = gunzip_member(raw, offset);
    std::size_t pos = 0, n = 0;
    while (pos < member.size()) {
      REQUIRE(member.compare(pos, 10, "WARC/1.0\r\n") == 0);
      auto end = member.find("\r\n\r\n", pos);
      REQUIRE(end != std::string::npos);
      WarcRecord r;
      r.headers = parse_headers(std::string_view(member).substr(pos + 10, end - pos - 10));
      std::size_t len = std::stoul(r.headers.at("content-length"));
      r.block = member.substr(end + 4, len);
      REQUIRE(r.block.size() == len);
      pos = end + 4 + len;
      REQUIRE(member.compare(pos, 4, "\r\n\r\n") == 0);
      pos += 4;
      records.push_back(std::move(r));
      ++n;
    }
    if (n == 1) ++members_with_one_record;
  }
  return records;
}

std::string dechunk(const std::string& body) {
  std::string out;
  std::size_t pos = 0;
  while (pos < body.size()) {
    auto eol = body.find("\r\n", pos);
    std::size_t len = std::stoul(body.substr(pos, eol - pos), nullptr, 16);
    if (len == 0) break;
    out += body.substr(eol + 2, len);
    pos = eol + 2 + len + 2;
  }
  return out;
}

// The entity of an HTTP response record, transfer and content codings removed.
std::string http_entity(const WarcRecord& r, std::map<std::string, std::string>* http_headers = nullptr) {
  auto end = r.block.find("\r\n\r\n");
  auto line_end = r.block.find("\r\n");
  auto h = parse_headers(std::string_view(r.block).substr(line_end + 2, end - line_end - 2));
  std::string body = r.block.substr(end + 4);
  if (lower(h["transfer-encoding"]) == "chunked") body = dechunk(body);
  if (lower(h["content-encoding"]) == "gzip") {
    std::size_t off = 0;
    body = gunzip_member(body, off);
  }
  if (http_headers) *http_headers = h;
  return body;
}

int http_status(const WarcRecord& r) {
  if (r.block.rfind("HTTP/1.", 0) != 0) return 0;
  return std::stoi(r.block.substr(9, 3));
}

json load_json(const fs::path& p) {
  std::ifstream in(p);
  return json::parse(in);
}

fs::path make_temp_dir() {
  fs::path dir = fs::temp_directory_path() / ("dossier-corpus-test-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

}  // namespace

TEST_CASE("the bundled mirror agrees with corpus/labels.json") {
  json labels = load_json(kRoot / "corpus/labels.json");
  check_archive(kRoot, kRoot / "corpus/mirror", labels);
}

TEST_CASE("the bundled sample meets the minimums of the skeleton issue") {
  json labels = load_json(kRoot / "corpus/labels.json");
  std::map<std::string, int> types, langs, topics;
  int undated = 0, seed_letters = 0;
  for (const auto& l : labels) {
    ++types[l["type"].get<std::string>()];
    ++langs[l["lang"].get<std::string>()];
    for (const auto& t : l["topics"]) ++topics[t.get<std::string>()];
    if (l["date"].is_null()) ++undated;
    if (l["url"] == "https://iclmg.ca/2018/06/26/stop-deportation-harkat/") {
      ++seed_letters;
      CHECK(l["date"] == "2018-06-26");
      CHECK(l["ministers"] == json({"Justin Trudeau", "Ralph Goodale", "Ahmed Hussen", "Jody Wilson-Raybould"}));
    }
    if (l["url"] == "https://iclmg.ca/2018/08/09/letter-pm-trudeau-minister-border-security/") {
      ++seed_letters;
      CHECK(l["date"] == "2018-08-08");
      CHECK(l["orgs"].size() == 9);
      bool on_page_4 = false;
      for (const auto& a : l["also_at"]) on_page_4 |= a == "https://iclmg.ca/news/page/4/";
      CHECK(on_page_4);
    }
  }
  CHECK(seed_letters == 2);
  CHECK(labels.size() >= 43);
  CHECK(langs["fr"] >= 8);
  CHECK(undated >= 2);
  for (const auto& t : kTypes) CHECK(types[t] >= 1);
  for (const auto& t : kTopics) {
    INFO("topic " << t);
    CHECK(topics[t] >= 1);
  }
  int letters_on_certificates = 0, other_on_certificates = 0;
  for (const auto& l : labels)
    for (const auto& t : l["topics"])
      if (t == "security-certificates") (l["type"] == "letter" ? letters_on_certificates : other_on_certificates)++;
  CHECK(letters_on_certificates >= 3);
  CHECK(other_on_certificates >= 2);
}

TEST_CASE("the WARC capture holds every labelled post and the planted cases") {
  json labels = load_json(kRoot / "corpus/labels.json");
  std::size_t single_members = 0;
  auto records = read_warc_gz(kRoot / "corpus/warc/iclmg-news.warc.gz", single_members);
  REQUIRE(!records.empty());
  CHECK(records.front().headers["warc-type"] == "warcinfo");
  CHECK(single_members == records.size());  // one gzip member per record

  std::map<std::string, std::vector<const WarcRecord*>> ok_responses;
  int redirects = 0, not_found = 0, revisits = 0, gzipped = 0, chunked = 0, no_charset = 0, requests = 0;
  for (const auto& r : records) {
    const std::string type = r.headers.at("warc-type");
    if (type == "request") {
      ++requests;
      CHECK(r.headers.count("warc-concurrent-to") == 1);
    }
    if (type == "revisit") {
      ++revisits;
      CHECK(r.headers.count("warc-refers-to") == 1);
    }
    if (type != "response") continue;
    CHECK(r.headers.count("warc-payload-digest") == 1);
    CHECK(r.headers.count("warc-block-digest") == 1);
    int status = http_status(r);
    std::map<std::string, std::string> h;
    http_entity(r, &h);
    if (status == 301) ++redirects;
    if (status == 404) ++not_found;
    if (status == 200) ok_responses[r.headers.at("warc-target-uri")].push_back(&r);
    if (lower(h["content-encoding"]) == "gzip") ++gzipped;
    if (lower(h["transfer-encoding"]) == "chunked") ++chunked;
    if (h["content-type"] == "text/html") ++no_charset;
  }
  CHECK(requests > 0);
  CHECK(redirects >= 1);
  CHECK(not_found >= 1);
  CHECK(revisits >= 1);
  CHECK(gzipped >= 1);
  CHECK(chunked >= 1);
  CHECK(no_charset >= 1);

  std::vector<std::string> uncaptured;
  int edited = 0;
  for (const auto& l : labels) {
    auto it = ok_responses.find(l["url"].get<std::string>());
    if (it == ok_responses.end()) {
      uncaptured.push_back(l["url"]);
      continue;
    }
    std::string title = l["title"];
    if (it->second.size() == 2) {
      ++edited;
      const WarcRecord& a = *it->second[0];
      const WarcRecord& b = *it->second[1];
      CHECK(a.headers.at("warc-date") < b.headers.at("warc-date"));
      std::string older = http_entity(a), newer = http_entity(b);
      CHECK(older.find("Update:") == std::string::npos);
      CHECK(newer.find("Update:") != std::string::npos);
      CHECK(decode_entities(newer).find(title) != std::string::npos);
    }
  }
  CHECK_NONE("labelled posts without a 200 response", uncaptured);
  CHECK(edited == 1);
}

TEST_CASE("the generator writes an archive that agrees with its labels, deterministically") {
  fs::path tmp = make_temp_dir();
  const std::string gen = (kRoot / "corpus/generate").string();
  for (const char* run : {"a", "b"}) {
    std::string cmd = "python3 '" + gen + "' --posts 300 --seed 7 --quiet --out '" + (tmp / run).string() + "'";
    REQUIRE(std::system(cmd.c_str()) == 0);
  }
  json labels = load_json(tmp / "a/labels.json");
  CHECK(labels.size() == 300);
  check_archive(tmp / "a", tmp / "a", labels);
  CHECK(read_file(tmp / "a/labels.json") == read_file(tmp / "b/labels.json"));
  // Same bytes for the pages too (a sample: every listing page and ten posts).
  std::size_t compared = 0, differing = 0;
  for (const auto& e : fs::recursive_directory_iterator(tmp / "a")) {
    if (!e.is_regular_file()) continue;
    std::string rel = fs::relative(e.path(), tmp / "a").generic_string();
    bool listing = rel.find("/page/") != std::string::npos || rel.find("/category/") != std::string::npos;
    if (!listing && compared > 10) continue;
    ++compared;
    if (read_file(e.path()) != read_file(tmp / "b" / rel)) ++differing;
  }
  CHECK(compared > 10);
  CHECK(differing == 0);

  std::map<std::string, int> types, langs;
  for (const auto& l : labels) {
    ++types[l["type"].get<std::string>()];
    ++langs[l["lang"].get<std::string>()];
  }
  CHECK(types["letter"] > 50);
  CHECK(langs["fr"] > 20);
  fs::remove_all(tmp);
}
