// schema.h — the contract dossier-index and dossier-searchd share: facet names,
// term prefixes, value slots and the stored document record. No prefix string or
// slot number may appear outside schema/; both programs go through these helpers.
#pragma once

#include <xapian.h>

#include <array>
#include <cstdint>
#include <unordered_map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dossier::schema {

// The facets of DESIGN.md, in the order the API lists them.
enum class Facet : int { kType = 0, kMinister, kOrg, kTopic, kYear, kLang };
inline constexpr std::array<Facet, 6> kAllFacets = {Facet::kType,  Facet::kMinister,
                                                    Facet::kOrg,   Facet::kTopic,
                                                    Facet::kYear,  Facet::kLang};
inline constexpr std::size_t kFacetCount = kAllFacets.size();

std::string_view facet_name(Facet f);                     // "type", "minister", ...
std::optional<Facet> facet_from_name(std::string_view name);
std::string_view facet_prefix(Facet f);                   // boolean term prefix

// The value a document without a date has in the year facet.
inline constexpr std::string_view kUndatedYear = "undated";

// Boolean term for a facet value, e.g. facet_term(kMinister, "Ralph Goodale").
std::string facet_term(Facet f, std::string_view value);

// Unique ID term of a post ("Q" + id); stable across rebuilds for the same post.
std::string id_term(std::string_view id);
// Term for a URL the post was seen at (long URLs are hashed to fit a term).
std::string url_term(std::string_view url);
// Term for a source (file path or WARC path) that contributed to the post.
std::string source_term(std::string_view source);
// Term for the fingerprint of a post's normalised full text.
std::string fingerprint_term(std::string_view fingerprint);
// Prefix of terms from the title (searchable as title:...).
std::string_view title_prefix();
// Prefix QueryParser gives stemmed terms; exposed for tests and spelling only.
inline constexpr std::string_view kStemPrefix = "Z";

// Value slots.
namespace slot {
inline constexpr Xapian::valueno kDate = 0;         // "YYYYMMDD", empty when undated
inline constexpr Xapian::valueno kFacets = 1;       // pack_facets() of the document
inline constexpr Xapian::valueno kFingerprint = 2;  // collapse key for duplicates
// Sort keys: one value each, because remote shards (xapian-tcpsrv) cannot run a
// KeyMaker. Both put undated posts last and break ties by post ID, so one
// database and its shards list results in the same order.
inline constexpr Xapian::valueno kOldestFirst = 3;  // ascending: date ("99999999" if none) + ID
inline constexpr Xapian::valueno kNewestFirst = 4;  // descending: date ("00000000") + inverted ID
}  // namespace slot

// Metadata keys (Database::get_metadata).
namespace meta {
inline constexpr std::string_view kSchemaVersion = "dossier:schema";
inline constexpr std::string_view kBuiltAt = "dossier:built-at";
inline constexpr std::string_view kSourcePrefix = "src:";  // + source key -> SourceState JSON
}  // namespace meta
inline constexpr std::string_view kSchemaVersionValue = "2";  // 2: facet codes in slot::kFacets

// A URL seen for a post, and how the post looked there.
struct Sighting {
  std::string url;
  std::string source;      // the file or archive it came from
  bool full = true;        // false for an excerpt on a listing page
  bool listing = false;    // read from a listing/category/tag page
  std::size_t length = 0;  // characters of body text seen there
  std::string captured;    // capture date (WARC-Date / mtime), ISO 8601, may be empty
};

// What the database stores about one post: enough to show a result, a document
// view and a citation without reading anything else.
struct StoredDoc {
  std::string id;
  std::string url;                 // the post's own (canonical) URL
  std::string title;
  std::optional<std::string> date;  // YYYY-MM-DD
  std::string type;
  std::string lang;
  std::vector<std::string> ministers;
  std::vector<std::string> orgs;
  std::vector<std::string> topics;
  std::string body;                // main text, paragraphs separated by "\n\n"
  std::string fingerprint;
  // The ID comes from a URL the site gives for the post (rel=canonical, og:url,
  // a listing's link), not just the address it was read at: two such posts with
  // the same text are still two posts.
  bool canonical = true;
  std::vector<Sighting> seen;      // every URL the post was seen at
  Sighting best;                   // the sighting whose text `body` and `title` are
};

// True for the boolean terms the writer derives from a StoredDoc (facets, ID,
// URLs, sources, fingerprint), as opposed to the free-text terms.
bool is_boolean_term(std::string_view term);

std::string encode_doc_data(const StoredDoc& d);
// Throws std::runtime_error on data that is not a Dossier record.
StoredDoc decode_doc_data(std::string_view data);

// Facet values packed into one value slot so that counting reads a few bytes
// per document: 5 bytes per value, the facet's index ('0' + facet) and the
// value's 32-bit code (facet_code(), little-endian). Counting adds up codes;
// a FacetDictionary, built from the database's own facet terms, names them.
std::uint32_t facet_code(Facet f, std::string_view value);
std::string pack_facets(const StoredDoc& d);
inline constexpr std::size_t kPackedFacetBytes = 5;
template <typename Fn>  // Fn(Facet, std::uint32_t code)
void unpack_facet_codes(std::string_view packed, Fn&& fn) {
  for (std::size_t i = 0; i + kPackedFacetBytes <= packed.size(); i += kPackedFacetBytes) {
    int f = static_cast<unsigned char>(packed[i]) - '0';
    if (f < 0 || f >= static_cast<int>(kFacetCount)) continue;
    auto byte = [&](std::size_t k) { return std::uint32_t(static_cast<unsigned char>(packed[i + k])); };
    fn(static_cast<Facet>(f), byte(1) | byte(2) << 8 | byte(3) << 16 | byte(4) << 24);
  }
}

// Every facet value a database holds, read back from its boolean terms (the
// inverse of facet_term()): fn(Facet, value, documents with it). Values cut
// by the 245-byte term limit do not come back whole (over 200 bytes only).
template <typename Fn>  // Fn(Facet, std::string value, Xapian::doccount frequency)
void for_each_facet_value(const Xapian::Database& db, Fn&& fn) {
  for (Facet f : kAllFacets) {
    const std::string prefix(facet_prefix(f));
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
      std::string value = (*t).substr(prefix.size());
      if (!value.empty() && value[0] == ':') value.erase(0, 1);  // facet_term()'s separator
      fn(f, std::move(value), t.get_termfreq());
    }
  }
}

// Code -> value for every facet value a database holds, read from its facet
// terms (local or remote shards alike: Xapian lists the terms of all of them).
class FacetDictionary {
 public:
  FacetDictionary() = default;
  explicit FacetDictionary(const Xapian::Database& db);
  void add(Facet f, std::string value);
  // nullptr for a code the database has no term for.
  const std::string* name(Facet f, std::uint32_t code) const;

 private:
  std::array<std::unordered_map<std::uint32_t, std::string>, kFacetCount> names_;
};

// "2018-06-26" -> "20180626" (the sortable value in slot::kDate) and back.
std::string date_to_value(std::string_view iso_date);
std::optional<std::string> value_to_date(std::string_view value);

// The values of slot::kOldestFirst and slot::kNewestFirst for a post.
std::string oldest_first_key(const std::optional<std::string>& iso_date, std::string_view id);
std::string newest_first_key(const std::optional<std::string>& iso_date, std::string_view id);

// Stable 64-bit hash (FNV-1a) as 16 hex digits; used for IDs and fingerprints.
std::string stable_hash_hex(std::string_view bytes);

}  // namespace dossier::schema
