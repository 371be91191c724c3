// fuzz_query.cpp — libFuzzer target for query understanding and search: what a
// user types (as dossier-searchd lets it through: valid UTF-8, at most 1,024
// bytes) is interpreted (QueryInterpreter::interpret), parsed
// (Searcher::text_query), run with facets and snippets (Searcher::search) and
// highlighted as /api/doc does, on a small in-memory database indexed from the
// bundled sample mirror at start-up.
#include <unicode/utf8.h>
#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "indexer/process.h"
#include "indexer/writer.h"
#include "schema/gazetteer.h"
#include "searchd/search.h"
#include "searchd/snippet.h"

using namespace dossier;

namespace {

struct World {
  schema::Gazetteers gazetteers = schema::Gazetteers::load(schema::Gazetteers::default_dir());
  std::unique_ptr<searchd::Searcher> searcher;
  Xapian::WritableDatabase writable{std::string(), Xapian::DB_BACKEND_INMEMORY};
  Xapian::Database db;
  std::string body;  // one post's text, for highlighting

  World() {
    searcher = std::make_unique<searchd::Searcher>(
        gazetteers, searchd::load_synonyms(gazetteers, schema::Gazetteers::default_dir().string()));
    indexer::UnitProcessor processor(gazetteers, indexer::ProcessOptions{});
    indexer::IndexWriter::Options options;
    options.spelling = false;  // the in-memory backend keeps no spelling data
    indexer::IndexWriter writer(writable, options);
    indexer::walk_source(
        std::string(DOSSIER_SOURCE_DIR) + "/corpus/mirror",
        [&](indexer::SourceUnit&& u) {
          processor.process(u, "", [&](indexer::UnitResult&& r) { writer.apply(std::move(r)); });
        },
        [](indexer::SourceError&&) {});
    writer.finish();
    db = writable;
    if (db.get_doccount() < 50) __builtin_trap();  // the sample mirror holds 56 posts
    for (auto it = db.postlist_begin(""); it != db.postlist_end("") && body.empty(); ++it)
      body = schema::decode_doc_data(db.get_document(*it).get_data()).body;
  }
};

World& world() {
  static World w;
  return w;
}

bool valid_utf8(const uint8_t* p, size_t size) {
  int32_t n = static_cast<int32_t>(size);
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  world();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The first byte: options; the rest: the query, as searchd's checks let it through.
  if (size == 0 || size > 1025) return 0;
  uint8_t flags = data[0];
  if (!valid_utf8(data + 1, size - 1)) return 0;
  World& w = world();
  std::string q(reinterpret_cast<const char*>(data) + 1, size - 1);

  searchd::Interpretation in = w.searcher->interpreter().interpret(q, flags & 1);
  Xapian::Query text = w.searcher->text_query(w.db, in);
  searchd::highlight_all(w.body, searchd::highlight_terms(text), in.lang);

  searchd::SearchRequest r;
  r.q = q;
  r.interpret = flags & 1;
  r.sort = static_cast<searchd::SortOrder>((flags >> 1) % 3);
  r.page = 1 + ((flags >> 3) & 3);
  r.per_page = 5;
  if (flags & 0x20) r.filters[schema::Facet::kType].push_back("letter");
  if (flags & 0x40) r.from = "2016-01-01";
  searchd::SearchResponse out = w.searcher->search(w.db, r);
  if (out.results.size() > r.per_page) __builtin_trap();
  return 0;
}
