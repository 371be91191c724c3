// xapian_rate.cpp — the machine's limit for the indexing side, on the text
// Dossier extracted: the posts stored in a Dossier database are indexed again,
// three ways, each single-threaded:
//   termgen  the project's analyzer (schema::index_text: fold, stem, positions)
//            into a Xapian::Document, no database — the workers' share;
//   raw      a plain Xapian::TermGenerator (stemmer of the post's language, title
//            and body, positions) + add_document into a fresh database — raw
//            Xapian indexing of the extracted text, no annotation;
//   copy     Dossier's finished documents (terms, positions, values, data)
//            written with replace_document by their ID term into a fresh
//            database — the floor of the one writer thread's work.
// Posts are read from the database in batches outside the timed part. Commits
// every --commit-every documents (as build does) and at the end.
// Prints one JSON object.
//
//   xapian_rate --db DOSSIER_DB --scratch DIR [--max-docs N] [--commit-every N]
#include <stdlib.h>
#include <xapian.h>

#include <nlohmann/json.hpp>

#include "bench/bench_common.h"
#include "schema/analyzer.h"
#include "schema/schema.h"

using namespace dossier::bench;
namespace schema = dossier::schema;

namespace {

struct Post {
  std::string id, title, body, lang;
  Xapian::Document finished;  // a detached copy of the stored document (copy mode)
};

// A document that owns its terms, so that writing it reads nothing from the source.
Xapian::Document detached_copy(const Xapian::Document& d) {
  Xapian::Document c;
  c.set_data(d.get_data());
  for (auto v = d.values_begin(); v != d.values_end(); ++v) c.add_value(v.get_valueno(), *v);
  for (auto t = d.termlist_begin(); t != d.termlist_end(); ++t) {
    const std::string term = *t;
    Xapian::termcount wdf = t.get_wdf();
    bool positions = false;
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
      c.add_posting(term, *p, 0);
      positions = true;
    }
    if (positions)
      c.add_term(term, wdf);
    else if (wdf == 0)
      c.add_boolean_term(term);
    else
      c.add_term(term, wdf);
  }
  return c;
}

struct Totals {
  double wall = 0, cpu = 0;
  std::size_t docs = 0;
  std::uint64_t text_bytes = 0;
};

nlohmann::json report(const Totals& t) {
  return {{"docs", t.docs},
          {"cpu_seconds", t.cpu},
          {"wall_seconds", t.wall},
          {"docs_per_cpu_second", static_cast<double>(t.docs) / t.cpu},
          {"docs_per_wall_second", static_cast<double>(t.docs) / t.wall},
          {"text_mb_per_cpu_second", static_cast<double>(t.text_bytes) / 1e6 / t.cpu}};
}

std::uintmax_t folder_bytes(const std::filesystem::path& dir) {
  std::uintmax_t n = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
    if (e.is_regular_file()) n += e.file_size();
  return n;
}

}  // namespace

int main(int argc, char** argv) try {
  Args args(argc, argv, {"--db", "--scratch", "--max-docs", "--commit-every"});
  if (!args.has("--db") || !args.has("--scratch")) {
    std::cerr << "usage: xapian_rate --db DOSSIER_DB --scratch DIR [--max-docs N] "
                 "[--commit-every N]\n";
    return 2;
  }
  std::size_t max_docs = std::stoul(args.get("--max-docs", "0"));
  std::size_t commit_every = std::stoul(args.get("--commit-every", "20000"));
  const std::size_t kBatch = 2000;
  // As `build` does: we commit ourselves, Xapian does not flush in between.
  ::setenv("XAPIAN_FLUSH_THRESHOLD", "1000000", 1);

  Xapian::Database src(args.get("--db"));
  std::filesystem::path scratch(args.get("--scratch"));
  std::filesystem::remove_all(scratch);
  std::filesystem::create_directories(scratch);
  Xapian::WritableDatabase raw_db((scratch / "raw").string(), Xapian::DB_CREATE_OR_OVERWRITE);
  Xapian::WritableDatabase copy_db((scratch / "copy").string(), Xapian::DB_CREATE_OR_OVERWRITE);

  Totals termgen, raw, copy;
  Xapian::TermGenerator analyzer_tg, raw_tg;
  std::size_t terms_sink = 0;
  std::vector<Post> batch;

  auto run_batch = [&] {
    std::uint64_t text = 0;
    for (const auto& p : batch) text += p.title.size() + p.body.size();
    double w0 = wall_seconds(), c0 = thread_cpu_seconds();
    for (const auto& p : batch) {
      Xapian::Document d;
      schema::index_text(analyzer_tg, d, p.title, p.body, p.lang);
      terms_sink += d.termlist_count();
    }
    double w1 = wall_seconds(), c1 = thread_cpu_seconds();
    for (const auto& p : batch) {
      Xapian::Document d;
      raw_tg.set_stemmer(schema::stemmer_for(p.lang));
      raw_tg.set_document(d);
      raw_tg.index_text(p.title, 1, "S");
      raw_tg.index_text(p.title);
      raw_tg.increase_termpos();
      raw_tg.index_text(p.body);
      d.set_data(p.body);
      raw_db.add_document(d);
      if (++raw.docs % commit_every == 0) raw_db.commit();
    }
    double w2 = wall_seconds(), c2 = thread_cpu_seconds();
    for (const auto& p : batch) {
      copy_db.replace_document(schema::id_term(p.id), p.finished);
      if (++copy.docs % commit_every == 0) copy_db.commit();
    }
    double w3 = wall_seconds(), c3 = thread_cpu_seconds();
    termgen.docs += batch.size();
    termgen.wall += w1 - w0, termgen.cpu += c1 - c0;
    raw.wall += w2 - w1, raw.cpu += c2 - c1;
    copy.wall += w3 - w2, copy.cpu += c3 - c2;
    termgen.text_bytes += text, raw.text_bytes += text, copy.text_bytes += text;
    batch.clear();
  };

  std::size_t seen = 0;
  for (auto it = src.postlist_begin(""); it != src.postlist_end(""); ++it) {
    if (max_docs && seen >= max_docs) break;
    ++seen;
    Xapian::Document d = src.get_document(*it);
    schema::StoredDoc sd = schema::decode_doc_data(d.get_data());
    batch.push_back({sd.id, sd.title, sd.body, sd.lang, detached_copy(d)});
    if (batch.size() == kBatch) run_batch();
  }
  if (!batch.empty()) run_batch();
  {
    double w0 = wall_seconds(), c0 = thread_cpu_seconds();
    raw_db.commit();
    double w1 = wall_seconds(), c1 = thread_cpu_seconds();
    copy_db.commit();
    double w2 = wall_seconds(), c2 = thread_cpu_seconds();
    raw.wall += w1 - w0, raw.cpu += c1 - c0;
    copy.wall += w2 - w1, copy.cpu += c2 - c1;
  }
  raw_db.close();
  copy_db.close();

  nlohmann::json out = {{"docs", seen},
                        {"termgen", report(termgen)},
                        {"raw", report(raw)},
                        {"copy", report(copy)},
                        {"raw_db_bytes", folder_bytes(scratch / "raw")},
                        {"copy_db_bytes", folder_bytes(scratch / "copy")},
                        {"sink", terms_sink % 2}};
  std::filesystem::remove_all(scratch);
  std::cout << out.dump() << "\n";
  return 0;
} catch (const Xapian::Error& e) {
  std::cerr << "xapian_rate: " << e.get_description() << "\n";
  return 2;
} catch (const std::exception& e) {
  std::cerr << "xapian_rate: " << e.what() << "\n";
  return 2;
}
