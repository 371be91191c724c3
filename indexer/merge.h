// merge.h — the rules of "one post, one document": which version of a post
// wins when it was seen on several pages, and how sightings come and go. Pure
// functions over schema::StoredDoc, so that the order in which sources are read
// never changes the result.
#pragma once

#include <string_view>

#include "schema/schema.h"

namespace dossier::indexer {

// True when a's text should be shown rather than b's: a full text beats an
// excerpt, the post's own page beats a listing page, a newer capture of the same
// URL beats an older one, then the longer text; ties broken by URL and source so
// the answer never depends on reading order.
bool better_sighting(const schema::Sighting& a, const schema::Sighting& b);

// Of two URLs naming the same post (found to be one by its text), the one to
// keep as its identity: no query string, no /amp/ copy, shorter, then smaller.
bool preferred_url(std::string_view a, std::string_view b);

// Merges one version (as read from one page) into the stored post. Returns true
// when the post's shown text or annotations changed (its text must be reindexed).
bool merge_version(schema::StoredDoc& post, const schema::StoredDoc& version);
// Records a sighting of the post (replacing one of the same URL and source),
// leaving the shown version as it is.
void add_sighting(schema::StoredDoc& post, const schema::Sighting& s);
// Takes `url` as the post's URL when it is a preferred spelling of the same address.
void prefer_url(schema::StoredDoc& post, const std::string& url);

// Forgets every sighting from `source`. Returns true when the shown text came
// from there (the post should be refreshed from another sighting if one is left).
bool drop_source(schema::StoredDoc& post, std::string_view source);

}  // namespace dossier::indexer
