// identity.h — how a post is named: the normalised form of its URL and the
// stable ID derived from it, the same on every rebuild and whatever page the
// post was read from.
#pragma once

#include <string>
#include <string_view>

namespace dossier::indexer {

// "HTTPS://www.Example.org:443/a/b/?utm_source=x#top" -> "example.org/a/b".
// Drops the scheme, "www.", default ports, the fragment, tracking parameters
// (utm_*, fbclid, gclid) and a trailing "/" or "/index.html"; lowercases the host;
// keeps other query parameters (sorted), since "?p=123" can name a post.
std::string normalize_url(std::string_view url);

// The post ID: 16 hex digits of schema::stable_hash_hex(normalize_url(url)).
std::string post_id_for_url(std::string_view url);

// Resolves a possibly relative link against a base URL (RFC 3986, enough for HTML links).
std::string resolve_url(std::string_view base, std::string_view link);

}  // namespace dossier::indexer
