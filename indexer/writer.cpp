// writer.cpp — merging post versions into documents and committing (see writer.h).
#include "indexer/writer.h"

#include <nlohmann/json.hpp>

#include <cctype>
#include <exception>
#include <stdexcept>
#include <thread>
#include <unordered_set>

#include "schema/analyzer.h"

#include "indexer/identity.h"
#include "indexer/merge.h"

namespace dossier::indexer {
namespace {

// A sighting that can never be shown: what is left when the shown text's
// source went away, so that any version read later replaces it.
schema::Sighting withdrawn_sighting() {
  schema::Sighting s;
  s.full = false;
  s.listing = true;
  return s;
}

// Memory a pending post holds: its record (the text is indexed only when written).
std::size_t pending_size(const schema::StoredDoc& d) {
  return 2 * (d.body.size() + d.title.size()) + 1024;
}

// Words worth suggesting in "did you mean": folded, four letters or more, once each.
std::vector<std::string> spelling_words(std::string_view title, std::string_view body) {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  std::string text = schema::fold_key(std::string(title) + "\n" + std::string(body));
  std::string word;
  auto flush = [&] {
    if (word.size() >= 4 && word.size() <= 30 && seen.insert(word).second) out.push_back(word);
    word.clear();
  };
  for (char c : text) {
    if (std::isalpha(static_cast<unsigned char>(c)))
      word += c;
    else
      flush();
    if (out.size() >= 400) break;
  }
  flush();
  return out;
}

}  // namespace

std::string encode_source_state(const SourceState& s) {
  nlohmann::json j{{"given", s.given}, {"size", s.size}, {"mtime_ns", s.mtime_ns}, {"hash", s.hash}};
  if (!s.listed.empty()) j["listed"] = s.listed;
  return j.dump();
}

SourceState decode_source_state(std::string_view data) {
  SourceState s;
  auto j = nlohmann::json::parse(data, nullptr, false);
  if (!j.is_object()) return s;
  s.given = j.value("given", "");
  s.size = j.value("size", std::uint64_t{0});
  s.mtime_ns = j.value("mtime_ns", std::int64_t{0});
  s.hash = j.value("hash", "");
  s.listed = j.value("listed", std::vector<std::string>{});
  return s;
}

namespace {
std::uint64_t did_key(unsigned shard, Xapian::docid did) {
  return (static_cast<std::uint64_t>(shard) << 32) | did;
}
}  // namespace

IndexWriter::IndexWriter(std::vector<Xapian::WritableDatabase*> shards, Options options)
    : shards_(std::move(shards)), options_(options) {
  if (shards_.empty()) throw std::invalid_argument("IndexWriter needs a database");
}

unsigned IndexWriter::shard_of(std::string_view id) const {
  if (shards_.size() == 1) return 0;
  // IDs are hashes already; their first 8 hex digits spread evenly.
  std::uint64_t h = 0;
  for (char c : id.substr(0, 8)) h = h * 16 + (std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (c | 32) - 'a' + 10);
  return static_cast<unsigned>(h % shards_.size());
}

IndexWriter::Location IndexWriter::find(const std::string& term) const {
  for (unsigned s = 0; s < shards_.size(); ++s) {
    auto it = shards_[s]->postlist_begin(term);
    if (it != shards_[s]->postlist_end(term)) return {s, *it};
  }
  return {};
}

schema::StoredDoc IndexWriter::record(Location at) const {
  return schema::decode_doc_data(shards_[at.shard]->get_document(at.did).get_data());
}

std::unordered_map<std::string, SourceState> IndexWriter::load_states() const {
  std::unordered_map<std::string, SourceState> out;
  const std::string prefix(schema::meta::kSourcePrefix);
  Xapian::WritableDatabase& db = *shards_[0];
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
    std::string key = *it;
    out.emplace(key.substr(prefix.size()), decode_source_state(db.get_metadata(key)));
  }
  return out;
}

IndexWriter::Pending* IndexWriter::find_pending(const std::string& id) {
  auto it = pending_.find(id);
  return it == pending_.end() ? nullptr : &it->second;
}

IndexWriter::Pending& IndexWriter::load(const std::string& id, Location at) {
  if (Pending* p = find_pending(id)) return *p;
  if (auto it = pending_by_did_.find(did_key(at.shard, at.did)); it != pending_by_did_.end())
    if (Pending* p = find_pending(it->second)) return *p;
  Pending& p = pending_[id];
  pending_by_did_[did_key(at.shard, at.did)] = id;
  p.shard = at.shard;
  p.did = at.did;
  p.doc = record(at);
  p.loaded = true;
  p.bytes = pending_size(p.doc);
  pending_bytes_ += p.bytes;
  for (const auto& s : p.doc.seen) {
    if (!s.listing) pending_by_url_[normalize_url(s.url)] = id;
    pending_by_source_[s.source].insert(id);
  }
  pending_by_url_[normalize_url(p.doc.url)] = id;
  if (!p.doc.fingerprint.empty()) pending_by_fp_[p.doc.fingerprint] = id;
  return p;
}

IndexWriter::Pending& IndexWriter::target_for(const PostVersion& v) {
  const std::string& id = v.doc.id;
  if (Pending* p = find_pending(id)) return *p;
  auto by_location = [&](Location at) -> Pending& { return load(record(at).id, at); };
  if (Location at = find(schema::id_term(id))) return load(id, at);
  // Only URLs that name this post: a listing page's URL names many posts.
  for (const std::string* url : {&v.doc.url, &v.doc.best.url}) {
    if (url == &v.doc.best.url && v.doc.best.listing) continue;
    std::string norm = normalize_url(*url);
    if (auto it = pending_by_url_.find(norm); it != pending_by_url_.end())
      if (Pending* p = find_pending(it->second)) return *p;
    if (Location at = find(schema::url_term(norm))) return by_location(at);
  }
  // The same text is the same post unless both have their own canonical URLs.
  if (!v.doc.fingerprint.empty() && v.doc.best.full) {
    if (auto it = pending_by_fp_.find(v.doc.fingerprint); it != pending_by_fp_.end())
      if (Pending* p = find_pending(it->second); p && !(v.doc.canonical && p->doc.canonical))
        return *p;
    if (Location at = find(schema::fingerprint_term(v.doc.fingerprint))) {
      schema::StoredDoc found = record(at);
      if (!(v.doc.canonical && found.canonical)) return load(found.id, at);
    }
  }
  Pending& p = pending_[id];
  p.loaded = true;
  return p;
}

void IndexWriter::drop_source_from_all(const std::string& key) {
  std::vector<std::pair<std::string, Location>> in_db;
  const std::string term = schema::source_term(key);
  for (unsigned s = 0; s < shards_.size(); ++s)
    for (auto it = shards_[s]->postlist_begin(term); it != shards_[s]->postlist_end(term); ++it) {
      Location at{s, *it};
      in_db.emplace_back(record(at).id, at);
    }
  for (const auto& [id, at] : in_db) load(id, at);
  // Posts it showed as a listing page carry no term for it: its state lists them.
  std::vector<std::string> listed;
  if (auto it = pending_states_.find(key); it != pending_states_.end()) {
    listed = it->second.listed;
  } else {
    std::string state = shards_[0]->get_metadata(std::string(schema::meta::kSourcePrefix) + key);
    if (!state.empty()) listed = decode_source_state(state).listed;
  }
  for (const auto& id : listed)
    if (!find_pending(id))
      if (Location at = find(schema::id_term(id))) load(id, at);
  for (const auto& id : listed) pending_by_source_[key].insert(id);
  if (auto it = pending_by_source_.find(key); it != pending_by_source_.end()) {
    for (const auto& id : it->second) {
      Pending* p = find_pending(id);
      if (!p) continue;
      bool own = std::any_of(p->doc.seen.begin(), p->doc.seen.end(), [&](const schema::Sighting& s) {
        return s.source == key && !s.listing;
      });
      if (own) p->terms_dirty = true;
      if (drop_source(p->doc, key)) {
        p->doc.best = withdrawn_sighting();
        stale_best_.insert(id);
      }
    }
    pending_by_source_.erase(it);
  }
}

bool IndexWriter::defer_sighting(const PostVersion& v) {
  if (!options_.fresh || !v.doc.best.listing || find_pending(v.doc.id)) return false;
  auto it = committed_.find(v.doc.id);
  if (it == committed_.end()) return false;
  const schema::Sighting& s = v.doc.best;
  const Committed& c = it->second;
  bool same = c.best.url == s.url && c.best.source == s.source;
  // Only a sighting that would not become the shown version waits.
  if (c.empty_body || same || better_sighting(s, c.best)) return false;
  deferred_[v.doc.id].emplace_back(s, v.doc.url);
  return true;
}

void IndexWriter::apply_deferred() {
  auto deferred = std::move(deferred_);
  deferred_.clear();
  for (auto& [id, sightings] : deferred) {
    Pending* p = find_pending(id);
    if (!p) {
      Location at = find(schema::id_term(id));
      if (!at) continue;
      p = &load(id, at);
    }
    pending_bytes_ -= std::min(pending_bytes_, p->bytes);
    // Sightings only: none of them beat the shown version when it was put off,
    // and in a fresh build the shown version only gets better.
    for (const auto& [s, url] : sightings) {
      add_sighting(p->doc, s);
      prefer_url(p->doc, url);
    }
    p->bytes = pending_size(p->doc);
    pending_bytes_ += p->bytes;
    maybe_flush();
  }
}

void IndexWriter::apply_version(PostVersion&& v, const std::string& key) {
  if (defer_sighting(v)) return;
  Pending* p = &target_for(v);
  if (p->doc.id.empty()) {  // a post new to the database
    p->doc = std::move(v.doc);
    p->text_dirty = true;
    p->unfinished = std::move(v.unfinished);
  } else {
    // The same post under another URL: keep the better URL as its identity.
    if (v.doc.id != p->doc.id && !v.doc.best.listing && preferred_url(v.doc.url, p->doc.url)) {
      std::string old_id = p->doc.id;
      Pending moved = std::move(*p);
      pending_.erase(old_id);
      p = &pending_[v.doc.id];
      *p = std::move(moved);
      p->doc.id = v.doc.id;
      p->doc.url = v.doc.url;
      p->text_dirty = true;  // the ID term changes
      if (stale_best_.erase(old_id)) stale_best_.insert(v.doc.id);
      for (auto& [src, ids] : pending_by_source_)
        if (ids.erase(old_id)) ids.insert(v.doc.id);
      for (auto& [u, id] : pending_by_url_)
        if (id == old_id) id = v.doc.id;
      for (auto& [f, id] : pending_by_fp_)
        if (id == old_id) id = v.doc.id;
      if (p->did) pending_by_did_[did_key(p->shard, p->did)] = v.doc.id;
      committed_.erase(old_id);
      if (auto put_off = deferred_.extract(old_id))
        for (auto& s : put_off.mapped()) deferred_[v.doc.id].push_back(std::move(s));
    }
    pending_bytes_ -= std::min(pending_bytes_, p->bytes);
    if (merge_version(p->doc, v.doc)) {
      p->text_dirty = true;
      p->unfinished = std::move(v.unfinished);
      stale_best_.erase(p->doc.id);
    }
  }
  if (!v.doc.best.listing) p->terms_dirty = true;
  const std::string& id = p->doc.id;
  p->bytes = pending_size(p->doc);
  pending_bytes_ += p->bytes;
  pending_by_url_[normalize_url(p->doc.url)] = id;
  for (const auto& s : p->doc.seen)
    if (!s.listing) pending_by_url_[normalize_url(s.url)] = id;
  if (!p->doc.fingerprint.empty()) pending_by_fp_[p->doc.fingerprint] = id;
  pending_by_source_[key].insert(id);
}

void IndexWriter::apply_redirect(const std::string& from, const std::string& to,
                                 const std::string& key, const std::string& captured) {
  std::string norm = normalize_url(to);
  Pending* p = nullptr;
  if (auto it = pending_by_url_.find(norm); it != pending_by_url_.end())
    p = find_pending(it->second);
  if (!p) {
    Location at = find(schema::url_term(norm));
    if (!at) return;  // a redirect to a page that holds no post
    p = &load(record(at).id, at);
  }
  // A URL that redirects to the post names it too, but never shows its text.
  schema::Sighting alias;
  alias.full = false;
  alias.listing = false;
  alias.length = 0;
  alias.url = from;
  alias.source = key;
  alias.captured = captured;
  merge_version(p->doc, [&] {
    schema::StoredDoc v;
    v.best = alias;
    return v;
  }());
  pending_by_url_[normalize_url(from)] = p->doc.id;
  pending_by_source_[key].insert(p->doc.id);
  p->terms_dirty = true;
}

void IndexWriter::apply(UnitResult&& r) {
  if (r.failed) {  // keep what the last good read gave
    open_units_.erase(r.key);
    unit_listed_.erase(r.key);
    return;
  }
  if (r.unchanged) {
    pending_states_[r.key] = SourceState{r.given, r.size, r.mtime_ns, r.hash, std::move(r.listed)};
    return;
  }
  if (open_units_.insert(r.key).second) drop_source_from_all(r.key);
  auto& listed = unit_listed_[r.key];
  for (auto& v : r.posts) {
    bool listing = v.doc.best.listing;
    std::string id = v.doc.id;
    apply_version(std::move(v), r.key);
    if (listing) listed.insert(id);
  }
  for (const auto& [from, to] : r.redirects) {
    if (pending_by_url_.count(normalize_url(to)) || find(schema::url_term(normalize_url(to))))
      apply_redirect(from, to, r.key, "");
    else
      unresolved_redirects_.push_back({from, to, r.key});
  }
  if (r.last) {
    open_units_.erase(r.key);
    SourceState state{r.given, r.size, r.mtime_ns, r.hash, {}};
    state.listed.assign(listed.begin(), listed.end());
    unit_listed_.erase(r.key);
    pending_states_[r.key] = std::move(state);
    removed_states_.erase(r.key);
  }
  maybe_flush();
}

void IndexWriter::remove_source(const std::string& key) {
  drop_source_from_all(key);
  pending_states_.erase(key);
  removed_states_.insert(key);
  maybe_flush();
}

void IndexWriter::maybe_flush() {
  bool over = pending_.size() >= options_.max_pending_docs ||
              pending_bytes_ >= options_.max_pending_bytes;
  // Commit only between whole units, so that every commit is a consistent
  // index; an archive that alone overflows memory four times over is the exception.
  bool hard = pending_.size() >= 4 * options_.max_pending_docs ||
              pending_bytes_ >= 4 * options_.max_pending_bytes;
  if ((over && open_units_.empty()) || hard) flush_and_commit();
}

Xapian::Document IndexWriter::build_document(Pending& p, Xapian::WritableDatabase& shard) {
  using schema::Facet;
  Xapian::Document d;
  if (p.text_dirty || p.did == 0) {
    thread_local Xapian::TermGenerator tg;
    schema::index_text(tg, d, p.doc.title, p.doc.body, p.doc.lang);
  } else {
    d = shard.get_document(p.did);
    if (!p.terms_dirty) {
      // Only its record changed (a listing page showed it): rewriting the data
      // alone leaves Xapian nothing to do with its terms.
      d.set_data(schema::encode_doc_data(p.doc));
      return d;
    }
    std::vector<std::string> old;
    for (auto t = d.termlist_begin(); t != d.termlist_end(); ++t)
      if (schema::is_boolean_term(*t)) old.push_back(*t);
    for (const auto& t : old) d.remove_term(t);
  }
  const schema::StoredDoc& doc = p.doc;
  d.add_boolean_term(schema::id_term(doc.id));
  if (!doc.type.empty()) d.add_boolean_term(schema::facet_term(Facet::kType, doc.type));
  for (const auto& m : doc.ministers) d.add_boolean_term(schema::facet_term(Facet::kMinister, m));
  for (const auto& o : doc.orgs) d.add_boolean_term(schema::facet_term(Facet::kOrg, o));
  for (const auto& t : doc.topics) d.add_boolean_term(schema::facet_term(Facet::kTopic, t));
  d.add_boolean_term(schema::facet_term(
      Facet::kYear, doc.date ? std::string_view(*doc.date).substr(0, 4) : schema::kUndatedYear));
  if (!doc.lang.empty()) d.add_boolean_term(schema::facet_term(Facet::kLang, doc.lang));
  d.add_boolean_term(schema::url_term(normalize_url(doc.url)));
  // Terms for the pages that are the post's own (its page, copies, redirects):
  // they find it again. A listing page names many posts; its state lists them.
  for (const auto& s : doc.seen) {
    if (s.listing) continue;
    d.add_boolean_term(schema::url_term(normalize_url(s.url)));
    d.add_boolean_term(schema::source_term(s.source));
  }
  if (!doc.fingerprint.empty()) d.add_boolean_term(schema::fingerprint_term(doc.fingerprint));
  d.add_value(schema::slot::kDate, doc.date ? schema::date_to_value(*doc.date) : std::string());
  d.add_value(schema::slot::kFacets, schema::pack_facets(doc));
  d.add_value(schema::slot::kFingerprint, doc.fingerprint.empty() ? doc.id : doc.fingerprint);
  d.add_value(schema::slot::kOldestFirst, schema::oldest_first_key(doc.date, doc.id));
  d.add_value(schema::slot::kNewestFirst, schema::newest_first_key(doc.date, doc.id));
  d.set_data(schema::encode_doc_data(doc));
  return d;
}

void IndexWriter::write_shard(unsigned s, const std::vector<Pending*>& writes,
                              const std::vector<Xapian::docid>& deletes) {
  Xapian::WritableDatabase& db = *shards_[s];
  for (Xapian::docid did : deletes) db.delete_document(did);
  for (Pending* p : writes) {
    Xapian::Document d = build_document(*p, db);
    if (p->did) {
      db.replace_document(p->did, d);
    } else {
      db.replace_document(schema::id_term(p->doc.id), d);
      if (options_.spelling)
        for (const auto& w : spelling_words(p->doc.title, p->doc.body)) db.add_spelling(w);
    }
  }
}

void IndexWriter::flush_and_commit() {
  const unsigned n = static_cast<unsigned>(shards_.size());
  std::vector<std::vector<Pending*>> writes(n);
  std::vector<std::vector<Xapian::docid>> deletes(n);
  for (auto& [id, p] : pending_) {
    if (p.doc.seen.empty()) {
      if (p.did) {
        deletes[p.shard].push_back(p.did);
        ++stats_.deleted;
      }
      continue;
    }
    if (p.doc.id.empty()) continue;
    if (p.unfinished && finisher_) {
      // The shown version came from a listing page: annotate and index it now.
      PostVersion v;
      v.doc = p.doc;
      v.unfinished = std::move(p.unfinished);
      finisher_(v);
      p.doc.date = v.doc.date;
      p.doc.type = v.doc.type;
      p.doc.lang = v.doc.lang;
      p.doc.ministers = std::move(v.doc.ministers);
      p.doc.orgs = std::move(v.doc.orgs);
      p.doc.topics = std::move(v.doc.topics);
      p.text_dirty = true;
    }
    unsigned target = shard_of(p.doc.id);
    if (p.did && p.shard != target) {
      // Its ID changed (the same post found under a better URL): it moves shard.
      p.text_dirty = true;
      deletes[p.shard].push_back(p.did);
      p.did = 0;
    }
    (p.did ? ++stats_.updated : ++stats_.added);
    writes[target].push_back(&p);
    if (options_.fresh) committed_[p.doc.id] = Committed{p.doc.best, p.doc.body.empty()};
  }

  // One thread per shard; shard 0, which holds the source states, commits last.
  std::vector<std::exception_ptr> errors(n);
  auto run = [&](unsigned s) {
    try {
      write_shard(s, writes[s], deletes[s]);
      if (s != 0) shards_[s]->commit();
    } catch (...) {
      errors[s] = std::current_exception();
    }
  };
  if (n == 1) {
    run(0);
  } else {
    std::vector<std::thread> threads;
    for (unsigned s = 1; s < n; ++s) threads.emplace_back(run, s);
    run(0);
    for (auto& t : threads) t.join();
  }
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
  Xapian::WritableDatabase& db0 = *shards_[0];
  for (const auto& [key, state] : pending_states_)
    db0.set_metadata(std::string(schema::meta::kSourcePrefix) + key, encode_source_state(state));
  for (const auto& key : removed_states_)
    db0.set_metadata(std::string(schema::meta::kSourcePrefix) + key, "");
  db0.set_metadata(std::string(schema::meta::kSchemaVersion),
                   std::string(schema::kSchemaVersionValue));
  db0.commit();
  ++stats_.commits;
  pending_.clear();
  pending_by_did_.clear();
  pending_by_url_.clear();
  pending_by_fp_.clear();
  pending_by_source_.clear();
  pending_states_.clear();
  removed_states_.clear();
  pending_bytes_ = 0;
}

void IndexWriter::finish() {
  auto redirects = std::move(unresolved_redirects_);
  unresolved_redirects_.clear();
  for (const auto& r : redirects) apply_redirect(r.from, r.to, r.key, "");
  open_units_.clear();
  unit_listed_.clear();
  apply_deferred();
  flush_and_commit();
}

std::set<std::string> IndexWriter::sources_to_refresh() const {
  std::set<std::string> out;
  for (const auto& id : stale_best_) {
    Location at = find(schema::id_term(id));
    if (!at) continue;
    auto doc = record(at);
    const schema::Sighting* best = nullptr;
    for (const auto& s : doc.seen)
      if (s.length > 0 && (!best || better_sighting(s, *best)))
        best = &s;
    if (best) out.insert(best->source);
  }
  return out;
}

}  // namespace dossier::indexer
