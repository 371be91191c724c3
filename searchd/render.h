// render.h — the answers' formats: the JSON of the contract (DESIGN.md), a CSV
// row per result for citation managers and spreadsheets, and an Atom feed of a
// query (newest first) that a journalist can subscribe to.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "searchd/search.h"

namespace dossier::searchd {

nlohmann::json search_json(const SearchResponse& r);
nlohmann::json facets_json(const FacetCounts& facets);
nlohmann::json result_json(const schema::StoredDoc& d, const std::string& snippet);
// The document view: every field, the text (highlighted when terms are given), every URL.
nlohmann::json document_json(const schema::StoredDoc& d, const std::string& highlighted_html);

// CSV (RFC 4180): header line, then one line per document.
std::string csv_header();
std::string csv_row(const schema::StoredDoc& d);

// Atom 1.0 feed of results. `self` is the feed's own URL, `site` the web box's.
std::string atom_feed(const SearchResponse& r, const std::string& self, const std::string& site,
                      const std::string& updated_now);

std::string xml_escape(std::string_view text);

}  // namespace dossier::searchd
