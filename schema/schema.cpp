// schema.cpp — term prefixes, value slots and the stored record (see schema.h).
#include "schema/schema.h"

#include <nlohmann/json.hpp>

#include <cctype>
#include <stdexcept>

namespace dossier::schema {
namespace {

struct FacetDef {
  Facet facet;
  std::string_view name;
  std::string_view prefix;
};
constexpr std::array<FacetDef, kFacetCount> kFacetDefs = {{
    {Facet::kType, "type", "XTYPE"},
    {Facet::kMinister, "minister", "XMIN"},
    {Facet::kOrg, "org", "XORG"},
    {Facet::kTopic, "topic", "XTOPIC"},
    {Facet::kYear, "year", "XYEAR"},
    {Facet::kLang, "lang", "XLANG"},
}};

// Xapian's convention: a ':' goes between a multi-letter prefix and a value
// that starts with a capital letter, so the two can be told apart.
std::string join_prefix(std::string_view prefix, std::string_view value) {
  std::string t(prefix);
  if (!value.empty() && (std::isupper(static_cast<unsigned char>(value[0])) || value[0] == ':'))
    t += ':';
  t += value;
  return t;
}

// Xapian terms are limited to 245 bytes; keep the readable start and a hash.
std::string fit_term(std::string term) {
  constexpr std::size_t kMax = 200;
  if (term.size() <= kMax) return term;
  std::string h = stable_hash_hex(term);
  term.resize(kMax - h.size() - 1);
  // Do not cut a UTF-8 sequence in half.
  while (!term.empty() && (static_cast<unsigned char>(term.back()) & 0xC0) == 0x80) term.pop_back();
  if (!term.empty() && static_cast<unsigned char>(term.back()) >= 0xC0) term.pop_back();
  return term + "#" + h;
}

}  // namespace

std::string_view facet_name(Facet f) { return kFacetDefs[static_cast<int>(f)].name; }
std::string_view facet_prefix(Facet f) { return kFacetDefs[static_cast<int>(f)].prefix; }

std::optional<Facet> facet_from_name(std::string_view name) {
  for (const auto& d : kFacetDefs)
    if (d.name == name) return d.facet;
  return std::nullopt;
}

std::string facet_term(Facet f, std::string_view value) {
  return fit_term(join_prefix(facet_prefix(f), value));
}
std::string id_term(std::string_view id) { return fit_term("Q" + std::string(id)); }
std::string url_term(std::string_view url) { return fit_term(join_prefix("U", url)); }
std::string source_term(std::string_view source) { return fit_term(join_prefix("XSRC", source)); }
std::string fingerprint_term(std::string_view fp) { return "XFP" + std::string(fp); }
std::string_view title_prefix() { return "S"; }

bool is_boolean_term(std::string_view term) {
  if (term.empty()) return false;
  if (term[0] == 'Q' || term[0] == 'U') return true;
  if (term[0] != 'X') return false;
  for (std::string_view p : {"XSRC", "XFP"})
    if (term.substr(0, p.size()) == p) return true;
  for (const auto& d : kFacetDefs)
    if (term.substr(0, d.prefix.size()) == d.prefix) return true;
  return false;
}

std::string stable_hash_hex(std::string_view bytes) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  // FNV-1a mixes the last bytes weakly; finish with a splitmix step.
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  h ^= h >> 31;
  static const char* kHex = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[i] = kHex[h & 15];
  return out;
}

std::string date_to_value(std::string_view iso) {
  std::string v;
  for (char c : iso)
    if (c != '-') v += c;
  return v;
}

std::optional<std::string> value_to_date(std::string_view v) {
  if (v.size() != 8) return std::nullopt;
  return std::string(v.substr(0, 4)) + "-" + std::string(v.substr(4, 2)) + "-" +
         std::string(v.substr(6, 2));
}

std::string oldest_first_key(const std::optional<std::string>& iso_date, std::string_view id) {
  return (iso_date ? date_to_value(*iso_date) : std::string("99999999")) + std::string(id);
}

std::string newest_first_key(const std::optional<std::string>& iso_date, std::string_view id) {
  // Inverting each byte of the ID makes a descending sort list IDs ascending.
  std::string key = iso_date ? date_to_value(*iso_date) : std::string("00000000");
  for (unsigned char c : id) key += static_cast<char>(255 - c);
  return key;
}

std::uint32_t facet_code(Facet f, std::string_view value) {
  // FNV-1a over the facet's index and the value: stable across builds,
  // machines and shards, which all count the same codes.
  std::uint32_t h = 2166136261u;
  auto mix = [&](unsigned char c) {
    h ^= c;
    h *= 16777619u;
  };
  mix(static_cast<unsigned char>('0' + static_cast<int>(f)));
  for (char c : value) mix(static_cast<unsigned char>(c));
  return h;
}

std::string pack_facets(const StoredDoc& d) {
  std::string out;
  auto add = [&](Facet f, std::string_view v) {
    if (v.empty()) return;
    std::uint32_t c = facet_code(f, v);
    out += static_cast<char>('0' + static_cast<int>(f));
    for (int k = 0; k < 4; ++k) out += static_cast<char>((c >> (8 * k)) & 0xff);
  };
  add(Facet::kType, d.type);
  for (const auto& m : d.ministers) add(Facet::kMinister, m);
  for (const auto& o : d.orgs) add(Facet::kOrg, o);
  for (const auto& t : d.topics) add(Facet::kTopic, t);
  add(Facet::kYear, d.date ? std::string_view(*d.date).substr(0, 4) : kUndatedYear);
  add(Facet::kLang, d.lang);
  return out;
}

FacetDictionary::FacetDictionary(const Xapian::Database& db) {
  for_each_facet_value(db, [&](Facet f, std::string value, Xapian::doccount) { add(f, std::move(value)); });
}

void FacetDictionary::add(Facet f, std::string value) {
  std::uint32_t c = facet_code(f, value);
  names_[static_cast<int>(f)].emplace(c, std::move(value));
}

const std::string* FacetDictionary::name(Facet f, std::uint32_t code) const {
  const auto& m = names_[static_cast<int>(f)];
  auto it = m.find(code);
  return it == m.end() ? nullptr : &it->second;
}

std::string encode_doc_data(const StoredDoc& d) {
  nlohmann::json j;
  j["id"] = d.id;
  j["url"] = d.url;
  j["title"] = d.title;
  j["date"] = d.date ? nlohmann::json(*d.date) : nlohmann::json(nullptr);
  j["type"] = d.type;
  j["lang"] = d.lang;
  j["ministers"] = d.ministers;
  j["orgs"] = d.orgs;
  j["topics"] = d.topics;
  j["body"] = d.body;
  j["fingerprint"] = d.fingerprint;
  j["canonical"] = d.canonical;
  auto sighting = [](const Sighting& s) {
    return nlohmann::json{{"url", s.url},        {"source", s.source}, {"full", s.full},
                          {"listing", s.listing}, {"length", s.length}, {"captured", s.captured}};
  };
  auto& seen = j["seen"] = nlohmann::json::array();
  for (const auto& s : d.seen) seen.push_back(sighting(s));
  j["best"] = sighting(d.best);
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

StoredDoc decode_doc_data(std::string_view data) {
  nlohmann::json j = nlohmann::json::parse(data, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("id"))
    throw std::runtime_error("document data is not a Dossier record");
  StoredDoc d;
  d.id = j.value("id", "");
  d.url = j.value("url", "");
  d.title = j.value("title", "");
  if (j.contains("date") && j["date"].is_string()) d.date = j["date"].get<std::string>();
  d.type = j.value("type", "");
  d.lang = j.value("lang", "");
  d.ministers = j.value("ministers", std::vector<std::string>{});
  d.orgs = j.value("orgs", std::vector<std::string>{});
  d.topics = j.value("topics", std::vector<std::string>{});
  d.body = j.value("body", "");
  d.fingerprint = j.value("fingerprint", "");
  d.canonical = j.value("canonical", true);
  auto sighting = [](const nlohmann::json& s) {
    return Sighting{s.value("url", ""),      s.value("source", ""),
                    s.value("full", true),    s.value("listing", false),
                    s.value("length", std::size_t{0}), s.value("captured", "")};
  };
  if (j.contains("seen") && j["seen"].is_array())
    for (const auto& s : j["seen"]) d.seen.push_back(sighting(s));
  if (j.contains("best") && j["best"].is_object()) d.best = sighting(j["best"]);
  return d;
}

}  // namespace dossier::schema
