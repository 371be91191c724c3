// commands.cpp — extract, stats and check (see commands.h).
#include "indexer/commands.h"

#include <xapian.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "indexer/dbdir.h"
#include "indexer/process.h"
#include "schema/gazetteer.h"
#include "schema/schema.h"

namespace fs = std::filesystem;

namespace dossier::indexer {

int run_extract(const ExtractCommand& cmd, std::ostream& out, std::ostream& err) {
  std::optional<schema::Gazetteers> gazetteers;
  try {
    gazetteers.emplace(schema::Gazetteers::load(
        cmd.data_dir.empty() ? schema::Gazetteers::default_dir() : cmd.data_dir));
  } catch (const std::exception& e) {
    err << "dossier-index: gazetteers: " << e.what() << "\n";
    return 2;
  }
  ProcessOptions popt;
  popt.base_url = cmd.base_url;
  UnitProcessor processor(*gazetteers, popt);
  int status = 0;
  for (const auto& file : cmd.files) {
    std::error_code ec;
    if (!fs::exists(file, ec)) {
      err << "dossier-index: " << file << ": no such file or directory\n";
      status = 1;
      continue;
    }
    auto on_error = [&](SourceError&& e) {
      err << "dossier-index: " << e.where << ": " << e.reason << "\n";
      status = 1;
    };
    walk_source(
        file,
        [&](SourceUnit&& unit) {
          processor.process(unit, "", [&](UnitResult&& r) {
            for (auto& e : r.errors) on_error(std::move(e));
            for (const auto& v : r.posts) {
              const auto& d = v.doc;
              nlohmann::json j = {
                  {"source", file},
                  {"url", d.url},
                  {"id", d.id},
                  {"title", d.title},
                  {"date", d.date ? nlohmann::json(*d.date) : nlohmann::json(nullptr)},
                  {"type", d.type},
                  {"lang", d.lang},
                  {"ministers", d.ministers},
                  {"orgs", d.orgs},
                  {"topics", d.topics},
                  {"body", d.body}};
              out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
            }
          });
        },
        on_error);
  }
  out.flush();
  return status;
}

namespace {

// Opens the database a reader would open: the stub in the folder, or a plain database.
Xapian::Database open_for_reading(const fs::path& db) {
  DatabaseDir dir(db);
  if (dir.exists()) return Xapian::Database(dir.stub_path().string(), Xapian::DB_BACKEND_STUB);
  return Xapian::Database(db.string());
}

}  // namespace

int run_stats(const fs::path& path, std::ostream& out, std::ostream& err) {
  try {
    Xapian::Database db = open_for_reading(path);
    using schema::Facet;
    nlohmann::json facets = nlohmann::json::object();
    std::map<std::string, std::map<std::string, std::size_t>> counts;
    for (auto f : schema::kAllFacets) counts[std::string(schema::facet_name(f))];  // every facet, even empty
    schema::for_each_facet_value(db, [&](Facet f, std::string value, Xapian::doccount n) {
      counts[std::string(schema::facet_name(f))][std::move(value)] = n;
    });
    std::size_t sources = 0;
    const std::string sp(schema::meta::kSourcePrefix);
    for (auto it = db.metadata_keys_begin(sp); it != db.metadata_keys_end(sp); ++it) ++sources;
    DatabaseDir dir(path);
    // One revision per shard (Xapian has none for several databases together).
    nlohmann::json revisions = nlohmann::json::object();
    for (const auto& live : dir.live_databases())
      revisions[live] = Xapian::Database((path / live).string()).get_revision();
    nlohmann::json j = {{"database", path.string()},
                        {"live", dir.live_databases()},
                        {"documents", db.get_doccount()},
                        {"revisions", revisions},
                        // The single database's revision (the first shard's when there are several).
                        {"revision", revisions.empty() ? nlohmann::json(nullptr) : revisions.begin().value()},
                        {"sources", sources},
                        {"terms_with_positions", db.has_positions()},
                        {"facets", counts}};
    out << j.dump(2) << "\n";
    return 0;
  } catch (const Xapian::Error& e) {
    err << "dossier-index: cannot open " << path.string() << ": " << e.get_description() << "\n";
    return 2;
  }
}

int run_check(const fs::path& path, std::ostream& out, std::ostream& err) {
  DatabaseDir dir(path);
  std::vector<std::string> dbs;
  if (dir.exists()) {
    for (const auto& d : dir.live_databases()) dbs.push_back((path / d).string());
    if (dbs.empty()) {
      err << "dossier-index: " << dir.stub_path().string() << ": names no database\n";
      return 2;
    }
  } else if (fs::exists(path / "iamglass")) {
    dbs.push_back(path.string());
  } else {
    err << "dossier-index: " << path.string() << ": not a Dossier database (no XAPIANDB)\n";
    return 2;
  }
  std::size_t problems = 0;
  for (const auto& d : dbs) {
    try {
      std::ostringstream detail;
      std::size_t errors = Xapian::Database::check(d, Xapian::DBCHECK_SHORT_TREE, &detail);
      if (errors) {
        err << "dossier-index: " << d << ": Xapian found " << errors << " errors\n" << detail.str();
        problems += errors;
      }
    } catch (const Xapian::Error& e) {
      err << "dossier-index: " << d << ": " << e.get_description() << "\n";
      return 2;
    }
  }
  try {
    Xapian::Database db = open_for_reading(path);
    std::set<std::string> ids;
    std::size_t docs = 0;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
      ++docs;
      Xapian::Document doc = db.get_document(*it);
      schema::StoredDoc d;
      try {
        d = schema::decode_doc_data(doc.get_data());
      } catch (const std::exception& e) {
        err << "dossier-index: document " << *it << ": " << e.what() << "\n";
        ++problems;
        continue;
      }
      if (!ids.insert(d.id).second) {
        err << "dossier-index: post " << d.id << " is stored twice\n";
        ++problems;
      }
      if (db.get_termfreq(schema::id_term(d.id)) != 1) {
        err << "dossier-index: post " << d.id << " has " << db.get_termfreq(schema::id_term(d.id))
            << " documents with its ID term\n";
        ++problems;
      }
      std::string type_term = schema::facet_term(schema::Facet::kType, d.type);
      auto t = doc.termlist_begin();
      t.skip_to(type_term);
      if (!d.type.empty() && (t == doc.termlist_end() || *t != type_term)) {
        err << "dossier-index: post " << d.id << " lacks its type term\n";
        ++problems;
      }
    }
    out << nlohmann::json{{"database", path.string()},
                          {"documents", docs},
                          {"problems", problems},
                          {"sound", problems == 0}}
               .dump()
        << "\n";
  } catch (const Xapian::Error& e) {
    err << "dossier-index: cannot read " << path.string() << ": " << e.get_description() << "\n";
    return 2;
  }
  return problems ? 1 : 0;
}

}  // namespace dossier::indexer
