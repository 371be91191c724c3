// schema.h — the contract dossier-index and dossier-searchd share: facet names,
// term prefixes, value slots and the stored document record. No prefix string or
// slot number may appear outside schema/; both programs go through these helpers.
#pragma once

#include <xapian.h>

#include <array>
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
inline constexpr std::string_view kSchemaVersionValue = "1";

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

// Facet values packed into one value slot so that counting reads one value per
// document: entries "<facet index byte><value>" separated by '\n'.
std::string pack_facets(const StoredDoc& d);
template <typename Fn>  // Fn(Facet, std::string_view value)
void unpack_facets(std::string_view packed, Fn&& fn) {
  while (!packed.empty()) {
    auto nl = packed.find('\n');
    std::string_view entry = packed.substr(0, nl);
    if (!entry.empty()) {
      int code = static_cast<unsigned char>(entry[0]) - '0';
      if (code >= 0 && code < static_cast<int>(kFacetCount))
        fn(static_cast<Facet>(code), entry.substr(1));
    }
    if (nl == std::string_view::npos) break;
    packed.remove_prefix(nl + 1);
  }
}

// "2018-06-26" -> "20180626" (the sortable value in slot::kDate) and back.
std::string date_to_value(std::string_view iso_date);
std::optional<std::string> value_to_date(std::string_view value);

// The values of slot::kOldestFirst and slot::kNewestFirst for a post.
std::string oldest_first_key(const std::optional<std::string>& iso_date, std::string_view id);
std::string newest_first_key(const std::optional<std::string>& iso_date, std::string_view id);

// Stable 64-bit hash (FNV-1a) as 16 hex digits; used for IDs and fingerprints.
std::string stable_hash_hex(std::string_view bytes);

}  // namespace dossier::schema
